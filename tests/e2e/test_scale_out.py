"""Scale-out: two worker processes of one app share the claim ledger's partitions."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.analysis import Monitor
from streams.bench.corpus import generate_articles
from streams.bench.kafka_io import send_all
from streams.bench.scale_out import ledger_partitions, wait_split
from streams.broker import free_port
from streams.demo import WorkerProcess
from streams.kafka_topics import KafkaTopics
from streams.producing import prepare_topics
from streams.settings import Settings
from tests.support import read_alerts

pytestmark = [pytest.mark.broker, pytest.mark.e2e]

ARTICLES = 150


@pytest.fixture
def workers(kafka_settings: Settings, tmp_path: Path) -> Iterator[list[WorkerProcess]]:
    started = []
    for name in ("a", "b"):
        settings = kafka_settings.model_copy(
            update={"web_port": free_port(), "data_dir": tmp_path / f"data-{name}"}
        )
        started.append(WorkerProcess(settings, tmp_path / f"worker-{name}.log").start())
    yield started
    for worker in started:
        assert worker.stop(timeout=20) is not None


async def test_two_workers_share_the_ledger_and_raise_every_alert_once(
    kafka_settings: Settings, workers: list[WorkerProcess]
) -> None:
    """Pass: both workers own ledger partitions and raise alerts from them; together they raise
    exactly the alerts the in-process Monitor raises for the same stream, none twice."""
    articles = generate_articles(ARTICLES, seed=6)
    monitor = Monitor()
    expected = [alert for article in articles for alert in monitor.process(article)[1]]
    assert len(expected) > 20
    await prepare_topics(kafka_settings)
    assert kafka_settings.claims_partitions >= 4
    await wait_split(workers, kafka_settings.claims_partitions, timeout=90)
    split = [await asyncio.to_thread(ledger_partitions, worker) for worker in workers]
    assert all(0 < len(owned) < kafka_settings.claims_partitions for owned in split)

    await send_all(kafka_settings, articles)
    alerts = await read_alerts(
        kafka_settings, KafkaTopics(kafka_settings.topic_prefix).alerts, min_count=len(expected)
    )

    ids = Counter(alert.alert_id for alert in alerts)
    assert [alert_id for alert_id, count in ids.items() if count > 1] == []
    assert sorted(ids) == sorted(alert.alert_id for alert in expected)
    for worker in workers:
        counters = await asyncio.to_thread(worker.counters)
        raised = sum(n for name, n in counters.items() if name.startswith("alerts."))
        assert raised > 0, f"{worker.web_url} raised no alert: {counters}"
    analysed = [(await asyncio.to_thread(w.counters)).get("articles", 0) for w in workers]
    assert sorted(analysed) == [0, ARTICLES]  # one articles partition: one worker analyses
