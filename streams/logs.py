"""Logging set-up: readable text, or one JSON object per line (``--log-format json``).

Secret settings (the SASL password) are replaced by ``***`` wherever they would appear in a
log line, whatever the format.
"""

from __future__ import annotations

import json
import logging
import logging.config
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from streams.settings import Settings

__all__ = ["JsonFormatter", "RedactSecrets", "configure_logging", "logging_config"]

TEXT_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message"}`` (and ``exception`` when there is one)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False)


class RedactSecrets(logging.Filter):
    """Replaces each secret value in a record's message (and traceback text) with ``***``."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        if any(secret in message for secret in self.secrets):
            record.msg, record.args = self._redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        return True

    def _redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


def _secrets(settings: Settings) -> list[str]:
    password = settings.sasl_password
    return [password.get_secret_value()] if password is not None else []


def logging_config(settings: Settings) -> dict[str, Any]:
    """A :func:`logging.config.dictConfig` for these settings (the Faust worker takes it too)."""
    formatter: dict[str, Any] = (
        {"()": JsonFormatter} if settings.log_format == "json" else {"format": TEXT_FORMAT}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"claimwatch": formatter},
        "filters": {"secrets": {"()": RedactSecrets, "secrets": _secrets(settings)}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "claimwatch",
                "filters": ["secrets"],
            }
        },
        "root": {"level": settings.log_level.upper(), "handlers": ["stderr"]},
        # Client libraries say every connection and request at INFO: keep them for debugging.
        "loggers": {
            name: {"level": "DEBUG" if settings.log_level == "debug" else "WARNING"}
            for name in ("aiokafka", "httpx", "httpcore")
        },
    }


def configure_logging(settings: Settings) -> None:
    """Send every log record to stderr in the format the settings ask for."""
    logging.config.dictConfig(logging_config(settings))
