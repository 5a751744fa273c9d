"""Fixtures for drafting tests: the sample corpus plus a Sozialraumprofil, wired into DraftingService."""

from __future__ import annotations

import pytest

from assistant.core.types import Chunk, DocumentMeta
from assistant.services.drafting.draft import DraftingService
from assistant.testing.drafting_corpus import FakeChart, build_drafting, profile_document


@pytest.fixture
def chart() -> FakeChart:
    return FakeChart()


@pytest.fixture
def drafting(chart) -> DraftingService:
    return build_drafting(chart=chart)


@pytest.fixture
def profile() -> tuple[DocumentMeta, list[Chunk]]:
    return profile_document()


@pytest.fixture
def make_drafting():
    return build_drafting
