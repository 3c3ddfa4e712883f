#!/bin/sh
# Remove Muster's program, command, menu entry and icons. The data folder
# (~/.local/share/Muster, or MUSTER_HOME) is kept: delete it yourself if you mean to.
#
#   ~/.local/opt/muster/uninstall.sh [--prefix DIR]   (the prefix install.sh used)
set -eu

prefix="${HOME}/.local"
if [ "${1:-}" = "--prefix" ] && [ -n "${2:-}" ]; then
    prefix=$2
fi
program="$prefix/opt/muster"
share="$prefix/share"

if [ ! -x "$program/muster" ]; then
    echo "uninstall.sh: no Muster program in $program." >&2
    exit 1
fi
if [ "$(readlink "$prefix/bin/muster" 2>/dev/null)" = "$program/muster" ]; then
    rm -f "$prefix/bin/muster"
fi
rm -f "$share/applications/muster.desktop"
rm -f "$share"/icons/hicolor/*/apps/muster.png "$share/icons/hicolor/scalable/apps/muster.svg"
rm -rf "$program"
echo "Muster is removed. Your data folder was kept."
