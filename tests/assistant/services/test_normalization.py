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


@pytest.mark.parametrize("typed", ["sgb2", "SGB2", "SGB 2", "SGB-II", "sgb ii", "Sgb II"])
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
    assert normalizer.normalize("wieviele leute wohnen in haspe").text.startswith("wieviele Einwohner leben")


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
