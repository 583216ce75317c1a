//! A word's key (lowercase, periods removed) stored inside its token: keys of up to
//! [`INLINE`] bytes, nearly every word, sit in the token itself, and the rare longer ones are
//! interned once per process. A token then owns no heap memory, so a paragraph's tokens are
//! one flat allocation that is built, read and dropped without touching anything else.

use std::fmt;
use std::ops::Deref;
use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashMap;

/// The longest key kept inside the token.
pub const INLINE: usize = 14;

/// The length byte of an interned key: its id and length are in the bytes instead.
const LONG: u8 = u8::MAX;

/// A word's key. Bytes after an inline key are zero, and an interned key is written once, so
/// two keys are equal exactly when their bytes are.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    bytes: [u8; INLINE],
    len: u8,
}

/// Keys too long for a token, each stored once for the life of the process.
#[derive(Default)]
struct Interned {
    ids: FxHashMap<&'static str, u32>,
    keys: Vec<&'static str>,
}

fn interned() -> &'static Mutex<Interned> {
    static INTERNED: OnceLock<Mutex<Interned>> = OnceLock::new();
    INTERNED.get_or_init(Default::default)
}

impl Key {
    /// The key `key` (already lowercase, no periods).
    pub fn new(key: &str) -> Key {
        let b = key.as_bytes();
        if b.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..b.len()].copy_from_slice(b);
            return Key::inline(bytes, b.len());
        }
        Key::long(key)
    }

    /// An inline key of `len` bytes, given its bytes zero-padded: the tokenizer lowercases
    /// words straight into such a buffer. The bytes must be a whole `str`.
    #[inline]
    pub fn inline(bytes: [u8; INLINE], len: usize) -> Key {
        debug_assert!(len <= INLINE && std::str::from_utf8(&bytes[..len]).is_ok());
        debug_assert!(bytes[len..].iter().all(|&b| b == 0));
        Key {
            bytes,
            len: len as u8,
        }
    }

    /// An inline key of `len` bytes given as two little-endian numbers, its first eight
    /// bytes and the next ones, zero after the key: the tokenizer lowercases a word into
    /// these as it reads it. The bytes must be a whole `str`.
    #[inline]
    pub fn from_words(words: [u64; 2], len: usize) -> Key {
        let mut bytes = [0u8; INLINE];
        bytes[..8].copy_from_slice(&words[0].to_le_bytes());
        bytes[8..].copy_from_slice(&words[1].to_le_bytes()[..INLINE - 8]);
        Key::inline(bytes, len)
    }

    /// An interned key: its id in the first four bytes, its length in the next four.
    #[cold]
    fn long(key: &str) -> Key {
        let mut table = interned().lock().unwrap_or_else(|e| e.into_inner());
        let id = match table.ids.get(key) {
            Some(&id) => id,
            None => {
                let stored: &'static str = Box::leak(key.into());
                let id = table.keys.len() as u32;
                table.keys.push(stored);
                table.ids.insert(stored, id);
                id
            }
        };
        let mut bytes = [0u8; INLINE];
        bytes[..4].copy_from_slice(&id.to_le_bytes());
        bytes[4..8].copy_from_slice(&(key.len() as u32).to_le_bytes());
        Key { bytes, len: LONG }
    }

    /// The key as a string.
    #[inline]
    pub fn as_str(&self) -> &str {
        if self.len == LONG {
            return self.long_str();
        }
        let b = &self.bytes[..usize::from(self.len)];
        // SAFETY: inline bytes are always copied from a whole `str` or are ASCII
        // ([`Key::new`], [`Key::inline`]).
        unsafe { std::str::from_utf8_unchecked(b) }
    }

    #[cold]
    fn long_str(&self) -> &'static str {
        let id = u32::from_le_bytes([self.bytes[0], self.bytes[1], self.bytes[2], self.bytes[3]]);
        let table = interned().lock().unwrap_or_else(|e| e.into_inner());
        table.keys[id as usize]
    }

    /// The key's length in bytes, without a look at the interned keys.
    #[inline]
    pub fn len(&self) -> usize {
        if self.len == LONG {
            let b = &self.bytes;
            return u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
        }
        usize::from(self.len)
    }

    /// Whether the key is empty (no token has such a key).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// A key of up to eight bytes packed into a number, zero bytes after it, as the word
    /// classes look short words up ([`super::words::classes_packed`]).
    #[inline]
    pub fn packed(&self) -> Option<u64> {
        if self.len > 8 {
            return None;
        }
        let mut b = [0u8; 8];
        b.copy_from_slice(&self.bytes[..8]);
        Some(u64::from_le_bytes(b))
    }
}

impl Deref for Key {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_keys_read_back_and_compare_by_value() {
        let long = "counterterrorism-related";
        for k in ["", "a", "the", "mosul", "administration", long, "é-ü"] {
            let key = Key::new(k);
            assert_eq!(key, k);
            assert_eq!(key.len(), k.len());
            assert_eq!(key, Key::new(k));
            assert_eq!(format!("{key}"), k);
        }
        assert_ne!(Key::new(long), Key::new("counterterrorism-relates"));
        assert_ne!(Key::new("abc"), Key::new("abd"));
        assert_eq!(
            Key::new("of").packed(),
            Some(u64::from_le_bytes(*b"of\0\0\0\0\0\0"))
        );
        assert_eq!(Key::new("ministers").packed(), None);
        let words = [
            u64::from_le_bytes(*b"administ"),
            u64::from_le_bytes(*b"ration\0\0"),
        ];
        assert_eq!(Key::from_words(words, 14), "administration");
    }
}
