"""Query understanding against the shipped alias file plus names learned from document metadata."""

from __future__ import annotations

import pytest

from assistant.core.types import DocumentMeta
from assistant.services.query_understanding import QueryUnderstanding, edit_distance
from assistant.services.vocabulary import build_vocabulary, default_aliases, learn_partners


@pytest.fixture(scope="module")
def qu():
    docs = [
        DocumentMeta(doc_id="a", title="A", source_path="a", content_hash="1", format="pdf", kind="protokoll", date="2023-11-14",
                     districts=("Haspe",), sozialraeume=("Haspe-Zentrum", "Neustadt-Ost"), topics=("armut", "familie")),
        DocumentMeta(doc_id="b", title="B", source_path="b", content_hash="2", format="pdf", kind="bericht", date="2019-01-01",
                     districts=("Gesamtstadt",), topics=("beteiligung",)),
    ]
    vocab = build_vocabulary(docs, default_aliases())
    learn_partners(vocab, ["AWO Unterbezirk Hagen", "AWO Unterbezirk Hagen", "Caritasverband Hagen e.V."])
    return QueryUnderstanding(vocab, corpus_words={"haushalt": 12})


def names(places):
    return [p.name for p in places]


@pytest.mark.parametrize("question, expected", [
    ("Angebote in Hagen Mitte", ["Hagen-Mitte"]),
    ("Was gibt es in Eilpe?", ["Eilpe/Dahl"]),
    ("Was gibt es in Dahl?", ["Eilpe/Dahl"]),
    ("Treffpunkte in Eilpe / Dahl", ["Eilpe/Dahl"]),
    ("Wie ist die Lage in Hohenlimburg?", ["Hohenlimburg"]),
    ("Projekte in Haspe-Zentrum", ["Haspe-Zentrum"]),
    ("Projekte in Neustadt-Ost", ["Neustadt-Ost"]),  # learned from document metadata, not in the alias file
])
def test_places_with_variants(qu, question, expected):
    assert names(qu.analyze(question).places) == expected


def test_a_sozialraum_knows_its_bezirk(qu):
    analysis = qu.analyze("Armut in Quambusch")
    assert names(analysis.places) == ["Quambusch/Baukloh"]
    assert analysis.districts == ["Haspe"]


def test_typos_within_a_small_edit_distance(qu):
    assert names(qu.analyze("Angebote in Hohenlimbrug").places) == ["Hohenlimburg"]
    assert names(qu.analyze("Angebote in Wehringhausn").places) == ["Wehringhausen/Villa Post"]
    assert qu.analyze("Haushalt der Stadt").places == []  # a frequent corpus word is no typo of a name


def test_generic_short_variants_need_a_capital(qu):
    assert qu.analyze("Projekte in der mitte des Jahres").places == []
    assert names(qu.analyze("Projekte in Mitte").places) == ["Hagen-Mitte"]


def test_a_variant_after_a_hyphen_is_part_of_another_name(qu):
    # "Mitte" and "Nord" alone are variants of Hagen-Mitte and Hagen-Nord; "Kiel-Nord" is another town's district
    assert qu.analyze("Wie viele Menschen leben in Kiel-Nord?").places == []
    assert qu.analyze("Angebote in Dortmund-Mitte").places == []
    assert names(qu.analyze("Angebote in Haspe-Mitte").places) == ["Haspe-Zentrum"]  # a known two-word variant


def test_topics_with_synonyms_and_compounds(qu):
    assert "armut" in qu.analyze("Was tun wir gegen Kinderarmut?").topics
    assert "armut" in qu.analyze("Wer bekommt Grundsicherung?").topics
    assert "armut" in qu.analyze("Wie hoch ist die SGB-II-Quote?").topics
    assert "armut" in qu.analyze("Wie läuft die Armutsbekämpfung?").topics


def test_verbs_are_not_topics_in_a_capitalised_question(qu):
    assert "beschaeftigung" not in qu.analyze("Welche Partner arbeiten zum Thema Armut in Haspe?").topics


def test_the_word_after_thema_is_a_topic_however_it_is_typed(qu):
    # a follow-up resolved into a lower-case question keeps the place's capital: "armut" is still the topic
    assert "armut" in qu.analyze("welche angebote gibt es in Haspe zum thema armut").table_topics


def test_years_and_ranges(qu):
    a = qu.analyze("Wie hoch war die Quote 2024?")
    assert a.years == [2024] and a.year_from is None
    assert qu.analyze("Was hat sich seit 2019 verändert?").year_from == 2019
    a = qu.analyze("Entwicklung zwischen 2018 und 2023")
    assert (a.year_from, a.year_to) == (2018, 2023)
    assert qu.analyze("Im Jahr 2021 gab es was?").years == [2021]


def test_document_kinds(qu):
    assert qu.analyze("Was steht im Protokoll der Stadtteilkonferenz?").kinds == ["protokoll"]
    assert "befragung" in qu.analyze("Ergebnisse der Umfrage").kinds


def test_partner_aliases(qu):
    assert qu.analyze("Was macht die Arbeiterwohlfahrt?").partners == ["awo"]
    assert qu.analyze("Angebote der AWO").partners == ["awo"]
    assert qu.analyze("Angebote der Caritas in Haspe").partners == ["caritas"]


def test_target_groups(qu):
    a = qu.analyze("Welche Angebote gibt es für Senioren in Haspe?")
    assert a.target_groups == ["senioren"] and a.intent == "list"
    assert "alter-und-pflege" not in a.table_topics  # implied by the target group only: no strict topic filter


def test_intents(qu):
    assert qu.analyze("Welche Partner arbeiten zum Thema Armut in Haspe?").intent == "list"
    assert qu.analyze("Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?").intent == "fact"
    assert qu.analyze("Was sind Sozialraumteams?").intent == "explain"


def test_residual_nouns_name_what_is_asked_for(qu):
    assert "begegnungsstatt" in qu.analyze("Welche Begegnungsstätten gibt es in Haspe?").residual_terms
    assert qu.analyze("Welche Partner arbeiten zum Thema Armut in Haspe?").residual_terms == set()


def test_edit_distance():
    assert edit_distance("hohenlimburg", "hohenlimbrug", 2) == 1
    assert edit_distance("haspe", "hasper", 1) == 1
    assert edit_distance("haspe", "elsey", 1) == 2


def test_topic_name_does_not_also_ask_for_a_target_group(qu):
    analysis = qu.analyze("Welche Angebote im Bereich Alter und Pflege gibt es in Haspe?")
    assert "alter-und-pflege" in analysis.table_topics and analysis.target_groups == []
    assert qu.analyze("Welche Angebote gibt es für Senioren in Haspe?").target_groups == ["senioren"]


def test_what_a_list_question_asks_for(qu):
    assert qu.analyze("Welche sozialen Träger gibt es in Haspe?").asked == "trag"
    assert qu.analyze("Welche Beteiligungsformate nutzt die Sozialplanung?").asked == "beteiligungsformat"
    assert qu.analyze("Wer bietet Schuldnerberatung an?").asked == "wer"


def test_key_terms_are_nouns_names_and_years_not_question_words():
    docs = [DocumentMeta(doc_id="a", title="A", source_path="a", content_hash="1", format="pdf", date="2024-01-01", districts=("Haspe",))]
    corpus_terms = {"steuerungsgrupp": 5, "telefon": 1, "nummer": 1}
    qu = QueryUnderstanding(build_vocabulary(docs, default_aliases()), corpus_terms=corpus_terms)
    keys = qu.analyze("Unter welcher Telefonnummer erreiche ich die Schuldnerberatung 2024?").key_terms
    assert set(keys) == {"telefonnumm", "schuldnerberat", "2024"}
    # a typo is read as the corpus word it most likely means
    assert "steuerungsgrupp" in qu.analyze("Was ist die Steurungsgruppe?").key_terms
    # typed all in lower case: every word may be a noun, but not the question's adverbs ("wie oft", "wie viele")
    assert set(qu.analyze("wie oft gibts eigentlich die steuerungsgruppe").key_terms) == {"steuerungsgrupp"}
    assert set(qu.analyze("wann is die naechste steuerungsgruppe").key_terms) == {"steuerungsgrupp"}


@pytest.mark.parametrize("question", ["was heißt HzE", "was heisst hze", "Wofür steht BuT?", "wofuer steht but", "Was meint Sozialraum?"])
def test_colloquial_definition_cues_ask_for_an_explanation(qu, question):
    assert qu.analyze(question).intent == "explain"


def test_who_counts_as_an_adjective_asks_for_its_definition(qu):
    typed = qu.analyze("wer ist erwerbsfähig")
    assert typed.intent == "explain" and "erwerbsfah" in typed.key_terms
    assert qu.analyze("Wer gilt als hilfebedürftig im Sinne des Gesetzes?").intent == "explain"
    assert qu.analyze("Wer ist zuständig für die Schuldnerberatung?").intent != "explain"
    assert qu.analyze("Wer ist die Leiterin der Sozialplanung?").intent != "explain"


def test_figure_cues_are_found_without_umlauts(qu):
    assert qu.analyze("wie gross ist haspe").intent == "fact"
    assert qu.analyze("Wie groß ist Haspe?").intent == "fact"


def test_a_lower_case_question_reads_the_words_the_corpus_never_writes_in_lower_case_as_nouns():
    from assistant.core.types import DocumentMeta as Doc
    from assistant.services.query_understanding import QueryUnderstanding
    from assistant.services.vocabulary import build_vocabulary, default_aliases

    vocab = build_vocabulary([Doc(doc_id="a", title="A", source_path="a", content_hash="1", format="md")], default_aliases())
    qu = QueryUnderstanding(vocab, lowercase_words=frozenset({"braucht", "hilfe"}))
    analysis = qu.analyze("wo kann man ohne termin hin wenn man hilfe mit behördenbriefen braucht?")
    assert "termin" in analysis.residual_terms and "braucht" not in analysis.residual_terms
    assert "hilf" not in analysis.residual_terms and "hilfe" not in analysis.residual_terms


def test_a_lower_case_question_reads_verb_shaped_words_the_corpus_has_no_noun_for_as_verbs():
    """"… in hagen-nord verzeichnet", "… mitgelaufen": verbs, neither key terms nor row criteria; a verb-shaped word the
    corpus writes as a noun ("Bericht", "Gebiete") stays one."""
    from assistant.core.types import DocumentMeta as Doc
    from assistant.services.query_understanding import QueryUnderstanding
    from assistant.services.vocabulary import build_vocabulary, default_aliases

    vocab = build_vocabulary([Doc(doc_id="a", title="A", source_path="a", content_hash="1", format="md")], default_aliases())
    qu = QueryUnderstanding(vocab, lowercase_words=frozenset({"braucht"}), nouns=frozenset({"bericht", "gebiete", "rundgang"}))
    analysis = qu.analyze("wie viele leute sind beim rundgang in wehringhausen mitgelaufen")
    assert "rundgang" in analysis.key_terms and not {"mitgelauf", "mitgelaufen"} & set(analysis.key_terms)
    assert "verzeichn" not in qu.analyze("wie viele angebote sind verzeichnet").residual_terms
    assert {"bericht", "gebiet"} <= set(qu.analyze("welche gebiete nennt der bericht").key_terms)
    unlearned = QueryUnderstanding(vocab, lowercase_words=frozenset({"braucht"}))  # no noun list: nothing is guessed
    assert "mitgelauf" in unlearned.analyze("wer ist beim rundgang mitgelaufen").key_terms
