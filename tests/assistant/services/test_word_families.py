"""Verb forms meet their noun ("fördert" ~ "Förderung"); short bases stay whole."""

from __future__ import annotations

from assistant.services.word_families import word_family


def test_a_verb_form_meets_its_noun():
    assert word_family("fordert") == word_family("gefordert") == word_family("forder")


def test_a_short_base_stays_whole():
    assert word_family("leitet") == "leitet"  # "leit" is shared by unrelated words (Leitfaden, begleitet)
    assert word_family("kost") == "kost"
