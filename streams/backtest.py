"""``claimwatch backtest``: the same analysis and claim ledger in-process, no Kafka, stream order."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.progress import Progress

from connectors import fetch_articles, load_articles
from streams.analysis import Monitor, WatchConfig
from streams.records import Alert, Article
from streams.settings import Settings
from streams.subscriber import format_alert

__all__ = ["iter_source", "run_backtest"]


def iter_source(source: str, settings: Settings) -> Iterator[Article]:
    """Articles of a folder, a JSONL, a feed file, or an http(s) feed URL, in order."""
    if source.startswith(("http://", "https://")):
        yield from asyncio.run(
            fetch_articles(
                source,
                timeout_s=settings.fetch_timeout_s,
                max_bytes=settings.fetch_max_bytes,
                allow_private_networks=settings.allow_private_networks,
            )
        )
    else:
        yield from load_articles(Path(source))


def run_backtest(
    settings: Settings,
    source: str,
    watch: WatchConfig | None,
    *,
    fmt: str = "table",
    articles_out: Path | None = None,
    out: TextIO | None = None,
) -> list[Alert]:
    """Process ``source`` through a :class:`Monitor`; print the alerts; return them."""
    stream = out or sys.stdout
    console = Console(file=stream, highlight=False, soft_wrap=True)
    monitor = Monitor(watch)
    alerts: list[Alert] = []
    show_progress = sys.stderr.isatty() and fmt == "table"
    with ExitStack() as stack:
        records = stack.enter_context(open(articles_out, "w")) if articles_out else None
        progress = stack.enter_context(
            Progress(console=Console(stderr=True), disable=not show_progress)
        )
        task = progress.add_task("backtest", total=None)
        for article in iter_source(source, settings):
            analysis, fired = monitor.process(article)
            progress.advance(task)
            if records is not None:
                records.write(analysis.model_dump_json() + "\n")
            for alert in fired:
                alerts.append(alert)
                if fmt == "jsonl":
                    stream.write(alert.model_dump_json() + "\n")
                else:
                    console.print(format_alert(alert))
    return alerts
