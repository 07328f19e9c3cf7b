"""Sentence templates of the benchmark corpus, per language (it, en, de, fr, es).

The words live in ``phrases.yaml`` beside this module (language data is data). Written for the
benchmark: claim sentences in the style of financial news, neutral filler sentences with slots, and
the boilerplate that surrounds articles on news sites. Slots: ``{entity}``, ``{time}``, ``{value}``,
``{partner}``, ``{market}``, ``{venue}`` in claims; ``{pct}``, ``{num}``, ``{city}``, ``{day}``,
``{product}``, ``{year}`` in fillers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import yaml

__all__ = [
    "BOILERPLATE",
    "CITIES",
    "CLAIMS",
    "DAYS",
    "FILLERS",
    "HEDGES",
    "LANGUAGES",
    "MARKETS",
    "MONTHS",
    "ORDINALS",
    "PRODUCTS",
    "SOURCES",
    "SPEAKERS",
    "SPEECH_CLAUSES",
    "SPEECH_VERBS",
    "TIMES",
    "TITLES",
    "VALUES",
    "VENUES",
]


def _frozen(value: Any) -> Any:
    """YAML lists as tuples (the templates are constants), recursively."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


_DATA: Final[dict[str, Any]] = {
    name: _frozen(value)
    for name, value in yaml.safe_load(
        (Path(__file__).with_name("phrases.yaml")).read_text()
    ).items()
}
_missing = set(__all__) - set(_DATA)
if _missing:
    raise RuntimeError(f"phrases.yaml lacks {sorted(_missing)}")

BOILERPLATE: Final[dict[str, tuple[str, ...]]] = _DATA["BOILERPLATE"]
CITIES: Final[tuple[str, ...]] = _DATA["CITIES"]
CLAIMS: Final[dict[str, dict[str, str]]] = _DATA["CLAIMS"]
DAYS: Final[dict[str, tuple[str, ...]]] = _DATA["DAYS"]
FILLERS: Final[dict[str, tuple[str, ...]]] = _DATA["FILLERS"]
HEDGES: Final[dict[str, tuple[str, ...]]] = _DATA["HEDGES"]
LANGUAGES: Final[tuple[str, ...]] = _DATA["LANGUAGES"]
MARKETS: Final[dict[str, tuple[str, ...]]] = _DATA["MARKETS"]
MONTHS: Final[dict[str, tuple[str, ...]]] = _DATA["MONTHS"]
ORDINALS: Final[dict[str, tuple[str, ...]]] = _DATA["ORDINALS"]
PRODUCTS: Final[tuple[str, ...]] = _DATA["PRODUCTS"]
SOURCES: Final[dict[str, str]] = _DATA["SOURCES"]
SPEAKERS: Final[dict[str, tuple[str, ...]]] = _DATA["SPEAKERS"]
SPEECH_CLAUSES: Final[dict[str, tuple[str, ...]]] = _DATA["SPEECH_CLAUSES"]
SPEECH_VERBS: Final[dict[str, tuple[str, ...]]] = _DATA["SPEECH_VERBS"]
TIMES: Final[dict[str, dict[str, str]]] = _DATA["TIMES"]
TITLES: Final[dict[str, tuple[str, ...]]] = _DATA["TITLES"]
VALUES: Final[dict[str, str]] = _DATA["VALUES"]
VENUES: Final[dict[str, tuple[str, ...]]] = _DATA["VENUES"]
