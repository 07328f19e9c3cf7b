"""docker-compose.yml parses and every claimwatch service runs a real `claimwatch` command."""

from __future__ import annotations

from typing import Any

import click
import yaml

from streams.cli import cli
from tests.conftest import ROOT


def _compose() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "docker-compose.yml").read_text()))


def test_compose_has_kafka_worker_connector_and_subscriber() -> None:
    services = _compose()["services"]
    assert set(services) >= {"kafka", "worker", "connector", "alerts"}
    kafka = services["kafka"]
    assert kafka["image"].startswith("apache/kafka:") and kafka["image"].split(":")[1][0].isdigit()
    assert "healthcheck" in kafka
    assert kafka["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"  # KRaft


def test_every_service_command_parses_as_a_claimwatch_command() -> None:
    services = _compose()["services"]
    for name in ("worker", "connector", "alerts"):
        # Paths inside the image (/app/...) are the repository's (the Dockerfile copies them).
        argv = [
            a.replace("/app/", f"{ROOT}/", 1) if a.startswith("/app/") else a
            for a in services[name]["command"]
        ]
        command = cli.get_command(click.Context(cli), argv[0])
        assert command is not None, f"{name}: unknown command {argv[0]!r}"
        # Parsing checks options and arguments without running anything.
        command.make_context(argv[0], list(argv[1:]), resilient_parsing=False)
        env = services[name]["environment"]
        assert env["CLAIMWATCH_BROKER"] == "kafka://kafka:9092"
        assert services[name]["depends_on"]["kafka"]["condition"] == "service_healthy"


def test_dockerfile_installs_the_package_and_runs_claimwatch() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install" in dockerfile
    assert 'ENTRYPOINT ["claimwatch"]' in dockerfile
