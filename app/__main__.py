"""``python -m app``: the command line, or the desktop app when no command is given."""

from __future__ import annotations

from app.launch import gui_main, run_gui

__all__ = ["gui_main", "run_gui"]

if __name__ == "__main__":
    from app.cli import console_main

    console_main()
