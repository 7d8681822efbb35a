#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The HTML reports in headless Chromium at 1280 and 390 px wide: every chart
# present, no text in a chart overlapping another text, a bar or a marker or
# leaving its chart, nothing wider than the page outside a scrolling box, no
# console error, a screenshot of each; and the portfolio table sorted from
# its address (#sort=-monthly). Usage:
#   tests/browser/check_html.sh build/default/aidecide [out-dir]
# CTest runs it when chromium is installed; `make browser` installs it first.
set -euo pipefail
bin=$(realpath "$1")
out=${2:-$(mktemp -d)}
cd "$(dirname "$0")/../.."
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium not found: skipping"; exit 0; }
mkdir -p "$out"
out=$(realpath "$out")

# Long labels: every criterion title about 90 characters, and a profile name
# of 200 (the charts must cut them, not overlap them).
sed -E 's/^(    title: .*)$/\1 (a title much longer than any column has room for, to test the layout)/' \
  criteria/default.yaml > "$out/long-criteria.yaml"
long_name=$(printf 'A project name far longer than any label column %.0s' 1 2 3 4)
sed -E "s/^name: .*/name: \"$long_name\"/" profiles/code-assistant-enterprise.yaml > "$out/long-name.yaml"

"$bin" score --format html profiles/ship-fleet-intermittent.yaml > "$out/ship.html"
"$bin" score --format html profiles/code-assistant-enterprise.yaml > "$out/code.html"
"$bin" score --format html --criteria "$out/long-criteria.yaml" \
  profiles/bank-assistant-mixed.yaml > "$out/long.html"
"$bin" score --format html profiles/ "$out/long-name.yaml" > "$out/portfolio.html"

# The layout check, run inside a copy of the page: it posts its findings to
# the harness page that frames it (at the width under test: a headless
# window is at least 500 px wide, a frame can be narrower), which shows them
# in <pre id="layout-result"> for --dump-dom.
cat > "$out/layout.js" <<'JS'
(function(){
  var found=[];
  function hit(a,b){var w=Math.min(a.right,b.right)-Math.max(a.left,b.left),h=Math.min(a.bottom,b.bottom)-Math.max(a.top,b.top);return w>0.5&&h>0.5;}
  function name(e){return e.tagName+" \""+(e.textContent||"").slice(0,40)+"\"";}
  document.querySelectorAll("svg.chart").forEach(function(svg){
    var id=(svg.closest("figure")||{}).id||"chart", box=svg.getBoundingClientRect();
    var texts=Array.prototype.slice.call(svg.querySelectorAll("text"));
    var shapes=Array.prototype.slice.call(svg.querySelectorAll("rect:not(.lowband),circle,path,polyline"));
    var tb=texts.map(function(t){return t.getBoundingClientRect();});
    for(var i=0;i<texts.length;i++){
      var a=tb[i];
      if(a.left<box.left-1||a.right>box.right+1||a.top<box.top-1||a.bottom>box.bottom+1)found.push(id+": "+name(texts[i])+" leaves the chart");
      for(var j=i+1;j<texts.length;j++)if(hit(a,tb[j]))found.push(id+": "+name(texts[i])+" overlaps "+name(texts[j]));
      shapes.forEach(function(s){if(s.tagName==="polyline")return;if(hit(a,s.getBoundingClientRect()))found.push(id+": "+name(texts[i])+" overlaps a "+s.tagName);});
    }
  });
  var wide=document.documentElement.scrollWidth-window.innerWidth;
  if(wide>1){found.push("the page is "+wide+" px wider than the window:");
    var n=0;document.querySelectorAll("body *").forEach(function(e){if(n<3&&!e.closest(".scroll,figure")&&e.getBoundingClientRect().right>window.innerWidth+1&&!Array.prototype.some.call(e.children,function(c){return c.getBoundingClientRect().right>window.innerWidth+1;})){n++;found.push("  "+name(e));}});}
  var ids=Array.prototype.map.call(document.querySelectorAll("figure[id]"),function(f){return f.id+(f.querySelector("svg")?"":"(empty)");});
  var rows=document.querySelectorAll("#portfolio-table tbody tr");
  var first=rows.length?rows[0].cells[1].textContent:"";
  parent.postMessage("width "+window.innerWidth+"\ncharts "+ids.join(" ")+"\nfirst-row "+first+"\n"+(found.length?found.join("\n"):"no overlaps")+"\n","*");
})();
JS

failures=0
fail() { echo "FAIL: $*"; failures=1; }
check_page() {  # page width expected-charts... [-- hash]
  local page=$1 width=$2; shift 2
  local hash=""
  local -a charts=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then hash=$2; shift 2; else charts+=("$1"); shift; fi
  done
  local base="$out/${page%.html}-$width"
  # A copy with the check appended, so the report itself carries no test code.
  sed "s|</body>|<script>$(sed 's/[&|\\]/\\&/g' "$out/layout.js" | tr '\n' ' ')</script></body>|" \
    "$out/$page" > "$base.check.html"
  cat > "$base.harness.html" <<HTML
<!DOCTYPE html><html><body style="margin:0">
<iframe src="$(basename "$base.check.html")$hash" style="border:0;width:${width}px;height:2400px"></iframe>
<pre id="layout-result"></pre>
<script>addEventListener("message",function(e){document.getElementById("layout-result").textContent=e.data;});</script>
</body></html>
HTML
  local flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars "--window-size=$((width + 20)),2400"
               --user-data-dir="$out/profile" --virtual-time-budget=5000)
  timeout 120 "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --screenshot="$base.png" \
    "file://$base.harness.html" 2> "$base.console.log" > /dev/null || true
  timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$base.harness.html" \
    > "$base.dom.html" 2> /dev/null || true
  python3 -c 'import html, re, sys
m = re.search(r"<pre id=\"layout-result\">(.*?)</pre>", open(sys.argv[1]).read(), re.S)
print(html.unescape(m.group(1)) if m else "no result", end="")' "$base.dom.html" > "$base.result"
  [ -s "$base.png" ] || fail "$page at $width px: no screenshot"
  if grep -E 'CONSOLE|Uncaught' "$base.console.log" | grep -v 'dbus\|gpu\|GPU\|sandbox' > /dev/null; then
    fail "$page at $width px: console errors:"; grep -E 'CONSOLE|Uncaught' "$base.console.log"
  fi
  grep -q '^no overlaps$' "$base.result" || { fail "$page at $width px:"; sed -n '4,$p' "$base.result"; }
  grep -q "^width $width\$" "$base.result" || fail "$page: the frame is not $width px wide: $(head -1 "$base.result")"
  for chart in "${charts[@]}"; do
    grep -q "^charts .*\b$chart\b" "$base.result" || fail "$page at $width px: $chart missing"
  done
  if grep -q '(empty)' "$base.result"; then fail "$page at $width px: an empty chart"; fi
}

# The check must be able to fail: a page with two texts on top of each
# other, a label running over a bar and a table wider than the frame.
cat > "$out/planted.html" <<'HTML'
<!DOCTYPE html><html><body><figure id="planted-chart"><svg class="chart" viewBox="0 0 200 40" width="200">
<text x="0" y="20">overlapping</text><text x="10" y="20">text</text>
<rect x="100" y="5" width="60" height="20"/><text x="110" y="20">bar</text></svg></figure>
<table><tr><td style="white-space:nowrap">a cell far wider than a phone is wide, and then some more text again</td></tr></table>
</body></html>
HTML
(check_page planted.html 390 planted-chart) > "$out/planted.log" || true  # its failures stay in the subshell
for expected in 'text "overlapping" overlaps text "text"' 'text "bar" overlaps a rect' 'wider than the window'; do
  grep -qF "$expected" "$out/planted.log" || fail "the layout check missed a planted fault: $expected"
done
for width in 1280 390; do
  check_page ship.html "$width" score-chart contributions-chart cost-chart cost-gap-chart
  check_page code.html "$width" score-chart contributions-chart cost-chart cost-gap-chart flip-chart
  check_page long.html "$width" score-chart contributions-chart cost-chart cost-gap-chart flip-chart
  check_page portfolio.html "$width" portfolio-chart
done
# Sorted from the address: the largest monthly cost first.
check_page portfolio.html 1280 portfolio-chart -- '#sort=-monthly'
grep -q '^first-row Enterprise coding assistant$' "$out/portfolio-1280.result" ||
  fail "#sort=-monthly: first row is not the most expensive: $(grep first-row "$out/portfolio-1280.result")"

[ "$failures" -eq 0 ] && echo "browser check passed: screenshots in $out"
exit "$failures"
