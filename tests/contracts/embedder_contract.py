"""What every Embedder must do. Subclasses provide an `embedder` fixture and say whether queries get their own prefix."""

from __future__ import annotations

import numpy as np
import pytest

QUESTION = "Wie viele wohnungslose Menschen leben in Haspe?"
PARAPHRASE = "In Haspe sind derzeit rund 140 Personen ohne eigene Wohnung gemeldet; die Zahl der Wohnungslosen steigt."
UNRELATED = "Der Spielplatz an der Volme wird im Sommer saniert und bekommt neue Schaukeln."
PASSAGES = [
    "Die Schuldnerberatung der Caritas in Hagen-Mitte bietet offene Sprechstunden an.",
    "Im Stadtbezirk Hohenlimburg fehlen 120 Kita-Plätze für Kinder unter drei Jahren.",
    "Der Sozialbericht 2023 beschreibt die Entwicklung der Kinderarmut in Haspe.",
]


class EmbedderContract:
    #: e5-style models embed questions with another prefix than passages.
    query_differs_from_passage = False

    def test_identity(self, embedder):
        assert isinstance(embedder.name, str) and embedder.name
        assert isinstance(embedder.dim, int) and embedder.dim > 0

    def test_passages_are_float32_unit_vectors(self, embedder):
        vectors = embedder.embed_passages(PASSAGES)
        assert vectors.shape == (len(PASSAGES), embedder.dim)
        assert vectors.dtype == np.float32
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)

    def test_no_passages(self, embedder):
        assert embedder.embed_passages([]).shape == (0, embedder.dim)

    def test_query_is_a_float32_unit_vector(self, embedder):
        vector = embedder.embed_query(QUESTION)
        assert vector.shape == (embedder.dim,)
        assert vector.dtype == np.float32
        assert float(np.linalg.norm(vector)) == pytest.approx(1.0, abs=1e-3)

    def test_query_and_passage_embedding(self, embedder):
        as_query = embedder.embed_query(QUESTION)
        as_passage = embedder.embed_passages([QUESTION])[0]
        similarity = float(as_query @ as_passage)
        assert similarity > 0.7  # the same text either way stays close
        if self.query_differs_from_passage:
            assert similarity < 0.9999

    def test_german_paraphrase_ranks_above_unrelated_text(self, embedder):
        question = embedder.embed_query(QUESTION)
        related, unrelated = embedder.embed_passages([PARAPHRASE, UNRELATED])
        assert float(related @ question) > float(unrelated @ question)

    def test_deterministic_and_independent_of_batch(self, embedder):
        alone = embedder.embed_passages([PASSAGES[1]])[0]
        again = embedder.embed_passages([PASSAGES[1]])[0]
        in_batch = embedder.embed_passages(PASSAGES)[1]
        np.testing.assert_allclose(alone, again, atol=1e-6)
        assert float(alone @ in_batch) > 0.999
        np.testing.assert_allclose(embedder.embed_query(QUESTION), embedder.embed_query(QUESTION), atol=1e-6)

    def test_count_tokens_grows_with_the_text(self, embedder):
        short = embedder.count_tokens("Armut")
        longer = embedder.count_tokens(" ".join(PASSAGES))
        assert 0 < short < longer
