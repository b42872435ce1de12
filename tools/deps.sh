#!/bin/sh
# Installs the Debian packages the build and the tests need, only those
# missing.  Needs root (or nothing to install).
#   sh tools/deps.sh ci-formats   also what make check-ci-formats needs:
#   the schema validators and tap-parser (npm, into build-deps/)
pkgs="make gcc pkg-config libcsv-dev libcjson-dev check mandoc valgrind clang libclang-rt-14-dev jq cppcheck clang-format glpk-utils"
ci_formats=
if [ "${1-}" = ci-formats ]; then
	ci_formats=1
	pkgs="$pkgs python3 python3-jsonschema libxml2-utils"
	# a node from elsewhere (NodeSource) brings its own npm, which
	# Debian's npm package conflicts with
	command -v npm >/dev/null 2>&1 || pkgs="$pkgs nodejs npm"
fi
# tap-parser (node-tap's own parser) reads TAP version 14, which Debian 12's
# TAP::Parser does not; it goes into the tree, not the system.
npm_deps() {
	[ -z "$ci_formats" ] && return 0
	[ -d build-deps/node_modules/tap-parser ] && return 0
	mkdir -p build-deps
	npm install --prefix build-deps --no-audit --no-fund --silent tap-parser@18 >/dev/null
}
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -z "$missing" ]; then
	npm_deps
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "partnercheck: missing Debian packages:$missing (run 'make deps' as root)" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
npm_deps
