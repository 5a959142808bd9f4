#!/usr/bin/env sh
# Install Clipper's desktop entry, AppStream metainfo and icons for the current user
# (or system-wide with PREFIX=/usr/local, or into a staging tree with DESTDIR).
#
#   packaging/install-desktop.sh                       # Exec=<clipper on PATH> (pip/pipx)
#   packaging/install-desktop.sh --exec /opt/clipper/clipper   # the standalone build
#
# Works from a source checkout and from a standalone bundle's share/ folder.
set -eu

APP_ID=io.github.clipper.Clipper
PREFIX=${PREFIX:-$HOME/.local}
DESTDIR=${DESTDIR:-}
# Desktop sessions often lack ~/.local/bin (pipx) on PATH: write the absolute path.
EXEC=$(command -v clipper 2>/dev/null || echo clipper)
if [ "${1:-}" = "--exec" ]; then
    EXEC=$2
fi

here=$(cd "$(dirname "$0")" && pwd)
if [ -f "$here/$APP_ID.desktop" ] && [ -d "$here/../resources/icons" ]; then
    src=$here; icons=$here/../resources/icons              # source checkout
elif [ -f "$here/$APP_ID.desktop" ]; then
    src=$here; icons=$here/../_internal/clipper/resources/icons   # standalone bundle
else
    echo "install-desktop.sh: cannot find $APP_ID.desktop next to this script" >&2
    exit 2
fi

root=$DESTDIR$PREFIX/share
mkdir -p "$root/applications" "$root/metainfo" "$root/icons/hicolor/scalable/apps"
case $EXEC in
    *" "*) exec_field="\"$EXEC\"" ;;   # the desktop entry spec quotes paths with spaces
    *) exec_field=$EXEC ;;
esac
sed "s|^Exec=clipper |Exec=$exec_field |; s|^TryExec=clipper\$|TryExec=$EXEC|" \
    "$src/$APP_ID.desktop" > "$root/applications/$APP_ID.desktop"
cp "$src/$APP_ID.metainfo.xml" "$root/metainfo/$APP_ID.metainfo.xml"
cp "$icons/clipper.svg" "$root/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in "$icons"/png/clipper-*.png; do
    size=${png##*/clipper-}; size=${size%.png}
    mkdir -p "$root/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$root/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done

if [ -z "$DESTDIR" ]; then
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$root/applications" || true
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$root/icons/hicolor" || true
fi
echo "install-desktop.sh: installed $APP_ID into $root (Exec=$EXEC)"
