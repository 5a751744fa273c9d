"""A sex the tables do not split by: only a sentence giving a figure for it in the asked place overrides the refusal."""

from __future__ import annotations

import pytest
from kennzahlen_fake_store import indicator_store

from assistant.services.kennzahlen.service import KennzahlenService
from assistant.services.kennzahlen.sex_gap import asked_sexes, states_sex_figure
from assistant.services.vocabulary import build_vocabulary, default_aliases


@pytest.fixture(scope="module")
def catalog():
    store = indicator_store()
    return KennzahlenService(store, store.document).catalog(None, build_vocabulary([], default_aliases()))


def test_the_asked_sex_is_read_from_the_synonyms(catalog):
    assert asked_sexes("Wie viele Frauen leben in Haspe?", catalog) == {"weiblich"}
    assert asked_sexes("Wie viele Jungen gehen in Haspe zur Schule?", catalog) == {"maennlich"}
    assert asked_sexes("Wie hoch ist der Anteil der jungen Menschen in Haspe?", catalog) == set()


def test_a_survey_share_of_women_is_no_figure_of_the_women_of_the_place(catalog):
    question = "Wie viele Frauen leben in Haspe?"
    assert not states_sex_figure("Die Befragung lief im Mai. 61 Prozent der Antwortenden sind Frauen.", question, catalog)
    assert states_sex_figure("In Haspe leben 16.102 Frauen und 15.472 Männer.", question, catalog)
    assert states_sex_figure("Irgendein Text ohne Geschlecht.", "Wie viele Menschen leben in Haspe?", catalog)
