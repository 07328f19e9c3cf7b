"""The analysis: pure Python (no Faust), shared by the Kafka agents and the offline backtest.

Article → :class:`Analyzer` → claims → :func:`decide` (claim ledger) → alerts. :class:`Monitor`
runs both in one process, in stream order.
"""

from streams.analysis.analyzer import Analyzer, news_topic_ids
from streams.analysis.datafiles import ConfigError
from streams.analysis.dedup import NearDuplicateIndex
from streams.analysis.ledger import Decision, LedgerEntry, decide
from streams.analysis.lexicon import languages
from streams.analysis.monitor import Monitor
from streams.analysis.watch import WatchConfig, load_watch_config

__all__ = [
    "Analyzer",
    "ConfigError",
    "Decision",
    "LedgerEntry",
    "Monitor",
    "NearDuplicateIndex",
    "WatchConfig",
    "decide",
    "languages",
    "load_watch_config",
    "news_topic_ids",
]
