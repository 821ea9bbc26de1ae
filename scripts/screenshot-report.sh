#!/usr/bin/env bash
# Screenshot report.html in headless Chromium, to look at what motif draws.
#
#   scripts/screenshot-report.sh [REPORT_HTML] [OUT_PNG] [FRAGMENT]
#
# With no REPORT_HTML, writes the synthetic demo report first
# (`cargo run --example report_demo`). FRAGMENT (e.g. `ev-0-4-5`) opens the
# page at that anchor, which shows the evidence panel of that heatmap cell.
# Needs Chromium (Debian: apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

html=${1:-}
png=${2:-target/report.png}
fragment=${3:-}

if [[ -z "$html" ]]; then
    demo=target/report-demo
    cargo run --quiet --example report_demo -- "$demo" >/dev/null
    html=$demo/report.html
fi
[[ -f "$html" ]] || { echo "screenshot-report: no such file: $html" >&2; exit 2; }

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[[ -n "$browser" ]] || { echo "screenshot-report: Chromium not found (apt-get install -y chromium)" >&2; exit 2; }

url="file://$(realpath "$html")"
[[ -n "$fragment" ]] && url="$url#$fragment"
mkdir -p "$(dirname "$png")"
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --no-first-run --hide-scrollbars --window-size=1400,1800 \
    --screenshot="$(realpath -m "$png")" "$url" 2>/dev/null
[[ -s "$png" ]] || { echo "screenshot-report: no screenshot written" >&2; exit 1; }
echo "$png"
