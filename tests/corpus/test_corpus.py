"""Tests for the demo corpus: manifest consistency, readable files, size, reproducibility."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DOCS = CORPUS / "documents"
BEZIRKE = {"Hagen-Mitte", "Hagen-Nord", "Hohenlimburg", "Eilpe/Dahl", "Haspe"}


def _manifest(root: Path = CORPUS) -> list[dict]:
    """Documents listed in a manifest."""
    return yaml.safe_load((root / "manifest.yaml").read_text(encoding="utf-8"))["documents"]


def _geography() -> dict:
    """Canonical names from geography.yaml."""
    return yaml.safe_load((CORPUS / "src" / "data" / "geography.yaml").read_text(encoding="utf-8"))


def _text(path: Path) -> str:
    """Extracted text of any corpus file, for content comparison."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)
    if suffix == ".docx":
        import docx

        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            parts += [c.text for row in t.rows for c in row.cells]
        return "\n".join(parts)
    if suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(str(path), read_only=True)
        out = []
        for ws in wb.worksheets:
            out.append(f"## {ws.title}")
            for row in ws.iter_rows(values_only=True):
                out.append("\t".join("" if v is None else str(v) for v in row))
        wb.close()
        return "\n".join(out)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def manifest() -> list[dict]:
    return _manifest()


def test_manifest_and_files_agree(manifest):
    listed = {d["file"] for d in manifest}
    for f in listed:
        assert (CORPUS / f).is_file(), f"im Manifest, aber fehlt: {f}"
    on_disk = {f"documents/{p.name}" for p in DOCS.iterdir()}
    assert on_disk == listed, f"nicht im Manifest: {sorted(on_disk - listed)}"
    ids = [d["id"] for d in manifest]
    assert len(ids) == len(set(ids)), "doppelte ids"
    assert ids == sorted(ids), "Manifest nicht nach id sortiert"
    for d in manifest:
        assert d["file"] == f"documents/{d['id']}.{d['format']}"
        assert d["confidentiality"] in ("public", "internal")
        assert (d["pages"] is not None) == (d["format"] == "pdf")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_binary_documents_open_with_text(manifest, fmt):
    files = [CORPUS / d["file"] for d in manifest if d["format"] == fmt]
    assert files, f"keine {fmt}-Dateien"
    for f in files:
        text = _text(f)
        assert len(text.strip()) > 200, f"zu wenig extrahierbarer Text: {f.name}"


def test_pdf_page_counts_match_manifest(manifest):
    from pypdf import PdfReader

    for d in manifest:
        if d["format"] == "pdf":
            assert len(PdfReader(str(CORPUS / d["file"])).pages) == d["pages"], d["id"]


def test_corpus_size(manifest):
    fmts = [d["format"] for d in manifest]
    assert len(manifest) >= 45
    assert fmts.count("pdf") >= 20
    assert sum(d["pages"] or 0 for d in manifest) >= 300
    assert fmts.count("docx") >= 5
    assert fmts.count("md") + fmts.count("txt") >= 8
    assert fmts.count("csv") + fmts.count("xlsx") >= 3


def test_all_bezirke_present(manifest):
    seen = {x for d in manifest for x in d["districts"]}
    assert BEZIRKE <= seen
    allowed = BEZIRKE | {"Gesamtstadt"}
    assert seen <= allowed, f"unbekannte Bezirke: {seen - allowed}"


def test_inventory_rows_and_names():
    geo = _geography()
    raeume = {s["name"] for s in geo["sozialraeume"]}
    with open(CORPUS / "src" / "data" / "angebote.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert len(rows) >= 200
    assert list(rows[0]) == ["Angebot", "Träger", "Stadtbezirk", "Sozialraum", "Themen",
                             "Zielgruppe", "Adresse", "Seit", "Kontakt"]
    assert {r["Stadtbezirk"] for r in rows} == BEZIRKE
    assert {r["Sozialraum"] for r in rows} <= raeume | {"", "bezirksweit"}
    assert (DOCS / "angebote-massnahmen-2024-export.csv").read_bytes() == \
        (CORPUS / "src" / "data" / "angebote.csv").read_bytes()


def test_population_table_names():
    geo = _geography()
    raeume = {s["name"]: s["bezirk"] for s in geo["sozialraeume"]}
    bez = {b["id"]: b["name"] for b in geo["stadtbezirke"]}
    with open(DOCS / "bevoelkerung-sozialraeume-2018-2024.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert {r["Sozialraum"] for r in rows} == set(raeume)
    for r in rows:
        assert bez[raeume[r["Sozialraum"]]] == r["Stadtbezirk"]


def test_bezirk_values_consistent_with_sozialraeume():
    geo = _geography()
    vals: dict[tuple[str, str, str], float] = {}
    with open(CORPUS / "src" / "data" / "indikatoren.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            vals[(r["raum"], r["jahr"], r["indikator"])] = float(r["wert"])
    years = sorted({k[1] for k in vals})
    assert {"2018", "2019", "2021", "2022", "2023", "2024"} <= set(years)
    for b in geo["stadtbezirke"]:
        members = [s["id"] for s in geo["sozialraeume"] if s["bezirk"] == b["id"]]
        for y in years:
            assert vals[(b["id"], y, "einwohner")] == sum(vals[(m, y, "einwohner")] for m in members)
            w = [vals[(m, y, "einwohner_unter_18")] for m in members]
            ka = sum(vals[(m, y, "kinderarmut")] * x for m, x in zip(members, w, strict=True)) / sum(w)
            assert abs(vals[(b["id"], y, "kinderarmut")] - ka) < 0.06
    city = sum(vals[(b["id"], "2024", "einwohner")] for b in geo["stadtbezirke"])
    assert vals[("hagen", "2024", "einwohner")] == city


@pytest.mark.slow
def test_build_reproduces_committed_files(tmp_path):
    """A fresh build gives the same text in every file and an identical manifest."""
    code = (
        "import sys; from pathlib import Path; sys.argv=['build.py'];"
        f"sys.path.insert(0, {str(CORPUS)!r});"
        "import build;"
        f"build.build(Path({str(tmp_path)!r}))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=300)
    assert (tmp_path / "manifest.yaml").read_text(encoding="utf-8") == \
        (CORPUS / "manifest.yaml").read_text(encoding="utf-8")
    for d in _manifest(tmp_path):
        new, old = tmp_path / d["file"], CORPUS / d["file"]
        assert old.exists(), d["file"]
        if new.read_bytes() != old.read_bytes():  # byte-identical is the normal case; else compare text
            assert _text(new) == _text(old), f"Inhalt weicht ab: {d['file']}"
