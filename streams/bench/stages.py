"""Where the analysis time goes, article by article in stream order, as the bench runs it.

``python -m streams.bench.stages [--articles N] [--corpus PATH ...]`` runs the Monitor over the
bench corpus (or the articles at PATH) after its warm-up, as ``claimwatch bench`` does, and
times each step of ``Monitor.process`` in place (the step functions are wrapped for the run,
nothing else changes). It also analyses every article a second time at once: the difference
is what the stream costs beyond a tight loop, where the article's language data (compiled
regexes, tables) is still in the CPU's caches.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from connectors.documents import DocumentError, load_articles
from streams.analysis import Monitor, analyzer, claim_parts, claims, monitor
from streams.analysis.dedup import NearDuplicateIndex
from streams.analysis.entities import EntityCatalog
from streams.analysis.language import LanguageDetector
from streams.analysis.topics import TopicMatcher
from streams.bench.corpus import generate_articles, warmup_articles
from streams.records import Article

__all__ = ["STEPS", "StageTimes", "measure_stages"]

#: (owner, attribute, step name): the steps of ``Monitor.process``, in the order they run.
STEPS: tuple[tuple[Any, str, str], ...] = (
    (LanguageDetector, "detect", "language"),
    (analyzer, "split_document", "split document"),
    (analyzer, "WordIndex", "word index and shared lookup"),
    (EntityCatalog, "find", "companies"),
    (TopicMatcher, "phrases", "news topics"),
    (claims.ClaimFinder, "_triggers", "claims: triggers"),
    (claim_parts.Reading, "candidates", "claims: candidates"),
    (claims.ClaimFinder, "find", "claims (all)"),
    (NearDuplicateIndex, "check", "near-duplicate check"),
    (monitor, "decide", "ledger"),
)


@dataclass(frozen=True)
class StageTimes:
    """Mean microseconds per article of each step, and of the whole."""

    articles: int
    steps: dict[str, float]
    process_us: float  # Monitor.process, in stream order
    analyze_again_us: float  # Analyzer.analyze of the same article again, at once


def measure_stages(articles: Sequence[Article]) -> StageTimes:
    """Time each step of ``Monitor.process`` over ``articles`` after the bench's warm-up."""
    spent: dict[str, float] = dict.fromkeys((name for _, _, name in STEPS), 0.0)
    subject = Monitor()
    for article in warmup_articles():
        subject.process(article)
    process = again = 0.0
    timing = [True]  # off for the repeat
    with ExitStack() as stack:
        for owner, attribute, name in STEPS:
            stack.enter_context(_timed(owner, attribute, name, spent, timing))
        for article in articles:
            timing[0] = True
            started = time.perf_counter()
            subject.process(article)
            analysed = time.perf_counter()
            timing[0] = False
            subject.analyzer.analyze(article)
            process += analysed - started
            again += time.perf_counter() - analysed
    count = max(len(articles), 1)
    return StageTimes(
        articles=len(articles),
        steps={name: spent[name] / count * 1e6 for _, _, name in STEPS},
        process_us=process / count * 1e6,
        analyze_again_us=again / count * 1e6,
    )


@contextmanager
def _timed(
    owner: Any, attribute: str, name: str, spent: dict[str, float], timing: list[bool]
) -> Iterator[None]:
    original: Callable[..., Any] = getattr(owner, attribute)

    def timed(*args: Any, **kwargs: Any) -> Any:
        if not timing[0]:
            return original(*args, **kwargs)
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started

    setattr(owner, attribute, timed)
    try:
        yield
    finally:
        setattr(owner, attribute, original)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m streams.bench.stages", description=__doc__)
    parser.add_argument("--articles", type=int, default=2_000, help="bench articles to run")
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        metavar="PATH",
        help="run these articles instead (a documents folder, .jsonl or feed file; repeatable):"
        " words the warm-up has not seen cost more than the bench corpus's few words",
    )
    options = parser.parse_args(argv)
    if options.corpus:
        try:
            articles = [article for path in options.corpus for article in load_articles(path)]
        except DocumentError as exc:
            parser.error(str(exc))  # one line and exit code 2, as for any bad argument
    else:
        articles = generate_articles(options.articles)
    times = measure_stages(articles)
    print(f"{times.articles} articles, µs per article, in stream order")
    for name, value in times.steps.items():
        print(f"  {name:<30} {value:8.1f}")
    rate = 1e6 / times.process_us if times.process_us else 0.0
    print(f"  {'Monitor.process':<30} {times.process_us:8.1f}   ({rate:,.0f} articles/s)")
    print(f"  {'the same analysis again at once':<30} {times.analyze_again_us:8.1f}")


if __name__ == "__main__":
    main()
