"""Every metric on hand-made cases whose right score is known."""

from __future__ import annotations

import pytest

from eval.dataset import EvalCase, GoldSource
from eval.metrics import (
    answer_score,
    citation_page_accuracy,
    citation_precision,
    fact_recall,
    false_refusal_rate,
    hit_at_k,
    items_in_text,
    list_precision,
    list_recall,
    mrr,
    refusal_accuracy,
    source_matches,
)
from eval.records import CaseOutput, Located, SystemAnswer


def case(id_, **kw) -> EvalCase:
    kw.setdefault("question", "Frage?")
    kw.setdefault("category", "zahlen")
    return EvalCase(id=id_, **kw)


def out(id_, retrieved=(), text="", citations=(), refused=False) -> CaseOutput:
    return CaseOutput(case_id=id_, retrieved=list(retrieved), answer=SystemAnswer(text=text, citations=list(citations), refused=refused))


PDF_GOLD = GoldSource(doc="profil-haspe", pages=frozenset({4}))


# -- hit@k / MRR -----------------------------------------------------------------------------------


def test_source_match_needs_doc_and_gold_page():
    assert source_matches(Located("profil-haspe", pages=frozenset({4})), PDF_GOLD)
    assert not source_matches(Located("profil-haspe", pages=frozenset({5})), PDF_GOLD)
    assert not source_matches(Located("profil-eilpe", pages=frozenset({4})), PDF_GOLD)
    # a gold without place accepts any passage of the document
    assert source_matches(Located("glossar", sections=("Einleitung",)), GoldSource(doc="glossar"))


def test_source_match_rows_and_sections():
    rows = GoldSource(doc="angebote", rows=frozenset({17, 18}))
    assert source_matches(Located("angebote", rows=frozenset({18})), rows)
    assert not source_matches(Located("angebote", rows=frozenset({19})), rows)
    section = GoldSource(doc="sgb8", section="§ 8")
    assert source_matches(Located("sgb8", sections=("Erstes Kapitel > § 8 Beteiligung von Kindern",)), section)
    assert not source_matches(Located("sgb8", sections=("§ 80 Jugendhilfeplanung",)), section), "§ 8 must not match § 80"


def test_hit_at_k_and_mrr_use_rank_of_first_gold_passage():
    cases = [case("a", facts=("19,6",), sources=(PDF_GOLD,)), case("b", facts=("1",), sources=(PDF_GOLD,)), case("u", answerable=False)]
    wrong = Located("profil-haspe", pages=frozenset({1}))
    right = Located("profil-haspe", pages=frozenset({4}))
    outputs = {"a": out("a", [wrong, wrong, right]), "b": out("b", [wrong] * 10), "u": out("u", [right])}
    assert hit_at_k(cases, outputs, 1).per_question == {"a": 0.0, "b": 0.0}
    assert hit_at_k(cases, outputs, 3).per_question == {"a": 1.0, "b": 0.0}
    assert hit_at_k(cases, outputs, 3).overall == pytest.approx(0.5)
    result = mrr(cases, outputs, cutoff=10)
    assert result.per_question == {"a": pytest.approx(1 / 3), "b": 0.0}
    assert mrr(cases, outputs, cutoff=2).per_question["a"] == 0.0


# -- lists -----------------------------------------------------------------------------------------

ALIASES = {"Arbeiterwohlfahrt": ["AWO"]}
UNIVERSE = {
    "anbieter": ["Arbeiterwohlfahrt", "Caritasverband Hagen", "Diakonie Mark-Ruhr", "Jobcenter Hagen", "AWO Begegnungsstätte Vorhalle"]
}


def list_case(expected):
    return case(
        "l",
        category="liste",
        expected=tuple(expected),
        list_query={"field": "anbieter"},
        list_field="anbieter",
        sources=(GoldSource(doc="angebote"),),
    )


def test_list_recall_is_alias_tolerant_and_umlaut_folding():
    c = list_case(["Arbeiterwohlfahrt", "Caritasverband Hagen", "Diakonie Mark-Ruhr"])
    outputs = {"l": out("l", text="Die AWO und der CARITASVERBAND  Hagen bieten das an.")}
    result = list_recall([c], outputs, ALIASES, UNIVERSE)
    assert result.overall == pytest.approx(2 / 3)


def test_list_precision_counts_items_of_the_universe_that_were_not_expected():
    c = list_case(["Arbeiterwohlfahrt", "Caritasverband Hagen"])
    outputs = {"l": out("l", text="AWO, Caritasverband Hagen, Jobcenter Hagen und Diakonie Mark-Ruhr.")}
    assert list_precision([c], outputs, ALIASES, UNIVERSE).overall == pytest.approx(2 / 4)
    assert list_recall([c], outputs, ALIASES, UNIVERSE).overall == pytest.approx(1.0)
    empty = {"l": out("l", text="Keine Angaben.")}
    assert list_precision([c], empty, ALIASES, UNIVERSE).overall == 0.0


def test_longer_names_are_not_counted_as_their_short_alias():
    found = items_in_text(
        "Die AWO Begegnungsstätte Vorhalle lädt ein.", UNIVERSE["anbieter"], lambda i: [i, "AWO"] if i == "Arbeiterwohlfahrt" else [i]
    )
    assert found == {"AWO Begegnungsstätte Vorhalle"}


def test_refused_list_answer_scores_zero_recall():
    c = list_case(["Arbeiterwohlfahrt"])
    outputs = {"l": out("l", text="Arbeiterwohlfahrt", refused=True)}
    assert list_recall([c], outputs, ALIASES, UNIVERSE).overall == 0.0


# -- facts -----------------------------------------------------------------------------------------


def test_fact_recall_german_numbers_and_alternatives():
    c = case("f", facts=(17.3, "31.551", ["AWO", "Arbeiterwohlfahrt"], "Sozialraumteam"), sources=(PDF_GOLD,))
    text = "Die Quote lag 2024 bei 17,3 % bei 31551 Einwohnern; die Arbeiterwohlfahrt leitet die Sozialraumteams."
    assert fact_recall([c], {"f": out("f", text=text)}).overall == 1.0
    half = "Die Quote lag bei 17.35 % bei 31.551 Einwohnern."
    assert fact_recall([c], {"f": out("f", text=half)}).overall == pytest.approx(1 / 4)


def test_fact_recall_skips_unanswerable_and_scores_refusals_zero():
    cases = [case("f", facts=("Steuerungsgruppe",), sources=(PDF_GOLD,)), case("u", answerable=False)]
    outputs = {"f": out("f", text="Steuerungsgruppe", refused=True), "u": out("u", text="x")}
    result = fact_recall(cases, outputs)
    assert result.per_question == {"f": 0.0}


# -- citations -------------------------------------------------------------------------------------


def test_citation_precision_checks_cited_passage_text():
    c = case("c", facts=("19,6",), sources=(PDF_GOLD,))
    good = Located("profil-haspe", text="SGB-II-Quote Haspe 2024: 19,6 %", pages=frozenset({4}))
    bad = Located("profil-haspe", text="Einwohnerzahl Haspe 2024", pages=frozenset({3}))
    outputs = {"c": out("c", text="19,6 % [1][2]", citations=[good, bad])}
    assert citation_precision([c], outputs).overall == pytest.approx(0.5)
    assert citation_page_accuracy([c], outputs).overall == pytest.approx(0.5)


def test_citation_page_accuracy_ignores_other_documents_and_uses_rows():
    c = case("r", category="liste", expected=("Arbeiterwohlfahrt",), sources=(GoldSource(doc="angebote", rows=frozenset({3, 9})),))
    cites = [
        Located("angebote", text="AWO", rows=frozenset({3})),
        Located("angebote", text="AWO", rows=frozenset({4})),
        Located("glossar", text="AWO"),
    ]
    result = citation_page_accuracy([c], {"r": out("r", text="AWO", citations=cites)})
    assert result.overall == pytest.approx(0.5)
    # citation precision uses expected list items (with aliases) as supported facts
    assert citation_precision([c], {"r": out("r", text="AWO", citations=cites)}, ALIASES).overall == 1.0


# -- refusals --------------------------------------------------------------------------------------


def test_refusal_accuracy_and_false_refusal_rate():
    cases = [
        case("u1", answerable=False),
        case("u2", answerable=False),
        case("a1", facts=("x",), sources=(PDF_GOLD,)),
        case("a2", facts=("x",), sources=(PDF_GOLD,)),
    ]
    outputs = {"u1": out("u1", refused=True), "u2": out("u2", text="geraten"), "a1": out("a1", refused=True), "a2": out("a2", text="x")}
    assert refusal_accuracy(cases, outputs).per_question == {"u1": 1.0, "u2": 0.0}
    assert false_refusal_rate(cases, outputs).per_question == {"a1": 1.0, "a2": 0.0}
    assert answer_score(cases, outputs).per_question == {"u1": 1.0, "u2": 0.0, "a1": 0.0, "a2": 1.0}


def test_metric_without_applicable_questions_is_none():
    assert refusal_accuracy([case("a", facts=("x",), sources=(PDF_GOLD,))], {"a": out("a")}).overall is None


def test_section_beside_rows_narrows_them_to_one_sheet():
    gold = GoldSource(doc="angebote-xlsx", rows=frozenset({1, 2}), section="Angebote")
    assert source_matches(Located("angebote-xlsx", rows=frozenset({2}), sections=("Angebote",)), gold)
    assert not source_matches(Located("angebote-xlsx", rows=frozenset({2}), sections=("Übersicht",)), gold)
