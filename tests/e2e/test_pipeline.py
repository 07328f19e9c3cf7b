"""End to end: broker + worker process, replay the seeds as a feed, read the alert Kafka topics."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.backtest import run_backtest
from streams.demo import WorkerProcess
from streams.kafka_topics import KafkaTopics
from streams.producing import run_replay
from streams.settings import Settings
from tests.conftest import SEEDS
from tests.support import read_alerts, wait_processed

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
