//! The export's mention records, written without serde: 1.75 million of them at 10,000
//! articles, where serde_json's byte-by-byte string escaping was a fifth of the export's CPU.
//! The bytes are exactly serde_json's (a property test compares the two), so the export
//! reads the same to any tool. The same record is a line of a `mentions-NNN.jsonl.gz` part
//! (without `id`, which is `article:start`) and an item of `annotations.json`'s `mentions`.

use serde::Serialize;

/// One mention as the export lists it; the field order is the JSON's.
#[derive(Serialize)]
pub(super) struct MentionRecord<'a> {
    /// `<article>:<byte start>`: unique per mention kind, and what `events` refer to; left out
    /// of the parts' lines, where it is `article` and `start` joined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) id: Option<String>,
    pub(super) article: &'a str,
    pub(super) kind: &'static str,
    pub(super) text: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) value: Option<String>,
    /// TIMEX3 type of a temporal mention: `date`, `time`, `duration` or `set`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub(super) timex_type: Option<&'static str>,
    /// TIMEX3 `mod` ("START", "END", "APPROX"…), when a position or hedge word gives one.
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub(super) modifier: Option<&'static str>,
    /// What a date's value was completed from: `text` (stated in full), `published` (the
    /// publication date) or `previous` (the last date the article gave before it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) resolved: Option<&'static str>,
    /// For `resolved: previous`, the id of the date mention it was completed from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) anchor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) actor: Option<&'a str>,
    /// Entity id, for `entity` mentions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) entity: Option<&'a str>,
    /// `person`, `organisation`, `place` or `entity`, for `entity` mentions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) entity_kind: Option<&'static str>,
    /// What showed an `entity` mention to be a name of its kind: `cue`, `gazetteer`,
    /// `acronym`, `propagation`, `corpus` or `shape`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) evidence: Option<&'static str>,
    /// The title or role inside an `entity` mention's span, before the name ("Gen.").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) title: Option<&'a str>,
    /// Entity or actor id of who said it, for `quote` mentions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) speaker: Option<&'a str>,
    /// The paragraph's anchor on the article page; in `annotations.json` only, since in the
    /// parts the mention's sentence line says it (stored once).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) paragraph: Option<&'a str>,
    /// Index of its sentence in the article's sentence table (`sentences-NNN.jsonl.gz`).
    pub(super) sentence: usize,
}

/// The TIMEX3 fields of a temporal mention's record, `None` for other mentions.
#[derive(Default)]
pub(super) struct TimexFields {
    pub(super) timex_type: Option<&'static str>,
    pub(super) modifier: Option<&'static str>,
    pub(super) resolved: Option<&'static str>,
    /// The source byte start of the date mention a `previous` date was completed from.
    pub(super) anchor: Option<usize>,
}

impl TimexFields {
    /// The fields of a mention of this kind: a date with a part of the day is a `time`.
    pub(super) fn of(kind: &crate::model::MentionKind) -> TimexFields {
        use crate::annotate::dates::Resolution;
        use crate::model::MentionKind;
        match kind {
            MentionKind::Date {
                timex,
                resolution,
                modifier,
                anchor,
            } => TimexFields {
                timex_type: Some(match timex.part() {
                    crate::time::Part::DayPart(_) => "time",
                    _ => "date",
                }),
                modifier: *modifier,
                resolved: Some(match resolution {
                    Resolution::Explicit => "text",
                    Resolution::PublicationDate => "published",
                    Resolution::PreviousDate => "previous",
                }),
                anchor: *anchor,
            },
            MentionKind::Duration(_) => TimexFields {
                timex_type: Some("duration"),
                ..TimexFields::default()
            },
            MentionKind::Vague(_) => TimexFields {
                timex_type: Some("date"),
                ..TimexFields::default()
            },
            MentionKind::Set(_) => TimexFields {
                timex_type: Some("set"),
                ..TimexFields::default()
            },
            MentionKind::Actor(_) => TimexFields::default(),
        }
    }
}

impl MentionRecord<'_> {
    /// Appends the record as compact JSON, byte for byte what `serde_json::to_writer` writes.
    pub(super) fn write_json(&self, out: &mut Vec<u8>) {
        match &self.id {
            Some(id) => {
                out.extend_from_slice(b"{\"id\":");
                string(out, id);
                out.extend_from_slice(b",\"article\":");
            }
            None => out.extend_from_slice(b"{\"article\":"),
        }
        string(out, self.article);
        out.extend_from_slice(b",\"kind\":");
        string(out, self.kind);
        out.extend_from_slice(b",\"text\":");
        string(out, self.text);
        out.extend_from_slice(b",\"start\":");
        number(out, self.start);
        out.extend_from_slice(b",\"end\":");
        number(out, self.end);
        let optional = [
            ("value", self.value.as_deref()),
            ("type", self.timex_type),
            ("mod", self.modifier),
            ("resolved", self.resolved),
            ("anchor", self.anchor.as_deref()),
            ("actor", self.actor),
            ("entity", self.entity),
            ("entity_kind", self.entity_kind),
            ("evidence", self.evidence),
            ("title", self.title),
            ("speaker", self.speaker),
        ];
        for (name, value) in optional {
            if let Some(value) = value {
                out.extend_from_slice(b",\"");
                out.extend_from_slice(name.as_bytes());
                out.extend_from_slice(b"\":");
                string(out, value);
            }
        }
        if let Some(paragraph) = self.paragraph {
            out.extend_from_slice(b",\"paragraph\":");
            string(out, paragraph);
        }
        out.extend_from_slice(b",\"sentence\":");
        number(out, self.sentence);
        out.push(b'}');
    }
}

pub(super) fn number(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// `text` as a JSON string, escaped as serde_json escapes: `"` and `\\`, the short forms
/// `\b \f \n \r \t`, other control characters as `\u00xx`; nothing else.
pub(super) fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    while let Some(i) = crate::chars::find_byte(bytes, copied, needs_escape) {
        out.extend_from_slice(&bytes[copied..i]);
        match bytes[i] {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\x08' => out.extend_from_slice(b"\\b"),
            b'\x0C' => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            c => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(c >> 4)]);
                out.push(HEX[usize::from(c & 0xF)]);
            }
        }
        copied = i + 1;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// Written with non-short-circuit operators for [`crate::chars::find_byte`].
fn needs_escape(b: u8) -> bool {
    (b < 0x20) | (b == b'"') | (b == b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn record<'a>(texts: &'a [String; 4], optional: &'a [Option<String>; 3]) -> MentionRecord<'a> {
        MentionRecord {
            id: optional[1].as_ref().map(|_| texts[0].clone()),
            article: &texts[1],
            kind: "date",
            text: &texts[2],
            start: texts[2].len() * 977,
            end: usize::MAX - texts[3].len(),
            value: optional[0].clone(),
            timex_type: optional[0].as_ref().map(|_| "date"),
            modifier: optional[1].as_ref().map(|_| "START"),
            resolved: optional[2].as_ref().map(|_| "published"),
            anchor: optional[2].clone(),
            actor: optional[1].as_deref(),
            entity: optional[2].as_deref(),
            entity_kind: optional[2].as_ref().map(|_| "person"),
            evidence: optional[0].as_ref().map(|_| "cue"),
            title: optional[0].as_deref(),
            speaker: optional[1].as_ref().and(optional[2].as_deref()),
            paragraph: optional[0].as_ref().map(|_| texts[0].as_str()),
            sentence: texts[3].len() * 31,
        }
    }

    /// Text with every kind of character the escaping treats apart, long enough to fill
    /// several of the scan's blocks.
    const TEXT: &str = "[a-z \"\\\\/\u{0}-\u{1f}\u{7f}é’😀]{0,60}";

    proptest! {
        #[test]
        fn written_exactly_as_serde_json_writes(
            texts in [TEXT, TEXT, TEXT, TEXT],
            optional in [
                proptest::option::of(TEXT),
                proptest::option::of(TEXT),
                proptest::option::of(TEXT),
            ],
        ) {
            let record = record(&texts, &optional);
            let mut ours = Vec::new();
            record.write_json(&mut ours);
            prop_assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(&record).unwrap()
            );
        }
    }
}
