"""JSON Schemas of the Kafka records, generated from the pydantic models (never by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from streams.records import Alert, Article, ClaimBatch, DeadLetter

__all__ = ["SCHEMA_MODELS", "render_schema", "write_schemas"]

#: File stem → model. One file per record that travels on a Kafka topic.
SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "article": Article,
    "claim-batch": ClaimBatch,
    "alert": Alert,
    "deadletter": DeadLetter,
}


def render_schema(model: type[BaseModel]) -> str:
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, model in SCHEMA_MODELS.items():
        path = folder / f"{stem}.schema.json"
        path.write_text(render_schema(model), encoding="utf-8")
        written.append(path)
    return written
