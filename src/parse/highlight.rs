//! Parse stage, code: which languages a code block may name. Highlighting itself is done at
//! render time (`render::highlight`), from the [`SYNTAXES`] found here.
//!
//! Syntaxes load lazily, only when a build meets its first code block, so corpora without
//! code pay nothing.

use std::sync::LazyLock;

use syntect::parsing::{SyntaxReference, SyntaxSet};

/// The syntaxes syntect ships, loaded on first use.
pub static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// The language a fence's info string names: its first word (`rust` of `rust,ignore`).
pub fn language(info: &str) -> &str {
    info.split([',', ' ']).next().unwrap_or("").trim()
}

/// The syntax of `lang` (from [`language`]), or `None` when it is empty or unknown.
pub fn syntax(lang: &str) -> Option<&'static SyntaxReference> {
    match lang.is_empty() {
        true => None,
        false => SYNTAXES.find_syntax_by_token(lang),
    }
}

/// The warning for a code block whose fence names a language no syntax knows (it is shown as
/// plain text); `None` for a known language or none.
pub fn unknown_language(info: &str) -> Option<String> {
    let lang = language(info);
    (!lang.is_empty() && syntax(lang).is_none())
        .then(|| format!("unknown code language {lang:?}; shown as plain text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fence_names_its_first_word() {
        assert_eq!(language("rust,ignore"), "rust");
        assert_eq!(language(" python extra"), "");
        assert!(syntax("rust").is_some());
        assert!(syntax("").is_none());
    }

    #[test]
    fn only_an_unknown_language_is_warned_about() {
        assert!(unknown_language("rust").is_none());
        assert!(unknown_language("").is_none());
        assert!(unknown_language("klingon").unwrap().contains("klingon"));
    }
}
