"""The JSON Schemas in docs/schemas are generated from the records and up to date."""

from __future__ import annotations

import json

from streams.schemas import SCHEMA_MODELS, render_schema
from tests.conftest import ROOT


def test_generated_schemas_are_not_stale() -> None:
    folder = ROOT / "docs" / "schemas"
    for stem, model in SCHEMA_MODELS.items():
        path = folder / f"{stem}.schema.json"
        assert path.exists(), f"missing {path}: run `make schemas`"
        assert path.read_text() == render_schema(model), f"{path} is stale: run `make schemas`"


def test_alert_schema_names_the_documented_fields() -> None:
    schema = json.loads(render_schema(SCHEMA_MODELS["alert"]))
    for name in (
        "alert_id",
        "type",
        "entity",
        "topic",
        "kind",
        "object",
        "time",
        "mod",
        "previous_time",
        "previous_mod",
        "hedged",
        "article_id",
        "evidence",
        "created_at",
    ):
        assert name in schema["properties"], name
    assert set(schema["$defs"]["AlertType"]["enum"]) == {
        "new_claim",
        "timeline_changed",
        "value_changed",
        "status_changed",
    }
