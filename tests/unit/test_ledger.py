"""Claim ledger decisions: new claims, timeline/value/status changes, idempotence."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from streams.analysis import Decision, LedgerEntry, decide
from streams.records import AlertType, Claim, Evidence

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
LATER = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def claim(article: str, **fields: object) -> Claim:
    base: dict[str, object] = {
        "entity": "Xiaomi",
        "topic": "ev",
        "kind": "first_car_target",
        "article_id": article,
        "evidence": Evidence(article_id=article, lang="en", sentence=f"Sentence of {article}."),
    }
    return Claim.model_validate({**base, **fields})


def run(*claims: Claim) -> tuple[LedgerEntry, list[Decision]]:
    """Decide the claims in order at offsets 0, 1, 2..."""
    entry = None
    decisions = []
    for offset, c in enumerate(claims):
        decision = decide(entry, c, offset=offset, now=NOW)
        decisions.append(decision)
        entry = decision.entry
    assert entry is not None
    return entry, decisions


def test_first_report_is_a_new_claim_with_its_evidence() -> None:
    decision = decide(None, claim("a", time="2024-H1"), offset=7, now=NOW)
    (alert,) = decision.alerts
    assert alert.type is AlertType.NEW_CLAIM
    assert (alert.time, alert.article_id, alert.created_at) == ("2024-H1", "a", NOW)
    assert [e.article_id for e in alert.evidence] == ["a"]
    assert decision.entry.time == "2024-H1" and decision.entry.last_offset == 7


def test_alert_ids_come_from_the_content_not_the_clock() -> None:
    first = decide(None, claim("a", time="2024"), offset=0, now=NOW).alerts[0]
    again = decide(None, claim("a", time="2024"), offset=5, now=LATER).alerts[0]
    other = decide(None, claim("b", time="2024"), offset=0, now=NOW).alerts[0]
    assert first.alert_id == again.alert_id != other.alert_id


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (("2024-H1", None), ("2024-H1", None)),  # same time
        (("2024-H1", None), ("2024", None)),  # vaguer, contains the current one
        (("2024-H1", None), (None, None)),  # no time
        (("2024-H1", None), ("2024-H1", "ON_OR_AFTER")),  # mod-only restatement
    ],
)
def test_restatements_only_corroborate(
    before: tuple[str | None, str | None], after: tuple[str | None, str | None]
) -> None:
    entry, decisions = run(
        claim("a", time=before[0], mod=before[1]), claim("b", time=after[0], mod=after[1])
    )
    assert decisions[1].alerts == []
    assert (entry.time, entry.mod) == before
    assert entry.corroborations.count == 1 and entry.corroborations.article_ids == ["b"]


def test_a_narrower_time_inside_the_current_one_is_a_refinement() -> None:
    _, decisions = run(claim("a", time="2024-H1"), claim("b", time="2024-03-28"))
    (alert,) = decisions[1].alerts
    assert alert.type is AlertType.TIMELINE_CHANGED
    assert alert.refinement is True
    assert (alert.time, alert.previous_time) == ("2024-03-28", "2024-H1")


def test_another_time_is_a_timeline_change_with_both_evidences() -> None:
    entry, decisions = run(claim("a", time="2023", mod="ON_OR_AFTER"), claim("b", time="2024-H1"))
    (alert,) = decisions[1].alerts
    assert alert.type is AlertType.TIMELINE_CHANGED and alert.refinement is False
    assert (alert.previous_time, alert.previous_mod) == ("2023", "ON_OR_AFTER")
    assert [e.article_id for e in alert.evidence] == ["a", "b"]
    assert (entry.time, entry.mod, entry.evidence.article_id) == ("2024-H1", None, "b")


def test_a_changed_value_with_the_same_timeline() -> None:
    listing = {"topic": "ipo", "kind": "listing", "object": "HKEX"}
    _, decisions = run(
        claim("a", value="USD 10000000000", **listing),
        claim("b", value="USD 6100000000", **listing),
    )
    (alert,) = decisions[1].alerts
    assert alert.type is AlertType.VALUE_CHANGED
    assert (alert.value, alert.previous_value) == ("USD 6100000000", "USD 10000000000")


@pytest.mark.parametrize("restated", ["10000000000", "USD 10200000000", "HKD 78000000000"])
def test_the_same_amount_restated_is_no_change(restated: str) -> None:
    _, decisions = run(
        claim("a", kind="investment", value="USD 10000000000"),
        claim("b", kind="investment", value=restated),
    )
    assert decisions[1].alerts == []


def test_a_raised_offering_of_a_few_percent_is_a_new_figure() -> None:
    _, decisions = run(
        claim("a", kind="listing", value="USD 700000000"),
        claim("b", kind="listing", value="USD 734000000"),
    )
    (alert,) = decisions[1].alerts
    assert alert.type is AlertType.VALUE_CHANGED
    assert alert.previous_value == "USD 700000000"


def test_a_hedged_report_later_confirmed() -> None:
    entry, decisions = run(claim("a", hedged=True), claim("b", status="confirmed"))
    (alert,) = decisions[1].alerts
    assert alert.type is AlertType.STATUS_CHANGED
    assert (alert.status, alert.previous_status) == ("confirmed", "reported")
    assert entry.status == "confirmed" and not entry.hedged


def test_confirming_an_unhedged_report_is_a_corroboration() -> None:
    _, decisions = run(claim("a"), claim("b", status="confirmed"))
    assert decisions[1].alerts == []


def test_a_denial_changes_the_status_and_keeps_the_timeline() -> None:
    entry, decisions = run(claim("a", time="2024"), claim("b", time="2030", status="denied"))
    assert [a.type for a in decisions[1].alerts] == [AlertType.STATUS_CHANGED]
    assert (entry.status, entry.time) == ("denied", "2024")


def test_a_redelivered_claim_raises_nothing_and_leaves_the_entry() -> None:
    # The agent delivers alerts before it stores the entry: an offset already recorded in the
    # entry had its alerts delivered.
    entry, decisions = run(claim("a", time="2024-H1"), claim("b", time="2025"), claim("c"))
    assert [len(d.alerts) for d in decisions] == [1, 1, 0]
    for offset in (0, 1, 2):
        redelivered = decide(entry, claim("b", time="2025"), offset=offset, now=LATER)
        assert redelivered.entry is entry
        assert redelivered.alerts == []


def test_a_claim_decided_again_before_its_entry_was_stored_gets_the_same_alert_ids() -> None:
    first, _ = run(claim("a", time="2024-H1"))
    again = decide(first, claim("b", time="2025"), offset=1, now=LATER)
    retried = decide(first, claim("b", time="2025"), offset=1, now=NOW)
    assert [a.alert_id for a in again.alerts] == [a.alert_id for a in retried.alerts]
    assert [a.type for a in again.alerts] == [AlertType.TIMELINE_CHANGED]


def test_a_replayed_article_at_a_new_offset_raises_nothing() -> None:
    entry, _ = run(claim("a", time="2024-H1"), claim("b", time="2025"))
    replay = decide(entry, claim("a", time="2024-H1"), offset=9, now=LATER)
    assert replay.alerts == []
    assert (replay.entry.time, replay.entry.last_offset) == ("2025", 9)


def test_the_entry_round_trips_through_json() -> None:
    entry, _ = run(claim("a", time="2024-H1", hedged=True), claim("b", status="confirmed"))
    assert LedgerEntry.model_validate_json(entry.model_dump_json()) == entry


def test_an_entry_stored_by_an_earlier_version_still_reads() -> None:
    entry, _ = run(claim("a", time="2024-H1"), claim("b", time="2025"))
    stored = entry.model_dump_json()[:-1] + ',"recent":[{"offset":1,"alerts":[]}]}'
    assert LedgerEntry.model_validate_json(stored) == entry
