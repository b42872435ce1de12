#!/bin/sh
# Installs the Debian packages the build and the tests need, only those
# missing.  Needs root (or nothing to install).
pkgs="make gcc pkg-config libcsv-dev libcjson-dev check mandoc valgrind clang libclang-rt-14-dev jq cppcheck clang-format glpk-utils coinor-cbc"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "partnercheck: missing Debian packages:$missing (run 'make deps' as root)" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
