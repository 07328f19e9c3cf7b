"""The ledger agent's step on one claim batch: decide, deliver the alerts, then store."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any, cast

import pytest

from streams.app import Pipeline
from streams.kafka_topics import KafkaTopics
from streams.ledger_table import LedgerTable
from streams.messages import encode
from streams.records import Alert, Claim, ClaimBatch, DeadLetter, Evidence
from streams.settings import Settings
from streams.steps import DeliveryFailed, record_claims

TOPICS = KafkaTopics("cw")


def _delivery(fail: bool) -> asyncio.Future[None]:
    """The future a Kafka producer returns for one record: delivered, or refused."""
    delivered: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    if fail:
        delivered.set_exception(RuntimeError("MessageSizeTooLarge"))
    else:
        delivered.set_result(None)
    return delivered


class FakeTopic:
    """A Faust topic: records what was sent through it (dead letters)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.sent: list[bytes] = []

    def get_topic_name(self) -> str:
        return self.name

    async def send(self, *, key: bytes | None = None, value: bytes) -> asyncio.Future[None]:
        self.sent.append(value)
        return _delivery(False)


class FakeProducer:
    """The app's producer: records what was sent to each Kafka topic (alerts)."""

    def __init__(self, fail: bool) -> None:
        self.sent: dict[str, list[bytes]] = {}
        self.fail = fail

    async def send(
        self, topic: str, key: bytes | None, value: bytes, *rest: object
    ) -> asyncio.Future[None]:
        self.sent.setdefault(topic, []).append(value)
        return _delivery(self.fail)


class FakeSensors:
    """The app's sensors: records which Kafka topics they were told of a send to."""

    def __init__(self) -> None:
        self.sends: list[tuple[str, bytes]] = []

    def on_send_initiated(
        self, producer: object, topic: str, message: Any, keysize: int, valsize: int
    ) -> None:
        assert (keysize, valsize) == (len(message.key), len(message.value))
        self.sends.append((topic, message.value))


class FakeApp:
    def __init__(self, fail: bool) -> None:
        self.producer = FakeProducer(fail)
        self.sensors = FakeSensors()

    async def maybe_start_producer(self) -> FakeProducer:
        return self.producer


def pipeline(fail: bool = False) -> tuple[Pipeline, dict[str, bytes]]:
    table: dict[str, bytes] = {}
    names = {"alerts": TOPICS.alerts, "deadletter": TOPICS.deadletter}
    names[TOPICS.alerts_for("ev")] = TOPICS.alerts_for("ev")
    kafka_topics = {key: FakeTopic(name) for key, name in names.items()}
    built = Pipeline(
        app=cast(Any, FakeApp(fail)),
        settings=Settings(),
        topics=TOPICS,
        analyzer=cast(Any, None),
        kafka_topics=cast(Any, kafka_topics),
        ledger=LedgerTable(table),
    )
    return built, table


def sent(built: Pipeline, name: str) -> list[bytes]:
    """What went to a Kafka topic (by its key in ``kafka_topics``), through either path."""
    topic = cast(FakeTopic, built.kafka_topics[name])
    producer = cast(FakeApp, built.app).producer
    return topic.sent + producer.sent.get(topic.get_topic_name(), [])


def claim(article: str, time: str) -> Claim:
    evidence = Evidence(article_id=article, lang="en", sentence=f"Mass production in {time}.")
    return Claim(
        entity="Xiaomi",
        topic="ev",
        kind="mass_production",
        time=time,
        article_id=article,
        evidence=evidence,
    )


def event(value: bytes, offset: int) -> Any:
    message = SimpleNamespace(
        topic=TOPICS.claims, partition=0, offset=offset, key=None, value=value
    )
    return SimpleNamespace(value=value, message=message)


def batch(*claims: Claim) -> bytes:
    return encode(ClaimBatch(claims=list(claims)))


def test_a_batch_is_decided_in_order_and_its_alerts_go_to_both_kafka_topics() -> None:
    built, table = pipeline()
    record = event(batch(claim("a", "2024"), claim("b", "2024-H1"), claim("c", "2024-H1")), 5)
    asyncio.run(record_claims(built, record))
    alerts = [Alert.model_validate_json(v) for v in sent(built, "alerts")]
    assert [a.type.value for a in alerts] == ["new_claim", "timeline_changed"]
    assert sent(built, TOPICS.alerts_for("ev")) == sent(built, "alerts")
    # The sensors (the /metrics alert counter) hear of each record, as through Topic.send.
    heard = cast(FakeApp, built.app).sensors.sends
    assert sorted(heard) == sorted(
        [(TOPICS.alerts, v) for v in sent(built, "alerts")]
        + [(TOPICS.alerts_for("ev"), v) for v in sent(built, TOPICS.alerts_for("ev"))]
    )
    assert len(heard) == 4
    (stored,) = table.values()  # one key, stored once
    assert b'"time":"2024-H1"' in stored
    assert b'"count":1' in stored  # "c" corroborated "b"


def test_a_redelivered_batch_raises_nothing_and_changes_nothing() -> None:
    built, table = pipeline()
    record = event(batch(claim("a", "2024"), claim("b", "2024-H1")), 5)
    asyncio.run(record_claims(built, record))
    before, delivered = dict(table), len(sent(built, "alerts"))
    asyncio.run(record_claims(built, record))
    assert table == before
    assert len(sent(built, "alerts")) == delivered


def test_alerts_kafka_does_not_take_leave_the_ledger_as_it_was() -> None:
    built, table = pipeline(fail=True)
    with pytest.raises(DeliveryFailed, match="MessageSizeTooLarge"):
        asyncio.run(record_claims(built, event(batch(claim("a", "2024")), 0)))
    assert table == {}


def test_an_unreadable_batch_goes_to_the_dead_letter_topic_whole() -> None:
    built, table = pipeline()
    asyncio.run(record_claims(built, event(b'{"claims": []}', 3)))
    (letter,) = [DeadLetter.model_validate_json(v) for v in sent(built, "deadletter")]
    assert (letter.source_topic, letter.offset) == (TOPICS.claims, 3)
    assert table == {} and sent(built, "alerts") == []
