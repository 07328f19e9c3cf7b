"""Reading YAML data and configuration files into validated pydantic models.

Every failure becomes a :class:`ConfigError` that names the file and the field at fault, so a
broken lexicon or watch config is reported in one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

__all__ = ["ConfigError", "load_yaml_model"]

M = TypeVar("M", bound=BaseModel)


class ConfigError(ValueError):
    """A data or configuration file is missing or invalid: which file, which field, what is wrong."""

    def __init__(self, file: str | Path, field: str, message: str) -> None:
        self.file = str(file)
        self.field = field
        self.message = message
        where = f"{self.file}: {field}" if field else self.file
        super().__init__(f"{where}: {message}")


def load_yaml_model(path: Path, model: type[M]) -> M:
    """Parse the YAML file at ``path`` and validate it as ``model``."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(path, "", f"cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(path, where, f"not valid YAML: {exc}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise ConfigError(path, field, first["msg"]) from None
