"""Claim state and claim timelines derived from alert histories (hand-made alerts)."""

from __future__ import annotations

from datetime import date
from typing import Any

from streams.records import Alert, AlertType, Evidence
from streams.web.claims import claim_states, entity_timeline, split_evidence
from tests.unit.test_web_store import make_alert

OLD = Evidence(article_id="a1", lang="it", sentence="La produzione partirà nel 2024.")


def _slip(time: str = "2024-H2", previous: str = "2024-H1", **fields: Any) -> Alert:
    return make_alert(
        type=AlertType.TIMELINE_CHANGED,
        time=time,
        previous_time=previous,
        article_id="a2",
        sentence="Production now starts in the second half of 2024.",
        evidence=[OLD],
        **fields,
    )


def test_a_changes_evidence_is_split_into_previous_and_new() -> None:
    before, after = split_evidence(_slip())
    assert before == [OLD]
    assert [e.article_id for e in after] == ["a2"]
    first = make_alert(evidence=[OLD])
    assert split_evidence(first) == ([], first.evidence)


def test_claim_state_follows_the_alerts_in_order() -> None:
    history = [
        make_alert(value="USD 1"),
        _slip(),
        make_alert(
            type=AlertType.VALUE_CHANGED, value="USD 2", previous_value="USD 1", article_id="a3"
        ),
        make_alert("listing", "2018", topic="ipo", entity="Other", article_id="a4"),
    ]
    states = claim_states(history, entity="XIAOMI")
    assert len(states) == 1
    state = states[0]
    assert (state.time, state.value, state.alerts) == ("2024-H2", "USD 2", 3)
    assert state.last_alert_type is AlertType.VALUE_CHANGED
    assert [e.article_id for e in state.evidence] == ["a3"]
    assert {s.entity for s in claim_states(history)} == {"Xiaomi", "Other"}


def test_a_slipped_schedule_is_a_later_shift_between_two_dated_points() -> None:
    timeline = entity_timeline([make_alert(), _slip()], "xiaomi")
    assert timeline.entity == "Xiaomi"
    (lane,) = timeline.lanes
    assert lane.slipped
    assert [(p.time, p.start, p.end, p.current) for p in lane.points] == [
        ("2024-H1", date(2024, 1, 1), date(2024, 6, 30), False),
        ("2024-H2", date(2024, 7, 1), date(2024, 12, 31), True),
    ]
    (shift,) = lane.shifts
    assert (shift.direction, shift.days) == ("later", 184)
    assert [e.article_id for e in shift.evidence_before] == ["a1"]
    assert (timeline.start, timeline.end) == (date(2024, 1, 1), date(2024, 12, 31))


def test_a_narrower_time_inside_the_old_one_is_not_a_slip() -> None:
    first = make_alert(time="2024")
    narrowed = _slip(time="2024-Q3", previous="2024", refinement=True)
    (lane,) = entity_timeline([first, narrowed], "Xiaomi").lanes
    assert not lane.slipped
    assert lane.shifts[0].direction == "narrowed"


def test_an_earlier_time_is_pulled_forward() -> None:
    (lane,) = entity_timeline(
        [make_alert(time="2025-03"), _slip(time="2024-SU", previous="2025-03")], "Xiaomi"
    ).lanes
    assert (lane.shifts[0].direction, lane.slipped) == ("earlier", False)
    assert lane.shifts[0].days < 0


def test_a_change_whose_first_claim_was_forgotten_still_draws_both_points() -> None:
    (lane,) = entity_timeline([_slip()], "Xiaomi").lanes
    assert [p.time for p in lane.points] == ["2024-H1", "2024-H2"]
    assert lane.points[0].evidence == [OLD]


def test_claims_without_a_date_range_are_listed_apart() -> None:
    history = [
        make_alert("investment", "P10Y", value="USD 10000000000"),
        make_alert("us_entry", None, topic="us_market", article_id="a5"),
        make_alert(),
    ]
    timeline = entity_timeline(history, "Xiaomi")
    assert [lane.kind for lane in timeline.lanes] == ["mass_production"]
    assert timeline.undated == ["Xiaomi|ev|investment|", "Xiaomi|us_market|us_entry|"]
    assert entity_timeline(history, "Nobody").lanes == []
