"""The bench's raw transport phase moves every payload through the broker, twice."""

from __future__ import annotations

import pytest

from streams.bench.transport import measure_transport
from streams.settings import Settings
from tests.support import read_topic

pytestmark = pytest.mark.broker


async def test_raw_transport_sends_and_reads_every_message_on_both_kafka_topics(
    kafka_settings: Settings,
) -> None:
    """Pass: three positive rates, and each of the two Kafka topics holds the payloads in
    turn, all of them, in order (the rates count messages that really went through)."""
    payloads = [b"a" * 3000, b"b" * 2000, b"c" * 100]
    measured = await measure_transport(kafka_settings, payloads, 700)
    assert measured.produce_msgs_per_s > 0
    assert measured.consume_msgs_per_s > 0
    assert measured.both_msgs_per_s > 0
    for suffix in ("raw", "raw-both"):
        values = await read_topic(
            kafka_settings, f"{kafka_settings.topic_prefix}.{suffix}", min_count=700, quiet=0.5
        )
        assert values == (payloads * 234)[:700], suffix
