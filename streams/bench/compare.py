"""Is this checkout's analysis faster than another's? Paired runs, one process for each.

``python -m streams.bench.compare OTHER [--rounds N] [--articles N]`` starts one process on
OTHER (a directory holding another checkout of claimwatch, such as a ``git worktree`` of an
earlier commit) and one on this checkout. Each loads the bench corpus once. Then, round after
round, each runs a fresh Monitor over the corpus after the bench's warm-up and reports the CPU
time it took per article. The two take turns, so a slow minute of the machine slows both, and
the difference of each round is what the code changed.

With ``--other-python PATH``, OTHER's process runs on another Python (a build with other
optimisations, say), and OTHER may be this very checkout: the difference is then the
interpreter's.

This machine's speed drifts by 5-10 % over minutes, which hides a 2 % change between two runs of
the bench. Paired rounds show one: 49 µs of work added to each article (5 %) read +5.1 % (median
of 8 rounds). The spread of one round's difference was 1-4 % on this machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Comparison", "compare"]

#: Runs in each checkout's own process: it must work with that checkout's code, so it uses
#: only what the bench has long had (the Monitor, the corpus and its warm-up).
_CHILD = textwrap.dedent(
    """
    import os, sys, time
    import streams
    if not os.path.realpath(streams.__file__).startswith(os.path.realpath(os.getcwd())):
        sys.exit(f"imported streams from {streams.__file__}, not from {os.getcwd()}")
    from streams.analysis import Monitor
    from streams.bench.corpus import generate_articles, warmup_articles
    articles, warmup = generate_articles(int(sys.argv[1])), warmup_articles()
    print("ready", flush=True)
    for _ in sys.stdin:
        monitor = Monitor()
        for article in warmup:
            monitor.process(article)
        started = time.process_time()
        for article in articles:
            monitor.process(article)
        print((time.process_time() - started) / len(articles) * 1e6, flush=True)
    """
)


@dataclass(frozen=True)
class Comparison:
    """Microseconds of CPU per article in each round, for the other checkout and this one."""

    other_us: list[float]
    this_us: list[float]

    @property
    def changes(self) -> list[float]:
        """This checkout's time against the other's, round by round (-0.02: 2 % faster)."""
        return [mine / theirs - 1 for theirs, mine in zip(self.other_us, self.this_us, strict=True)]


def compare(
    other: Path, *, rounds: int, articles: int, other_python: str | None = None
) -> Comparison:
    """Run ``rounds`` paired rounds of ``articles`` bench articles in ``other`` and here;
    ``other``'s process runs on ``other_python`` when given (another build of Python)."""
    here = Path(__file__).resolve().parents[2]
    children: list[subprocess.Popen[str]] = []
    times: list[list[float]] = [[], []]
    try:
        for checkout, python in ((other.resolve(), other_python), (here, None)):
            children.append(_start(checkout, articles, python or sys.executable))
        for round_ in range(rounds):
            order = (0, 1) if round_ % 2 == 0 else (1, 0)  # neither always goes first
            for which in order:
                times[which].append(_run(children[which]))
    finally:
        for child in children:
            child.kill()
            child.communicate()  # and close its pipes
    return Comparison(other_us=times[0], this_us=times[1])


def _start(checkout: Path, articles: int, python: str) -> subprocess.Popen[str]:
    try:
        child = _popen(checkout, articles, python)
    except OSError as exc:
        raise RuntimeError(f"{python}: {exc.strerror or exc}") from exc
    assert child.stdout is not None
    if child.stdout.readline().strip() != "ready":
        _, errors = child.communicate()
        last = errors.strip().splitlines()[-1:] or ["did not start"]
        raise RuntimeError(f"{checkout}: {last[0]}")
    return child


def _popen(checkout: Path, articles: int, python: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [python, "-c", _CHILD, str(articles)],
        cwd=checkout,
        env={**os.environ, **checkout_environ(checkout), "PYTHONHASHSEED": "0"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(child: subprocess.Popen[str]) -> float:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write("go\n")
    child.stdin.flush()
    return float(child.stdout.readline())


def checkout_environ(checkout: Path) -> dict[str, str]:
    """Environment under which a Python process imports ``streams`` from ``checkout``: its
    ``PYTHONPATH``, with ``PYTHONSAFEPATH`` keeping the working directory off the path (and the
    editable install's ``streams`` behind it)."""
    return {"PYTHONPATH": str(checkout.resolve()), "PYTHONSAFEPATH": "1"}


def checkout(value: str) -> Path:
    """``argparse`` type of the OTHER argument: a directory holding a claimwatch checkout."""
    path = Path(value)
    if not (path / "streams" / "analysis").is_dir():
        raise argparse.ArgumentTypeError(
            f"{path} holds no claimwatch checkout (no streams/analysis)"
        )
    return path


def change_line(changes: Sequence[float]) -> str:
    """The median change of paired rounds, and its spread when there are several."""
    spread = f", spread {statistics.stdev(changes) * 100:.1f} %" if len(changes) > 1 else ""
    return f"  change, median of the rounds: {statistics.median(changes) * 100:+.2f} %{spread}"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m streams.bench.compare", description=__doc__)
    parser.add_argument("other", type=checkout, help="directory of the checkout to compare with")
    parser.add_argument("--rounds", type=int, default=10, help="paired rounds (default 10)")
    parser.add_argument("--articles", type=int, default=2_000, help="bench articles per round")
    parser.add_argument(
        "--other-python",
        metavar="PATH",
        help="Python that runs OTHER (default: this one); with OTHER this checkout, it compares "
        "two builds of Python (PATH's environment needs claimwatch's dependencies)",
    )
    options = parser.parse_args(argv)
    if options.rounds < 1 or options.articles < 1:
        parser.error("--rounds and --articles must be at least 1")
    try:
        result = compare(
            options.other,
            rounds=options.rounds,
            articles=options.articles,
            other_python=options.other_python,
        )
    except RuntimeError as exc:
        parser.exit(2, f"compare: {exc}\n")
    print(f"µs of CPU per article, {options.rounds} paired rounds of {options.articles} articles")
    on = f" on {options.other_python}" if options.other_python else ""
    print(f"  {options.other}{on}: median {statistics.median(result.other_us):.1f}")
    print(f"  this checkout: median {statistics.median(result.this_us):.1f}")
    print(change_line(result.changes))


if __name__ == "__main__":
    main()
