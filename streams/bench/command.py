"""``claimwatch bench``: run the benchmark, print the tables, and the JSON object last."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from connectors.documents import load_articles
from streams.bench.report import render
from streams.bench.runner import run_bench
from streams.settings import Settings

__all__ = ["WORKDIR", "bench_command", "default_texts"]

#: Logs of the broker, the workers and the plain loop.
WORKDIR = Path(".claimwatch") / "bench"
#: The hand-written corpora of a checkout, on which the analysis is also timed by default.
REPO_CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def default_texts() -> list[Path]:
    """The folders of the checkout's ``corpus/`` (none outside a checkout)."""
    if not REPO_CORPUS.is_dir():
        return []
    return sorted(path for path in REPO_CORPUS.iterdir() if path.is_dir())


def bench_command(
    settings: Settings,
    *,
    articles: int,
    as_json: bool,
    scale_out: int = 0,
    texts: Sequence[Path] | None = None,
    workdir: Path = WORKDIR,
) -> None:
    """Progress on stderr; the tables, then (``as_json``) one JSON line, on stdout. The
    analysis is also timed on the articles at ``texts`` (None: :func:`default_texts`)."""
    progress = Console(stderr=True)
    paths = default_texts() if texts is None else texts
    others = [article for path in paths for article in load_articles(path)]
    report = run_bench(
        settings,
        articles=articles,
        workdir=workdir,
        scale_out=scale_out,
        texts=others,
        progress=lambda message: progress.print(f"[dim]{message}…[/]"),
    )
    out = Console()
    render(report, out)
    if as_json:
        out.file.write(json.dumps(report.to_json()) + "\n")
        out.file.flush()
