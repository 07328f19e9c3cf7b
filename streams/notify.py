"""``claimwatch notify``: post each alert to a webhook as a Slack-compatible message.

Every alert id is posted once: the ids already posted are kept in a bounded set, saved to a
small file (``--state``) so a restart does not post them again. A failing webhook is retried
with exponential backoff; a refusal (4xx other than 429) is not retried.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
from collections import OrderedDict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from streams.records import Alert, AlertType
from streams.settings import Settings
from streams.subscriber import AlertFilter, read_alerts
from streams.web.claims import split_evidence

__all__ = [
    "Notifier",
    "SeenAlerts",
    "WebhookError",
    "WebhookPoster",
    "mrkdwn_escape",
    "run_notify",
    "slack_message",
]

log = logging.getLogger(__name__)

MAX_SENTENCE_CHARS = 500
MAX_EVIDENCE = 6


class WebhookError(RuntimeError):
    """The webhook refused a message, or kept failing after every retry."""


def mrkdwn_escape(text: str) -> str:
    """Feed text made inert for Slack mrkdwn: no links, mentions or markup from ``& < >``."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _link(url: str | None, label: str) -> str:
    if url is None or urlsplit(url).scheme not in ("http", "https"):
        return mrkdwn_escape(label)
    return f"<{mrkdwn_escape(url).replace('|', '%7C')}|{mrkdwn_escape(label)}>"


def _short(text: str) -> str:
    return text if len(text) <= MAX_SENTENCE_CHARS else text[: MAX_SENTENCE_CHARS - 1] + "…"


def _when(time: str | None, mod: str | None) -> str:
    if time is None:
        return "no date"
    return f"{time} ({mod.lower()})" if mod else time


def _change(alert: Alert) -> tuple[str | None, str]:
    """(before, now) of what the alert is about; before is None for a new claim."""
    match alert.type:
        case AlertType.TIMELINE_CHANGED:
            return _when(alert.previous_time, alert.previous_mod), _when(alert.time, alert.mod)
        case AlertType.VALUE_CHANGED:
            return alert.previous_value or "—", alert.value or "—"
        case AlertType.STATUS_CHANGED:
            return alert.previous_status or "—", alert.status or "—"
    facts = [_when(alert.time, alert.mod), alert.value, alert.status]
    return None, " · ".join(f for f in facts if f)


def slack_message(alert: Alert) -> dict[str, Any]:
    """A Slack incoming-webhook message: ``text`` (fallback) and ``blocks`` with the fields."""
    claim = alert.kind.replace("_", " ") + (f" · {alert.object}" if alert.object else "")
    before, now = _change(alert)
    kind = alert.type.value.replace("_", " ")
    what = f"{alert.entity} — {claim}"
    summary = f"{kind}: {what}: " + (f"{before} → {now}" if before else now)
    headline = f"*{mrkdwn_escape(kind.capitalize())}* · {mrkdwn_escape(what)}\n" + (
        f"~{mrkdwn_escape(before)}~ → *{mrkdwn_escape(now)}*" if before else mrkdwn_escape(now)
    )
    fields = [
        ("News topic", alert.topic),
        ("Company", alert.entity),
        ("Claim", claim),
        ("Unconfirmed" if alert.hedged else "Status", "yes" if alert.hedged else alert.status),
    ]
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": headline}},
        {
            "type": "section",
            "fields": [
                {"type": "mrkdwn", "text": f"*{name}*\n{mrkdwn_escape(value)}"}
                for name, value in fields
                if value
            ],
        },
    ]
    previous, new = split_evidence(alert)
    for label, items in (("before", previous), ("now", new)):
        for evidence in items[:MAX_EVIDENCE]:
            date = evidence.published.date().isoformat() if evidence.published else "undated"
            source = _link(evidence.url, urlsplit(evidence.url or "").netloc or evidence.article_id)
            text = (
                f"{label} · {mrkdwn_escape(evidence.lang)} · "
                f"“{mrkdwn_escape(_short(evidence.sentence))}” · {source} · {date}"
            )
            blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": text}]})
    return {"text": mrkdwn_escape(summary), "blocks": blocks}


class SeenAlerts:
    """The alert ids already posted: the latest ``capacity`` of them, saved one per line."""

    def __init__(self, path: Path | None, capacity: int = 10_000) -> None:
        self.path = path
        self.capacity = capacity
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._lines = 0
        if path is not None and path.exists():
            lines = path.read_text(encoding="utf-8").split()
            self._lines = len(lines)
            for alert_id in lines[-capacity:]:
                self._ids[alert_id] = None

    def __contains__(self, alert_id: object) -> bool:
        return alert_id in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, alert_id: str) -> None:
        """Remember ``alert_id`` (and save it, when there is a file)."""
        self._ids[alert_id] = None
        while len(self._ids) > self.capacity:
            self._ids.popitem(last=False)
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._lines >= 2 * self.capacity:
            self._rewrite()
        else:
            with self.path.open("a", encoding="utf-8") as file:
                file.write(alert_id + "\n")
            self._lines += 1

    def _rewrite(self) -> None:
        assert self.path is not None
        partial = self.path.with_name(self.path.name + ".tmp")
        partial.write_text("".join(f"{i}\n" for i in self._ids), encoding="utf-8")
        os.replace(partial, self.path)
        self._lines = len(self._ids)


class WebhookPoster:
    """POSTs JSON to one webhook URL, retrying failures with exponential backoff."""

    def __init__(
        self,
        url: str,
        client: httpx.AsyncClient,
        *,
        attempts: int = 6,
        first_delay: float = 0.5,
        max_delay: float = 30.0,
    ) -> None:
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        self.url = url
        self.client = client
        self.attempts = attempts
        self.first_delay = first_delay
        self.max_delay = max_delay

    @property
    def where(self) -> str:
        """The webhook without its path, which often holds a secret token."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    async def post(self, payload: dict[str, Any]) -> None:
        delay = self.first_delay
        problem = ""
        for attempt in range(1, self.attempts + 1):
            try:
                response = await self.client.post(self.url, json=payload)
            except httpx.TransportError as exc:
                problem = type(exc).__name__
            else:
                if response.is_success:
                    return
                if response.status_code != 429 and response.status_code < 500:
                    raise WebhookError(f"webhook {self.where} refused: HTTP {response.status_code}")
                problem = f"HTTP {response.status_code}"
                retry_after = response.headers.get("Retry-After", "")
                if retry_after.isdigit():
                    delay = max(delay, min(float(retry_after), self.max_delay))
            if attempt == self.attempts:
                break
            log.warning("webhook %s: %s; retry in %.1f s", self.where, problem, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.max_delay) * random.uniform(0.9, 1.1)
        raise WebhookError(f"webhook {self.where} failed {self.attempts} times: {problem}")


class Notifier:
    """Posts the wanted alerts, each alert id once."""

    def __init__(self, poster: WebhookPoster, seen: SeenAlerts, wanted: AlertFilter) -> None:
        self.poster = poster
        self.seen = seen
        self.wanted = wanted

    async def handle(self, alert: Alert) -> bool:
        """Post ``alert`` unless unwanted or already posted; True when it was posted."""
        if alert.alert_id in self.seen or not self.wanted.matches(alert):
            return False
        await self.poster.post(slack_message(alert))
        self.seen.add(alert.alert_id)
        return True


async def run_notify(
    settings: Settings,
    webhook: str,
    wanted: AlertFilter,
    *,
    state: Path | None,
    from_beginning: bool,
    idle: float | None,
) -> int:
    """Post alerts as they arrive until interrupted (or idle); how many were posted."""
    async with httpx.AsyncClient(timeout=10.0, follow_redirects=False) as client:
        notifier = Notifier(WebhookPoster(webhook, client), SeenAlerts(state), wanted)
        log.info("posting alerts to %s", notifier.poster.where)
        posted = 0
        async for alert in read_alerts(settings, wanted, from_beginning=from_beginning, idle=idle):
            posted += await notifier.handle(alert)
        return posted
