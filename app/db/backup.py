"""Consistent copies of the database with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path


def timestamped_backup_path(backups_dir: Path, reason: str) -> Path:
    """A new file name in the backups folder saying when and why it was made."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backups_dir / f"muster-{stamp}-{reason}.sqlite3"


def backup_database(source: Path, destination: Path) -> Path:
    """Copy ``source`` to ``destination`` consistently, even while it is in use.

    The copy is written beside the destination and renamed, so a half-made backup
    never carries the final name.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    if not source.is_file():
        raise FileNotFoundError(source)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(partial, destination)
    return destination
