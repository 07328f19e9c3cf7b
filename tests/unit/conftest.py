"""Fixtures of the unit tests."""

from __future__ import annotations

import pytest

from streams.analysis import Analyzer


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """One analyzer with the default watch list (loading lexicons once)."""
    return Analyzer()
