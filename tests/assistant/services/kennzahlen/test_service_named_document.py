"""A document named by its title ("laut Bericht Alter und Pflege") is where to read: the title's words name no figure,
and of the reports a noun fits, the one whose title the question writes is read."""

from __future__ import annotations

import dataclasses

from kennzahlen_fake_store import indicator_store

from assistant.services.kennzahlen.service import KennzahlenService, _without_title
from assistant.services.vocabulary import build_vocabulary, default_aliases
from assistant.text import simple_key
from assistant.text.stemming import stem


def _title(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in simple_key(text).split())


def test_a_run_of_title_words_is_cut_a_single_one_stays():
    title = _title("Bericht Alter und Pflege 2023")
    assert _without_title("wie viele pflegebeduerftige gab es alter und pflege in haspe", title) == \
        "wie viele pflegebeduerftige gab es in haspe"
    assert _without_title("wie hoch ist die grundsicherung im alter in haspe", title) == \
        "wie hoch ist die grundsicherung im alter in haspe"


def test_the_report_whose_title_the_question_writes_is_read():
    store = indicator_store(doc_id="bericht-alter-2023", date="2023-11-21")
    indicator_store(doc_id="bericht-wohnen-2024", date="2024-11-15", store=store)
    store.docs["bericht-alter-2023"] = dataclasses.replace(store.docs["bericht-alter-2023"], title="Bericht Alter und Pflege 2023")
    store.docs["bericht-wohnen-2024"] = dataclasses.replace(store.docs["bericht-wohnen-2024"], title="Bericht Wohnen 2024")
    service, vocab = KennzahlenService(store, store.document), build_vocabulary([], default_aliases())
    plan = service.plan("Wie hoch ist die SGB-II-Quote in Haspe laut Bericht Alter und Pflege?", vocabulary=vocab)
    assert plan is not None and plan.doc_ids == frozenset({"bericht-alter-2023"})
    assert "SGB" in plan.indicator_label
