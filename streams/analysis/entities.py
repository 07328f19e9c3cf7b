"""The companies the analysis knows: watched ones, plus the defaults that help tell them apart."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from streams.analysis.anchors import WordIndex
from streams.analysis.lexicon import DATA_DIR, default_entities, objects
from streams.analysis.patterns import AliasTable, Mention, compile_patterns
from streams.analysis.schema import EntitySpec

__all__ = ["EntityCatalog", "main_entity"]


#: A company's name and a short number makes a model name: "Polestar 3", "Zeekr 001".
_NUMBERED = r"(?<!\w)(?P<brand>{names}) (?P<number>\d{{1,3}})(?![\w%]|[.,]\d)"
#: What may stand between a company's name and its model: "Tesla Model 3", "Tesla's Model 3".
_OWNER_GAP = re.compile(r"(?:['’]s)?\s?")


@dataclass(frozen=True)
class EntityCatalog:
    """Watched companies, every known company's aliases, and product names."""

    watched: frozenset[str]
    names: AliasTable
    models: AliasTable
    model_shapes: re.Pattern[str]
    numbered: re.Pattern[str]
    owners: Mapping[str, str]  # model name → its company

    @classmethod
    def build(cls, watched: Sequence[EntitySpec] = ()) -> EntityCatalog:
        """Watch ``watched`` (the defaults when empty); recognise the defaults too."""
        known: dict[str, set[str]] = {}
        models: dict[str, set[str]] = {}
        owners: dict[str, str] = {}
        for spec in (*default_entities(), *watched):
            known.setdefault(spec.name, set()).update(spec.aliases)
            for model in spec.models:
                models.setdefault(model, set())
                owners[model] = spec.name
        chosen = watched or default_entities()
        shapes = [f"(?-i:{p})" for p in objects().models]
        names = sorted({n for name, aliases in known.items() for n in (name, *aliases)}, key=len)
        numbered = _NUMBERED.format(names="|".join(re.escape(n) for n in reversed(names)))
        return cls(
            watched=frozenset(spec.name for spec in chosen),
            names=AliasTable(known, names=True),
            models=AliasTable(models, names=True),
            model_shapes=compile_patterns(shapes, file=DATA_DIR / "objects.yaml", field="models"),
            numbered=re.compile(numbered),
            owners=owners,
        )

    def find(self, text: str, index: WordIndex | None = None) -> list[Mention]:
        """Every known company named in ``text`` (``index``: its word index, if built)."""
        return self.names.find(text, index)

    def find_models(self, text: str) -> list[Mention]:
        """Product names: the known ones and a company's name with a number ("Polestar 3"),
        else anything shaped like one ("SU7", "Model Y")."""
        known = self.models.find(text)
        numbered = [
            Mention(m.start(), m.end(), f"{m['brand']} {m['number']}")
            for m in self.numbered.finditer(text)
            if not any(k.start < m.end() and m.start() < k.end for k in known)
        ]
        if known or numbered:
            return sorted([*known, *numbered])
        return [
            Mention(m.start(), m.end(), " ".join(m.group().split()))
            for m in self.model_shapes.finditer(text)
        ]

    def model_owner(self, text: str, model: Mention) -> str | None:
        """The company a model belongs to: a known model's maker, the company named just
        before it ("the Tesla Model 3"), the company in its name ("Polestar 3"), else None."""
        if model.id in self.owners:
            return self.owners[model.id]
        before = [m for m in self.find(text[: model.start]) if m.end <= model.start]
        if before and _OWNER_GAP.fullmatch(text, before[-1].end, model.start):
            return before[-1].id
        inside = [m for m in self.find(model.id) if m.start == 0]
        return inside[0].id if inside else None


def main_entity(mentions: Iterable[tuple[Mention, bool]], watched: frozenset[str]) -> str | None:
    """The watched company named most often (a title mention counts twice); ties: first named."""
    counts: Counter[str] = Counter()
    for mention, in_title in mentions:
        if mention.id in watched:
            counts[mention.id] += 2 if in_title else 1
    return counts.most_common(1)[0][0] if counts else None
