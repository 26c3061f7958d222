#!/usr/bin/env bash
# Renders the HTML audit report in a real browser (headless Debian Chromium)
# and checks what the browser made of it: the DOM it parsed, a screenshot and
# a PDF print. CI runs it (.ci/run); run it by hand after changing the report.
#
#   scripts/render-html.sh                 # render into target/render-html/
#   scripts/render-html.sh --update-docs   # also refresh docs/report-screenshot.png
#
# Needs `chromium` and `pdfinfo`/`pdftoppm` (Debian: apt-get install -y
# chromium poppler-utils); with INSTALL=1 (as .ci/run sets) it installs them
# when missing. Never opens a network
# connection: the report has no external assets and the flags turn off every
# background request.
set -euo pipefail
cd "$(dirname "$0")/.."

update_docs=0
for arg in "$@"; do
  case "$arg" in
    --update-docs) update_docs=1 ;;
    *) echo "usage: $0 [--update-docs]" >&2; exit 2 ;;
  esac
done

browser=""
for candidate in chromium chromium-browser; do
  if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
done
if { [ -z "$browser" ] || ! command -v pdfinfo >/dev/null 2>&1; } && [ "${INSTALL:-0}" = 1 ]; then
  echo "render-html: installing chromium and poppler-utils" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium poppler-utils >/dev/null
  browser=chromium
fi
if [ -z "$browser" ] || ! command -v pdfinfo >/dev/null 2>&1; then
  echo "render-html: needs chromium and poppler-utils (apt-get install -y chromium poppler-utils, or INSTALL=1 $0)" >&2
  exit 1
fi

out=target/render-html
rm -rf "$out"
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

cargo build --quiet
modelgate() { cargo run --quiet -- "$@"; }
# The report shown in the README: the brief's scenarios plus the route-scoped
# example, with waivers (one applied, one route-scoped) and a stale one.
cat > "$out/waivers.yaml" <<'YAML'
apiVersion: modelgate.dev/v1
kind: Waivers
waivers:
  - rule: LIC-LLAMA-MAU
    proposal: hybrid-llama-router
    route: assistant
    approved_by: jane.doe@example.com
    reason: license_acquired
    comment: Meta license covers the assistant product only.
    ticket: LEGAL-2001
    expires: 2027-06-30
  - rule: RES-HIPAA-BAA
    proposal: clinical-notes-summarizer
    approved_by: jane.doe@example.com
    reason: risk_accepted
    comment: Granted before the on-premises move; no longer needed.
    expires: 2027-01-01
YAML
set +e
modelgate check --now 2026-11-23 --waivers "$out/waivers.yaml" \
  --output html="$out/report.html" --format text fixtures/ fixtures/waivers/proposals/ >"$out/report.txt"
code=$?
set -e
if [ "$code" -ne 1 ]; then
  echo "render-html: expected exit 1 (one scenario fails by design), got $code" >&2
  cat "$out/report.txt" >&2
  exit 1
fi

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --disable-default-apps --disable-extensions
  --hide-scrollbars --force-device-scale-factor=1 --user-data-dir="$profile")
url="file://$PWD/$out/report.html"

"$browser" "${flags[@]}" --dump-dom "$url" >"$out/dom.html" 2>"$out/chromium.log"
"$browser" "${flags[@]}" --window-size=1280,1500 --screenshot="$PWD/$out/report.png" "$url" 2>>"$out/chromium.log"
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$PWD/$out/report.pdf" "$url" 2>>"$out/chromium.log"

fail() { echo "render-html: $*" >&2; exit 1; }
# What the browser parsed: the sections a reviewer relies on.
for text in 'modelgate audit report' 'Matrix: rules × proposals' 'consumer-assistant' 'LIC-LLAMA-MAU' \
    'Llama 3.1 Community License Agreement' 'Waivers' 'STALE' 'APPLIED' 'Built from' '2026-11-23'; do
  grep -qF "$text" "$out/dom.html" || fail "the rendered page lacks \"$text\""
done
grep -q '<table class="matrix"' "$out/dom.html" || fail "no matrix table in the rendered DOM"
if grep -Eq '<(script|link|img|iframe)[ >]' "$out/dom.html"; then fail "the page loads assets or scripts"; fi
[ "$(head -c 8 "$out/report.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] || fail "no PNG screenshot"
[ "$(stat -c %s "$out/report.png")" -gt 20000 ] || fail "the screenshot is suspiciously small"
[ "$(head -c 5 "$out/report.pdf")" = '%PDF-' ] || fail "no PDF"
pages=$(pdfinfo "$out/report.pdf" | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -ge 6 ] || fail "the PDF has ${pages:-no} pages; expected a page per proposal and more"
# Page images, to look at the print layout (pdftoppm -r 60 ... in $out/pages).
mkdir -p "$out/pages"
pdftoppm -r 60 -png "$out/report.pdf" "$out/pages/page"

if [ "$update_docs" = 1 ]; then
  mkdir -p docs
  cp "$out/report.png" docs/report-screenshot.png
  echo "render-html: docs/report-screenshot.png updated"
fi
echo "render-html: ok ($out/report.html, report.png, report.pdf: $pages pages)"
