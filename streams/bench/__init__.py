"""``claimwatch bench``: throughput, latency and memory of claimwatch on a generated corpus."""

from streams.bench.command import bench_command
from streams.bench.corpus import generate_articles, warmup_articles
from streams.bench.report import BenchReport
from streams.bench.runner import DEFAULT_ARTICLES, run_bench
from streams.bench.stats import BenchError

__all__ = [
    "DEFAULT_ARTICLES",
    "BenchError",
    "BenchReport",
    "bench_command",
    "generate_articles",
    "run_bench",
    "warmup_articles",
]
