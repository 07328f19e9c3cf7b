"""The web side on the real broker: the alert store fills from every partition, consumer lag is
measured from Kafka, and notify posts each alert id once."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.structs import OffsetAndMetadata
from prometheus_client.parser import text_string_to_metric_families

from streams.demo import WorkerProcess
from streams.kafka_topics import KafkaTopics, ensure_topics
from streams.messages import encode
from streams.metrics import ConsumerLag
from streams.notify import run_notify
from streams.producing import run_replay
from streams.records import Alert
from streams.settings import Settings
from streams.subscriber import AlertFilter
from streams.web import AlertStore, WebViews
from tests.conftest import SEEDS
from tests.support import read_alerts, wait_processed
from tests.unit.test_web_store import make_alert

pytestmark = pytest.mark.broker


async def _produce(settings: Settings, topic: str, values: list[tuple[bytes, bytes]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=settings.bootstrap_servers)
    await producer.start()
    try:
        for key, value in values:
            await producer.send_and_wait(topic, value, key=key)
    finally:
        await producer.stop()


def _records(alerts: list[Alert]) -> list[tuple[bytes, bytes]]:
    return [(a.claim_key.encode(), encode(a)) for a in alerts]


@pytest.fixture
async def alerts_on_kafka(kafka_settings: Settings) -> list[Alert]:
    """Alerts of several claim keys (so several partitions), the second (news topic ev) sent
    twice; on ``<prefix>.alerts`` and on their news topic's Kafka topic, as the ledger does."""
    await ensure_topics(kafka_settings, ["ev", "ipo"])
    alerts = [
        make_alert(kind=f"kind_{n}", article_id=f"a{n}", topic="ev" if n % 2 else "ipo")
        for n in range(6)
    ]
    topics = KafkaTopics(kafka_settings.topic_prefix)
    await _produce(kafka_settings, topics.alerts, _records([*alerts, alerts[1]]))
    for news_topic in ("ev", "ipo"):
        own = [a for a in [*alerts, alerts[1]] if a.topic == news_topic]
        await _produce(kafka_settings, topics.alerts_for(news_topic), _records(own))
    return alerts


async def _wait(condition: Any, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.1)


async def test_the_page_store_reads_every_partition_once(
    kafka_settings: Settings, alerts_on_kafka: list[Alert]
) -> None:
    partitions = {a.claim_key for a in alerts_on_kafka}
    assert len(partitions) > 1
    store = AlertStore()
    views = WebViews(store)
    app = web.Application()
    views.add_routes(app)
    app.cleanup_ctx.append(views.follow(kafka_settings))
    async with TestClient(TestServer(app)) as client:
        await _wait(lambda: len(store) >= len(alerts_on_kafka))
        listing = await (await client.get("/api/alerts")).json()
    ids = [a["alert_id"] for a in listing["alerts"]]
    assert sorted(ids) == sorted(a.alert_id for a in alerts_on_kafka)


async def test_consumer_lag_is_end_offset_minus_the_groups_committed_offset(
    kafka_settings: Settings,
) -> None:
    await ensure_topics(kafka_settings, [])
    articles = KafkaTopics(kafka_settings.topic_prefix).articles
    await _produce(kafka_settings, articles, [(b"k", b"{}")] * 5)
    lag = ConsumerLag(kafka_settings)
    try:
        assert await lag.measure() == {0: 5}
        group = AIOKafkaConsumer(
            bootstrap_servers=kafka_settings.bootstrap_servers, group_id=kafka_settings.app_id
        )
        await group.start()
        try:
            tp = TopicPartition(articles, 0)
            group.assign([tp])
            await group.commit({tp: OffsetAndMetadata(3, "")})
        finally:
            await group.stop()
        assert await lag.measure() == {0: 2}
    finally:
        await lag.close()


async def test_notify_posts_every_alert_once_from_the_beginning(
    kafka_settings: Settings, alerts_on_kafka: list[Alert], tmp_path: Path
) -> None:
    received: list[dict[str, Any]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append(await request.json())
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", hook)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    state = tmp_path / "posted"
    try:
        url = str(server.make_url("/hook"))
        wanted = AlertFilter(news_topic="ev")
        options: dict[str, Any] = {"state": state, "from_beginning": True, "idle": 2.0}
        posted = await run_notify(kafka_settings, url, wanted, **options)
        again = await run_notify(kafka_settings, url, wanted, **options)
    finally:
        await server.close()
    ev = [a for a in alerts_on_kafka if a.topic == "ev"]
    assert (posted, again) == (len(ev), 0)
    assert len(received) == len(ev)
    assert sorted(state.read_text().split()) == sorted(a.alert_id for a in ev)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        return bytes(response.read())


@pytest.mark.e2e
async def test_a_worker_serves_the_seed_alerts_claims_timeline_and_metrics(
    kafka_settings: Settings, tmp_path: Path
) -> None:
    worker = WorkerProcess(kafka_settings, tmp_path / "worker.log").start()
    try:
        produced = await run_replay(kafka_settings, SEEDS, rate=0, progress=False)
        await wait_processed(worker, produced)
        topics = KafkaTopics(kafka_settings.topic_prefix)
        on_kafka = await read_alerts(kafka_settings, topics.alerts, min_count=1, quiet=2)
        api = worker.web_url + "/api"

        def served() -> list[str]:
            alerts = json.loads(_get(api + "/alerts"))["alerts"]
            return sorted(a["alert_id"] for a in alerts)

        await _wait(lambda: served() == sorted(a.alert_id for a in on_kafka))
        entity = on_kafka[0].entity
        claims = json.loads(_get(f"{api}/claims?entity={entity}"))["claims"]
        assert {c["key"] for c in claims} == {a.claim_key for a in on_kafka if a.entity == entity}
        timeline = json.loads(_get(f"{api}/timeline/{entity}"))
        assert timeline["lanes"] or timeline["undated"]

        def lag_is_zero() -> bool:
            metrics = _get(worker.web_url + "/metrics").decode()
            return 'claimwatch_consumer_lag{partition="0"} 0.0' in metrics

        await _wait(lag_is_zero)
        families = {
            f.name: f
            for f in text_string_to_metric_families(_get(worker.web_url + "/metrics").decode())
        }
        (articles,) = [
            s for s in families["claimwatch_articles"].samples if s.name.endswith("_total")
        ]
        assert articles.value == produced
        sent = sum(
            s.value for s in families["claimwatch_alerts"].samples if s.name.endswith("_total")
        )
        assert sent == len(on_kafka)
    finally:
        assert worker.stop(timeout=20) is not None
