"""The Citer quotes the table row a cited value stands in — and only a row that holds that value."""

from __future__ import annotations

from assistant.core.types import DocumentMeta, Fact, TableRow
from assistant.services.kennzahlen.citing import Citer


def _fact(**kw) -> Fact:
    base = dict(doc_id="steckbrief", table="Tabelle S. 2", place="Elsey", place_level="sozialraum", indicator="Plätze",
                indicator_key="platze", period="2024", value=35.0, raw="35", row=12, column="2024", page=2)
    base.update(kw)
    return Fact(**base)


def _citer(rows: list[TableRow]) -> Citer:
    return Citer(lambda doc_id, table: [r for r in rows if r.doc_id == doc_id and r.table == table],
                 lambda doc_id: DocumentMeta(doc_id, f"Titel {doc_id}", f"/x/{doc_id}.pdf", "hash", "pdf"))


def test_quotes_the_row_that_holds_the_value():
    rows = [TableRow("steckbrief", "Tabelle S. 2", 12, {"Indikator": "Plätze", "2024": "35", "2019": "35"}, page=2)]
    citer = _citer(rows)
    assert citer.cite(_fact()) == 1
    assert "2024: 35" in citer.citations[0].quote


def test_a_same_named_tables_other_row_is_not_quoted():
    """Two tables on one page, both 'Tabelle S. 2', both with a row 12: the one without the value is not the source."""
    rows = [
        TableRow("steckbrief", "Tabelle S. 2", 12, {"Indikator": "Plätze", "2024": "35"}, page=2),
        TableRow("steckbrief", "Tabelle S. 2", 12, {"Themenfeld": "Wohnen", "Angebote": "1"}, page=2),
    ]
    citer = _citer(rows)
    citer.cite(_fact())
    assert "Wohnen" not in citer.citations[0].quote
    assert "35" in citer.citations[0].quote


def test_without_a_holding_row_the_fact_itself_is_quoted():
    rows = [TableRow("steckbrief", "Tabelle S. 2", 12, {"Themenfeld": "Wohnen", "Angebote": "1"}, page=2)]
    citer = _citer(rows)
    citer.cite(_fact())
    assert citer.citations[0].quote == "Elsey; Plätze 2024: 35"


def test_rows_without_numbers_prefer_the_one_naming_the_place():
    """A PDF table's rows may have no row numbers; two places with the same value: the fact's place is quoted."""
    rows = [
        TableRow("profil", "Tabelle 5", None, {"Raum": "Vorhalle", "2024": "22,7"}, page=4),
        TableRow("profil", "Tabelle 5", None, {"Raum": "Boele", "2024": "22,7"}, page=4),
    ]
    citer = _citer(rows)
    citer.cite(_fact(doc_id="profil", table="Tabelle 5", place="Boele", raw="22,7", value=22.7, row=None, page=4))
    assert citer.citations[0].quote.startswith("Raum: Boele")


def test_the_same_fact_cited_twice_gets_one_number():
    citer = _citer([])
    assert citer.cite(_fact()) == citer.cite(_fact()) == 1
    assert len(citer.citations) == 1


def test_two_cells_of_one_row_are_one_citation_quoting_both():
    """A trend read across a row's year columns cites the row once; its quote puts both cited cells first."""
    cells = {"Raum": "Elsey", **{str(y): str(30 + y - 2018) for y in range(2018, 2025)}}
    citer = _citer([TableRow("steckbrief", "Tabelle S. 2", 12, cells, page=2)])
    first = citer.cite(_fact(period="2018", raw="30", value=30.0, column="2018"))
    last = citer.cite(_fact(period="2024", raw="36", value=36.0, column="2024"))
    assert first == last == 1 and len(citer.citations) == 1
    assert citer.citations[0].quote.startswith("Raum: Elsey; 2018: 30; 2024: 36")


def test_a_row_without_the_place_is_quoted_after_the_tables_caption():
    """A table per Sozialraum names its place only in the caption: the quote says whose value it is."""
    rows = [TableRow("profil", "Tabelle 13: Indikatoren Elsey", 9, {"Indikator": "Plätze", "2024": "35"}, page=2)]
    citer = _citer(rows)
    citer.cite(_fact(doc_id="profil", table="Tabelle 13: Indikatoren Elsey", row=9))
    assert citer.citations[0].quote == "Tabelle 13: Indikatoren Elsey – Indikator: Plätze; 2024: 35"
