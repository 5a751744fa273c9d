"""The cited place read from the original: table rows numbered as the spreadsheet shows them, passages, PDF pages, levels."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.core.errors import DocumentNotFoundError
from assistant.core.types import DocumentMeta, confidentiality_rank
from assistant.services.viewer import TableView, TextView, ViewerService

CORPUS = Path(__file__).resolve().parents[3] / "corpus" / "documents"


class Documents:
    """The two DocumentService methods the viewer uses, over files in a folder (internal files hidden from public)."""

    def __init__(self, folder: Path, internal: set[str] = frozenset()):
        self.folder, self.internal = folder, internal

    def get(self, doc_id: str, level: str) -> DocumentMeta:
        path = next(self.folder.glob(f"{doc_id}.*"), None)
        confidentiality = "internal" if doc_id in self.internal else "public"
        if path is None or confidentiality_rank(confidentiality) > confidentiality_rank(level):
            raise DocumentNotFoundError(doc_id)
        return DocumentMeta(doc_id=doc_id, title=f"Titel {doc_id}", source_path=str(path), content_hash="h", format=path.suffix[1:],
                            confidentiality=confidentiality)

    def file_path(self, doc_id: str, level: str) -> Path:
        return Path(self.get(doc_id, level).source_path)


@pytest.fixture
def viewer(tmp_path) -> ViewerService:
    for name in ("bevoelkerung-sozialraeume-2018-2024.csv", "kooperationsbefragung-2023.xlsx",
                 "konzept-sozialraumteams-geschaeftsordnung-2023.docx", "experteninterviews-armut-2024-auswertung.txt",
                 "angebote-massnahmen-2024-hagen-mitte.pdf"):
        shutil.copy(CORPUS / name, tmp_path / name)
    csv_with_title = tmp_path / "mit-titel.csv"
    csv_with_title.write_text("Tabelle 1: Beispiel\n\nName;Wert\nA;1\nB;2\nC;3\n", encoding="utf-8")
    return ViewerService(Documents(tmp_path, internal={"kooperationsbefragung-2023"}))


def test_csv_row_with_headers_numbered_like_the_spreadsheet(viewer):
    view = viewer.view("mit-titel", "public", row=2)
    assert isinstance(view, TableView) and view.columns == ["Name", "Wert"]
    assert view.data_row == 2 and view.cited_row == 5  # title line, empty line, header line, then data rows 1, 2 …
    assert (5, ["B", "2"]) in view.rows and view.rows[0] == (4, ["A", "1"])
    assert viewer.sheet_row("mit-titel", "public", 2) == 5
    real = viewer.view("bevoelkerung-sozialraeume-2018-2024", "public", row=40)
    assert real.cited_row == 41 and "Sozialraum" in real.columns


def test_xlsx_sheet_and_access_level(viewer):
    with pytest.raises(DocumentNotFoundError):
        viewer.view("kooperationsbefragung-2023", "public", row=1)
    view = viewer.view("kooperationsbefragung-2023", "internal", row=1, section="Intensität")
    assert view.sheet == "Intensität" and view.cited_row == 2 and view.columns[0] == "Kooperierende Stelle"


def test_docx_and_txt_passage_is_found(viewer):
    view = viewer.view("konzept-sozialraumteams-geschaeftsordnung-2023", "public", quote="Die Stadt Hagen hat mit dem Planungskonz")
    assert isinstance(view, TextView) and view.cited is not None and view.blocks[view.cited][2].startswith("Die Stadt Hagen hat")
    assert any(kind == "heading" for kind, _, _ in view.blocks)
    txt = viewer.view("experteninterviews-armut-2024-auswertung", "public", quote="nicht im Text")
    assert txt.cited is None and txt.blocks


def test_pdf_shows_only_the_cited_page(viewer):
    from assistant.core.settings import IngestSettings
    from ingest.loaders import load_file

    parsed = load_file(CORPUS / "angebote-massnahmen-2024-hagen-mitte.pdf", IngestSettings())
    block = next(b for b in parsed.blocks if b.page == 2 and len(b.text) > 40)
    view = viewer.view("angebote-massnahmen-2024-hagen-mitte", "public", page=2, quote=block.text[:60])
    assert view.page == 2 and view.cited is not None and view.blocks[view.cited][2] == block.text
    assert all(text in {b.text for b in parsed.blocks if b.page == 2} for _, _, text in view.blocks)
