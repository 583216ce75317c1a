//! The cache's byte-level encoding: LEB128 integers and length-prefixed strings, read back
//! through a cursor that refuses to read past the end or to trust a length it cannot hold.
//!
//! A cache file may be truncated, corrupted or written by another version, so every read can
//! fail, and a length is checked against the bytes left before anything is allocated for it.

use std::fmt;

/// Why a cache entry could not be read: it is then analysed afresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrupt(pub &'static str);

impl fmt::Display for Corrupt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "corrupt cache entry: {}", self.0)
    }
}

impl std::error::Error for Corrupt {}

/// What every decoding step returns.
pub type Read<T> = Result<T, Corrupt>;

/// Appends values to a byte buffer.
#[derive(Default)]
pub struct Writer {
    /// The bytes written so far.
    pub bytes: Vec<u8>,
}

impl Writer {
    /// An unsigned integer, seven bits per byte (small numbers take one byte).
    pub fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.bytes.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.bytes.push(v as u8);
    }

    /// A `usize`, as [`Writer::uint`].
    pub fn size(&mut self, v: usize) {
        self.uint(v as u64);
    }

    /// A signed integer, zigzag-encoded so small negative numbers stay short.
    pub fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }

    /// One byte.
    pub fn byte(&mut self, b: u8) {
        self.bytes.push(b);
    }

    /// A boolean, as one byte.
    pub fn flag(&mut self, b: bool) {
        self.bytes.push(u8::from(b));
    }

    /// A fixed-width little-endian `u64` (hashes, which varints would only lengthen).
    pub fn fixed(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// A string: its length, then its bytes.
    pub fn str(&mut self, s: &str) {
        self.size(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }
}

/// Reads values back from a byte slice, in the order a [`Writer`] wrote them.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    /// Whether every byte has been read.
    pub fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    /// Bytes not read yet.
    pub fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    /// See [`Writer::uint`].
    pub fn uint(&mut self) -> Read<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = *self
                .bytes
                .get(self.at)
                .ok_or(Corrupt("truncated integer"))?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Corrupt("integer too long"))
    }

    /// See [`Writer::size`].
    pub fn size(&mut self) -> Read<usize> {
        usize::try_from(self.uint()?).map_err(|_| Corrupt("size too large"))
    }

    /// A count of items that each take at least one byte: never more than the bytes left, so
    /// a corrupted count cannot make the reader allocate more than the file holds.
    pub fn count(&mut self) -> Read<usize> {
        let n = self.size()?;
        if n > self.left() {
            return Err(Corrupt("count larger than the entry"));
        }
        Ok(n)
    }

    /// An index that must be below `limit`.
    pub fn index(&mut self, limit: usize) -> Read<usize> {
        let i = self.size()?;
        if i >= limit {
            return Err(Corrupt("index out of range"));
        }
        Ok(i)
    }

    /// See [`Writer::int`].
    pub fn int(&mut self) -> Read<i64> {
        let v = self.uint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    /// See [`Writer::byte`].
    pub fn byte(&mut self) -> Read<u8> {
        let b = *self.bytes.get(self.at).ok_or(Corrupt("truncated"))?;
        self.at += 1;
        Ok(b)
    }

    /// See [`Writer::flag`].
    pub fn flag(&mut self) -> Read<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Corrupt("bad boolean")),
        }
    }

    /// See [`Writer::fixed`].
    pub fn fixed(&mut self) -> Read<u64> {
        let raw = self.take(8)?;
        let mut b = [0u8; 8];
        b.copy_from_slice(raw);
        Ok(u64::from_le_bytes(b))
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Read<&'a [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(Corrupt("truncated"))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    /// See [`Writer::str`].
    pub fn str(&mut self) -> Read<&'a str> {
        let n = self.size()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| Corrupt("string is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_in_order() {
        let mut w = Writer::default();
        for v in [0, 1, 127, 128, 300, u64::MAX] {
            w.uint(v);
        }
        for v in [0, -1, 1, i64::MIN, i64::MAX] {
            w.int(v);
        }
        w.str("héllo");
        w.flag(true);
        w.fixed(0x0102_0304_0506_0708);
        let mut r = Reader::new(&w.bytes);
        for v in [0, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(r.uint().unwrap(), v);
        }
        for v in [0, -1, 1, i64::MIN, i64::MAX] {
            assert_eq!(r.int().unwrap(), v);
        }
        assert_eq!(r.str().unwrap(), "héllo");
        assert!(r.flag().unwrap());
        assert_eq!(r.fixed().unwrap(), 0x0102_0304_0506_0708);
        assert!(r.is_done());
    }

    #[test]
    fn truncation_and_bad_lengths_are_errors_not_panics() {
        let mut w = Writer::default();
        w.str("a long enough string");
        for cut in 0..w.bytes.len() {
            assert!(Reader::new(&w.bytes[..cut]).str().is_err(), "cut at {cut}");
        }
        // A count claiming more items than there are bytes.
        let mut w = Writer::default();
        w.uint(1 << 40);
        assert!(Reader::new(&w.bytes).count().is_err());
        // Ten continuation bytes: no integer is that long.
        assert!(Reader::new(&[0xff; 11]).uint().is_err());
        assert!(Reader::new(&[2]).flag().is_err());
        assert!(Reader::new(&[1, 0xff]).str().is_err(), "not UTF-8");
        let mut w = Writer::default();
        w.size(5);
        assert!(Reader::new(&w.bytes).index(5).is_err());
    }
}
