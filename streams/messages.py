"""Bytes on Kafka ↔ records, and dead letters for what cannot be read or processed.

Values are UTF-8 JSON produced from the pydantic models in :mod:`streams.records`.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from streams.records import DeadLetter

__all__ = ["MAX_DEADLETTER_PAYLOAD", "PoisonMessage", "dead_letter", "decode", "encode"]

#: How much of a refused payload the dead letter keeps (bytes of the original value).
MAX_DEADLETTER_PAYLOAD = 256_000

Model = TypeVar("Model", bound=BaseModel)


class PoisonMessage(ValueError):
    """A Kafka record that is not a valid instance of the expected record."""


def encode(record: BaseModel) -> bytes:
    return record.model_dump_json().encode()


def decode(value: bytes | None, model: type[Model]) -> Model:
    """Parse and validate one Kafka value; :class:`PoisonMessage` with a one-line reason."""
    if value is None:
        raise PoisonMessage("empty value (tombstone)")
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PoisonMessage(f"not UTF-8: {exc.reason} at byte {exc.start}") from exc
    try:
        return model.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "value"
        reason = f"invalid {model.__name__}: {where}: {first['msg']}"
        if exc.error_count() > 1:
            reason += f" (+{exc.error_count() - 1} more)"
        raise PoisonMessage(reason) from exc


def dead_letter(
    *,
    source_topic: str,
    partition: int | None,
    offset: int | None,
    key: bytes | None,
    value: bytes | None,
    error: str | BaseException,
    now: datetime | None = None,
) -> DeadLetter:
    """A dead letter keeping the original payload (base64 when it is not UTF-8)."""
    raw = value or b""
    truncated = len(raw) > MAX_DEADLETTER_PAYLOAD
    raw = raw[:MAX_DEADLETTER_PAYLOAD]
    try:
        payload, encoding = raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        payload, encoding = base64.b64encode(raw).decode("ascii"), "base64"
    if isinstance(error, BaseException):
        error = f"{type(error).__name__}: {error}"
    return DeadLetter(
        source_topic=source_topic,
        partition=partition,
        offset=offset,
        key=key.decode("utf-8", "replace") if key is not None else None,
        error=" ".join(str(error).split())[:2_000],
        payload=payload,
        payload_encoding=encoding,
        payload_truncated=truncated,
        failed_at=now or datetime.now(UTC),
    )
