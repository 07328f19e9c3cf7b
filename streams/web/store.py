"""The worker's bounded memory of recent alerts, deduplicated by alert id, with live listeners."""

from __future__ import annotations

import asyncio
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from streams.records import Alert
from streams.subscriber import AlertFilter

__all__ = ["AlertStore", "Listener", "StoredAlert"]


@dataclass(frozen=True)
class StoredAlert:
    """An alert and its arrival number in this store (1, 2, 3...; used as the live event id)."""

    seq: int
    alert: Alert


class Listener:
    """A live subscription: alerts added after it started, in arrival order.

    A listener that falls ``capacity`` alerts behind is marked ``overflowed`` and gets no more;
    its reader should reconnect and ask for what it missed (``AlertStore.since``). ``None`` in
    the queue means the store is closing.
    """

    def __init__(self, capacity: int) -> None:
        self.queue: asyncio.Queue[StoredAlert | None] = asyncio.Queue(capacity + 1)
        self.capacity = capacity
        self.overflowed = False

    def offer(self, stored: StoredAlert) -> None:
        if self.overflowed:
            return
        if self.queue.qsize() >= self.capacity:
            self.overflowed = True
            return
        self.queue.put_nowait(stored)

    def close(self) -> None:
        self.queue.put_nowait(None)  # the spare slot: never full


class AlertStore:
    """The most recent ``capacity`` alerts, each kept once (by ``alert_id``).

    Alerts of one claim key arrive in their Kafka partition's order, so arrival order is the
    order of each claim's history. The oldest alerts are forgotten first; an alert forgotten
    and then delivered again is stored again. Arrival numbers are only meaningful within one
    store: :attr:`epoch` tells stores apart (a restarted worker has a new one).
    """

    def __init__(self, capacity: int = 5_000, listener_capacity: int = 1_000) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.listener_capacity = listener_capacity
        self._alerts: OrderedDict[str, StoredAlert] = OrderedDict()
        self._listeners: set[Listener] = set()
        self._last_seq = 0
        self.epoch = uuid.uuid4().hex[:12]

    def __len__(self) -> int:
        return len(self._alerts)

    @property
    def last_seq(self) -> int:
        return self._last_seq

    def add(self, alert: Alert) -> bool:
        """Keep ``alert`` and tell the listeners; False when that alert id is already kept."""
        if alert.alert_id in self._alerts:
            return False
        self._last_seq += 1
        stored = StoredAlert(self._last_seq, alert)
        self._alerts[alert.alert_id] = stored
        while len(self._alerts) > self.capacity:
            self._alerts.popitem(last=False)
        for listener in self._listeners:
            listener.offer(stored)
        return True

    def history(self) -> list[StoredAlert]:
        """Every kept alert, oldest first (arrival order)."""
        return list(self._alerts.values())

    def since(self, seq: int) -> list[StoredAlert]:
        """Kept alerts that arrived after arrival number ``seq``, oldest first."""
        return [stored for stored in self._alerts.values() if stored.seq > seq]

    def alerts(self, wanted: AlertFilter | None = None) -> list[Alert]:
        """Kept alerts matching ``wanted``, newest first."""
        chosen = wanted or AlertFilter()
        return [s.alert for s in reversed(self._alerts.values()) if chosen.matches(s.alert)]

    def close_listeners(self) -> None:
        """Tell every listener that no more alerts will come (the server is stopping)."""
        for listener in self._listeners:
            listener.close()

    @asynccontextmanager
    async def listen(self) -> AsyncIterator[Listener]:
        """A :class:`Listener` for the duration of the ``async with`` block."""
        listener = Listener(self.listener_capacity)
        self._listeners.add(listener)
        try:
            yield listener
        finally:
            self._listeners.discard(listener)
