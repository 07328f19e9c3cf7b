"""Paired runs of two checkouts' analysis: each round runs both, in their own processes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from streams.bench import compare, compare_pipeline

HERE = Path(__file__).resolve().parents[2]


def test_a_checkout_compared_with_itself_runs_both_sides_every_round(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = compare.compare(HERE, rounds=2, articles=8)
    assert len(result.other_us) == len(result.this_us) == 2
    assert all(us > 0 for us in [*result.other_us, *result.this_us])
    assert len(result.changes) == 2
    compare.main([str(HERE), "--rounds", "1", "--articles", "5"])
    out = capsys.readouterr().out
    assert "this checkout: median" in out and "change, median of the rounds" in out


@pytest.mark.parametrize("main", [compare.main, compare_pipeline.main], ids=["compare", "pipeline"])
def test_a_directory_without_claimwatch_is_refused(
    main: Callable[[list[str]], None], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both tools (the analysis's and the worker's) refuse it before starting anything."""
    with pytest.raises(SystemExit) as exit_:
        main([str(tmp_path)])
    assert exit_.value.code == 2
    assert "no claimwatch checkout" in capsys.readouterr().err


def test_a_checkout_whose_code_does_not_load_is_reported(tmp_path: Path) -> None:
    (tmp_path / "streams" / "analysis").mkdir(parents=True)
    (tmp_path / "streams" / "__init__.py").write_text("raise ImportError('broken checkout')\n")
    with pytest.raises(RuntimeError, match="broken checkout"):
        compare.compare(tmp_path, rounds=1, articles=1)


def test_the_other_side_runs_on_the_python_it_was_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrapper that notes it ran, then runs this Python: OTHER's process went through it."""
    marker = tmp_path / "ran"
    wrapper = tmp_path / "python"
    wrapper.write_text(f'#!/bin/sh\ntouch "{marker}"\nexec "{sys.executable}" "$@"\n')
    wrapper.chmod(0o755)
    compare.main([str(HERE), "--rounds", "1", "--articles", "3", "--other-python", str(wrapper)])
    assert marker.exists()
    assert f"on {wrapper}: median" in capsys.readouterr().out


def test_a_python_that_does_not_exist_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-python"
    with pytest.raises(SystemExit) as exit_:
        compare.main([str(HERE), "--rounds", "1", "--other-python", str(missing)])
    assert exit_.value.code == 2
    assert str(missing) in capsys.readouterr().err
