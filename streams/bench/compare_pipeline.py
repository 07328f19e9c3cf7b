"""Does this checkout's Faust worker spend less than another's? Paired runs on one broker.

``python -m streams.bench.compare_pipeline OTHER [--rounds N] [--articles N]`` starts the
embedded broker once. Then, round after round, it runs ``claimwatch worker`` from OTHER (a
directory holding another checkout of claimwatch, such as a ``git worktree`` of an earlier
commit) and from this checkout, in turn, each on Kafka topics of its own, as the bench's
pipeline phase does: the warm-up, then every bench article at once until all are analysed and
the Monitor's alerts have arrived. It reads the worker's CPU time per article, and prints the
median change of the rounds. :mod:`streams.bench.compare` does the same for the analysis alone.

Each worker imports its own checkout: its ``PYTHONPATH`` is that checkout and ``PYTHONSAFEPATH``
keeps the working directory off its path, so the editable install does not supply ``streams``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from streams.analysis import Monitor
from streams.bench import compare
from streams.bench.corpus import generate_articles
from streams.bench.faust_worker import BenchWorker
from streams.bench.runner import phase_settings
from streams.bench.stats import BenchError
from streams.broker import EmbeddedBroker
from streams.records import Article
from streams.settings import Settings

__all__ = ["PipelineComparison", "compare_pipeline"]

#: This checkout: the folder that holds the ``streams`` package.
HERE = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class PipelineComparison:
    """Milliseconds of worker CPU per article, and articles/s, in each round, for each side."""

    other_ms: list[float]
    this_ms: list[float]
    other_rates: list[float]
    this_rates: list[float]

    @property
    def changes(self) -> list[float]:
        """This checkout's CPU per article relative to the other's, round by round."""
        return [mine / theirs - 1 for theirs, mine in zip(self.other_ms, self.this_ms, strict=True)]


def imported_from(checkout: Path) -> Path:
    """Where a Python process started with :func:`~streams.bench.compare.checkout_environ`
    finds ``streams``."""
    found = subprocess.run(
        [sys.executable, "-c", "import streams; print(streams.__file__)"],
        env={**os.environ, **compare.checkout_environ(checkout)},
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        lines = found.stderr.strip().splitlines() or ["no output"]
        raise RuntimeError(f"{checkout}: streams does not load: {lines[-1]}")
    return Path(found.stdout.strip()).resolve()


def compare_pipeline(other: Path, *, rounds: int, articles: int) -> PipelineComparison:
    """``rounds`` paired pipeline runs of the ``other`` checkout and this one."""
    for checkout in (other, HERE):
        if not imported_from(checkout).is_relative_to(checkout.resolve()):
            raise RuntimeError(f"a worker for {checkout} would not import its streams")
    corpus = generate_articles(articles)
    monitor = Monitor(near_duplicates=False)
    expected = {a.alert_id for article in corpus for a in monitor.process(article)[1]}
    with tempfile.TemporaryDirectory(prefix="claimwatch-compare-") as work:
        return asyncio.run(_rounds(Path(work), other, corpus, expected, rounds))


async def _rounds(
    work: Path, other: Path, corpus: list[Article], expected: set[str], rounds: int
) -> PipelineComparison:
    runs: dict[Path, list[tuple[float, float]]] = {other: [], HERE: []}
    with EmbeddedBroker(log_file=work / "broker.log") as broker:
        for number in range(rounds):
            for checkout in (other, HERE) if number % 2 == 0 else (HERE, other):
                runs[checkout].append(await _one_run(work, broker.url, checkout, corpus, expected))
    return PipelineComparison(
        other_ms=[cpu for cpu, _ in runs[other]],
        this_ms=[cpu for cpu, _ in runs[HERE]],
        other_rates=[rate for _, rate in runs[other]],
        this_rates=[rate for _, rate in runs[HERE]],
    )


async def _one_run(
    work: Path, broker: str, checkout: Path, corpus: list[Article], expected: set[str]
) -> tuple[float, float]:
    """Worker CPU ms per article and articles/s of one pipeline run of ``checkout``."""
    name = f"compare-{uuid.uuid4().hex[:8]}"
    settings = phase_settings(Settings(), broker, name, work)
    log_file = work / f"{name}.log"
    async with BenchWorker(settings, log_file, compare.checkout_environ(checkout)) as worker:
        await worker.warm_up()
        run = await worker.throughput(corpus, expected, timeout=60 + len(corpus) / 20)
    if run.alerts.arrived != len(expected) or run.alerts.unexpected:
        raise BenchError(f"{checkout}: alerts {run.alerts} against the Monitor's; see {log_file}")
    return run.cpu_ms_per_article, run.articles_per_s


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m streams.bench.compare_pipeline", description=__doc__
    )
    parser.add_argument(
        "other", type=compare.checkout, help="directory of the checkout to compare with"
    )
    parser.add_argument("--rounds", type=int, default=4, help="paired rounds (default 4)")
    parser.add_argument("--articles", type=int, default=2_000, help="bench articles per run")
    options = parser.parse_args(argv)
    if options.rounds < 1 or options.articles < 10:
        parser.error("--rounds must be at least 1 and --articles at least 10")
    try:
        result = compare_pipeline(options.other, rounds=options.rounds, articles=options.articles)
    except (RuntimeError, BenchError) as exc:
        parser.exit(2, f"compare_pipeline: {exc}\n")
    rounds = options.rounds
    print(f"worker CPU ms per article, {rounds} paired rounds of {options.articles} articles")
    for label, cpu, rates in (
        (str(options.other), result.other_ms, result.other_rates),
        ("this checkout", result.this_ms, result.this_rates),
    ):
        print(
            f"  {label}: median {statistics.median(cpu):.3f} ms, "
            f"{statistics.median(rates):.0f} articles/s"
        )
    print(compare.change_line(result.changes))


if __name__ == "__main__":
    main()
