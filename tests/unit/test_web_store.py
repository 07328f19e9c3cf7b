"""The web's alert store: bounded, one copy per alert id, filters, live listeners."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from streams.records import Alert, AlertType, Evidence
from streams.subscriber import AlertFilter
from streams.web.store import AlertStore


def make_alert(
    kind: str = "mass_production",
    time: str | None = "2024-H1",
    *,
    type: AlertType = AlertType.NEW_CLAIM,
    entity: str = "Xiaomi",
    topic: str = "ev",
    article_id: str = "a1",
    sentence: str = "The company says series production starts in the first half of 2024.",
    lang: str = "en",
    evidence: list[Evidence] | None = None,
    **fields: Any,
) -> Alert:
    """A hand-made alert; its id is derived from what makes it, like the ledger's."""
    own = Evidence(
        article_id=article_id,
        url=f"https://news.example/{article_id}",
        lang=lang,
        sentence=sentence,
        published=datetime(2023, 5, 2, 9, 30, tzinfo=UTC),
    )
    return Alert(
        alert_id=Alert.make_id(
            type.value, entity, topic, kind, time, article_id, fields.get("value")
        ),
        type=type,
        entity=entity,
        topic=topic,
        kind=kind,
        time=time,
        article_id=article_id,
        evidence=[*(evidence or []), own],
        created_at=datetime(2024, 1, 1, tzinfo=UTC),
        **fields,
    )


def test_an_alert_id_is_kept_once() -> None:
    store = AlertStore()
    alert = make_alert()
    assert store.add(alert) is True
    assert store.add(alert) is False
    assert len(store) == 1
    assert store.last_seq == 1


def test_the_oldest_alerts_are_forgotten_first_and_lists_are_newest_first() -> None:
    store = AlertStore(capacity=3)
    alerts = [make_alert(article_id=f"a{n}") for n in range(5)]
    for alert in alerts:
        store.add(alert)
    assert store.alerts() == alerts[:1:-1]
    assert [s.seq for s in store.history()] == [3, 4, 5]
    assert store.add(alerts[0]) is True  # forgotten, so stored again


def test_filters_by_news_topic_entity_and_type() -> None:
    store = AlertStore()
    ev = make_alert()
    ipo = make_alert("listing", "2018", topic="ipo", article_id="a2")
    other = make_alert(entity="Great Wall", article_id="a3")
    changed = make_alert(
        type=AlertType.TIMELINE_CHANGED, time="2024-H2", previous_time="2024-H1", article_id="a4"
    )
    for alert in (ev, ipo, other, changed):
        store.add(alert)
    assert store.alerts(AlertFilter(news_topic="ipo")) == [ipo]
    assert store.alerts(AlertFilter(entity="xiaomi")) == [changed, ipo, ev]
    assert store.alerts(AlertFilter(type="timeline_changed")) == [changed]


def test_since_gives_what_came_after_an_arrival_number() -> None:
    store = AlertStore()
    for n in range(4):
        store.add(make_alert(article_id=f"a{n}"))
    assert [s.seq for s in store.since(2)] == [3, 4]
    assert store.since(4) == []


async def test_a_listener_gets_new_alerts_then_none_when_the_store_closes() -> None:
    store = AlertStore()
    store.add(make_alert(article_id="before"))
    async with store.listen() as listener:
        store.add(make_alert(article_id="after"))
        store.close_listeners()
        first = await listener.queue.get()
        assert first is not None and first.alert.article_id == "after"
        assert await listener.queue.get() is None


async def test_a_listener_that_falls_behind_is_marked_and_gets_no_more() -> None:
    store = AlertStore(listener_capacity=2)
    async with store.listen() as listener:
        for n in range(4):
            store.add(make_alert(article_id=f"a{n}"))
        assert listener.overflowed
        assert listener.queue.qsize() == 2


def test_capacity_must_be_positive() -> None:
    with pytest.raises(ValueError):
        AlertStore(capacity=0)
