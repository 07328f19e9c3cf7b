"""``claimwatch bench``: run the benchmark, print the tables, and the JSON object last."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from streams.bench.report import render
from streams.bench.runner import run_bench
from streams.settings import Settings

__all__ = ["WORKDIR", "bench_command"]

#: Logs of the broker, the workers and the plain loop.
WORKDIR = Path(".claimwatch") / "bench"


def bench_command(
    settings: Settings,
    *,
    articles: int,
    as_json: bool,
    scale_out: int = 0,
    workdir: Path = WORKDIR,
) -> None:
    """Progress on stderr; the tables, then (``as_json``) one JSON line, on stdout."""
    progress = Console(stderr=True)
    report = run_bench(
        settings,
        articles=articles,
        workdir=workdir,
        scale_out=scale_out,
        progress=lambda message: progress.print(f"[dim]{message}…[/]"),
    )
    out = Console()
    render(report, out)
    if as_json:
        out.file.write(json.dumps(report.to_json()) + "\n")
        out.file.flush()
