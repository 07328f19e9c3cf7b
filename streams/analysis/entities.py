"""The companies the analysis knows: watched ones, plus the defaults that help tell them apart."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from streams.analysis.anchors import WordIndex
from streams.analysis.lexicon import DATA_DIR, default_entities, objects
from streams.analysis.patterns import AliasTable, Mention, compile_patterns
from streams.analysis.schema import EntitySpec

__all__ = ["EntityCatalog", "main_entity"]


@dataclass(frozen=True)
class EntityCatalog:
    """Watched companies, every known company's aliases, and product names."""

    watched: frozenset[str]
    names: AliasTable
    models: AliasTable
    model_shapes: re.Pattern[str]

    @classmethod
    def build(cls, watched: Sequence[EntitySpec] = ()) -> EntityCatalog:
        """Watch ``watched`` (the defaults when empty); recognise the defaults too."""
        known: dict[str, set[str]] = {}
        models: dict[str, set[str]] = {}
        for spec in (*default_entities(), *watched):
            known.setdefault(spec.name, set()).update(spec.aliases)
            for model in spec.models:
                models.setdefault(model, set())
        chosen = watched or default_entities()
        shapes = [f"(?-i:{p})" for p in objects().models]
        return cls(
            watched=frozenset(spec.name for spec in chosen),
            names=AliasTable(known, names=True),
            models=AliasTable(models, names=True),
            model_shapes=compile_patterns(shapes, file=DATA_DIR / "objects.yaml", field="models"),
        )

    def find(self, text: str, index: WordIndex | None = None) -> list[Mention]:
        """Every known company named in ``text`` (``index``: its word index, if built)."""
        return self.names.find(text, index)

    def find_models(self, text: str) -> list[Mention]:
        """Product names: the known ones, else anything shaped like one ("SU7", "Model Y")."""
        known = self.models.find(text)
        if known:
            return known
        return [
            Mention(m.start(), m.end(), " ".join(m.group().split()))
            for m in self.model_shapes.finditer(text)
        ]


def main_entity(mentions: Iterable[tuple[Mention, bool]], watched: frozenset[str]) -> str | None:
    """The watched company named most often (a title mention counts twice); ties: first named."""
    counts: Counter[str] = Counter()
    for mention, in_title in mentions:
        if mention.id in watched:
            counts[mention.id] += 2 if in_title else 1
    return counts.most_common(1)[0][0] if counts else None
