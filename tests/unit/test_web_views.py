"""The page, the JSON API, the live stream and /metrics, served from a hand-filled store."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from streams.kafka_topics import KafkaTopics
from streams.metrics import PipelineMetrics
from streams.records import AlertType
from streams.web import WebViews
from streams.web.store import AlertStore
from tests.unit.test_web_store import make_alert

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture
def store() -> AlertStore:
    store = AlertStore()
    store.add(make_alert())
    store.add(make_alert("listing", "2018-07", topic="ipo", article_id="a2", sentence=HOSTILE))
    store.add(
        make_alert(
            type=AlertType.TIMELINE_CHANGED,
            time="2024-H2",
            previous_time="2024-H1",
            article_id="a3",
        )
    )
    return store


@pytest.fixture
async def client(store: AlertStore) -> AsyncIterator[TestClient[Any, Any]]:
    app = web.Application()
    WebViews(store, metrics=PipelineMetrics(KafkaTopics("cw"))).add_routes(app)
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def test_the_page_and_its_assets_are_served_with_a_strict_policy(
    client: TestClient[Any, Any],
) -> None:
    for path in ("/", "/timeline/Xiaomi"):
        response = await client.get(path)
        assert response.status == 200
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert '<script src="/static/app.js"' in await response.text()
    script = await client.get("/static/app.js")
    assert script.status == 200
    text = await script.text()
    assert "EventSource" in text
    assert not any(sink in text for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML"))
    assert (await client.get("/static/style.css")).status == 200


async def test_api_alerts_filters_and_keeps_feed_text_as_data(client: TestClient[Any, Any]) -> None:
    everything = await (await client.get("/api/alerts")).json()
    assert everything["total"] == 3
    assert [a["article_id"] for a in everything["alerts"]] == ["a3", "a2", "a1"]
    ipo = await (await client.get("/api/alerts", params={"topic": "ipo"})).json()
    assert [a["evidence"][0]["sentence"] for a in ipo["alerts"]] == [HOSTILE]
    changed = await (await client.get("/api/alerts", params={"type": "timeline_changed"})).json()
    assert [a["previous_time"] for a in changed["alerts"]] == ["2024-H1"]
    limited = await (await client.get("/api/alerts", params={"limit": "1"})).json()
    assert len(limited["alerts"]) == 1
    response = await client.get("/api/alerts", params={"type": "nonsense"})
    assert response.status == 400
    assert "nonsense" in (await response.json())["error"]


async def test_api_claims_and_timeline(client: TestClient[Any, Any]) -> None:
    claims = await (await client.get("/api/claims", params={"entity": "xiaomi"})).json()
    times = {c["kind"]: c["time"] for c in claims["claims"]}
    assert times == {"mass_production": "2024-H2", "listing": "2018-07"}
    timeline = await (await client.get("/api/timeline/Xiaomi")).json()
    lanes = {lane["kind"]: lane for lane in timeline["lanes"]}
    assert lanes["mass_production"]["slipped"] is True
    assert lanes["mass_production"]["shifts"][0]["direction"] == "later"
    assert lanes["listing"]["points"][0]["start"] == "2018-07-01"


async def _events(response: Any, count: int) -> list[tuple[str, dict[str, Any]]]:
    """The next ``count`` server-sent events: (id, the alert as JSON)."""
    events: list[tuple[str, dict[str, Any]]] = []
    fields: dict[str, str] = {}
    while len(events) < count:
        line = (await asyncio.wait_for(response.content.readline(), 5)).decode().rstrip("\n")
        if line:
            name, _, value = line.partition(": ")
            fields[name] = value
        elif "data" in fields:
            events.append((fields["id"], json.loads(fields["data"])))
            fields = {}
    return events


async def test_the_stream_sends_kept_alerts_then_new_ones(
    client: TestClient[Any, Any], store: AlertStore
) -> None:
    response = await client.get("/api/alerts/stream")
    assert response.headers["Content-Type"].startswith("text/event-stream")
    backlog = await _events(response, 3)
    epoch = store.epoch
    assert [event_id for event_id, _ in backlog] == [f"{epoch}.1", f"{epoch}.2", f"{epoch}.3"]
    store.add(make_alert(article_id="late"))
    store.add(make_alert(article_id="late"))  # the same alert id: sent once
    store.add(make_alert(article_id="later"))
    live = await _events(response, 2)
    assert [(i, a["article_id"]) for i, a in live] == [
        (f"{epoch}.4", "late"),
        (f"{epoch}.5", "later"),
    ]
    response.close()


@pytest.mark.parametrize(
    ("last_event_id", "expected"),
    [("{epoch}.2", ["a3"]), ("another-worker.2", ["a1", "a2", "a3"]), ("junk", ["a1", "a2", "a3"])],
)
async def test_a_reconnecting_stream_resumes_after_its_last_event_of_this_store(
    client: TestClient[Any, Any], store: AlertStore, last_event_id: str, expected: list[str]
) -> None:
    headers = {"Last-Event-ID": last_event_id.format(epoch=store.epoch)}
    response = await client.get("/api/alerts/stream", headers=headers)
    assert [a["article_id"] for _, a in await _events(response, len(expected))] == expected
    store.add(make_alert(article_id="next"))
    assert [a["article_id"] for _, a in await _events(response, 1)] == ["next"]
    response.close()


async def test_metrics_are_in_prometheus_text_format(client: TestClient[Any, Any]) -> None:
    response = await client.get("/metrics")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    text = await response.text()
    assert "# TYPE claimwatch_articles_total counter" in text
    assert "# TYPE claimwatch_processing_seconds histogram" in text
