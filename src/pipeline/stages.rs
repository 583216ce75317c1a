//! Pipeline, stage timing: wall time, CPU time and memory after each stage, for
//! `dossier build -v` and profiling.

use std::time::{Duration, Instant};

/// Wall time per pipeline stage, in order, for `dossier build -v` and profiling.
#[derive(Debug, Default, Clone)]
pub struct Stages {
    /// Stage name and its wall time.
    pub times: Vec<(&'static str, Duration)>,
    /// Peak resident memory so far at the end of each stage, in kB (Linux only; 0 elsewhere):
    /// which stage sets the build's peak is what memory work needs to know first.
    pub peak_kb: Vec<u64>,
    /// Resident memory at the end of each stage, in kB: set against the peak, it tells what a
    /// stage keeps from what it only needed while it ran.
    pub now_kb: Vec<u64>,
    /// CPU time (user, system) the process spent in each stage: against the wall time it says
    /// how well a stage uses the cores, and how much of it is the kernel writing files.
    pub cpu: Vec<(Duration, Duration)>,
    last: Option<Instant>,
    last_cpu: (Duration, Duration),
}

impl Stages {
    /// Starts the clock of the first stage.
    pub fn start(&mut self) {
        self.last = Some(Instant::now());
        self.last_cpu = cpu_time();
    }

    /// Ends the running stage under `name` and starts the next.
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        let cpu = cpu_time();
        if let Some(last) = self.last {
            self.times.push((name, now - last));
            self.peak_kb.push(rss_kb("VmHWM:"));
            self.now_kb.push(rss_kb("VmRSS:"));
            self.cpu.push((
                cpu.0.saturating_sub(self.last_cpu.0),
                cpu.1.saturating_sub(self.last_cpu.1),
            ));
        }
        self.last = Some(now);
        self.last_cpu = cpu;
    }
}

/// The process's CPU time so far, (user, system), all threads; zero where it is unknown.
#[cfg(target_os = "linux")]
fn cpu_time() -> (Duration, Duration) {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage only writes the struct it is given, which is large enough.
    let usage = unsafe {
        if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
            return Default::default();
        }
        usage.assume_init()
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
    };
    (time(usage.ru_utime), time(usage.ru_stime))
}

/// The process's CPU time so far: unknown on this platform.
#[cfg(not(target_os = "linux"))]
fn cpu_time() -> (Duration, Duration) {
    Default::default()
}

/// One resident-set figure of the process (`VmHWM:` the peak, `VmRSS:` now), in kB; 0 where
/// `/proc` has no such line.
fn rss_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
