//! Low layer, output: what the emit stages hand their files to. A [`Sink`] takes each file as
//! it is made, from any thread: [`Pages`] in memory (`check`, `serve`, tests), or the build's
//! staging folder ([`crate::write::Staging`]), so a 10,000-article site never has to sit in
//! memory whole.

use std::collections::BTreeMap;

use std::io::Write;

use anyhow::{Context, Result};

/// Output path → file bytes, sorted: a whole site in memory (tests, `check`).
pub type Pages = BTreeMap<String, Vec<u8>>;

/// A digest of everything one output file is made from (see `render::deps`): two files made
/// from equal inputs have equal bytes, so a sink that still has the last build's copy can keep
/// it instead of the file being made again.
pub type Inputs = u128;

/// Where rendered files go as they are made, from any thread: a map in memory, or the build's
/// staging folder, so a 10,000-article site never has to sit in memory whole.
pub trait Sink: Sync {
    /// Takes one output file.
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<()>;

    /// Takes one output file written by `fill`, for files too big to hold in memory (the
    /// JSON export); a sink in memory collects the bytes and [`Sink::put`]s them.
    fn put_streamed(
        &self,
        path: String,
        fill: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let mut bytes = Vec::new();
        fill(&mut bytes).with_context(|| format!("cannot write {path}"))?;
        self.put(path, bytes)
    }

    /// Takes one output file made from `inputs`, which a sink that keeps files between builds
    /// remembers for [`Sink::reuse`].
    fn put_made_from(&self, path: String, bytes: Vec<u8>, inputs: Inputs) -> Result<()> {
        let _ = inputs;
        self.put(path, bytes)
    }

    /// Keeps the last build's file at `path` if it was made from the same `inputs`, and says
    /// so with its size: the caller then need not make it. A sink that keeps nothing says no.
    fn reuse(&self, path: &str, inputs: Inputs) -> Result<Option<u64>> {
        let _ = (path, inputs);
        Ok(None)
    }
}

impl Sink for std::sync::Mutex<Pages> {
    fn put(&self, path: String, mut bytes: Vec<u8>) -> Result<()> {
        // Pages are rendered into roomy buffers; kept, they keep only their bytes.
        bytes.shrink_to_fit();
        self.lock()
            .map_err(|_| anyhow::anyhow!("a rendering thread failed"))?
            .insert(path, bytes);
        Ok(())
    }
}
