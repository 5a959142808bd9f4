#!/usr/bin/env bash
# Build Clipper's standalone one-folder app for Linux with PyInstaller.
#
#   packaging/build.sh            -> dist/clipper/clipper  (run it: dist/clipper/clipper)
#   packaging/build.sh --tar      -> also dist/clipper-VERSION-linux-ARCH.tar.gz
#
# Needs: the runtime dependencies (pip install .) and PyInstaller (pip install pyinstaller).
# Environment: DIST (default dist), WORK (default build/pyinstaller), PYTHON (default python3).
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
DIST=${DIST:-dist}
WORK=${WORK:-build/pyinstaller}

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "build.sh: PyInstaller is not installed; run: $PYTHON -m pip install pyinstaller" >&2
    exit 2
fi

start=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/clipper.spec

app="$DIST/clipper"
# Desktop integration files travel with the bundle (see packaging/install-desktop.sh).
mkdir -p "$app/share"
cp packaging/io.github.clipper.Clipper.desktop packaging/io.github.clipper.Clipper.metainfo.xml \
    packaging/install-desktop.sh LICENSE "$app/share/"
cp resources/icons/clipper.svg "$app/share/io.github.clipper.Clipper.svg"
# Release notes in the shipped metainfo always follow CHANGELOG.md.
"$PYTHON" packaging/make_metainfo.py --metainfo "$app/share/io.github.clipper.Clipper.metainfo.xml" >/dev/null

size=$(du -sm "$app" | cut -f1)
echo "build.sh: built $app in $(( $(date +%s) - start )) s, ${size} MB uncompressed"

if [[ "${1:-}" == "--tar" ]]; then
    version=$("$PYTHON" -c "import clipper; print(clipper.__version__)")
    tarball="$DIST/clipper-$version-linux-$(uname -m).tar.gz"
    tar -C "$DIST" -czf "$tarball" clipper
    echo "build.sh: wrote $tarball ($(du -m "$tarball" | cut -f1) MB)"
fi
