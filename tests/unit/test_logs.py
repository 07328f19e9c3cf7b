"""Log lines: JSON objects with time, level, logger and message; secrets never written."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from pydantic import SecretStr

from streams.cli import cli
from streams.logs import JsonFormatter, RedactSecrets, configure_logging
from streams.settings import Settings

SECRET = "s3cr3t-Passw0rd"


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def _handler(formatter: logging.Formatter) -> tuple[logging.Handler, io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(formatter)
    handler.addFilter(RedactSecrets([SECRET]))
    return handler, out


def test_a_json_line_has_time_level_logger_and_message() -> None:
    handler, out = _handler(JsonFormatter())
    logger = logging.getLogger("claimwatch.test.json")
    logger.addHandler(handler)
    try:
        logger.warning("broker %s away for %d s", "kafka:9092", 3)
    finally:
        logger.removeHandler(handler)
    line = json.loads(out.getvalue())
    assert line["level"] == "warning"
    assert line["logger"] == "claimwatch.test.json"
    assert line["message"] == "broker kafka:9092 away for 3 s"
    assert line["time"].endswith("+00:00") and "T" in line["time"]
    assert out.getvalue().count("\n") == 1


@pytest.mark.parametrize("formatter", [JsonFormatter(), logging.Formatter("%(message)s")])
def test_a_secret_is_redacted_in_messages_and_tracebacks(formatter: logging.Formatter) -> None:
    handler, out = _handler(formatter)
    logger = logging.getLogger("claimwatch.test.secret")
    logger.addHandler(handler)
    try:
        logger.error("connecting with password=%s", SECRET)
        try:
            raise RuntimeError(f"login failed for {SECRET}")
        except RuntimeError:
            logger.exception("oops")
    finally:
        logger.removeHandler(handler)
    text = out.getvalue()
    assert SECRET not in text
    assert "password=***" in text and "login failed for ***" in text


def test_configure_logging_writes_json_to_stderr_and_hides_the_sasl_password(
    restore_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(log_format="json", sasl_password=SecretStr(SECRET), log_level="debug")
    configure_logging(settings)
    logging.getLogger("claimwatch.test.configured").debug("settings: %s %s", settings, SECRET)
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = [json.loads(line) for line in captured.err.splitlines()]
    assert [line["logger"] for line in lines] == ["claimwatch.test.configured"]
    assert SECRET not in captured.err


def test_text_format_is_one_readable_line(
    restore_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(Settings(log_format="text"))
    logging.getLogger("claimwatch.test.text").info("hello")
    err = capsys.readouterr().err
    assert err.rstrip().endswith("INFO    claimwatch.test.text: hello")


def test_the_global_log_format_option_switches_every_command_to_json(
    restore_logging: None,
) -> None:
    result = CliRunner().invoke(
        cli, ["--log-format", "json", "schemas", "--help"], env={"CLAIMWATCH_LOG_FORMAT": None}
    )
    assert result.exit_code == 0, result.output
    (handler,) = logging.getLogger().handlers
    assert isinstance(handler.formatter, JsonFormatter)
