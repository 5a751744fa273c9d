"""Markdown loader: front matter, # headings as sections, lists, pipe tables as records, inline markup removed."""

from __future__ import annotations

from assistant.core.settings import IngestSettings
from ingest.loaders import load_file
from ingest.loaders.markdown import clean_inline, parse_markdown

LIMITS = IngestSettings()

NOTE = """---
id: protokoll-wehringhausen-2023-11
title: "Protokoll der Stadtteilkonferenz Wehringhausen"
kind: protokoll
date: 2023-11-15
districts: [Hagen-Mitte]
confidentiality: internal
---

# Stadtteilkonferenz Wehringhausen

Die Konferenz tagt **viermal im Jahr**. Sie richtet sich an Kolleg*innen aus Einrichtungen
und an [Bürger*innen](https://example.org/buerger) im Quartier.

## TOP 1 Verfügungsfonds

- Der Fonds umfasst 10.000 € pro Jahr.
- Anträge stellen Vereine und
  Initiativen formlos.

Tabelle 2: Geförderte Projekte

| Projekt | Träger | Betrag |
|---|:---|---:|
| Nachbarschaftsfest | Quartiersbüro | 1.500 € |
| Lesepaten | Stadtbibliothek \\| VHS |  |

### Beschluss

Die Konferenz stimmt zu.

```
Zeile mit # kein Titel
```
"""


def test_front_matter_becomes_title_and_metadata():
    parsed = parse_markdown(NOTE)
    assert parsed.title == "Protokoll der Stadtteilkonferenz Wehringhausen"
    assert parsed.metadata["id"] == "protokoll-wehringhausen-2023-11"
    assert parsed.metadata["date"] == "2023-11-15"  # a YAML date becomes an ISO string
    assert parsed.metadata["districts"] == ["Hagen-Mitte"]
    assert parsed.metadata["confidentiality"] == "internal"
    assert all("confidentiality" not in block.text for block in parsed.blocks)


def test_headings_build_the_section_path():
    parsed = parse_markdown(NOTE)
    decision = next(block for block in parsed.blocks if block.text == "Die Konferenz stimmt zu.")
    assert decision.section == ("Stadtteilkonferenz Wehringhausen", "TOP 1 Verfügungsfonds", "Beschluss")
    code = next(block for block in parsed.blocks if "kein Titel" in block.text)
    assert code.text == "Zeile mit # kein Titel" and code.kind == "paragraph"


def test_paragraph_text_drops_markup_but_keeps_gender_stars():
    parsed = parse_markdown(NOTE)
    paragraph = next(block for block in parsed.blocks if block.text.startswith("Die Konferenz tagt"))
    assert paragraph.text == (
        "Die Konferenz tagt viermal im Jahr. Sie richtet sich an Kolleg*innen aus Einrichtungen und an Bürger*innen im Quartier."
    )
    assert NOTE[paragraph.char_start : paragraph.char_end].startswith("Die Konferenz tagt **viermal")


def test_list_items_with_continuation_lines():
    parsed = parse_markdown(NOTE)
    items = [block.text for block in parsed.blocks if block.kind == "list_item"]
    assert items == ["Der Fonds umfasst 10.000 € pro Jahr.", "Anträge stellen Vereine und Initiativen formlos."]


def test_pipe_table_rows_become_records():
    parsed = parse_markdown(NOTE)
    rows = [block for block in parsed.blocks if block.kind == "table_row"]
    assert [row.row for row in rows] == [1, 2]
    assert rows[0].record == {"Projekt": "Nachbarschaftsfest", "Träger": "Quartiersbüro", "Betrag": "1.500 €"}
    assert rows[1].record == {"Projekt": "Lesepaten", "Träger": "Stadtbibliothek | VHS"}
    assert rows[0].table == "Tabelle 2: Geförderte Projekte"
    assert rows[0].section == ("Stadtteilkonferenz Wehringhausen", "TOP 1 Verfügungsfonds")
    line = NOTE[rows[0].char_start : rows[0].char_end]
    assert line.startswith("| Nachbarschaftsfest")


def test_setext_headings_and_no_front_matter(tmp_path):
    path = tmp_path / "notiz.md"
    path.write_text("Glossar\n=======\n\nBegriffe\n--------\n\nSGB II: Grundsicherung für Arbeitsuchende.\n", encoding="utf-8")
    parsed = load_file(path, LIMITS)
    assert parsed.metadata == {}
    assert parsed.title == "Glossar"
    assert parsed.blocks[-1].section == ("Glossar", "Begriffe")


def test_broken_front_matter_is_a_warning_not_a_failure(tmp_path):
    path = tmp_path / "kaputt.md"
    path.write_text("---\ntitle: [unclosed\n---\n\nText bleibt lesbar.\n", encoding="utf-8")
    parsed = load_file(path, LIMITS)
    assert parsed.blocks[-1].text == "Text bleibt lesbar."
    assert parsed.warnings and "YAML" in parsed.warnings[0]


def test_clean_inline():
    assert clean_inline("**fett** und _kursiv_ mit `code` und ![Bild](a.png)") == "fett und kursiv mit code und Bild"
    assert clean_inline("Mitarbeiter*innen und Kolleg*innen") == "Mitarbeiter*innen und Kolleg*innen"
    assert clean_inline("snake_case_name bleibt") == "snake_case_name bleibt"
