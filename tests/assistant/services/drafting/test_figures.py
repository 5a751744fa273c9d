from assistant.services.drafting.figures import CITY_PLACE, clean_indicator, indicator_key, text_table_figures
from assistant.services.drafting.verify import contains_number, numbers_in


def test_year_tables_give_figures_as_written(drafting, profile):
    vocab = drafting.evidence.snapshot().vocabulary
    doc, chunks = profile
    figures = text_table_figures(doc, chunks, vocab)
    haspe = {(f.key, f.year): f for f in figures if f.place == "Haspe"}
    assert haspe[("sgb ii quote", 2024)].value == "19,6"
    assert haspe[("sgb ii quote", 2024)].unit == "%"
    assert haspe[("einwohner", 2019)].value == "30.941"
    assert haspe[("sgb ii quote", 2024)].source.page == 4
    city = [f for f in figures if f.place == CITY_PLACE and f.key == "kinderarmut"]
    assert {f.year for f in city} == set(range(2019, 2025))


def test_broken_rows_are_skipped_and_indicator_tables_read_their_place(drafting, profile):
    vocab = drafting.evidence.snapshot().vocabulary
    figures = text_table_figures(*profile, vocab)
    assert not [f for f in figures if f.place == "Haspe-Zentrum" and f.key == "kinderarmut"]
    zentrum = {(f.indicator, f.year): f for f in figures if f.place == "Haspe-Zentrum"}
    assert zentrum[("Pflegebedürftige", 2024)].value == "807"
    assert zentrum[("Grundsicherung 65+", 2019)].value == "8,7"  # label broken over two chunks is joined
    assert zentrum[("Pflegebedürftige", 2024)].source.page == 7


def test_indicator_keys_and_numbers():
    assert indicator_key("Kinderarmut – Minderjährige in SGB-II-Bedarfsgemeinschaften") == indicator_key("Kinderarmut (%)") == "kinderarmut"
    assert indicator_key("Einwohnerinnen und Einwohner") == "einwohner"
    assert clean_indicator("SGB-II-Quote 2018–2024 (%)") == ("SGB-II-Quote", "%")
    assert numbers_in("Haspe 2024: 19,6 % und 31.574.") == ["2024", "19,6", "31.574"]
    assert contains_number("Haspe 1.527 Personen", "1.527")
    assert not contains_number("Haspe 1.527 Personen", "527")
    assert not contains_number("19,65", "19,6")
