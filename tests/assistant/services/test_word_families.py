"""Verb forms meet their noun ("fördert" ~ "Förderung"); short bases stay whole."""

from __future__ import annotations

from assistant.services.word_families import in_compound, word_family


def test_a_verb_form_meets_its_noun():
    assert word_family("fordert") == word_family("gefordert") == word_family("forder")


def test_a_short_base_stays_whole():
    assert word_family("leitet") == "leitet"  # "leit" is shared by unrelated words (Leitfaden, begleitet)
    assert word_family("kost") == "kost"


def test_an_asked_word_is_found_at_either_end_of_a_compound():
    assert in_compound("kris", {"krisenintervention"})  # "Krise" in "Krisenintervention"
    assert in_compound("berat", {"seniorenberat"})  # "Beratung" in "Seniorenberatung"
    assert not in_compound("kris", {"krise"}) and not in_compound("rat", {"seniorenrat"})  # no rest / too short
    assert not in_compound("haus", {"rathaus"})  # a short head needs a longer rest than "rat"


def test_the_participle_of_a_separable_verb_meets_its_noun():
    from assistant.text.stemming import stem

    for participle, noun in [("eingerichtet", "Einrichtung"), ("vorgestellt", "Vorstellung"), ("ausgefüllt", "ausfüllen"),
                             ("eingeladen", "Einladung"), ("abgestimmt", "Abstimmung")]:
        assert word_family(stem(participle.lower())) == word_family(stem(noun.lower())), participle
    assert word_family(stem("umgebung")) == stem("umgebung")  # too short a rest after "um-ge": a noun, left whole


def test_a_derived_adjective_meets_its_noun():
    from assistant.services.word_families import adjective_base

    assert adjective_base("stadtisch") == "stadt"  # "städtisch" as stemmed, umlaut folded
    assert adjective_base("arztlich") == "arzt"
    assert adjective_base("tisch") == "" and adjective_base("fordert") == ""  # too short a base; no adjective


def test_a_spoken_prefix_of_a_participle_is_its_written_one():
    assert word_family("rausgegeb") == word_family("ausgegeb")  # "rausgegeben" = "ausgegeben"
    assert word_family("reingekomm") == word_family("eingekomm")
    assert word_family("reinig") == "reinig"  # "Reinigung" is no "rein-" participle
