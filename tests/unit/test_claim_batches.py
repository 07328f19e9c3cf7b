"""Claims travel in batches, one per partition of the claims Kafka topic, in their order."""

from __future__ import annotations

from aiokafka.partitioner import murmur2

from streams.kafka_topics import claims_partition
from streams.records import MAX_CLAIMS_PER_BATCH, Claim, Evidence, claim_position
from streams.steps import group_claims


def claim(entity: str, index: int) -> Claim:
    evidence = Evidence(article_id=f"a{index}", lang="en", sentence=f"Sentence {index}.")
    return Claim(
        entity=entity, topic="ev", kind="investment", article_id=f"a{index}", evidence=evidence
    )


def test_a_claim_key_hashes_as_the_kafka_java_client_does() -> None:
    for key in ("Xiaomi|ev|first_car_target|", "BYD|us_market|market_entry|USA", "é|ipo|x|"):
        expected = (murmur2(key.encode()) & 0x7FFFFFFF) % 12
        assert claims_partition(key, 12) == expected
    # Kafka's Java client puts the key b"foobar" (murmur2 = -790332482) on partition 6 of 12.
    assert claims_partition("foobar", 12) == (-790332482 & 0x7FFFFFFF) % 12


def test_claims_are_grouped_by_partition_and_keep_their_order() -> None:
    claims = [claim(f"Company{i % 7}", i) for i in range(60)]
    batches = group_claims(claims, 4)
    assert sorted((c for b in batches for c in b.claims), key=claims.index) == claims
    for batch in batches:
        partitions = {claims_partition(c.key, 4) for c in batch.claims}
        assert partitions == {claims_partition(batch.claims[0].key, 4)}
        positions = [claims.index(c) for c in batch.claims]
        assert positions == sorted(positions)
    assert len(batches) == len({claims_partition(c.key, 4) for c in claims})


def test_a_batch_never_exceeds_its_size_limit() -> None:
    claims = [claim("Xiaomi", i) for i in range(MAX_CLAIMS_PER_BATCH + 5)]
    batches = group_claims(claims, 4)
    assert [len(b.claims) for b in batches] == [MAX_CLAIMS_PER_BATCH, 5]
    assert [c for b in batches for c in b.claims] == claims


def test_no_claims_make_no_batch() -> None:
    assert group_claims([], 4) == []


def test_positions_order_claims_by_record_then_by_index() -> None:
    last_of_one_record = claim_position(7, MAX_CLAIMS_PER_BATCH - 1)
    assert claim_position(7, 0) < claim_position(7, 1) < last_of_one_record
    assert last_of_one_record < claim_position(8, 0)
