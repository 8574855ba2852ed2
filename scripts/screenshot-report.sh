#!/usr/bin/env bash
# Renders report.html of the drifted example project with headless Chromium and saves the
# picture the README and docs show (docs/images/report.png). Needs `chromium` (Debian:
# apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-docs/images/report.png}"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "no chromium on PATH (Debian: apt-get install chromium)" >&2
  exit 2
fi
swift build -c release --product snapdrift >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r Examples/drifted/Fixtures Examples/drifted/Golden "$work/"
# The gate fails on purpose: the pages drifted.
.build/release/snapdrift check --root "$work" --ci >/dev/null || true
report=$(ls -d "$work"/reports/runs/*/report.html | head -n 1)
"$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1600 \
  --screenshot="$PWD/$output" "file://$report" 2>/dev/null
echo "wrote $output from $report"
