//! Relative dates a build drops because the article gives nothing to resolve them against
//! ("last year" in an undated article): warnings for `check` and `extract`, at the date's line
//! and column, saying what to give.

use crate::annotate::dates::{DateResolver, Missing};
use crate::diagnostic::Diagnostic;
use crate::model::Article;
use crate::position::LineIndex;

/// One warning per relative date of `article` left unresolved, in source order; `field` says
/// how the user gives this article a publication date ("`published` in [articles.a] in
/// site.toml", "--published"). Files are named as the article names its source.
pub fn unresolved_dates(article: &Article, field: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let lines = LineIndex::new(&article.source);
    let mut resolver = DateResolver::with_mode(article.meta.published, article.meta.dates);
    for block in article.blocks.iter().filter(|b| b.is_annotated()) {
        let (text, map) = block.plain_text(&article.source);
        resolver.find(&text);
        for (range, lacks) in resolver.unresolved() {
            let Some(span) = crate::annotate::to_source(&map, range.clone()) else {
                continue;
            };
            let (line, col) = lines.line_col(&article.source, span.start);
            let why = match lacks {
                Missing::Anchor if article.meta.published.is_some() => format!(
                    "the article's publication date is too coarse for it and no earlier date is fine enough; give it {field} with a month or day"
                ),
                Missing::Anchor => format!(
                    "the article has no publication date and no earlier date; give it {field}"
                ),
                Missing::PublicationDay => format!(
                    "it needs the day the article was published; give it {field} as a full date (YYYY-MM-DD)"
                ),
                Missing::EarlierDate => {
                    "it counts from an earlier date in the text, and none comes before it at a fine enough precision; give the date it counts from in the text".to_string()
                }
            };
            out.push(
                Diagnostic::warning(
                    Some(article.source_path.clone()),
                    format!(
                        "date {:?} could not be resolved: {why}",
                        &article.source[span]
                    ),
                )
                .at(line, Some(col)),
            );
        }
    }
    out
}
