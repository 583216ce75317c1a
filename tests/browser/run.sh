#!/usr/bin/env bash
# Browser tests of the built site in headless Chromium (Debian's chromium, driven by
# playwright-core). Installs what is missing, builds the site into a temporary folder with the
# release binary, and runs tests/browser/run.mjs on it. Works from any directory.
#
#   tests/browser/run.sh            # build the site, then test it
#   tests/browser/run.sh SITE_DIR   # test an already built site
#
# Screenshots and the axe report go to target/browser/ at the repository root.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

# apt-get needs root; use sudo when not already root.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  echo "== installing $* from Debian"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Playwright's own browser download is unreachable here: the tests use Debian's package.
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi
echo "== $(/usr/bin/chromium --version 2>/dev/null | head -n1), node $(node --version)"

echo "== npm ci (tests/browser)"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

# The timeline suite builds a small dense site of its own with the release binary.
(cd "$repo" && cargo build --release --locked --quiet)

if [ $# -ge 1 ]; then
  site="$(cd "$1" && pwd)"
else
  site="$(mktemp -d "${TMPDIR:-/tmp}/dossier-site.XXXXXX")"
  trap 'rm -rf "$site"' EXIT
  echo "== building the site into $site"
  # The binary reads site.toml and seeds/ relative to the working directory.
  (cd "$repo" && ./target/release/dossier build -o "$site")
fi

echo "== browser tests"
cd "$here"
node --test-reporter=spec run.mjs "$site"
