"""Settings: env names, broker URL forms, Kafka security options, secrets never shown."""

from __future__ import annotations

import logging

import pytest
from pydantic import ValidationError

from streams.app import faust_options
from streams.logs import RedactSecrets
from streams.settings import Settings, broker_host_port


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("kafka://a:9092", "a:9092"),
        ("a:9092", "a:9092"),
        ("kafka://a:1,kafka://b:2", "a:1,b:2"),
    ],
)
def test_broker_url_forms(url: str, expected: str) -> None:
    assert broker_host_port(url) == expected
    assert Settings(broker=url).bootstrap_servers == expected


def test_environment_is_read_with_the_documented_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_BROKER", "kafka://k:29092")
    monkeypatch.setenv("CLAIMWATCH_CLAIMS_PARTITIONS", "8")
    settings = Settings()
    assert settings.bootstrap_servers == "k:29092"
    assert settings.claims_partitions == 8
    with pytest.raises(ValidationError):
        settings.claims_partitions = 2  # type: ignore[misc]  # frozen


def test_sasl_ssl_options_reach_aiokafka_and_faust_without_showing_the_password() -> None:
    settings = Settings(
        security_protocol="SASL_SSL",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_username="svc",
        sasl_password="hunter2-secret",  # type: ignore[arg-type]
    )
    options = settings.kafka_client_options()
    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert options["sasl_plain_password"] == "hunter2-secret"
    assert options["ssl_context"] is not None
    credentials = faust_options(settings)["broker_credentials"]
    assert credentials.username == "svc"
    assert "hunter2-secret" not in repr(settings) and "hunter2-secret" not in str(settings)


def test_plaintext_has_no_credentials() -> None:
    assert "broker_credentials" not in faust_options(Settings())
    assert Settings().kafka_client_options() == {"security_protocol": "PLAINTEXT"}


def test_log_filter_blanks_the_secret() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "login with %s", ("pw-123",), None)
    assert RedactSecrets(["pw-123"]).filter(record)
    assert record.getMessage() == "login with ***"
