"""Analysis, near-duplicate detection and the claim ledger in one process, in stream order.

The analysis and the ledger are what the Kafka pipeline does across two agents, done in memory:
used by ``claimwatch backtest`` and the evaluation, so both raise the same alerts as the
pipeline. The near-duplicate check (``duplicate_of``) is the Monitor's own: the pipeline does not
run it, and no alert depends on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from types import MappingProxyType

from streams.analysis.analyzer import Analyzer
from streams.analysis.dedup import NearDuplicateIndex
from streams.analysis.ledger import LedgerEntry, decide
from streams.analysis.watch import WatchConfig
from streams.records import Alert, Article, ArticleAnalysis

__all__ = ["Monitor"]


class Monitor:
    """Feeds articles through the analysis and an in-memory claim ledger."""

    def __init__(self, watch: WatchConfig | None = None, *, near_duplicates: bool = True) -> None:
        self._analyzer = Analyzer(watch)
        #: None: no near-duplicate check, as in the Kafka pipeline (whose agents do not run it).
        self._duplicates = NearDuplicateIndex() if near_duplicates else None
        self._ledger: dict[str, LedgerEntry] = {}
        self._offset = -1  # position in the claims stream, as a Kafka offset would be

    @property
    def analyzer(self) -> Analyzer:
        """The analyzer the monitor runs."""
        return self._analyzer

    @property
    def ledger(self) -> Mapping[str, LedgerEntry]:
        """Claim key → ledger entry (read-only view)."""
        return MappingProxyType(self._ledger)

    def process(
        self, article: Article, *, now: datetime | None = None
    ) -> tuple[ArticleAnalysis, list[Alert]]:
        """Analyse one article and decide on each of its claims; ``now`` stamps the alerts."""
        analysis = self._analyzer.analyze(article, self._duplicates)
        moment = now or datetime.now(UTC)
        alerts: list[Alert] = []
        for claim in analysis.claims:
            self._offset += 1
            decision = decide(self._ledger.get(claim.key), claim, offset=self._offset, now=moment)
            self._ledger[claim.key] = decision.entry
            alerts.extend(decision.alerts)
        return analysis, alerts
