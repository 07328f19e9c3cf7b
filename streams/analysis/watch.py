"""The watch config (YAML given by ``--config``): watched companies and extra news topic words.

```yaml
entities:
  - name: Xiaomi
    aliases: [Xiaomi Corp]
topics:                      # optional: extends or adds news topics
  ev:
    en: {keywords: {robotaxi: 2}}
    it: {keywords: [robotaxi], threshold: 2}
```
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from streams.analysis.datafiles import ConfigError, load_yaml_model
from streams.analysis.lexicon import languages
from streams.analysis.schema import EntitySpec

__all__ = ["ConfigError", "WatchConfig", "WatchTopic", "load_watch_config"]


class WatchTopic(BaseModel):
    """Extra words of one news topic in one language (a list means weight 1 each)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    keywords: dict[str, float] = Field(min_length=1)
    threshold: float | None = Field(default=None, gt=0)

    @field_validator("keywords", mode="before")
    @classmethod
    def _list_means_weight_one(cls, value: object) -> object:
        return dict.fromkeys(value, 1.0) if isinstance(value, list) else value


class WatchConfig(BaseModel):
    """Which companies to watch, and how to recognise extra news topics."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entities: list[EntitySpec] = Field(min_length=1)
    topics: dict[str, dict[str, WatchTopic]] = Field(default_factory=dict)

    @field_validator("topics")
    @classmethod
    def _known_languages(
        cls, value: dict[str, dict[str, WatchTopic]]
    ) -> dict[str, dict[str, WatchTopic]]:
        for topic, per_language in value.items():
            for lang in per_language:
                if lang not in languages():
                    known = ", ".join(languages())
                    raise ValueError(f"topic {topic!r}: unknown language {lang!r} (known: {known})")
        return value


def load_watch_config(path: Path) -> WatchConfig:
    """Read and validate a watch config; raises :class:`ConfigError` naming file and field."""
    return load_yaml_model(Path(path), WatchConfig)
