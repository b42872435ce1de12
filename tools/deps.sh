#!/bin/sh
# Installs the Debian packages the build and the tests need, only those
# missing.  Needs root (or nothing to install).
#   sh tools/deps.sh           what make check needs
#   sh tools/deps.sh browser   also what make check-browser needs: Debian's
#                              chromium, poppler-utils, graphviz, xmllint,
#                              and npm's puppeteer-core and axe-core in
#                              tools/browser/node_modules (no browser is
#                              downloaded: puppeteer-core drives chromium)
pkgs="make gcc pkg-config libcsv-dev libcjson-dev check mandoc valgrind clang libclang-rt-14-dev jq cppcheck clang-format glpk-utils"
if [ "${1:-}" = browser ]; then
	pkgs="$pkgs chromium poppler-utils graphviz libxml2-utils fonts-dejavu-core"
	# A node that came with its own npm keeps it; Debian's is separate.
	command -v npm >/dev/null 2>&1 || pkgs="$pkgs nodejs npm"
fi
npm_deps() {
	[ "${1:-}" = browser ] || return 0
	cd "$(dirname "$0")/browser" || return 1
	[ -d node_modules/puppeteer-core ] && [ -d node_modules/axe-core ] && return 0
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
}
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -z "$missing" ]; then
	npm_deps "${1:-}"
	exit
fi
if [ "$(id -u)" != 0 ]; then
	echo "partnercheck: missing Debian packages:$missing (run 'make deps' as root)" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null && npm_deps "${1:-}"
