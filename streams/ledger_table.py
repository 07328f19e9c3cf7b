"""The claim ledger as the worker keeps it: a Faust table of JSON, read through a parse cache.

The table (``claim key → LedgerEntry JSON``) is what Faust replicates to its changelog and
recovers after a restart or a rebalance; the cache spares re-parsing an entry the table still
holds as the very same bytes.
"""

from __future__ import annotations

from typing import Any

from streams.analysis import LedgerEntry

__all__ = ["ENTRY_CACHE_SIZE", "LedgerTable"]

#: Parsed ledger entries kept in memory (the table keeps their JSON).
ENTRY_CACHE_SIZE = 50_000


class LedgerTable:
    """Ledger entries by claim key, stored as JSON in ``table`` (a Faust table)."""

    def __init__(self, table: Any, cache_size: int = ENTRY_CACHE_SIZE) -> None:
        self.table = table
        self._cache_size = cache_size
        self._parsed: dict[str, tuple[bytes, LedgerEntry]] = {}

    def get(self, key: str) -> LedgerEntry | None:
        """The entry stored under ``key``, parsed once while the table holds the same bytes
        (after a rebalance or recovery it may not)."""
        stored: bytes | None = self.table.get(key)
        if stored is None:
            return None
        cached = self._parsed.get(key)
        if cached is not None and cached[0] is stored:
            return cached[1]
        entry = LedgerEntry.model_validate_json(stored)
        self._remember(key, stored, entry)
        return entry

    def put(self, key: str, entry: LedgerEntry) -> None:
        """Store ``entry`` (one changelog record)."""
        stored = entry.model_dump_json().encode()
        self.table[key] = stored
        self._remember(key, stored, entry)

    def _remember(self, key: str, stored: bytes, entry: LedgerEntry) -> None:
        if len(self._parsed) >= self._cache_size:
            self._parsed.pop(next(iter(self._parsed)))
        self._parsed[key] = (stored, entry)
