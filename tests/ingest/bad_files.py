"""Builders for the files people really upload: broken, locked, scanned, mislabelled, huge. Used by the trust tests.

Every builder is cheap (well under a second); the million-row sheets are streamed, never held in memory.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from fpdf import FPDF
from pypdf import PdfWriter

PROSE = ("Die Sozialplanung in Haspe stimmt die Angebote mit den Trägern im Sozialraumteam ab. "
         "Stadtteilkonferenzen finden viermal im Jahr statt. ")


def text_pdf(text: str = PROSE * 12) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """What a scanner without OCR produces: drawing operators, no text layer."""
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 150, 200, style="F")
    return bytes(pdf.output())


def encrypted_pdf(user_password: str, algorithm: str = "AES-256") -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf()))
    writer.encrypt(user_password=user_password, owner_password="eigentuemer", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bomb(member: str, unpacked_mb: int) -> bytes:
    """An office-looking zip whose one member inflates to `unpacked_mb` MB of one repeated byte (~1000:1)."""
    out = io.BytesIO()
    block = b"<" + b"a" * (1024 * 1024 - 1)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w", force_zip64=True) as stream:
            for _ in range(unpacked_mb):
                stream.write(block)
    return out.getvalue()


def lying_zip_bomb(member: str, declared: int = 1000, actual_mb: int = 30) -> bytes:
    """A zip whose header claims `declared` bytes for a member that really inflates to `actual_mb` MB."""
    data = bytearray(zip_bomb(member, actual_mb))
    real = actual_mb * 1024 * 1024
    for width in (8, 4):  # local header (zip64 extra, 8 bytes) and central directory (4 bytes) carry the real size
        start = 0
        needle = real.to_bytes(width, "little")
        while (found := data.find(needle, start)) >= 0:
            data[found:found + width] = declared.to_bytes(width, "little")
            start = found + width
    return bytes(data)


_XLSX_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>",
    "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>',
}


def write_big_xlsx(path: Path, rows: int) -> Path:
    """An XLSX with a header and `rows` data rows, written as raw XML (a million rows in ~1 s, ~11 MB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in _XLSX_PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            sheet.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>Angebot</t></is></c>'
                        b'<c r="B1" t="inlineStr"><is><t>Nr</t></is></c></row>')
            batch: list[bytes] = []
            for i in range(2, rows + 2):
                cells = b'<c r="A%d" t="inlineStr"><is><t>Angebot</t></is></c><c r="B%d"><v>%d</v></c>' % (i, i, i)
                batch.append(b'<row r="%d">%s</row>' % (i, cells))
                if len(batch) == 20_000:
                    sheet.write(b"".join(batch))
                    batch = []
            sheet.write(b"".join(batch) + b"</sheetData></worksheet>")
    return path


def write_big_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Angebot;Träger;Stadtbezirk\n")
        handle.writelines(f"Angebot {i};Träger {i % 97};Haspe\n" for i in range(rows))
    return path


def bad_files() -> dict[str, bytes]:
    """Name -> content of every small bad input (the big ones are written by their own builders)."""
    good = text_pdf()
    return {
        "abgebrochen.pdf": good[: len(good) // 2],
        "kaputt.pdf": good[:200] + bytes(range(256)) * 20 + good[-100:],
        "nur-kopf.pdf": b"%PDF-1.4\n" + b"\x00\xff" * 5000,
        "passwort.pdf": encrypted_pdf("geheim"),
        "scan.pdf": image_only_pdf(),
        "leer.txt": b"",
        "nur-leerzeichen.md": b"   \n\n \t \n",
        "eigentlich-pdf.txt": good,
        "eigentlich-text.pdf": b"Das ist gar kein PDF.",
        "eigentlich-text.docx": b"Das ist gar keine Word-Datei.",
        "zufall.xlsx": bytes(range(256)) * 10,
        "binaer.md": bytes(range(256)) * 50,
        "kaputtes-zip.docx": b"PK\x03\x04" + b"\x00" * 1000,
        "bombe.docx": zip_bomb("word/document.xml", 40),
        "bombe.xlsx": zip_bomb("xl/worksheets/sheet1.xml", 40),
        "luegende-bombe.docx": lying_zip_bomb("word/document.xml"),
    }


#: Files that are odd but readable: they must be ingested, not refused.
def odd_but_readable() -> dict[str, bytes]:
    return {
        "windows-1252.txt": "Über die Maßnahmen in Hohenlimburg: Straßenfest für Bürger, Eintritt 2 €.".encode("cp1252"),
        "utf16.txt": "Über die Angebote der Träger in Eilpe/Dahl und die Stadtteilkonferenz.".encode("utf-16"),
        "eine-zeile.txt": (PROSE * 3000).encode(),  # ~500 KB on one line
        "ohne-leerzeichen.txt": ("Sozialraum" * 60_000).encode(),  # 600 KB, not one space
        "nur-eigentuemerpasswort.pdf": encrypted_pdf("", "AES-256"),
    }
