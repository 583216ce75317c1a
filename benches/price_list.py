#!/usr/bin/env python3
"""What each part of a dossier build costs, against Hugo in the same run.

The wall-time target of issue 6 (0.8 x Hugo at 10,000 articles) cannot be reached by making
the existing work cheaper alone; reaching it means deciding what a build may leave out. This
script prices those decisions: it builds a copy of dossier with `benches/price_list.patch`
applied (in a git worktree under `target/price-list`, never touching the working tree), whose
only change is that `DOSSIER_SKIP=a,b,...` leaves parts of the build out, and times each
variant alternately with Hugo on the benchmark corpus of `vs_hugo.py`.

Variants (comma-joined in one DOSSIER_SKIP value to skip several):
  render,export  no pages and no export: load, parse, annotate and index only (the floor)
  write          everything rendered and checked, nothing written to disk
  check          no link check
  search         no search index
  notes          no editorial notes beside article paragraphs (actor and date notes are made by dossier.js)
  lean           `sentence` in the export only on date and quote mentions (as issue 2's example)
  export         no `annotations.json`
  articles / actors / timeline   one family of pages left out; the links to it are then broken,
                 so price it with `check` and compare with `check` alone

The variants are for measuring only: a site built with one is incomplete.

    python3 benches/price_list.py                      # N = 10,000, 3 runs, the default variants
    python3 benches/price_list.py --runs 5 --variants render,export lean
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import vs_hugo  # noqa: E402  (the corpus and Hugo come from the same place as the benchmark's)

DEFAULT_VARIANTS = ["", "render,export", "write", "check", "search", "notes", "lean", "export",
                    "check,articles", "check,actors", "check,timeline"]


def patched_tree():
    """A worktree of HEAD under target/price-list with the variant switches applied."""
    tree = os.path.join(ROOT, "target", "price-list")
    if os.path.isdir(tree):
        subprocess.run(["git", "worktree", "remove", "--force", tree], cwd=ROOT, check=False)
        shutil.rmtree(tree, ignore_errors=True)
    subprocess.run(["git", "worktree", "prune"], cwd=ROOT, check=True)
    subprocess.run(["git", "worktree", "add", "--detach", "-q", tree, "HEAD"], cwd=ROOT, check=True)
    applied = subprocess.run(["git", "apply", os.path.join(HERE, "price_list.patch")], cwd=tree)
    if applied.returncode != 0:
        sys.exit("price_list: benches/price_list.patch no longer applies to HEAD; redo its "
                 "DOSSIER_SKIP switches on the current code and save `git diff` over it")
    return tree


def build_patched(tree):
    """Builds the patched tree (dist profile: fat LTO, as published binaries); returns the binary."""
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(ROOT, "target", "price-list-target"))
    subprocess.run(["cargo", "build", "--profile", "dist", "--quiet"], cwd=tree, env=env, check=True)
    # The binary is all that is needed: the worktree is not left registered in the repository.
    subprocess.run(["git", "worktree", "remove", "--force", tree], cwd=ROOT, check=True)
    return os.path.join(env["CARGO_TARGET_DIR"], "dist", "dossier")


def check_patch():
    """Keeps the patch from rotting: it must apply to HEAD and compile (CI runs this)."""
    tree = patched_tree()
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(ROOT, "target"))
    subprocess.run(["cargo", "check", "--quiet", "--locked"], cwd=tree, env=env, check=True)
    subprocess.run(["git", "worktree", "remove", "--force", tree], cwd=ROOT, check=True)
    print("price_list: the patch applies to HEAD and compiles")


def timed(cmd, env=None):
    """(wall s, user+system CPU s, peak RSS MiB) of one run, from GNU time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", t.name] + cmd, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall, user, system, rss = t.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss) / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10000, help="corpus size (default 10000)")
    ap.add_argument("--runs", type=int, default=3, help="runs per variant (default 3)")
    ap.add_argument("--variants", nargs="*", default=None,
                    help="DOSSIER_SKIP values to price ('' is the full build)")
    ap.add_argument("--seed", type=int, default=20250703, help="gen_corpus seed (vs_hugo's)")
    ap.add_argument("--dossier", help="an already patched binary (skips the build)")
    ap.add_argument("--check-patch", action="store_true",
                    help="only check that the patch applies and compiles, then exit")
    ap.add_argument("--out", default="/dev/shm" if os.path.isdir("/dev/shm") else None,
                    help="where outputs go (default: /dev/shm, so the disk's state does not vary)")
    args = ap.parse_args()
    if args.check_patch:
        check_patch()
        return
    variants = DEFAULT_VARIANTS if args.variants is None else args.variants
    if "" not in variants:
        variants = [""] + variants

    # The benchmark's corpus, generated (or reused) exactly as vs_hugo.py does.
    base = vs_hugo.corpus(args.size, os.path.join(ROOT, "target", "bench-corpus"),
                          vs_hugo.default_gen_corpus(), args.seed)
    hugo = vs_hugo.find_hugo(None, True)
    site = os.path.join(base, "dossier", "site.toml")
    dossier = args.dossier or build_patched(patched_tree())
    out = tempfile.mkdtemp(prefix="price-list-", dir=args.out)
    target = os.path.join(out, "site")

    results = {v: [] for v in variants}
    hugo_runs = []
    hugo_cmd = [hugo, "--source", os.path.join(base, "hugo"), "--destination", target, "--quiet"]
    for run in range(args.runs):
        # A fixed shuffle per round: no variant always runs first or right after Hugo.
        order = [None] + variants
        random.Random(run).shuffle(order)
        for v in order:
            shutil.rmtree(target, ignore_errors=True)
            if v is None:
                hugo_runs.append(timed(hugo_cmd))
            else:
                env = dict(os.environ, DOSSIER_SKIP=v)
                results[v].append(timed([dossier, "build", "-c", site, "-o", target], env))
    shutil.rmtree(out, ignore_errors=True)

    hugo_wall = statistics.median(r[0] for r in hugo_runs)
    full_wall = statistics.median(r[0] for r in results[""])
    print(f"N = {args.size}, {args.runs} runs each, alternating; output in {args.out or 'target'}")
    width = max(26, *(len(v) + 9 for v in variants))
    print(f"{'':{width}s} {'wall':>7s} {'x Hugo':>7s} {'saves':>7s} {'CPU':>7s} {'RSS':>8s}")
    print(f"{'Hugo':{width}s} {hugo_wall:7.2f} {1:7.2f} {'':7s} "
          f"{statistics.median(r[1] for r in hugo_runs):7.2f} "
          f"{statistics.median(r[2] for r in hugo_runs):5.0f} MiB")
    for v in variants:
        wall = statistics.median(r[0] for r in results[v])
        name = "full build" if v == "" else f"without {v}".replace("without lean", "lean export")
        print(f"{name:{width}s} {wall:7.2f} {wall / hugo_wall:7.2f} {full_wall - wall:7.2f} "
              f"{statistics.median(r[1] for r in results[v]):7.2f} "
              f"{statistics.median(r[2] for r in results[v]):5.0f} MiB")
    print(f"target: 0.8 x Hugo = {0.8 * hugo_wall:.2f} s")


if __name__ == "__main__":
    main()
