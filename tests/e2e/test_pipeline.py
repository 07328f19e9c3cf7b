"""End to end: broker + worker process, replay the seeds as a feed, read the alert Kafka topics."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.backtest import run_backtest
from streams.demo import WorkerProcess
from streams.kafka_topics import KafkaTopics, claims_partition
from streams.messages import decode
from streams.producing import run_replay
from streams.records import ClaimBatch
from streams.settings import Settings
from tests.conftest import SEEDS
from tests.support import read_alerts, read_records, wait_processed

pytestmark = [pytest.mark.broker, pytest.mark.e2e]


@pytest.fixture
def worker(kafka_settings: Settings, tmp_path: Path) -> Iterator[WorkerProcess]:
    process = WorkerProcess(kafka_settings, tmp_path / "worker.log").start()
    yield process
    code = process.stop(timeout=20)
    assert code is not None


async def test_seeds_replayed_as_a_feed_give_the_backtest_alerts_once(
    kafka_settings: Settings, worker: WorkerProcess, tmp_path: Path
) -> None:
    """Pass: the alerts on <prefix>.alerts equal backtest's (same ids), cover all four news
    topics with evidence, each per-topic Kafka topic holds only its own, and a second replay of
    the same seeds adds no alert."""
    expected = run_backtest(kafka_settings, str(SEEDS), None, fmt="jsonl", out=io.StringIO())
    assert expected, "the seeds must give alerts"
    topics = KafkaTopics(kafka_settings.topic_prefix)

    produced = await run_replay(kafka_settings, SEEDS, rate=0, progress=False)
    assert produced == 5
    await wait_processed(worker, 5)
    alerts = await read_alerts(kafka_settings, topics.alerts, min_count=len(expected), timeout=60)

    assert sorted(a.alert_id for a in alerts) == sorted(a.alert_id for a in expected)
    assert {a.topic for a in alerts} >= {"ev", "us_market", "ipo", "ads_partnership"}
    assert all(a.evidence and all(e.sentence for e in a.evidence) for a in alerts)
    for news_topic in {a.topic for a in alerts}:
        own = await read_alerts(kafka_settings, topics.alerts_for(news_topic), quiet=0.5)
        assert own and {a.topic for a in own} == {news_topic}
        assert sorted(a.alert_id for a in own) == sorted(
            a.alert_id for a in alerts if a.topic == news_topic
        )

    again = await run_replay(kafka_settings, SEEDS, rate=0, progress=False)
    assert again == 5
    await wait_processed(worker, 10)
    after = await read_alerts(kafka_settings, topics.alerts, min_count=len(alerts), quiet=3)
    assert len(after) == len(alerts), "a replay of the same articles must stay silent"


async def test_each_claim_and_its_ledger_entry_live_on_the_partition_of_its_key(
    kafka_settings: Settings, worker: WorkerProcess
) -> None:
    """Pass: every claim batch on <prefix>.claims sits on the partition its claims' keys hash
    to, and every changelog record of the ledger table on that same partition; so a worker
    that takes over a claims partition recovers exactly the ledger entries of its keys."""
    partitions = kafka_settings.claims_partitions
    await run_replay(kafka_settings, SEEDS, rate=0, progress=False)
    await wait_processed(worker, 5)
    topics = KafkaTopics(kafka_settings.topic_prefix)
    claim_records = await read_records(kafka_settings, topics.claims, min_count=1)
    keys = set()
    for record in claim_records:
        batch = decode(record.value, ClaimBatch)
        keys |= {claim.key for claim in batch.claims}
        assert {claims_partition(c.key, partitions) for c in batch.claims} == {record.partition}
    changelog = f"{kafka_settings.app_id}-claim-ledger-changelog"
    entries = await read_records(kafka_settings, changelog, min_count=len(keys))
    entry_keys = [(json.loads(r.key) if r.key else None, r.partition) for r in entries]
    assert {key for key, _ in entry_keys} == keys  # Faust writes table keys as JSON
    for key, partition in entry_keys:
        assert partition == claims_partition(key, partitions), key
    assert len({r.partition for r in entries}) > 1, "the seeds' claims span several partitions"
