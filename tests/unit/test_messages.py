"""Kafka values ↔ records; poison values become dead letters with the reason and the payload."""

from __future__ import annotations

import base64

import pytest

from streams.messages import MAX_DEADLETTER_PAYLOAD, PoisonMessage, dead_letter, decode, encode
from streams.records import Article


def test_round_trip() -> None:
    article = Article(article_id="guid-1", title="T", text="Body")
    assert decode(encode(article), Article) == article


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (b"{not json", "invalid Article"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'{"article_id": "", "text": "x"}', "article_id"),
        (b'{"article_id": "a", "text": "x", "surprise": 1}', "surprise"),
        (None, "empty value"),
    ],
)
def test_poison_values_are_refused_with_a_reason(value: bytes | None, reason: str) -> None:
    with pytest.raises(PoisonMessage, match=reason):
        decode(value, Article)


def test_dead_letter_keeps_binary_payload_as_base64_and_truncates_huge_ones() -> None:
    letter = dead_letter(
        source_topic="x.articles", partition=0, offset=7, key=b"k", value=b"\xff\x00", error="bad"
    )
    assert letter.payload_encoding == "base64"
    assert base64.b64decode(letter.payload) == b"\xff\x00"
    huge = dead_letter(
        source_topic="x.articles",
        partition=0,
        offset=8,
        key=None,
        value=b"a" * (MAX_DEADLETTER_PAYLOAD + 10),
        error=ValueError("too\nbig"),
    )
    assert huge.payload_truncated and len(huge.payload) == MAX_DEADLETTER_PAYLOAD
    assert huge.error == "ValueError: too big"
