#!/bin/sh
# Installs the Debian packages the build and the tests need, only those
# missing.  Needs root (or nothing to install).  Each argument adds a group:
#   sh tools/deps.sh              what make check needs
#   sh tools/deps.sh ci-formats   also what make check-ci-formats needs:
#                                 the schema validators and tap-parser (npm,
#                                 into build-deps/)
#   sh tools/deps.sh browser      also what make check-browser needs:
#                                 Debian's chromium, poppler-utils, graphviz,
#                                 xmllint, and npm's puppeteer-core and
#                                 axe-core in tools/browser/node_modules (no
#                                 browser is downloaded: puppeteer-core
#                                 drives chromium)
#   sh tools/deps.sh zsh          also zsh, for make check-zsh (the zsh
#                                 completion's test)
pkgs="make gcc pkg-config libcsv-dev libcjson-dev check mandoc valgrind clang libclang-rt-14-dev jq cppcheck clang-format glpk-utils python3-jsonschema coinor-cbc"
ci_formats=
browser=
for group in "$@"; do
	case $group in
	ci-formats)
		ci_formats=1
		pkgs="$pkgs python3 python3-jsonschema libxml2-utils"
		;;
	browser)
		browser=1
		pkgs="$pkgs chromium poppler-utils graphviz libxml2-utils fonts-dejavu-core"
		;;
	zsh)
		pkgs="$pkgs zsh"
		;;
	*)
		echo "deps.sh: unknown group '$group' (ci-formats, browser, zsh)" >&2
		exit 2
		;;
	esac
done
# a node from elsewhere (NodeSource) brings its own npm, which Debian's npm
# package conflicts with
if [ -n "$ci_formats$browser" ] && ! command -v npm >/dev/null 2>&1; then
	pkgs="$pkgs nodejs npm"
fi
top=$(cd "$(dirname "$0")/.." && pwd)
# tap-parser (node-tap's own parser) reads TAP version 14, which Debian 12's
# TAP::Parser does not; it goes into the tree, not the system.
npm_deps() {
	if [ -n "$ci_formats" ] && [ ! -d "$top/build-deps/node_modules/tap-parser" ]; then
		mkdir -p "$top/build-deps"
		npm install --prefix "$top/build-deps" --no-audit --no-fund --silent tap-parser@18 >/dev/null || return 1
	fi
	if [ -n "$browser" ] && { [ ! -d "$top/tools/browser/node_modules/puppeteer-core" ] ||
		[ ! -d "$top/tools/browser/node_modules/axe-core" ]; }; then
		(cd "$top/tools/browser" &&
			PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) || return 1
	fi
	return 0
}
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -z "$missing" ]; then
	npm_deps
	exit
fi
if [ "$(id -u)" != 0 ]; then
	echo "partnercheck: missing Debian packages:$missing (run 'make deps' as root)" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null && npm_deps
