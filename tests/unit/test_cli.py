"""Command-line behaviour that needs no broker: bad settings and config exit 2 with one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from streams.cli import cli


@pytest.mark.parametrize(
    "command",
    [
        "broker",
        "worker",
        "feed",
        "replay",
        "alerts",
        "backtest",
        "demo",
        "schemas",
        "eval",
        "bench",
        "notify",
    ],
)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_invalid_broker_setting_names_the_variable_and_exits_2(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLAIMWATCH_BROKER", "no-port-here")
    result = CliRunner().invoke(cli, ["alerts", "--idle", "1"])
    assert result.exit_code == 2
    assert "CLAIMWATCH_BROKER" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_invalid_numeric_setting_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_CLAIMS_PARTITIONS", "zero")
    result = CliRunner().invoke(cli, ["alerts", "--idle", "1"])
    assert result.exit_code == 2
    assert "CLAIMWATCH_CLAIMS_PARTITIONS" in result.output


def test_invalid_watch_config_names_file_and_field(tmp_path: Path) -> None:
    config = tmp_path / "watch.yaml"
    config.write_text("entities:\n  - aliases: [X]\n")
    result = CliRunner().invoke(cli, ["backtest", str(tmp_path), "--config", str(config)])
    assert result.exit_code == 2, result.output
    assert "watch.yaml" in result.output and "name" in result.output
    assert "Traceback" not in result.output


def test_unknown_alert_type_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(cli, ["alerts", "--type", "nonsense", "--idle", "1"])
    assert result.exit_code == 2
    assert "nonsense" in result.output


def test_bench_text_that_is_no_article_file_is_one_error_line_before_any_broker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pass: the file is named in one line, exit 1 as for any bad input, and nothing was started
    (no bench logs)."""
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "notes.xyz"
    notes.write_text("not articles")
    result = CliRunner().invoke(cli, ["bench", "--text", str(notes)])
    assert result.exit_code == 1, result.output
    assert "notes.xyz" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / ".claimwatch").exists()
