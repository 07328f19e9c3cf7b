"""The claim ledger's decisions: what a new report of a claim changes, and which alerts it raises.

Pure: :func:`decide` takes the stored :class:`LedgerEntry` (or None) and a claim, and returns the
next entry and the alerts. The Faust ledger agent keeps entries in a table keyed by claim key;
the backtest keeps them in a dict. The claims stream is at-least-once, so a claim may come
again after a crash. The agent delivers a claim's alerts *before* it stores the entry that
records the claim's offset, so a claim at an offset already recorded had its alerts delivered:
it raises nothing. A claim whose entry was not stored yet is decided again, with the same
alert ids.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from streams.analysis.timevalues import contains
from streams.analysis.values import parse_value
from streams.records import Alert, AlertType, Claim, Evidence

__all__ = ["Corroborations", "Decision", "LedgerEntry", "decide"]

#: Article ids kept by name as corroborations.
MAX_CORROBORATING_IDS = 5
#: Articles remembered per claim, so a replayed article raises nothing.
MAX_SEEN_ARTICLES = 256
#: Amounts closer than this (relative) are the same figure, rounded differently ("10 billion",
#: "10.2 billion"); a 5% move ("700 million", then "734 million") is a new figure.
VALUE_TOLERANCE = 0.025


class Corroborations(BaseModel):
    """Reports that repeated the claim without changing it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    count: int = 0
    article_ids: list[str] = Field(default_factory=list)


class LedgerEntry(BaseModel):
    """What is known about one claim (one claim key), JSON-serialisable.

    Fields an earlier version stored (``recent``: alerts kept for redelivery) are ignored.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    entity: str
    topic: str
    kind: str
    object: str | None = None
    time: str | None = None
    mod: str | None = None
    value: str | None = None
    status: str = "reported"
    hedged: bool = False
    evidence: Evidence
    last_offset: int
    corroborations: Corroborations = Field(default_factory=Corroborations)
    seen_articles: list[str] = Field(
        default_factory=list, description="Digests of the articles that reported this claim."
    )


@dataclass(frozen=True)
class Decision:
    entry: LedgerEntry
    alerts: list[Alert]


def decide(entry: LedgerEntry | None, claim: Claim, *, offset: int, now: datetime) -> Decision:
    """The ledger's decision on ``claim``, the claims stream's record at ``offset``."""
    if entry is None:
        alert = _alert(AlertType.NEW_CLAIM, claim, now, evidence=[claim.evidence])
        first = LedgerEntry(
            entity=claim.entity,
            topic=claim.topic,
            kind=claim.kind,
            object=claim.object,
            time=claim.time,
            mod=claim.mod,
            value=claim.value,
            status=claim.status,
            hedged=claim.hedged,
            evidence=claim.evidence,
            last_offset=offset,
            seen_articles=[_digest(claim.article_id)],
        )
        return Decision(first, [alert])
    if offset <= entry.last_offset:  # redelivered: its alerts were delivered before
        return Decision(entry, [])
    digest = _digest(claim.article_id)
    if digest in entry.seen_articles:
        return Decision(entry.model_copy(update={"last_offset": offset}), [])
    alerts, changes = _changes(entry, claim, now)
    seen = [*entry.seen_articles, digest][-MAX_SEEN_ARTICLES:]
    update: dict[str, object] = {"last_offset": offset, "seen_articles": seen, **changes}
    if alerts:
        update["evidence"] = claim.evidence
    else:
        update["corroborations"] = _corroborated(entry.corroborations, claim.article_id)
    return Decision(entry.model_copy(update=update), alerts)


def _changes(
    entry: LedgerEntry, claim: Claim, now: datetime
) -> tuple[list[Alert], dict[str, object]]:
    """The alerts a report raises against the entry, and the entry fields it updates."""
    alerts: list[Alert] = []
    changes: dict[str, object] = {}
    both = [entry.evidence, claim.evidence]
    if claim.status != "denied":
        refinement = _timeline_change(entry, claim)
        if refinement is not None:
            alerts.append(
                _alert(
                    AlertType.TIMELINE_CHANGED,
                    claim,
                    now,
                    evidence=both,
                    value=claim.value or entry.value,
                    previous_time=entry.time,
                    previous_mod=entry.mod,
                    refinement=refinement,
                )
            )
            changes.update(time=claim.time, mod=claim.mod)
        if _value_changed(entry.value, claim.value):
            alerts.append(
                _alert(
                    AlertType.VALUE_CHANGED,
                    claim,
                    now,
                    evidence=both,
                    time=changes.get("time", entry.time),
                    mod=changes.get("mod", entry.mod),
                    previous_value=entry.value,
                )
            )
            changes["value"] = claim.value
    if _status_changed(entry, claim):
        alerts.append(
            _alert(
                AlertType.STATUS_CHANGED,
                claim,
                now,
                evidence=both,
                time=entry.time,
                mod=entry.mod,
                value=entry.value,
                previous_status=entry.status,
            )
        )
        changes.update(status=claim.status, hedged=claim.hedged)
    return alerts, changes


def _timeline_change(entry: LedgerEntry, claim: Claim) -> bool | None:
    """None when the report leaves the timeline as it is; else whether it is a refinement.

    Same time, a vaguer time that contains the current one, no time at all, or the same time
    with another mod leave it. A time inside the current one (or a first time) refines it.
    """
    if claim.time is None or claim.time == entry.time:
        return None
    if entry.time is None:
        return True
    current, new = (entry.time, entry.mod), (claim.time, claim.mod)
    if contains(new, current):
        return None
    return contains(current, new)


def _value_changed(current: str | None, new: str | None) -> bool:
    """A different figure; the same amount with or without its currency is no change."""
    if new is None or new == current:
        return False
    if current is None:
        return True
    old_amount, new_amount = parse_value(current), parse_value(new)
    if old_amount is None or new_amount is None:
        return True
    (old_unit, old), (new_unit, amount) = old_amount, new_amount
    if old_unit and new_unit and old_unit != new_unit:
        return False  # another currency: not comparable without exchange rates
    return abs(amount - old) > VALUE_TOLERANCE * max(abs(old), abs(amount))


def _status_changed(entry: LedgerEntry, claim: Claim) -> bool:
    """A confirmation or denial that is news: not of a claim already in that state, and a
    confirmation only of a claim that was hedged or denied."""
    if claim.status == entry.status or claim.status not in ("confirmed", "denied"):
        return False
    return not (claim.status == "confirmed" and entry.status == "reported" and not entry.hedged)


def _alert(
    kind: AlertType,
    claim: Claim,
    now: datetime,
    *,
    evidence: list[Evidence],
    **fields: object,
) -> Alert:
    values: dict[str, object] = {
        "time": claim.time,
        "mod": claim.mod,
        "value": claim.value,
        **fields,
    }
    time, mod, value = values["time"], values["mod"], values["value"]
    alert_id = Alert.make_id(
        kind.value,
        claim.key,
        _text(time),
        _text(mod),
        _text(value),
        claim.status,
        claim.article_id,
    )
    return Alert.model_validate(
        {
            "alert_id": alert_id,
            "type": kind,
            "entity": claim.entity,
            "topic": claim.topic,
            "kind": claim.kind,
            "object": claim.object,
            "status": claim.status,
            "hedged": claim.hedged,
            "article_id": claim.article_id,
            "evidence": evidence,
            "created_at": now,
            **values,
        }
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _corroborated(previous: Corroborations, article_id: str) -> Corroborations:
    ids = previous.article_ids
    if len(ids) < MAX_CORROBORATING_IDS:
        ids = [*ids, article_id]
    return Corroborations(count=previous.count + 1, article_ids=ids)


def _digest(article_id: str) -> str:
    return hashlib.sha256(article_id.encode()).hexdigest()[:16]
