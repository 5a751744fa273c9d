"""A flattened result table with a column per place is read at the asked place's column, and only when every column
head is a place or the whole city."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.extractive import compose_extractive
from assistant.services.place_columns import column_places, place_column
from assistant.testing.sample_corpus import sample_setup


@dataclass
class P:
    level: str


PLACES = {"Hagen-Mitte": P("bezirk"), "Hagen-Nord": P("bezirk"), "Eckesey-Nord": P("sozialraum"), "Hohenlimburg": P("bezirk"),
          "Eilpe/Dahl": P("bezirk"), "Haspe": P("bezirk")}
TABLE = ["Die folgende Tabelle fasst die Kennwerte je Stadtbezirk zusammen.",
         "Kennwert Mitte Nord Hohenlimburg Eilpe/Dahl Haspe alle",
         "zufrieden mit Wohnumfeld 48 % 61 % 69 % 64 % 51 % 59 %",
         "zufrieden mit Angeboten vor Ort 52 % 44 % 49 % 37 % 46 % 45 %"]


def test_a_row_is_read_at_the_asked_place_s_column():
    assert place_column(TABLE, 3, {"Eilpe/Dahl"}, PLACES) == "zufrieden mit Angeboten vor Ort, Eilpe/Dahl: 37 %"
    assert place_column(TABLE, 2, {"Hagen-Mitte"}, PLACES) == "zufrieden mit Wohnumfeld, Hagen-Mitte: 48 %"  # "Mitte"
    assert place_column(TABLE, 3, {"Emst"}, PLACES) is None  # no column for it
    assert place_column(TABLE, 1, {"Haspe"}, PLACES) is None  # the header is no row


def test_columns_are_read_only_when_every_head_is_a_place_or_the_whole_city():
    assert column_places("Kennwert Mitte Nord alle", 3, PLACES) == ["Hagen-Mitte", "Hagen-Nord", ""]
    assert column_places("Bereich Stunden mehr als 25 Std.", 3, PLACES) is None
    assert column_places("Mitte Nord", 2, PLACES) is None  # no row label before the columns
    shifted = ["Sozialraum n Wohnumfeld Nachbarschaft", "Zentrum/Remberg 98 41 % 50 %"]
    assert place_column(shifted, 1, {"Haspe"}, PLACES) is None


def test_an_answer_on_one_place_quotes_its_column_not_the_whole_line():
    snapshot = sample_setup().retrieval.snapshot()
    doc = DocumentMeta(doc_id="b", title="Bürgerbefragung 2023", source_path="b.md", content_hash="h", format="md")
    passage = Passage(Chunk("b0", "b", 0, "\n".join(TABLE)), doc, 1.0)
    analysis = snapshot.understanding.analyze("Wie zufrieden sind die Befragten in Eilpe/Dahl mit den Angeboten vor Ort?")
    text = compose_extractive(analysis.question, analysis, [passage], snapshot).text
    assert "zufrieden mit Angeboten vor Ort, Eilpe/Dahl: 37 %" in text
    assert "52 % 44 %" not in text
