"""The analysis step timer: every step timed, in place, and put back afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.documents import load_articles
from streams.bench import stages
from streams.bench.corpus import generate_articles


def test_every_step_is_timed_and_put_back(capsys: pytest.CaptureFixture[str]) -> None:
    originals = [getattr(owner, attribute) for owner, attribute, _ in stages.STEPS]
    times = stages.measure_stages(generate_articles(12))
    assert times.articles == 12
    assert set(times.steps) == {name for _, _, name in stages.STEPS}
    # Every step runs for these articles (each names a watched company and makes a claim).
    assert all(value > 0 for value in times.steps.values()), times.steps
    timed_outside_claims = sum(
        value for name, value in times.steps.items() if not name.startswith("claims")
    )
    assert timed_outside_claims + times.steps["claims (all)"] < times.process_us
    assert times.steps["claims: triggers"] < times.steps["claims (all)"]
    assert [getattr(owner, attribute) for owner, attribute, _ in stages.STEPS] == originals
    stages.main(["--articles", "10"])
    assert "Monitor.process" in capsys.readouterr().out


def test_the_articles_of_a_corpus_folder_can_be_timed_instead(
    capsys: pytest.CaptureFixture[str],
) -> None:
    demo = Path(__file__).resolve().parents[2] / "corpus" / "demo"
    count = len(list(load_articles(demo)))
    stages.main(["--corpus", str(demo)])
    out = capsys.readouterr().out
    assert out.startswith(f"{count} articles,") and count > 10
    assert "articles/s)" in out


def test_a_corpus_that_cannot_be_read_is_one_line_of_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        stages.main(["--corpus", str(tmp_path / "missing")])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "missing: no such file or folder" in err
    assert "Traceback" not in err
