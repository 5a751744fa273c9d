"""Place columns, levels, totals rows and folded keys."""

from ingest.tables.places import context_place, level_named_in, level_of_header, place_key, total_level


def test_levels_from_headers():
    assert level_of_header("Stadtteile") == "stadtteil"
    assert level_of_header("Sozialraum") == "sozialraum"
    assert level_of_header("Stadtbezirk") == "bezirk"
    assert level_of_header("Raum") == "other"
    assert level_of_header("Einwohner") is None


def test_folded_keys_match_transliterations():
    assert place_key("Düsternbrook") == place_key("Duesternbrook") == place_key(" duesternbrook ")
    assert place_key("Eilpe / Dahl") == place_key("Eilpe-Dahl")


def test_totals_are_levels_not_places():
    city, parents = {"kiel"}, {"haspe", "mitte"}
    assert total_level("Kiel insgesamt", city_names=city, parent_names=parents) == ("stadt", "Kiel")
    assert total_level("Gesamtstadt", city_names=city, parent_names=parents)[0] == "stadt"
    assert total_level("Summe", city_names=city, parent_names=parents)[0] == "stadt"
    assert total_level("Bezirk Haspe gesamt", city_names=city, parent_names=parents) == ("bezirk", "Haspe")
    assert total_level("Haspe insgesamt", city_names=city, parent_names=parents) == ("bezirk", "Haspe")
    assert total_level("Hagen (Stadt)", city_names=city, parent_names=parents) == ("stadt", "Hagen")
    assert total_level("Altstadt", city_names=city, parent_names=parents) is None
    assert total_level("Gesamtschule Nord", city_names=city, parent_names=parents) is None
    assert total_level("Bezirk Nord zusammen", city_names=city, parent_names=parents) == ("bezirk", "Nord")
    assert total_level("Stadt insgesamt", city_names=city, parent_names=parents)[0] == "stadt"


def test_place_from_heading_above_table():
    assert context_place(("Tabelle 10: Indikatoren 2018–2024", "Sozialraum Haspe-Zentrum")) == ("Haspe-Zentrum", "sozialraum")
    assert context_place(("Tabelle 1: Kennzahlen Stadtbezirk Haspe",)) == ("Haspe", "bezirk")
    assert context_place(("Tabelle 4: SGB-II-Quote",)) is None


def test_title_level_from_the_caption_before_the_chapter_heading():
    # the caption names one Bezirk: its rows are that Bezirk's Sozialräume, whatever the chapter heading says
    assert level_named_in(("Tabelle 13: Kinderarmut im Stadtbezirk Haspe 2019–2024 (%)", "3 Die Stadtbezirke")) == ""
    assert level_named_in(("Tabelle 3: Kennzahlen der Stadtbezirke 2024", "3 Die Stadtbezirke")) == "bezirk"
    assert level_named_in(("Tabelle 2: Sozialräume im Stadtbezirk Hagen-Mitte", "3 Die Stadtbezirke")) == ""
    assert level_named_in(("Arbeitslose nach Stadtteilen", "Bericht der Stadt Kiel")) == "stadtteil"
    assert level_named_in(("Einwohner", "3 Die Stadtbezirke")) == "bezirk"


def test_region_type_after_the_name_and_keys_that_cover_others():
    from ingest.tables.places import aggregate_codes, split_region_type

    assert split_region_type("Hagen, krfr. Stadt") == ("Hagen", "krfr. Stadt")
    assert split_region_type("Olpe, Kreis") == ("Olpe", "Kreis")
    assert split_region_type("Ennepe-Ruhr-Kreis") == ("Ennepe-Ruhr-Kreis", "")
    assert split_region_type("Bergheide, Stadtteil Nord") == ("Bergheide, Stadtteil Nord", "")
    assert aggregate_codes({"05998000", "05998004", "05998008"}) == {"05998000"}
    assert aggregate_codes({"05", "05998", "05998004", "05998008"}) == {"05", "05998"}
    assert aggregate_codes({"1", "10", "11", "12"}) == set()  # a numbering
    assert aggregate_codes({"01", "02", "03"}) == set()


def test_the_alias_file_decides_between_bezirk_and_sozialraum():
    from ingest.tables.places import relevel

    known = {"mitte": "bezirk", "vorhalle": "sozialraum"}
    assert relevel("sozialraum", "mitte", known) == "bezirk"
    assert relevel("sozialraum", "vorhalle", known) == "sozialraum"
    assert relevel("stadtteil", "mitte", known) == "stadtteil"  # another kind of area is left as the table says


def test_an_area_number_before_the_name_is_no_part_of_it():
    from ingest.tables.places import strip_code

    assert strip_code("01 Altstadt") == "Altstadt"
    assert strip_code("3.2 Südpark") == "Südpark"
    assert strip_code("012 - Am Hafen") == "Am Hafen"
    assert strip_code("Altstadt") == "Altstadt"
    assert strip_code("2024") == "2024"  # nothing after the number: it stays
    assert strip_code("65 und älter") == "65 und älter"  # no capital word after it
