//! What the link check kept of each page made from known inputs, saved for the next build:
//! a page the next build reuses unread still has its links checked and its ids linked to.
//!
//! One file, `links.bin`, with the writer's identity in its header and a checksum at its end;
//! a file that does not check out is ignored, and the pages it would have spared are made again.

use std::path::Path;

use super::bytes::{Corrupt, Read, Reader, Writer};
use super::key::Key;
use crate::linkcheck::{LinkRecords, PageLinks};

const MAGIC: &[u8; 16] = b"dossier-links-01";
const FILE: &str = "links.bin";

/// The records saved in the cache folder `dir`; none when there are none or they do not
/// check out.
pub fn read(dir: &Path, identity: &Key) -> LinkRecords {
    std::fs::read(dir.join(FILE))
        .ok()
        .and_then(|bytes| parse(&bytes, identity).ok())
        .unwrap_or_default()
}

/// Saves `records` in the cache folder `dir`, replacing the last ones.
pub fn write(dir: &Path, identity: &Key, records: &LinkRecords) -> std::io::Result<()> {
    super::store::create(dir)?;
    let mut sorted: Vec<(&String, &(u128, PageLinks))> = records.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    w.bytes.extend_from_slice(identity);
    w.size(sorted.len());
    for (path, (inputs, links)) in sorted {
        w.str(path);
        w.fixed(*inputs as u64);
        w.fixed((*inputs >> 64) as u64);
        w.size(links.links.len());
        for &(target, anchor) in &links.links {
            w.fixed(target);
            w.fixed(anchor);
        }
        w.size(links.escapes.len());
        for e in &links.escapes {
            w.str(e);
        }
        w.size(links.ids.len());
        for &id in &links.ids {
            w.fixed(id);
        }
    }
    let check = xxhash_rust::xxh3::xxh3_64(&w.bytes);
    w.fixed(check);
    let temp = dir.join(format!(".links.{}.tmp", std::process::id()));
    std::fs::write(&temp, &w.bytes)?;
    std::fs::rename(&temp, dir.join(FILE)).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

fn parse(bytes: &[u8], identity: &Key) -> Read<LinkRecords> {
    let body = bytes
        .len()
        .checked_sub(8)
        .ok_or(Corrupt("file too short"))?;
    if Reader::new(&bytes[body..]).fixed()? != xxhash_rust::xxh3::xxh3_64(&bytes[..body]) {
        return Err(Corrupt("file checksum"));
    }
    let mut r = Reader::new(&bytes[..body]);
    if r.take(MAGIC.len())? != MAGIC || r.take(32)? != identity {
        return Err(Corrupt("another version's file"));
    }
    let n = r.count()?;
    let mut out = LinkRecords::with_capacity(n);
    for _ in 0..n {
        let path = r.str()?.to_string();
        let inputs = u128::from(r.fixed()?) | (u128::from(r.fixed()?) << 64);
        let mut links = PageLinks::default();
        for _ in 0..r.count()? {
            links.links.push((r.fixed()?, r.fixed()?));
        }
        for _ in 0..r.count()? {
            links.escapes.push(r.str()?.into());
        }
        for _ in 0..r.count()? {
            links.ids.push(r.fixed()?);
        }
        out.insert(path, (inputs, links));
    }
    if !r.is_done() {
        return Err(Corrupt("bytes after the records"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_and_damage_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut records = LinkRecords::new();
        let links = PageLinks {
            links: vec![(1, 0), (2, 3)],
            escapes: vec!["../../x".into()],
            ids: vec![5, 9],
        };
        records.insert("a/b.html".into(), (u128::MAX - 7, links));
        records.insert("c.html".into(), (1, PageLinks::default()));
        write(dir.path(), &[3; 32], &records).unwrap();
        assert_eq!(read(dir.path(), &[3; 32]), records);
        assert!(read(dir.path(), &[4; 32]).is_empty(), "another version's");
        let bytes = std::fs::read(dir.path().join(FILE)).unwrap();
        for at in (0..bytes.len()).step_by(5) {
            let mut bad = bytes.clone();
            bad[at] ^= 0x10;
            assert!(parse(&bad, &[3; 32]).is_err(), "byte {at}");
        }
        for cut in 0..bytes.len() {
            assert!(parse(&bytes[..cut], &[3; 32]).is_err(), "cut at {cut}");
        }
    }
}
