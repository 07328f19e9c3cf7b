"""Paired pipeline runs of two checkouts: each round runs a worker from each, on one broker."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.bench import compare_pipeline

pytestmark = [pytest.mark.broker]

HERE = Path(__file__).resolve().parents[2]


def test_a_checkout_compared_with_itself_runs_a_worker_for_each_side_every_round(
    capsys: pytest.CaptureFixture[str],
) -> None:
    compare_pipeline.main([str(HERE), "--rounds", "1", "--articles", "30"])
    out = capsys.readouterr().out
    assert "this checkout: median" in out and "change, median of the rounds" in out
    cpu = [float(line.split("median ")[1].split(" ms")[0]) for line in out.splitlines()[1:3]]
    assert len(cpu) == 2 and all(ms > 0 for ms in cpu)


def test_each_worker_imports_the_checkout_it_was_given(tmp_path: Path) -> None:
    """Not the editable install, and not the working directory's."""
    assert compare_pipeline.imported_from(HERE) == HERE / "streams" / "__init__.py"
    (tmp_path / "streams").mkdir()
    (tmp_path / "streams" / "__init__.py").write_text("")
    assert compare_pipeline.imported_from(tmp_path) == tmp_path / "streams" / "__init__.py"
    (tmp_path / "streams" / "__init__.py").write_text("raise ImportError('broken checkout')\n")
    with pytest.raises(RuntimeError, match="broken checkout"):
        compare_pipeline.imported_from(tmp_path)
