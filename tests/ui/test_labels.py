"""German labels from ids and section paths: spellings from the titles, no ids, no capitals, no repeated title."""

from __future__ import annotations

from assistant.core.types import Citation
from ui.labels import choices, id_label, place_label, section_label, spellings

TITLES = ["Qualitätsbericht Begegnungsstätten 2024", "Angebotsübersicht Haspe", "Bericht zur Beschäftigung"]


def test_ids_get_the_spelling_of_the_titles():
    known = spellings(TITLES)
    assert id_label("qualitaetsbericht", known) == "Qualitätsbericht"
    assert id_label("angebotsuebersicht", known) == "Angebotsübersicht"
    assert id_label("alter-und-pflege", known) == "Alter und Pflege"
    assert id_label("beschaeftigung", known) == "Beschäftigung"
    assert id_label("protokoll", known) == "Protokoll"  # not in any title: just capitalised
    assert id_label("", known) == ""
    assert choices(["protokoll", "alter-und-pflege"], known) == [("Alter und Pflege", "alter-und-pflege"), ("Protokoll", "protokoll")]


def cite(**fields) -> Citation:
    base = {"number": 1, "doc_id": "srt-nord-protokoll-3", "title": "Sozialraumteam Hagen-Nord – Ergebnisprotokoll der 3. Sitzung",
            "quote": "q"}
    return Citation(**{**base, **fields})


def test_section_paths_lose_title_ids_and_capitals():
    c = cite(section="SOZIALRAUMTEAM HAGEN-NORD – ERGEBNISPROTOKOLL DER 3. SITZUNG > TOP 6 Angebotsverzeichnis Hagen-Nord", page=2)
    assert section_label(c) == "TOP 6 Angebotsverzeichnis Hagen-Nord"
    assert place_label(c) == "S. 2 · TOP 6 Angebotsverzeichnis Hagen-Nord"
    assert section_label(cite(section="srt-nord-protokoll-3")) == ""
    assert section_label(cite(section="ANHANG B: OFFENE DATENANFRAGEN")) == "Anhang B: Offene Datenanfragen"
    assert place_label(cite(section="4 Räumliche Grundlage > 4.1 Gliederung")) == "4.1 Gliederung"
    assert place_label(cite(row=17, section="kiel-bevoelkerung")) == "Zeile 17"
