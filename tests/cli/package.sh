#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The .deb installs and runs: unpacked into an empty prefix (as `dpkg -i`
# would place it), its binary scores an installed sample profile, and every
# file the contract's install layout names is there.
# Usage: tests/cli/package.sh PACKAGE.deb
set -euo pipefail
deb=$(realpath "$1")
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
dpkg-deb --info "$deb" | grep -E '^ (Package|Version|Depends):'
dpkg-deb -x "$deb" "$prefix"
for f in usr/bin/aidecide usr/share/man/man1/aidecide.1 usr/share/bash-completion/completions/aidecide \
         usr/share/zsh/site-functions/_aidecide usr/share/fish/vendor_completions.d/aidecide.fish \
         usr/share/aidecide/criteria/default.yaml usr/share/aidecide/profiles/startup-prototype.yaml \
         usr/share/doc/aidecide/README.md usr/share/doc/aidecide/schema/profile.schema.json; do
  [ -e "$prefix/$f" ] || { echo "FAIL: the package lacks $f"; exit 1; }
done
"$prefix/usr/bin/aidecide" --version | head -1
"$prefix/usr/bin/aidecide" score "$prefix/usr/share/aidecide/profiles/startup-prototype.yaml" | head -2
"$prefix/usr/bin/aidecide" score --criteria "$prefix/usr/share/aidecide/criteria/default.yaml" \
  --format json "$prefix/usr/share/aidecide/profiles/" > "$prefix/out.json"
grep -q '"recommendation":"cloud"' "$prefix/out.json"
echo "package OK: installs into a clean prefix and scores the installed samples"
