#!/usr/bin/env python3
"""Checks the internal links of the book (docs/src) and of README.md: every relative link names
a file that exists, every `#anchor` a heading of the page it points to, and no book page links
outside the book (the rendered book would not have it). mdbook checks none of this itself.

usage: check_links.py [--allow-missing PATH]...   (run from the repository root)
A path given with --allow-missing may be absent (a chapter another branch writes); links to it
are reported but do not fail. Exit 1 on any other broken link.
"""
import pathlib, re, sys

ROOT = pathlib.Path.cwd()
BOOK = ROOT / "docs" / "src"
LINK = re.compile(r"(?<!\!)\[[^\]]*\]\(([^)\s]+)\)")


def slug(heading):
    """The id mdbook gives a heading: lowercase, punctuation dropped, spaces to dashes."""
    text = re.sub(r"`|\*|_(?=\w)|(?<=\w)_", "", heading.strip()).lower()
    text = "".join(c for c in text if c.isalnum() or c in " -_")
    return text.replace(" ", "-")


def anchors(path):
    out, fence = set(), False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fence = not fence
        elif not fence and re.match(r"#{1,6} ", line):
            out.add(slug(line.lstrip("#")))
    return out


def links(path):
    fence = False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            fence = not fence
            continue
        if fence:
            continue
        for m in LINK.finditer(re.sub(r"`[^`]*`", "", line)):
            yield n, m.group(1)


def main(argv):
    allowed = {str((ROOT / p).resolve()) for i, p in enumerate(argv) if i and argv[i - 1] == "--allow-missing"}
    pages = sorted(BOOK.rglob("*.md")) + [ROOT / "README.md"]
    broken = pending = 0
    for page in pages:
        for n, target in links(page):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            dest = (page.parent / file).resolve() if file else page.resolve()
            where = f"{page.relative_to(ROOT)}:{n}"
            if page != ROOT / "README.md" and BOOK.resolve() not in dest.parents:
                print(f"{where}: {target} leaves the book; name the file in `code` instead")
                broken += 1
            elif not dest.exists():
                if str(dest) in allowed:
                    print(f"{where}: {target} is not written yet (allowed)")
                    pending += 1
                else:
                    print(f"{where}: {target}: no such file")
                    broken += 1
            elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
                print(f"{where}: {target}: no heading #{anchor} in {file or page.name}")
                broken += 1
    print(f"book links: {len(pages)} pages, {broken} broken, {pending} pending")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
