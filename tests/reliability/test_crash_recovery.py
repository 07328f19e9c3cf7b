"""SIGKILL the worker mid-stream, twice: no alert lost, none extra (deduplicated by alert_id)."""

from __future__ import annotations

import asyncio
import io
import signal
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from connectors import load_articles
from streams.backtest import run_backtest
from streams.demo import WorkerProcess
from streams.kafka_topics import KafkaTopics
from streams.producing import prepare_topics
from streams.settings import Settings
from tests.conftest import DEV_CORPUS
from tests.support import read_alerts

pytestmark = [pytest.mark.broker, pytest.mark.reliability, pytest.mark.slow]

RATE = 4.0  # articles/s


async def _produce_slowly(settings: Settings, corpus: Path) -> int:
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers)
    await producer.start()
    count = 0
    try:
        for article in load_articles(corpus):
            await producer.send_and_wait(
                KafkaTopics(settings.topic_prefix).articles,
                article.model_dump_json().encode(),
                key=article.article_id.encode(),
            )
            count += 1
            await asyncio.sleep(1 / RATE)
    finally:
        await producer.stop()
    return count


async def test_two_sigkills_mid_stream_lose_nothing_and_add_nothing(
    kafka_settings: Settings, tmp_path: Path
) -> None:
    """Pass: >= 40 articles at 4/s, worker SIGKILLed twice and restarted; the alert ids on Kafka
    equal the backtest's exactly. Duplicated deliveries are counted and printed (goal: 0)."""
    settings = kafka_settings.model_copy(update={"config_file": DEV_CORPUS / "watch.yaml"})
    from streams.analysis import load_watch_config

    watch = load_watch_config(DEV_CORPUS / "watch.yaml")
    expected = run_backtest(settings, str(DEV_CORPUS), watch, fmt="jsonl", out=io.StringIO())
    assert len(list(load_articles(DEV_CORPUS))) >= 40 and expected

    await prepare_topics(settings, watch)
    worker = WorkerProcess(settings, tmp_path / "worker.log").start()
    producing = asyncio.create_task(_produce_slowly(settings, DEV_CORPUS))
    try:
        for pause in (6.0, 5.0):
            await asyncio.sleep(pause)
            assert worker.process is not None
            worker.process.send_signal(signal.SIGKILL)
            worker.process.wait()
            worker.process = None
            worker.start()
        produced = await producing
        assert produced >= 40
        alerts = await read_alerts(
            settings,
            KafkaTopics(settings.topic_prefix).alerts,
            min_count=len(expected),
            timeout=150,
            quiet=5,
        )
    finally:
        producing.cancel()
        worker.stop(timeout=20)

    ids = [a.alert_id for a in alerts]
    duplicates = len(ids) - len(set(ids))
    print(f"\ncrash test: {len(set(ids))} distinct alerts, {duplicates} delivered twice")
    assert set(ids) == {a.alert_id for a in expected}
