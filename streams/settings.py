"""Settings: one frozen class, read from the environment once, at start-up.

Every field is read from an environment variable named ``CLAIMWATCH_<FIELD>`` (upper case),
e.g. ``CLAIMWATCH_BROKER=kafka://kafka:9092``. Command-line flags override the environment.
The table of names is in the README ("Configuration"); ``claimwatch settings`` prints it.
"""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "broker_host_port"]


def broker_host_port(url: str) -> str:
    """``kafka://host:port`` or ``host:port`` (comma-separated) → ``host:port,...``."""
    hosts = []
    for part in url.split(","):
        part = part.strip()
        if "://" in part:
            part = part.split("://", 1)[1]
        hosts.append(part.rstrip("/"))
    return ",".join(hosts)


class Settings(BaseSettings):
    """claimwatch's settings. Env prefix ``CLAIMWATCH_``."""

    model_config = SettingsConfigDict(env_prefix="CLAIMWATCH_", frozen=True, extra="ignore")

    broker: str = Field(
        default="kafka://127.0.0.1:9092",
        description="Kafka bootstrap servers: kafka://host:port or host:port, comma-separated.",
    )
    topic_prefix: str = Field(
        default="claimwatch",
        pattern=r"^[A-Za-z0-9._-]{1,100}$",
        description="Prefix of every Kafka topic claimwatch creates.",
    )
    app_id: str = Field(
        default="claimwatch",
        pattern=r"^[A-Za-z0-9._-]{1,100}$",
        description="Faust application id (consumer group, changelog Kafka topic names).",
    )
    articles_partitions: int = Field(
        default=1,
        ge=1,
        le=256,
        description="Partitions of the articles Kafka topic. 1 keeps the feed order end to end.",
    )
    claims_partitions: int = Field(
        default=4, ge=1, le=256, description="Partitions of the claims Kafka topic and the ledger."
    )
    replication_factor: int = Field(
        default=1,
        ge=1,
        le=10,
        description="Replication factor of the Kafka topics claimwatch creates.",
    )
    fetch_max_wait_ms: int = Field(
        default=100,
        ge=0,
        le=10_000,
        description="How long the worker's consumer waits for new data per fetch (latency).",
    )
    config_file: Path | None = Field(
        default=None, description="YAML watch config: watched entities, extra news topics."
    )
    data_dir: Path = Field(
        default=Path(".claimwatch"), description="Where the worker keeps local state."
    )
    web_host: str = Field(default="127.0.0.1", description="Address of the worker's web server.")
    web_port: int = Field(default=6066, ge=0, le=65535, description="Port of the web server.")
    session_timeout_s: float = Field(
        default=10.0,
        gt=0,
        le=300,
        description="Consumer group session timeout; short so a killed worker is replaced fast.",
    )
    shutdown_timeout_s: float = Field(
        default=8.0, gt=0, le=300, description="A worker that has not stopped by then is ended."
    )
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    log_format: Literal["text", "json"] = "text"

    # Kafka security (documented in the README, "Kafka security").
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None = None
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    ssl_cafile: Path | None = None
    ssl_certfile: Path | None = None
    ssl_keyfile: Path | None = None

    # Feed connector.
    fetch_timeout_s: float = Field(
        default=20.0, gt=0, le=600, description="Overall deadline for one feed fetch."
    )
    fetch_max_bytes: int = Field(
        default=10_000_000, gt=0, description="Cap on a feed's decompressed body."
    )
    allow_private_networks: bool = Field(
        default=False,
        description="Allow feeds on private and loopback addresses (link-local never).",
    )

    @field_validator("broker")
    @classmethod
    def _broker_has_port(cls, value: str) -> str:
        for host in broker_host_port(value).split(","):
            name, _, port = host.rpartition(":")
            if not name or not port.isdigit():
                raise ValueError(f"expected kafka://host:port or host:port, got {value!r}")
        return value

    @property
    def bootstrap_servers(self) -> str:
        return broker_host_port(self.broker)

    def kafka_client_options(self) -> dict[str, Any]:
        """Security options for aiokafka clients (producer, consumer, admin)."""
        options: dict[str, Any] = {"security_protocol": self.security_protocol}
        if self.security_protocol in ("SSL", "SASL_SSL"):
            context = ssl.create_default_context(
                cafile=str(self.ssl_cafile) if self.ssl_cafile else None
            )
            if self.ssl_certfile:
                context.load_cert_chain(
                    str(self.ssl_certfile), str(self.ssl_keyfile) if self.ssl_keyfile else None
                )
            options["ssl_context"] = context
        if self.security_protocol.startswith("SASL"):
            options["sasl_mechanism"] = self.sasl_mechanism or "PLAIN"
            options["sasl_plain_username"] = self.sasl_username
            options["sasl_plain_password"] = (
                self.sasl_password.get_secret_value() if self.sasl_password else None
            )
        return options
