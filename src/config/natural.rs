//! Configuration, natural values: metadata written the way people write it is accepted, and a
//! value of the wrong shape gets a message that says what to write instead.
//!
//! `published = 2024-12-12` is a TOML date, `published: 2024` a YAML number and
//! `title: 1984` a YAML number too: all three mean the text they spell, so they are read as
//! that text (the date is then checked like a quoted one). A list key given one string
//! (`aliases = "EU"`) is refused with the list to write (`aliases = ["EU"]`); the TOML or YAML
//! reader adds the line and column.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// The key TOML gives a date or time value when it is read through serde.
const TOML_DATETIME: &str = "$__toml_private_datetime";

/// A scalar as its text: a string, a number, a boolean, or (for `published`) a TOML date.
struct Text {
    expecting: &'static str,
    dates: bool,
}

impl<'de> Visitor<'de> for Text {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        if self.dates {
            return Err(E::invalid_type(de::Unexpected::Float(v), &self));
        }
        Ok(v.to_string())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        if self.dates {
            return Err(E::invalid_type(de::Unexpected::Bool(v), &self));
        }
        Ok(v.to_string())
    }

    /// A TOML date (`2024-12-12`) or date-time: its date part, which is what `published` keeps.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        let key: Option<String> = map.next_key()?;
        if self.dates && key.as_deref() == Some(TOML_DATETIME) {
            let value: String = map.next_value()?;
            let date = value.split(['T', 't', ' ']).next().unwrap_or(&value);
            return Ok(date.to_string());
        }
        Err(de::Error::invalid_type(de::Unexpected::Map, &self))
    }
}

fn text<'de, D: Deserializer<'de>>(d: D, text: Text) -> Result<Option<String>, D::Error> {
    d.deserialize_any(text).map(Some)
}

/// An optional text field (`title`, `outlet`, …): any scalar, as its text.
pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let expecting = "text (a string)";
    text(
        d,
        Text {
            expecting,
            dates: false,
        },
    )
}

/// `published`: a string, a year as a number, or a TOML date.
pub fn published<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let expecting = "a date: YYYY, YYYY-MM or YYYY-MM-DD (2024-12-12)";
    text(
        d,
        Text {
            expecting,
            dates: true,
        },
    )
}

/// A list of strings that refuses a lone string with the list to write.
struct List {
    key: &'static str,
}

impl<'de> Visitor<'de> for List {
    type Value = Vec<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of strings, as in {} = [\"…\", \"…\"]", self.key)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element::<String>()? {
            out.push(item);
        }
        Ok(out)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
        Err(E::custom(format!(
            "{key} is a list, even of one: write {key} = [{v:?}] instead of {key} = {v:?}",
            key = self.key
        )))
    }
}

fn list<'de, D: Deserializer<'de>>(d: D, key: &'static str) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(List { key })
}

/// `aliases`: see [`List`].
pub fn aliases<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    list(d, "aliases")
}

/// `metonyms`: see [`List`].
pub fn metonyms<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    list(d, "metonyms")
}

/// `exclude`: see [`List`].
pub fn exclude<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    list(d, "exclude")
}

/// `members`: see [`List`].
pub fn members<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    list(d, "members")
}

#[cfg(test)]
mod tests {
    use crate::config::parse;

    const ACTOR: &str = "title = \"T\"\n[[actors]]\nid = \"eu\"\nname = \"European Union\"\n";

    #[test]
    fn an_unquoted_toml_date_is_a_published_date() {
        let c = parse("title = \"T\"\n[articles.a]\npublished = 2024-12-12\n").unwrap();
        assert_eq!(c.articles["a"].published.as_deref(), Some("2024-12-12"));
        let c = parse("title = \"T\"\n[articles.a]\npublished = 2024-12-12T08:30:00Z\n").unwrap();
        assert_eq!(c.articles["a"].published.as_deref(), Some("2024-12-12"));
        let c = parse("title = \"T\"\n[articles.a]\npublished = 2024\n").unwrap();
        assert_eq!(c.articles["a"].published.as_deref(), Some("2024"));
    }

    #[test]
    fn a_published_time_without_a_date_is_refused() {
        let err = parse("title = \"T\"\n[articles.a]\npublished = 08:30:00\n").unwrap_err();
        assert!(err.to_string().contains("not a date"), "{err}");
        let err = parse("title = \"T\"\n[articles.a]\npublished = true\n").unwrap_err();
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
    }

    #[test]
    fn a_lone_alias_says_to_write_a_list() {
        let err = parse(&format!("{ACTOR}aliases = \"EU\"\n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains(r#"write aliases = ["EU"]"#), "{err}");
        assert!(err.contains("line 5"), "{err}");
        let err = parse(&format!("{ACTOR}exclude = \"EU rules\"\n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains(r#"write exclude = ["EU rules"]"#), "{err}");
        let c = parse(&format!("{ACTOR}aliases = [\"EU\"]\n")).unwrap();
        assert_eq!(c.actors[0].aliases, ["EU"]);
    }

    #[test]
    fn numbers_in_text_fields_are_their_text() {
        let c = parse("title = \"T\"\n[articles.a]\ntitle = 1984\n").unwrap();
        assert_eq!(c.articles["a"].title.as_deref(), Some("1984"));
        assert!(parse("title = \"T\"\n[articles.a]\ntitle = [\"a\"]\n").is_err());
    }
}
