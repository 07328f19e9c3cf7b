"""Shared helpers of the analysis tests: one analyzer, articles built from a title and a body."""

from __future__ import annotations

from datetime import UTC, datetime

from streams.analysis import Analyzer
from streams.records import Article, ArticleAnalysis

PUBLISHED = datetime(2023, 3, 1, tzinfo=UTC)


def analyse(analyzer: Analyzer, title: str, text: str = "") -> ArticleAnalysis:
    """Analyse one article published on :data:`PUBLISHED`."""
    article = Article(article_id="t-1", title=title, text=text, published=PUBLISHED)
    return analyzer.analyze(article)


def keys(analysis: ArticleAnalysis) -> set[str]:
    return {c.key for c in analysis.claims}


def times(analysis: ArticleAnalysis) -> dict[str, tuple[str | None, str | None]]:
    return {c.key: (c.time, c.mod) for c in analysis.claims}
