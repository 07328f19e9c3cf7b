"""``claimwatch bench``: throughput, latency and memory of claimwatch on a generated corpus."""

from streams.bench.command import bench_command
from streams.bench.corpus import generate_articles, warmup_articles
from streams.bench.report import BenchReport
from streams.bench.runner import DEFAULT_ARTICLES, run_bench

__all__ = [
    "DEFAULT_ARTICLES",
    "BenchReport",
    "bench_command",
    "generate_articles",
    "run_bench",
    "warmup_articles",
]
