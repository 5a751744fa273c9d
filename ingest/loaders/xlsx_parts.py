"""What openpyxl's fast read-only mode does not give: merged ranges and formulas without a cached value, per sheet.

Read from the sheet XML with lxml's C parser (one streaming pass, memory flat), so grouped headers merged
over several columns keep their label in every column, and an uncalculated formula is reported, not taken as empty.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass
class SheetExtras:
    #: Merged ranges as (first_row, first_col, last_row, last_col), 1-based Excel rows and columns.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: (row, col) → formula text, for formula cells that carry no cached value.
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)


def _cell(ref: str) -> tuple[int, int] | None:
    match = _REF.match(ref.replace("$", ""))
    if not match:
        return None
    col = 0
    for letter in match.group(1):
        col = col * 26 + ord(letter) - 64
    return int(match.group(2)), col


def sheet_extras(path: Path) -> dict[str, SheetExtras]:
    """Sheet title → merged ranges and uncached formulas; empty when the parts cannot be read (the loader reports damage)."""
    from lxml import etree

    result: dict[str, SheetExtras] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            workbook = etree.fromstring(archive.read("xl/workbook.xml"), parser=etree.XMLParser(resolve_entities=False, no_network=True))
            rels_name = "xl/_rels/workbook.xml.rels"
            targets: dict[str, str] = {}
            if rels_name in names:
                rels = etree.fromstring(archive.read(rels_name), parser=etree.XMLParser(resolve_entities=False, no_network=True))
                for rel in rels:
                    target = rel.get("Target", "")
                    target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
                    targets[rel.get("Id", "")] = target
            for sheet in workbook.iter("{*}sheet"):
                part = targets.get(sheet.get(_NS_REL, ""), "")
                if part in names:
                    result[sheet.get("name", "")] = _read_sheet(archive, part)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, etree.XMLSyntaxError):
        return {}
    return result


def _read_sheet(archive: zipfile.ZipFile, part: str) -> SheetExtras:
    from lxml import etree

    extras = SheetExtras()
    with archive.open(part) as stream:
        for _, element in etree.iterparse(stream, events=("end",), resolve_entities=False, no_network=True):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "c":
                formula = element.find("{*}f")
                value = element.find("{*}v")
                if formula is not None and (value is None or not (value.text or "").strip()):
                    where = _cell(element.get("r", ""))
                    if where:
                        extras.formulas[where] = "=" + (formula.text or "").strip()
                element.clear(keep_tail=False)
            elif tag == "mergeCell":
                first, _, last = element.get("ref", "").partition(":")
                start, end = _cell(first), _cell(last or first)
                if start and end:
                    extras.merged.append((start[0], start[1], end[0], end[1]))
            elif tag == "row":
                element.clear(keep_tail=False)
    return extras
