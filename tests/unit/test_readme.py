"""The README documents every setting's environment variable (docs and code cannot drift)."""

from __future__ import annotations

from streams.settings import Settings
from tests.conftest import ROOT


def test_every_setting_has_its_environment_variable_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    missing = []
    for name in Settings.model_fields:
        variable = f"CLAIMWATCH_{name.upper()}"
        # A row may group related names: `CLAIMWATCH_SSL_CAFILE` / `_CERTFILE` / `_KEYFILE`.
        suffix = "_" + name.upper().split("_", 1)[-1]
        if variable not in readme and f"`{suffix}`" not in readme:
            missing.append(variable)
    assert not missing, f"README lacks {missing}"


def test_the_readme_has_exactly_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
