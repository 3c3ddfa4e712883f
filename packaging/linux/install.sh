#!/bin/sh
# Install (or upgrade) Muster for the current user; no root, no Python needed.
#
#   ./install.sh            program in ~/.local/opt/muster, command ~/.local/bin/muster,
#                           menu entry and icon in ~/.local/share
#   ./install.sh --prefix DIR   the same under DIR instead of ~/.local
#
# An upgrade replaces the program folder only. Your data folder
# (~/.local/share/Muster, or MUSTER_HOME) is never touched here: the new version
# backs the database up and upgrades it the first time it opens it.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix="${HOME}/.local"
if [ "${1:-}" = "--prefix" ] && [ -n "${2:-}" ]; then
    prefix=$2
elif [ -n "${1:-}" ]; then
    echo "usage: $0 [--prefix DIR]" >&2
    exit 2
fi

program="$prefix/opt/muster"
bin="$prefix/bin"
share="$prefix/share"
version=$(cat "$here/VERSION")

if [ ! -x "$here/muster/muster" ]; then
    echo "install.sh: run it from the unpacked Muster folder (muster/muster is missing)." >&2
    exit 1
fi

mkdir -p "$prefix/opt" "$bin" "$share/applications"
# Copy next to the old version first, then swap: an interrupted copy leaves the old one working.
rm -rf "$program.new" "$program.old"
cp -R "$here/muster" "$program.new"
cp "$here/uninstall.sh" "$here/VERSION" "$program.new/"
if [ -d "$program" ]; then
    mv "$program" "$program.old"
fi
mv "$program.new" "$program"
rm -rf "$program.old"

ln -sf "$program/muster" "$bin/muster"

for png in "$here"/icons/muster-*.png; do
    size=$(basename "$png" .png | sed 's/^muster-//')
    mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$share/icons/hicolor/${size}x${size}/apps/muster.png"
done
mkdir -p "$share/icons/hicolor/scalable/apps"
cp "$here/icons/muster.svg" "$share/icons/hicolor/scalable/apps/muster.svg"

# The menu entry starts the program by its full path: ~/.local/bin is not always on PATH.
sed -e "s|^Exec=.*|Exec=\"$program/muster\"|" "$here/muster.desktop" \
    > "$share/applications/muster.desktop"
chmod 644 "$share/applications/muster.desktop"

if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$share/applications" 2>/dev/null || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
fi

echo "Muster $version is installed: open it from the applications menu, or run $bin/muster"
echo "Your data stays in its data folder (~/.local/share/Muster unless MUSTER_HOME says otherwise)."
echo "To remove the program (your data is kept): $program/uninstall.sh"
