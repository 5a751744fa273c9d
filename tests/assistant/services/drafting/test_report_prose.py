"""Report sentences: German figures as written, labelled calculations that the verifier re-does, stable wording."""

from assistant.services.drafting import report_prose as rp
from assistant.services.drafting.sections import Series
from assistant.services.drafting.types import Figure, SourceRef
from assistant.services.drafting.verify import check_statement

REF = SourceRef("profil", "Sozialraumprofil", ("c1",), page=4)


def _series(values: dict[int, str], place: str = "Haspe") -> Series:
    points = {y: Figure("Kinderarmut", place, y, v, "%", REF, "kinderarmut") for y, v in values.items()}
    return Series("kinderarmut|%", "Kinderarmut", place, "%", points)


def test_development_sentence_names_years_values_and_the_labelled_difference():
    city = _series({2019: "27,1", 2024: "28,7"}, "Gesamtstadt")
    statement = rp.development_sentence(_series({2019: "30,9", 2023: "33,0", 2024: "32,8"}), city)
    assert statement is not None
    text = statement.text
    assert "1,9 Prozentpunkte" in text and "eigene Berechnung" in text and ("gestiegen" in text or "angestiegen" in text)
    assert "2023 mit 33,0 %" in text and "Gesamtstadt lag der Wert 2019 bei 27,1 %" in text
    assert statement.calcs[0].inputs == ("30,9", "32,8")
    assert statement == rp.development_sentence(_series({2019: "30,9", 2023: "33,0", 2024: "32,8"}),
                                                _series({2019: "27,1", 2024: "28,7"}, "Gesamtstadt"))  # same wording every time


def test_falling_and_stable_series():
    assert "gesunken" in rp.development_sentence(_series({2019: "12,0", 2024: "10,5"})).text or \
        "zurückgegangen" in rp.development_sentence(_series({2019: "12,0", 2024: "10,5"})).text
    assert "nahezu unverändert" in rp.development_sentence(_series({2019: "12,0", 2024: "12,1"})).text
    assert rp.development_sentence(_series({2024: "12,0"})) is None


def test_verifier_redoes_rank_and_difference():
    chunk = {"doc_id": "profil", "page": 4, "row": None, "section": "", "text": "Haspe 32,8 Eilpe 20,1 Mitte 40,2"}
    chunks = {"c1": type("C", (), chunk)()}
    from assistant.services.drafting.types import Calculation, Statement

    good = Statement("Rang 2 von 3 (eigene Berechnung)", [REF], calcs=[Calculation("rank", "2", ("32,8", "20,1", "40,2"), "3")])
    assert check_statement(good, chunks).ok
    bad = Statement("Rang 1 von 3 (eigene Berechnung)", [REF], calcs=[Calculation("rank", "1", ("32,8", "20,1", "40,2"), "3")])
    assert not check_statement(bad, chunks).ok
    diff = Statement("12,7 Prozentpunkte (eigene Berechnung)", [REF], calcs=[Calculation("diff", "12,7", ("20,1", "32,8"))])
    assert check_statement(diff, chunks).ok
