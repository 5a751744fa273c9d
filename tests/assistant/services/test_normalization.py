"""The user's words normalised to the corpus's words: abbreviations, colloquial phrases, umlauts, typos, equivalents."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import ConfigurationError
from assistant.services.normalization import (
    QuestionNormalizer,
    SynonymRules,
    abbreviation_numbers,
    default_synonyms,
    load_synonyms,
    surface_forms,
)
from assistant.text import fold, word_counts

CORPUS = [
    "Die SGB-II-Quote lag 2024 bei 19,6 %. Leistungen nach dem SGB XII und dem SGB VIII.",
    "Die Bürgerbefragung 2023 zeigt: Die Bürger wünschen sich eine Beratungsstelle.",
    "Die Steuerungsgruppe tagt vierteljährlich. Die Begegnungsstätte Elsey hat 40 Plätze.",
    "Die Begegnungsstätte bietet Mittagessen. Die Einwohner der Sozialräume. Die Sozialraumteams tagen.",
    "Ansprechperson ist die Sozialplanung. Ansprechperson für Senioren.",
    "Sozialraumteams beraten. Die Steuerungsgruppe entscheidet.",
]


@pytest.fixture()
def normalizer() -> QuestionNormalizer:
    rules = SynonymRules(
        rewrite={("trifft", "sich"): "tagt", ("leute", "wohnen"): "Einwohner leben"},
        equivalents=[("Ansprechperson", "Ansprechpartner", "Kontaktperson")],
    )
    return QuestionNormalizer(dict(word_counts(CORPUS)), surface_forms(CORPUS), abbreviation_numbers(CORPUS), rules)


@pytest.mark.parametrize("typed", ["sgb2", "SGB2", "SGB 2", "SGB-II", "sgb ii", "Sgb II", "SGBII", "sgbii"])
def test_abbreviation_number_forms_meet_the_corpus_form(normalizer, typed):
    assert normalizer.normalize(f"Wie hoch ist die {typed} Quote?").text == "Wie hoch ist die SGB II Quote?"


def test_roman_forms_are_learned_from_the_corpus_only(normalizer):
    assert abbreviation_numbers(CORPUS) == {"SGB": {2, 8, 12}}
    assert "SGB VIII" in normalizer.normalize("Was regelt das sgb8?").text
    assert "SGB 5" in normalizer.normalize("Was regelt das SGB 5?").text  # the corpus never writes SGB V


def test_colloquial_phrases_are_rewritten(normalizer):
    assert normalizer.normalize("Wann trifft sich die Steuerungsgruppe?").text == "Wann tagt die Steuerungsgruppe?"
    assert normalizer.normalize("Wie viele Leute wohnen in Haspe?").text == "Wie viele Einwohner leben in Haspe?"


def test_a_noun_rewrite_is_not_applied_after_an_adjective_that_narrows_the_group(normalizer):
    assert normalizer.normalize("Wie viele wohnungslose Leute wohnen in Haspe?").text == "Wie viele wohnungslose Leute wohnen in Haspe?"
    assert normalizer.normalize("wieviele leute wohnen in haspe").text.startswith("wieviele einwohner leben")


def test_an_all_lowercase_question_keeps_its_case_style_after_a_rewrite(normalizer):
    # query understanding reads capitals as nouns: one capitalised replacement would hide the typed nouns
    text = normalizer.normalize("wann trifft sich die steuerungsgruppe").text
    assert text == "wann tagt die steuerungsgruppe"
    assert normalizer.normalize("leute wohnen in haspe").text == "einwohner leben in haspe"
    assert normalizer.normalize("Wie viele Leute wohnen in Haspe?").text == "Wie viele Einwohner leben in Haspe?"


def test_missing_umlauts_and_typos_take_the_corpus_spelling(normalizer):
    result = normalizer.normalize("Was zeigt die Burgerbefragung zur Begegnungsstatte?")
    assert result.text == "Was zeigt die Bürgerbefragung zur Begegnungsstätte?"
    assert normalizer.normalize("Wie oft tagen die Sozialraumteems?").text == "Wie oft tagen die Sozialraumteams?"
    assert normalizer.normalize("wann tagt die steuerungsgrupe").text == "wann tagt die steuerungsgruppe"  # case kept


def test_gender_forms_and_equivalents(normalizer):
    assert normalizer.normalize("Wer sind die Ansprechpartner*innen?").text == "Wer sind die Ansprechperson?"
    assert normalizer.normalize("Wer ist die Kontaktperson?").text == "Wer ist die Ansprechperson?"


def test_unknown_words_are_reported_not_guessed(normalizer):
    result = normalizer.normalize("Wie hoch ist die Quote in Gevelsberg?")
    assert result.text == "Wie hoch ist die Quote in Gevelsberg?"
    assert "Gevelsberg" in result.unknown


def test_short_words_are_not_typo_corrected(normalizer):
    assert normalizer.correction("Hund") is None  # four letters: no edit-distance guess


def test_shipped_synonym_file_loads_and_broken_file_is_a_configuration_error(tmp_path: Path):
    rules = default_synonyms()
    assert rules.rewrite[(fold("trifft"), "sich")] == "tagt"
    assert any("Ansprechperson" in group for group in rules.equivalents)
    broken = tmp_path / "synonyms.yaml"
    broken.write_text("rewrite: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigurationError):
        load_synonyms(broken)


@pytest.fixture()
def shipped() -> QuestionNormalizer:
    """The normaliser with the shipped synonym file: general colloquial German, not one corpus's words."""
    return QuestionNormalizer(dict(word_counts(CORPUS)), surface_forms(CORPUS), abbreviation_numbers(CORPUS), default_synonyms())


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("wieviele plätze hat elsey", "wie viele plätze hat elsey"),
        ("was gibts für senioren", "was gibt es für senioren"),
        ("was gibt's für senioren", "was gibt es für senioren"),
        ("wer kümmert sich um senioren", "wer ist zuständig für senioren"),
        ("was gibt es für teenager", "was gibt es für jugendliche"),
    ],
)
def test_contractions_and_colloquial_words_of_the_shipped_file(shipped, typed, meant):
    assert shipped.normalize(typed).text == meant


@pytest.mark.parametrize("typed", ["Bürger:innen", "Bürger*innen", "Bürger_innen", "BürgerInnen", "Bürger/-innen", "Bürger(innen)"])
def test_every_gender_form_meets_the_base_word(normalizer, typed):
    assert normalizer.normalize(f"Was wünschen sich die {typed}?").text == "Was wünschen sich die Bürger?"


def test_typos_need_the_corpus_word_within_the_length_dependent_distance(normalizer):
    assert normalizer.normalize("Wer sitzt in den Sozailraumteams?").text == "Wer sitzt in den Sozialraumteams?"  # transposition: one edit
    assert normalizer.normalize("Was macht die Steurungsgrupe?").text == "Was macht die Steuerungsgruppe?"  # 14 letters: two edits
    assert normalizer.correction("Stuergrpe") is None  # nine letters, three edits away: no guess


def test_umlauts_spelled_out_or_left_off_meet_the_same_word(normalizer):
    assert fold("Buergerbefragung") == fold("Bürgerbefragung")  # "ue" is folded like "ü" everywhere
    assert normalizer.normalize("Burgerbefragung 2023").text == "Bürgerbefragung 2023"
    # spelled out: the same folded word, written as the corpus writes it (the dense model reads letters)
    assert normalizer.normalize("buergerbefragung 2023").text == "bürgerbefragung 2023"
    assert normalizer.normalize("Begegnungsstaette Elsey").text == "Begegnungsstätte Elsey"
    assert normalizer.normalize("Die Steuerungsgruppe").text == "Die Steuerungsgruppe"  # a real "ue" stays


def test_a_separable_verb_split_around_its_object_is_rewritten_like_the_joined_phrase(shipped):
    assert shipped.normalize("Wie oft kommt die Steuerungsgruppe im Jahr zusammen?").text == "Wie oft tagt die Steuerungsgruppe im Jahr?"
    assert shipped.normalize("Wie oft kommt die Steuerungsgruppe zusammen?").text == "Wie oft tagt die Steuerungsgruppe?"
    assert shipped.normalize("Wer kommt mit der Steuerungsgruppe zusammen und warum").text.startswith("Wer kommt")  # particle not last


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("wieviele haushalte gehn zur tafel", "wie viele haushalte gehen zur tafel"),
        ("wann is die steuerungsgruppe dran", "wann ist die steuerungsgruppe dran"),
        ("wieviele plätze kriegt elsey", "wie viele plätze bekommt elsey"),
        ("wieviele leute warn bei der konferenz", "wie viele teilnehmende bei der konferenz"),
        ("wer hat da mitgemacht", "wer hat da teilgenommen"),
    ],
)
def test_spoken_short_forms_of_the_shipped_file(shipped, typed, meant):
    assert shipped.normalize(typed).text == meant


def test_the_shipped_file_names_words_that_are_no_focus():
    assert {"bekommt", "teilgenommen", "neue"} <= default_synonyms().no_focus


def test_a_spoken_infinitive_takes_the_corpus_verb_before_any_typo_correction():
    corpus = ["Die Familien stehen auf der Warteliste.", "Wer stehen bleibt, sieht den Stern.", "Der Stern leuchtet."]
    normalizer = QuestionNormalizer(dict(word_counts(corpus)), surface_forms(corpus), {}, SynonymRules())
    assert normalizer.correction("stehn") == "stehen"  # not the one-edit neighbour "stern" (a stopword counts too)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("wer hat das letzte wort in der steuerungsgruppe", "wer entscheidet in der steuerungsgruppe"),
        ("wenn man sich nicht einig wird", "wenn man sich kein konsens wird"),
        ("was passiert aus versehen", "was passiert versehentlich"),
        ("was brauchen sie am dringendsten", "was brauchen sie am häufigsten"),
        ("ich bin neu hier – wer entscheidet das", " – wer entscheidet das"),
        ("wann hat das quartiersbüro auf", "wann ist geöffnet das quartiersbüro"),
    ],
)
def test_idioms_of_deciding_agreeing_and_needing_take_the_words_rules_and_findings_use(shipped, typed, meant):
    assert shipped.normalize(typed).text == meant


def test_the_shipped_file_groups_talking_taking_in_and_deciding():
    groups = {frozenset(fold(w) for w in group) for group in default_synonyms().equivalents}
    assert any({"besprechen", "reden"} <= g for g in groups)
    assert any({"aufnehmen", "berufen"} <= g for g in groups)
    assert any({"entscheiden", "bestimmen"} <= g for g in groups)
    assert any({"jahr", "jaehrlich"} <= g for g in groups)  # "im Jahr" is what the documents write as "jährlich"


def test_a_word_that_begins_a_longer_corpus_word_is_a_form_of_it_not_a_typo():
    corpus = ["Wer das nicht verstehen kann, fragt nach.", "Verstehen ist wichtig.", "Das wurde versehentlich eingebracht."]
    normalizer = QuestionNormalizer(dict(word_counts(corpus)), surface_forms(corpus))
    assert normalizer.normalize("Was passiert bei einem Versehen?").text == "Was passiert bei einem Versehen?"
    assert normalizer.normalize("Was heißt Verstehn?").text == "Was heißt Verstehen?"  # a real typo is still corrected
    cut = ["Die Sozialraumteams tagen.", "Das Sozialraumteam tagt.", "Sozialraumteams und Sozialraumteamsitzungen."]
    completing = QuestionNormalizer(dict(word_counts(cut)), surface_forms(cut))
    assert completing.normalize("Wann tagt das Sozialraumtea?").text.startswith("Wann tagt das Sozialraumteam")  # cut off


@pytest.mark.parametrize(("typed", "meant"), [
    ("Welche Aufgaben hat ein Sozialraum Team?", "Sozialraumteam"),  # the corpus writes only "Sozialraumteams"
    ("wann tagt die steuerungs gruppe", "steuerungsgruppe"),
])
def test_a_compound_typed_as_two_words_is_joined_when_the_corpus_writes_it(normalizer, typed, meant):
    normalized = normalizer.normalize(typed)
    assert meant in normalized.text and (" ".join(typed.split()[-2:]).rstrip("?"), meant) in normalized.changes


def test_two_words_stay_apart_when_the_corpus_has_no_word_of_both(normalizer):
    assert normalizer.normalize("Wann tagt die Steuerungsgruppe Sozialplanung?").text == "Wann tagt die Steuerungsgruppe Sozialplanung?"
    assert normalizer.normalize("Hat die Begegnungsstätte Elsey Plätze?").text == "Hat die Begegnungsstätte Elsey Plätze?"



def test_a_typo_of_a_synonym_the_corpus_never_writes_takes_the_corpus_word_of_its_group(normalizer):
    assert normalizer.correction("Kontaktpersn") == "ansprechperson"  # "Kontaktperson" is only in the synonym file
    assert normalizer.correction("Kontaktpferd") is None  # too far from every word of the group


def test_a_rewrite_leaves_a_word_the_documents_write_themselves():
    """"mitmachen" → "teilnehmen" helps a corpus that never writes "mitmachen"; one whose table says "kann nicht
    mitmachen" must be asked in its own word."""
    rules = SynonymRules(rewrite={("mitmachen",): "teilnehmen", ("nix",): "nichts"})
    corpus = ["Kann oft aus Geldgründen nicht mitmachen: 26 %. Wer nicht mitmachen kann, sagt nix.", "Nix geht mehr, nix."]
    normalizer = QuestionNormalizer(dict(word_counts(corpus)), surface_forms(corpus), {}, rules)
    assert normalizer.normalize("Wie viele können nicht mitmachen?").text == "Wie viele können nicht mitmachen?"
    assert normalizer.normalize("Gibt es da nix?").text == "Gibt es da nichts?"  # a spoken short form is always rewritten
    bare = QuestionNormalizer(dict(word_counts(["Wer nimmt teil?"])), {}, {}, rules)
    assert bare.normalize("Wer kann mitmachen?").text == "Wer kann teilnehmen?"
