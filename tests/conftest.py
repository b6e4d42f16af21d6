"""Shared fixtures. Tests that read ../shared skip with a reason where it is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear reason when it is not there."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is absent: ../shared (seed article and gold readings) is not beside this clone")
    return p


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("seed", "kz-tj-talks-2023.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    return json.loads(shared_path("seed", "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_extraction(seed_text):
    """The seed article's extraction, computed once per test session."""
    import letopis

    return letopis.extract(seed_text, published="2023-08-22", id="kz-tj-talks-2023")


@pytest.fixture(scope="session")
def analyse():
    """`analyse(text, **meta) -> Doc`, the one NLP pass (models load once per session)."""
    from letopis.nlp import analyse as _analyse

    return _analyse
