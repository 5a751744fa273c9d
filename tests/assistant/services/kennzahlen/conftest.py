"""The engine most question-side tests ask: the demo corpus's indicator table as facts of one document."""

from __future__ import annotations

import pytest
from kennzahlen_fake_store import indicator_store

from assistant.services.kennzahlen.service import KennzahlenService
from assistant.services.vocabulary import build_vocabulary, default_aliases


@pytest.fixture(scope="module")
def engine():
    store = indicator_store()
    return KennzahlenService(store, store.document), build_vocabulary([], default_aliases())
