"""Money amounts and unit counts in a sentence, normalised: ``"USD 10000000000"``, ``"UNITS 100000"``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from streams.analysis.patterns import phrase_regex
from streams.analysis.schema import AmountSpec

__all__ = ["Amount", "AmountFinder", "parse_value"]

_DIGITS = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
#: Scales this short ("m", "bn") only count next to a currency: "10 m" may be metres.
_SHORT_SCALE = 2


class Amount(NamedTuple):
    """A quantity found in a sentence: its span and its normalised text."""

    start: int
    end: int
    value: str
    amount: int


def _alternatives(phrases: Sequence[str]) -> str:
    return "|".join(phrase_regex(p) for p in sorted(set(phrases), key=len, reverse=True))


class AmountFinder:
    """One language's grammar of amounts, compiled once."""

    def __init__(
        self,
        spec: AmountSpec,
        neutral_currencies: Mapping[str, Sequence[str]],
    ) -> None:
        self._spec = spec
        self._scales = {k.casefold(): v for k, v in spec.scales.items()}
        self._numbers = {k.casefold(): v for k, v in spec.numbers.items()}
        self._currencies: dict[str, str] = {}
        signs: list[str] = []
        words: list[str] = []
        for table in (neutral_currencies, spec.currencies):
            for code, aliases in table.items():
                for alias in (code, *aliases):
                    self._currencies.setdefault(alias.casefold(), code)
                    (words if alias[-1].isalnum() else signs).append(alias)
        number = _DIGITS
        if self._numbers:
            number = rf"{_DIGITS}|(?<!\w)(?:{_alternatives(list(spec.numbers))})"
        scale = _alternatives(list(spec.scales))
        word = rf"(?:{_alternatives(words)})(?!\w)"
        sign = _alternatives(signs) if signs else "(?!)"
        linker = rf"(?:{_alternatives(spec.linkers)})\s*" if spec.linkers else ""
        counted = _alternatives(spec.counted) if spec.counted else "(?!)"
        self._counted = re.compile(rf"\s*(?:{linker})?(?:{counted})(?!\w)", re.IGNORECASE)
        self._money = re.compile(
            rf"(?:(?P<pre>{sign}|(?<!\w){word})\s?|(?<![\w.,]))(?P<num>{number})"
            rf"(?:\s?(?P<scale>{scale})(?!\w)\.?)?"
            rf"(?:\s?(?:{linker})?(?P<post>{word}|{sign}))?",
            re.IGNORECASE,
        )
        units = _alternatives(spec.units) if spec.units else "(?!)"
        self._units = re.compile(
            rf"(?<![\w.,])(?P<num>{number})(?:\s?(?P<scale>{scale})(?!\w)\.?)?\s+"
            rf"(?:{linker})?(?:{units})(?!\w)",
            re.IGNORECASE,
        )

    def money(self, text: str) -> list[Amount]:
        """Amounts of money: a number with a currency, or with a scale word ("6 miliardi")."""
        found = []
        for m in self._money.finditer(text):
            currency_text = m["pre"] or m["post"]
            scale = m["scale"]
            if currency_text is None and (
                scale is None or len(scale) <= _SHORT_SCALE or self._counted.match(text, m.end())
            ):
                continue
            amount = self._amount(m["num"], scale)
            if amount is None:
                continue
            currency = self._currencies.get(currency_text.casefold()) if currency_text else None
            value = f"{currency} {amount}" if currency else str(amount)
            found.append(Amount(m.start(), m.end(), value, amount))
        return found

    def units(self, text: str) -> list[Amount]:
        """Counts of things: "100,000 cars", "120.000 auto"."""
        found = []
        for m in self._units.finditer(text):
            amount = self._amount(m["num"], m["scale"])
            if amount is not None:
                found.append(Amount(m.start(), m.end(), f"UNITS {amount}", amount))
        return found

    def _amount(self, number: str, scale: str | None) -> int | None:
        base: float | None = self._numbers.get(number.casefold())
        if base is None:
            digits = re.sub(r"[\s\u00a0\u202f]", "", number)
            if self._spec.decimal_mark == ",":
                digits = digits.replace(".", "").replace(",", ".")
            else:
                digits = digits.replace(",", "")
            try:
                base = float(digits)
            except ValueError:
                return None
        factor = 1.0
        if scale:
            key = scale.casefold()
            factor = self._scales.get(key) or self._scales.get(key.rstrip("."), 1.0)
        return round(base * factor)


def parse_value(value: str) -> tuple[str | None, float] | None:
    """``"USD 6100000000"`` → ``("USD", 6.1e9)``; ``"6000000000"`` → ``(None, 6e9)``; else None."""
    unit, _, number = value.rpartition(" ")
    try:
        return (unit or None), float(number)
    except ValueError:
        return None
