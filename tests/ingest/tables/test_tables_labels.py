"""A text column that is not a place ('Themenfeld', 'Träger', 'Maßnahme') is a category of the facts, not a place: the
facts belong to the place the title names, and a table without any place yields no facts at a made-up place."""

from __future__ import annotations

from assistant.core.settings import IngestSettings
from ingest.loaders import load_file
from tests.ingest.tables import statistik_layouts as layouts


def _tables(tmp_path):
    doc = load_file(layouts.angebote_kategorien(tmp_path), IngestSettings())
    return {t.name: t for t in doc.tables}


def test_category_column_refines_the_indicator_of_the_titles_place(tmp_path):
    tables = _tables(tmp_path)
    table = next(t for name, t in tables.items() if "Themenfeld" in name or any(c.label == "Themenfeld" for c in t.columns))
    roles = {c.label: c.role for c in table.columns}
    assert roles["Themenfeld"] == "label" and roles["Angebote"] == "value"
    assert {f.place for f in table.facts} == {"Altstadt"} and {f.place_level for f in table.facts} == {"stadtteil"}
    bildung = next(f for f in table.facts if f.indicator == "Angebote: Bildung")
    assert (bildung.value, bildung.period, bildung.row) == (7.0, "2024", 3)
    assert "Armut: Angebote" not in {f.indicator for f in table.facts}
    assert not any(f.place_level == "other" for f in table.facts)


def test_a_table_of_traeger_has_no_traeger_as_places(tmp_path):
    tables = _tables(tmp_path)
    table = next(t for t in tables.values() if any(c.label == "Träger" for c in t.columns))
    assert {c.label: c.role for c in table.columns}["Träger"] == "label"
    assert not {f.place for f in table.facts} & {"Diakonie", "Caritas", "AWO"}
    assert len(table.rows) == 3  # the rows stay (searchable, quotable), only no figure is filed under a Träger as a place


def test_a_headerless_text_column_and_a_title_naming_the_level_still_name_places():
    from ingest.tables.columns import classify
    from ingest.tables.header import Layout

    rows = [["", "Einwohner"], ["Altstadt", "1200"], ["Vorstadt", "900"], ["Hafen", "700"]]
    layout = Layout(header_rows=[0], label_parts=[[], ["Einwohner"]])
    layout.data_rows = [1, 2, 3]
    assert classify(rows, layout)[0].role == "place"
    rows[0][0] = "Gebietsname"
    layout.label_parts = [["Gebietsname"], ["Einwohner"]]
    assert classify(rows, layout)[0].role == "label"
    placed = classify(rows, layout, title_level="stadtteil")[0]
    assert (placed.role, placed.level) == ("place", "stadtteil")


def test_a_caption_naming_two_years_leaves_no_dangling_word_in_the_indicator():
    from ingest.tables import TableGrid, normalise_table

    rows = [["Sozialraum", "unter 18 (Anzahl) 2024", "65+ % 2019", "65+ % 2024"],
            ["Altstadt", "2.198", "22,5", "23,0"], ["Vorstadt", "764", "26,9", "27,9"]]
    caption = "Tabelle 3: Altersgruppen 2019 und 2024"
    table = normalise_table(TableGrid(caption, rows, context=(caption,), source="md"))
    labels = {f.indicator for f in table.facts}
    assert "Altersgruppen: unter 18" in labels
    assert not any(" und:" in label or label.endswith(" und") for label in labels)


def test_rows_of_phrases_are_what_a_survey_table_measures_not_places_even_under_a_sozialraum_heading():
    from ingest.tables import TableGrid, normalise_table

    rows = [["Kennwert", "Mitte", "Nord", "alle"], ["zufrieden mit Wohnumfeld", "48 %", "61 %", "59 %"],
            ["zufrieden mit Nachbarschaft", "55 %", "66 %", "65 %"], ["ich fühle mich oft einsam", "22 %", "17 %", "19 %"]]
    table = normalise_table(TableGrid("Tabelle S. 4", rows, context=("Ergebnisse nach Sozialräumen",), source="pdf"))
    places = {(f.place, f.place_level) for f in table.facts}
    assert {p for p, _ in places} == {"Mitte", "Nord", "alle"}
    assert ("alle", "stadt") in places
    assert {f.indicator for f in table.facts} == {"zufrieden mit Wohnumfeld", "zufrieden mit Nachbarschaft", "ich fühle mich oft einsam"}


def test_a_file_name_or_a_title_naming_only_the_rows_level_is_no_name_of_a_figure():
    from ingest.tables import TableGrid, normalise_table

    rows = [["Sozialraum", "Jahr", "Einwohner", "unter 18", "65 und älter"], ["Altstadt", "2024", "1.200", "210", "300"],
            ["Vorstadt", "2024", "900", "150", "260"]]
    table = normalise_table(TableGrid("bevoelkerung-sozialraeume-2018-2024", rows, source="csv"))
    assert {f.indicator for f in table.facts} == {"Einwohner", "Einwohner: unter 18", "Einwohner: 65 und älter"}
    caption = "Tabelle A1: Alle Sozialräume 2023 und 2024"
    rows = [["Sozialraum", "Einwohner", "65+ %"], ["Altstadt", "1.200", "25,0"], ["Vorstadt", "900", "28,9"]]
    table = normalise_table(TableGrid(caption, rows, context=(caption,), source="md"))
    assert not any("Alle Sozialräume" in f.indicator for f in table.facts)
