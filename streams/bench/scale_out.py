"""Scale-out: two (or more) ``claimwatch worker`` processes of one app over shared partitions.

Every worker gets its own web port and data folder, the same app id and Kafka topic prefix. The
articles Kafka topic has one partition per worker, so each analyses a share; the claims Kafka
topic and the ledger keep their partitions (at least 4), split by Faust between the workers.
Measured: articles/s end to end for all workers together, who analysed what, which ledger
partitions each owns, and the alerts (none may arrive twice).
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from streams.bench.corpus import warmup_articles
from streams.bench.faust_worker import analysed, wait_analysed
from streams.bench.kafka_io import AlertWatcher, send_all
from streams.bench.stats import AlertTally, BenchError, per_second
from streams.broker import free_port
from streams.demo import WorkerProcess
from streams.producing import prepare_topics
from streams.records import Article
from streams.settings import Settings

__all__ = ["ScaleOut", "ledger_partitions", "measure_scale_out", "wait_split"]

WARMUP_ARTICLES = 60
#: The run ends once no alert arrived for this long after the last article was analysed (the
#: wait itself is not timed: the end is the last alert's arrival).
QUIET_S = 2.0


@dataclass(frozen=True)
class ScaleOut:
    """What several workers did together on the same corpus."""

    workers: int
    articles_partitions: int
    claims_partitions: int
    articles_per_s: float
    analysed_by_worker: list[int]
    ledger_partitions_by_worker: list[list[int]]
    alerts: AlertTally


def ledger_partitions(worker: WorkerProcess) -> list[int]:
    """The ledger partitions this worker owns, from Faust's ``/router/`` view ([] if it is
    not answering)."""
    try:
        with urllib.request.urlopen(f"{worker.web_url}/router/", timeout=2) as response:
            metadata: dict[str, dict[str, list[int]]] = json.load(response)
    except (OSError, ValueError):
        return []
    return sorted(
        partition
        for topic, partitions in metadata.get(worker.web_url, {}).items()
        if topic.endswith("claim-ledger-changelog")
        for partition in partitions
    )


async def wait_split(workers: Sequence[WorkerProcess], partitions: int, timeout: float) -> None:
    """Until every worker owns ledger partitions and together they own all of them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        owned = [await asyncio.to_thread(ledger_partitions, w) for w in workers]
        if all(owned) and sorted(p for mine in owned for p in mine) == list(range(partitions)):
            return
        await asyncio.sleep(0.5)
    raise BenchError(f"the ledger's {partitions} partitions were not split between the workers")


async def measure_scale_out(
    base: Settings,
    articles: Sequence[Article],
    expected_alerts: Collection[str],
    workdir: Path,
    *,
    workers: int = 2,
    timeout: float = 300.0,
) -> ScaleOut:
    """Start ``workers`` worker processes, warm them up, produce ``articles`` at once, and
    measure until every article is analysed and the alerts stop arriving."""
    settings = base.model_copy(
        update={
            "articles_partitions": workers,
            "claims_partitions": max(4, base.claims_partitions),
        }
    )
    await prepare_topics(settings)
    processes = [
        WorkerProcess(
            settings.model_copy(
                update={"web_port": free_port(), "data_dir": workdir / f"data-{n}"}
            ),
            workdir / f"scale-out-worker-{n}.log",
        ).start()
        for n in range(workers)
    ]
    try:
        await send_all(settings, warmup_articles(WARMUP_ARTICLES))
        await wait_analysed(processes, WARMUP_ARTICLES, timeout=120)
        await wait_split(processes, settings.claims_partitions, timeout=120)
        before = await analysed(processes)
        async with AlertWatcher(settings, articles) as watcher:
            started = await send_all(settings, articles)
            counted = await wait_analysed(processes, sum(before) + len(articles), timeout)
            last = counted  # alerts follow the counting: wait until none came for QUIET_S
            while time.monotonic() - last < QUIET_S:
                await asyncio.sleep(0.1)
                last = max([last, *(a.at for a in watcher.arrivals[-1:])])
            finished = max([counted, *(a.at for a in watcher.arrivals)])
            tally = watcher.tally(expected_alerts)
        after = await analysed(processes)
        owned = [await asyncio.to_thread(ledger_partitions, w) for w in processes]
    finally:
        await asyncio.gather(*(asyncio.to_thread(w.stop) for w in processes))
    return ScaleOut(
        workers=workers,
        articles_partitions=settings.articles_partitions,
        claims_partitions=settings.claims_partitions,
        articles_per_s=per_second(len(articles), finished - started),
        analysed_by_worker=[a - b for a, b in zip(after, before, strict=True)],
        ledger_partitions_by_worker=owned,
        alerts=tally,
    )
