#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Renders an HTML report in headless Chromium: fails on console errors, on a
# missing chart, or when no screenshot comes out. Usage:
#   tests/browser/check_html.sh build/default/aidecide [out-dir]
# CTest runs it when chromium is installed (apt-get install chromium).
set -euo pipefail
bin=$(realpath "$1")
out=${2:-$(mktemp -d)}
cd "$(dirname "$0")/../.."
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium not found: skipping"; exit 0; }
mkdir -p "$out"
"$bin" score --format html profiles/ship-fleet-intermittent.yaml > "$out/report.html"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,2600 --user-data-dir="$out/profile")
timeout 120 "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --screenshot="$out/report.png" \
  "file://$out/report.html" 2> "$out/console.log" || true
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$out/report.html" > "$out/dom.html" 2>/dev/null || true
failures=0
if grep -E 'CONSOLE|Uncaught|ERROR:.*(console|script)' "$out/console.log" | grep -v 'dbus\|gpu\|GPU\|sandbox' >/dev/null; then
  echo "FAIL: console errors:"; grep -E 'CONSOLE|Uncaught' "$out/console.log"; failures=1
fi
[ -s "$out/report.png" ] || { echo "FAIL: no screenshot"; failures=1; }
for chart in score-chart contributions-chart cost-chart flip-chart; do
  grep -q "<figure id=\"$chart\"><svg" "$out/dom.html" || { echo "FAIL: $chart missing in the rendered page"; failures=1; }
done
[ "$failures" -eq 0 ] && echo "browser check passed: $out/report.png"
exit "$failures"
