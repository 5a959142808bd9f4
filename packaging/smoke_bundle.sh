#!/usr/bin/env bash
# Start a standalone build the way a machine without Python packages would:
# empty environment, HOME in a temporary folder, current directory outside the checkout.
#
#   packaging/smoke_bundle.sh dist/clipper
#
# Checks: --version, a CLI import of a text file, a PDF and a saved web page, and the app painting its window
# offscreen (CLIPPER_QUIT_AFTER_PAINT=1). Prints the bundle size and start-up time.
set -euo pipefail

bundle=$(cd "${1:?usage: smoke_bundle.sh BUNDLE_DIR}" && pwd)
repo=$(cd "$(dirname "$0")/.." && pwd)
exe="$bundle/clipper"
[[ -x "$exe" ]] || { echo "smoke_bundle.sh: no executable at $exe" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$repo/resources/samples/wikinews_news_crane.txt" "$tmp/article.txt"
pdf="$repo/tests/fixtures/pdfs/pdfplumber__2023-06-20-PV.pdf"  # a real 2-page PDF (see its ATTRIBUTION)
[[ -f "$pdf" ]] && cp "$pdf" "$tmp/article.pdf"
# A real saved news page (see tests/fixtures/ATTRIBUTION.md); no suffix: content sniffing.
html="$repo/tests/fixtures/html/trafilatura__wikimediafoundation.org.turkey.html"
[[ -f "$html" ]] && cp "$html" "$tmp/article-page"
cd "$tmp"

run() {
    env -i PATH=/usr/bin:/bin HOME="$tmp" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"
}

fail() { echo "smoke_bundle.sh: FAIL: $*" >&2; exit 1; }

out=$(run "$exe" --version) || fail "--version exited $?"
[[ "$out" == *"$(cd "$repo" && python3 -c 'import re,pathlib; print(re.search(r"__version__ = \"(.+)\"", pathlib.Path("clipper/__init__.py").read_text())[1])')"* ]] \
    || fail "--version printed: $out"
echo "ok  --version: $out"

run "$exe" --db "$tmp/smoke.db" import "$tmp/article.txt" >/dev/null || fail "text import"
echo "ok  text import"
if [[ -f "$tmp/article.pdf" ]]; then
    run "$exe" --db "$tmp/smoke.db" import "$tmp/article.pdf" >/dev/null || fail "PDF import"
    echo "ok  PDF import ($(basename "$pdf"))"
fi
# A 12-page PDF read by 2 worker processes: multiprocessing must work in the frozen app.
if [[ -f "$tmp/article.pdf" ]] && python3 -c "import pypdf" 2>/dev/null; then
    python3 - "$tmp/article.pdf" "$tmp/long.pdf" <<'PY'
import sys
from pypdf import PdfReader, PdfWriter
reader, writer = PdfReader(sys.argv[1]), PdfWriter()
for _ in range(6):
    for page in reader.pages:
        writer.add_page(page)
writer.write(sys.argv[2])
PY
    run CLIPPER_PDF_WORKERS=2 timeout 120 "$exe" --db "$tmp/smoke.db" import --force "$tmp/long.pdf" \
        >/dev/null || fail "12-page PDF import with 2 worker processes"
    echo "ok  PDF import in 2 worker processes"
fi
if [[ -f "$tmp/article-page" ]]; then
    # trafilatura, jusText, htmldate and their data files must be in the bundle.
    out=$(run "$exe" --db "$tmp/smoke.db" import --json "$tmp/article-page") || fail "HTML import"
    [[ "$out" == *'"title": "Access to Wikipedia restored in Turkey'* ]] || fail "HTML import printed: $out"
    page_id=$(sed -E 's/.*"id": ([0-9]+).*/\1/' <<<"$out")
    text=$(run "$exe" --db "$tmp/smoke.db" show "$page_id") || fail "show the HTML article"
    [[ "$text" == *"said Katherine Maher, Executive Director"* && "$text" != *"<"* ]] \
        || fail "HTML article text: ${text:0:200}"
    echo "ok  HTML import ($(basename "$html"))"
fi
listing=$(run "$exe" --db "$tmp/smoke.db" articles) || fail "articles"
[[ "$listing" == *"Mecca crane collapse"* ]] || fail "articles listing: $listing"

start=$(date +%s%N)
run CLIPPER_QUIT_AFTER_PAINT=1 "$exe" --db "$tmp/smoke.db" gui || fail "GUI start exited $?"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "ok  GUI painted its window and quit (${ms} ms)"

for file in clipper/resources/icons/clipper.svg clipper/resources/samples/ATTRIBUTION.md \
        clipper/resources/samples/wikinews_news_crane.txt; do
    [[ -f "$bundle/_internal/$file" ]] || fail "missing bundled resource $file"
done
echo "ok  resources bundled"

if [[ "${SMOKE_X11:-0}" == "1" ]] && command -v xvfb-run >/dev/null; then
    # A real X server: proves the xcb platform plugin and its libraries load.
    env -i PATH=/usr/bin:/bin HOME="$tmp" LANG=C.UTF-8 CLIPPER_QUIT_AFTER_PAINT=1 \
        xvfb-run -a "$exe" --db "$tmp/smoke.db" gui || fail "GUI start on X11 (xcb)"
    echo "ok  GUI painted on Xvfb (xcb platform)"
fi

echo "ok  bundle size: $(du -sm "$bundle" | cut -f1) MB uncompressed"
