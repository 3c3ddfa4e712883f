"""Run every ``benchmarks/bench_*.py`` module (or those named) and print one table.

Each module exposes ``run() -> list[dict]``; a row has ``benchmark``, ``metric``,
``value``, ``unit`` and an optional ``note``. Results are also written to
``benchmarks/results/latest.json`` so closing notes can quote them.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("names", nargs="*", help="benchmark modules to run (default: all)")
    args = parser.parse_args(argv)
    modules = sorted(
        m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_")
    )
    wanted = [f"bench_{n.removeprefix('bench_')}" for n in args.names] or modules
    unknown = sorted(set(wanted) - set(modules))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(modules)}")
        return 2
    rows: list[dict[str, object]] = []
    for name in wanted:
        started = time.perf_counter()
        print(f"running {name} ...", file=sys.stderr, flush=True)
        module = importlib.import_module(f"benchmarks.{name}")
        rows.extend(module.run())
        print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    widths = [30, 44, 12, 6]
    header = ("benchmark", "metric", "value", "unit")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + "  note")
    for row in rows:
        value = row["value"]
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        cells = (str(row["benchmark"]), str(row["metric"]), shown, str(row["unit"]))
        line = "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
        print(f"{line}  {row.get('note', '')}".rstrip())
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.json").write_text(json.dumps(rows, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
