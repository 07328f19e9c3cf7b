"""What the alert history says about each claim: its current state, and its timeline over time.

Both are derived from alerts alone (oldest first), so every worker's page shows the same thing
whichever ledger partitions it owns.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel

from streams.analysis.timevalues import contains, interval
from streams.records import Alert, AlertType, Evidence

__all__ = [
    "ClaimState",
    "EntityTimeline",
    "Lane",
    "TimePoint",
    "TimeShift",
    "claim_states",
    "entity_timeline",
    "split_evidence",
]

Direction = Literal["later", "earlier", "narrowed", "same"]


class ClaimState(BaseModel):
    """A claim as the latest alerts leave it."""

    key: str
    entity: str
    topic: str
    kind: str
    object: str | None
    time: str | None
    mod: str | None
    value: str | None
    status: str | None
    hedged: bool
    alerts: int
    last_alert_type: AlertType
    last_alert_at: datetime
    evidence: list[Evidence]


class TimePoint(BaseModel):
    """One dated version of a claim: the time it gave and the day range that time covers."""

    alert_id: str
    time: str
    mod: str | None
    start: date
    end: date
    hedged: bool
    current: bool
    evidence: list[Evidence]


class TimeShift(BaseModel):
    """A timeline change: from one dated version to the next."""

    alert_id: str
    from_time: str
    from_mod: str | None
    from_start: date
    from_end: date
    to_time: str
    to_mod: str | None
    to_start: date
    to_end: date
    direction: Direction
    days: int
    evidence_before: list[Evidence]
    evidence_after: list[Evidence]


class Lane(BaseModel):
    """One claim key drawn over time."""

    key: str
    topic: str
    kind: str
    object: str | None
    points: list[TimePoint]
    shifts: list[TimeShift]
    slipped: bool


class EntityTimeline(BaseModel):
    """Every dated claim of one company, and the keys of its claims without a usable date."""

    entity: str
    start: date | None
    end: date | None
    lanes: list[Lane]
    undated: list[str]


def split_evidence(alert: Alert) -> tuple[list[Evidence], list[Evidence]]:
    """(previous, new) evidence: a change lists the previous evidence first, the new last."""
    if alert.type is AlertType.NEW_CLAIM:
        return [], list(alert.evidence)
    return list(alert.evidence[:-1]), list(alert.evidence[-1:])


def _range(time: str | None, mod: str | None) -> tuple[date, date] | None:
    if time is None:
        return None
    try:
        return interval(time, mod)
    except ValueError:
        return None


def claim_states(history: Iterable[Alert], entity: str | None = None) -> list[ClaimState]:
    """The current state of each claim key (of ``entity``, case-insensitive, when given)."""
    states: dict[str, ClaimState] = {}
    for alert in history:
        if entity is not None and alert.entity.casefold() != entity.casefold():
            continue
        _, new_evidence = split_evidence(alert)
        state = states.get(alert.claim_key)
        if state is None or alert.type is AlertType.NEW_CLAIM:
            state = ClaimState(
                key=alert.claim_key,
                entity=alert.entity,
                topic=alert.topic,
                kind=alert.kind,
                object=alert.object,
                time=alert.time,
                mod=alert.mod,
                value=alert.value,
                status=alert.status,
                hedged=alert.hedged,
                alerts=state.alerts if state else 0,
                last_alert_type=alert.type,
                last_alert_at=alert.created_at,
                evidence=new_evidence,
            )
        changes = {
            AlertType.TIMELINE_CHANGED: {"time": alert.time, "mod": alert.mod},
            AlertType.VALUE_CHANGED: {"value": alert.value},
            AlertType.STATUS_CHANGED: {"status": alert.status},
        }.get(alert.type, {})
        states[alert.claim_key] = state.model_copy(
            update={
                **changes,
                "hedged": alert.hedged,
                "alerts": state.alerts + 1,
                "last_alert_type": alert.type,
                "last_alert_at": alert.created_at,
                "evidence": new_evidence,
            }
        )
    return sorted(states.values(), key=lambda s: s.key)


def _direction(before: tuple[date, date], after: tuple[date, date], narrowed: bool) -> Direction:
    if narrowed and before != after:
        return "narrowed"
    if after[1] > before[1]:
        return "later"
    if after[1] < before[1]:
        return "earlier"
    return "same"


class _LaneBuilder:
    def __init__(self, alert: Alert) -> None:
        self.lane = Lane(
            key=alert.claim_key,
            topic=alert.topic,
            kind=alert.kind,
            object=alert.object,
            points=[],
            shifts=[],
            slipped=False,
        )

    def point(
        self,
        alert_id: str,
        time: str,
        mod: str | None,
        span: tuple[date, date],
        hedged: bool,
        evidence: list[Evidence],
    ) -> None:
        for old in self.lane.points:
            old.current = False
        self.lane.points.append(
            TimePoint(
                alert_id=alert_id,
                time=time,
                mod=mod,
                start=span[0],
                end=span[1],
                hedged=hedged,
                current=True,
                evidence=evidence,
            )
        )

    def add(self, alert: Alert) -> None:
        span = _range(alert.time, alert.mod)
        if span is None or alert.time is None:
            return
        before, after = split_evidence(alert)
        if alert.type is AlertType.NEW_CLAIM:
            self.point(alert.alert_id, alert.time, alert.mod, span, alert.hedged, after)
            return
        if alert.type is not AlertType.TIMELINE_CHANGED:
            return
        old_span = _range(alert.previous_time, alert.previous_mod)
        if old_span is None or alert.previous_time is None:
            self.point(alert.alert_id, alert.time, alert.mod, span, alert.hedged, after)
            return
        if not self.lane.points or self.lane.points[-1].time != alert.previous_time:
            self.point(
                f"{alert.alert_id}-before",
                alert.previous_time,
                alert.previous_mod,
                old_span,
                False,
                before,
            )
        self.point(alert.alert_id, alert.time, alert.mod, span, alert.hedged, after)
        narrowed = (
            alert.refinement
            if alert.refinement is not None
            else contains((alert.previous_time, alert.previous_mod), (alert.time, alert.mod))
        )
        direction = _direction(old_span, span, narrowed)
        self.lane.slipped = self.lane.slipped or direction == "later"
        self.lane.shifts.append(
            TimeShift(
                alert_id=alert.alert_id,
                from_time=alert.previous_time,
                from_mod=alert.previous_mod,
                from_start=old_span[0],
                from_end=old_span[1],
                to_time=alert.time,
                to_mod=alert.mod,
                to_start=span[0],
                to_end=span[1],
                direction=direction,
                days=(span[1] - old_span[1]).days,
                evidence_before=before,
                evidence_after=after,
            )
        )


def entity_timeline(history: Iterable[Alert], entity: str) -> EntityTimeline:
    """The dated claims of ``entity`` (case-insensitive), one lane per claim key."""
    builders: dict[str, _LaneBuilder] = {}
    keys: list[str] = []
    name = entity
    for alert in history:
        if alert.entity.casefold() != entity.casefold():
            continue
        name = alert.entity
        if alert.claim_key not in keys:
            keys.append(alert.claim_key)
        builder = builders.setdefault(alert.claim_key, _LaneBuilder(alert))
        builder.add(alert)
    lanes = [b.lane for b in builders.values() if b.lane.points]
    lanes.sort(key=lambda lane: (lane.topic, lane.kind, lane.object or ""))
    starts = [p.start for lane in lanes for p in lane.points]
    ends = [p.end for lane in lanes for p in lane.points]
    dated = {lane.key for lane in lanes}
    return EntityTimeline(
        entity=name,
        start=min(starts, default=None),
        end=max(ends, default=None),
        lanes=lanes,
        undated=sorted(k for k in keys if k not in dated),
    )
