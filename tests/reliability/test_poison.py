"""Poison records on the articles Kafka topic go to the dead-letter topic; neighbours are processed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from streams.demo import WorkerProcess
from streams.kafka_topics import KafkaTopics
from streams.producing import prepare_topics
from streams.records import Article, DeadLetter
from streams.settings import Settings
from tests.support import read_topic, wait_processed

pytestmark = [pytest.mark.broker, pytest.mark.reliability]

VALID = [
    Article(
        article_id=f"ok-{i}",
        title="Xiaomi plans",
        text="Xiaomi will start mass production of its first electric car in the first half of 2024.",
    )
    for i in range(3)
]
POISON = {
    b"{this is not json": "invalid Article",
    b"\xff\xfe\xfa not utf-8 \xc3\x28": "not UTF-8",
    json.dumps({"article_id": "x", "text": 42, "colour": "red"}).encode(): "invalid Article",
    b'{"article_id": "huge", "text": "' + b"a" * 5_000_000 + b'"}': "invalid Article",
}


@pytest.fixture
def worker(kafka_settings: Settings, tmp_path: Path) -> Iterator[WorkerProcess]:
    process = WorkerProcess(kafka_settings, tmp_path / "worker.log").start()
    yield process
    process.stop(timeout=20)


async def _produce(settings: Settings, values: list[bytes]) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers, max_request_size=8_000_000
    )
    await producer.start()
    try:
        for value in values:
            await producer.send_and_wait(KafkaTopics(settings.topic_prefix).articles, value)
    finally:
        await producer.stop()


async def test_poison_goes_to_deadletter_and_offsets_move_past_it(
    kafka_settings: Settings, worker: WorkerProcess, tmp_path: Path
) -> None:
    """Pass: 4 poison values → 4 dead letters with their reason and payload; the 3 valid
    neighbours are analysed; after a restart the poison is not read again (offsets committed)."""
    await prepare_topics(kafka_settings)
    poison = list(POISON)
    values = [
        VALID[0].model_dump_json().encode(),
        poison[0],
        poison[1],
        VALID[1].model_dump_json().encode(),
        poison[2],
        poison[3],
        VALID[2].model_dump_json().encode(),
    ]
    await _produce(kafka_settings, values)
    counters = await wait_processed(worker, len(values))
    assert counters.get("articles") == 3
    assert counters.get("deadletters") == 4

    topic = KafkaTopics(kafka_settings.topic_prefix).deadletter
    letters = [
        DeadLetter.model_validate_json(v)
        for v in await read_topic(kafka_settings, topic, min_count=4)
    ]
    assert len(letters) == 4
    for letter, value in zip(letters, poison, strict=True):
        assert POISON[value] in letter.error
        assert letter.source_topic == KafkaTopics(kafka_settings.topic_prefix).articles
        assert letter.offset is not None
    assert letters[1].payload_encoding == "base64"
    assert letters[3].payload_truncated

    # Restart: the committed offsets are past the poison, so nothing is dead-lettered again.
    assert worker.stop(timeout=20) is not None
    worker.start()
    await _produce(
        kafka_settings,
        [Article(article_id="after", text="Nothing new.").model_dump_json().encode()],
    )
    counters = await wait_processed(worker, 1)
    assert counters.get("deadletters", 0) == 0
    again = await read_topic(kafka_settings, topic, min_count=4, quiet=1)
    assert len(again) == 4
