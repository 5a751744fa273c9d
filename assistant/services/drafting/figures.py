"""Figures as they stand in the documents: time-series tables in PDF text and numeric columns of table rows.

PDF tables arrive as text lines ("Tabelle 4: SGB-II-Quote 2018–2024 (%)", "Raum 2018 … 2024",
"Haspe 19,2 18,6 … 19,6"); a row counts only when it has exactly one value per year of its header, so
a line broken by the PDF layout is skipped rather than misread. Table rows (CSV/XLSX, DOCX tables) give
figures from numeric columns when the table has a place column. Values keep the spelling of the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.core.types import Chunk, DocumentMeta
from assistant.services.drafting.types import Figure, SourceRef, parse_number
from assistant.services.tables import Table
from assistant.services.vocabulary import Vocabulary
from assistant.text import degender, simple_key

CITY_PLACE = "Gesamtstadt"
_CAPTION = re.compile(r"^\s*Tabelle\s+\d+\s*:\s*(.+?)\s*$")
_YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")
_ANY_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_NUMBER = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^-?\d+(?:,\d+)?$")
_RANGE = re.compile(r"\b(19|20)\d\d\s*[–-]\s*(19|20)\d\d\b|\b(19|20)\d\d\b")
_UNIT = re.compile(r"\(\s*%\s*\)|%")
_PLACE_PHRASE = re.compile(r"\s+(?:im|in|nach)\s+(?:den\s+)?(?:Stadtbezirk(?:en)?|Sozialr(?:a|ä)um(?:en)?)(?:\s+[\w/-]+)?", re.IGNORECASE)
_SKIP_COLUMNS = {"jahr", "nr", "seit", "plz", "postleitzahl", "telefon", "rang", "id"}
_WORD_SYNONYMS = {"u18": "unter 18", "unter18": "unter 18"}
_KEY_FILLER = {"anteil", "der", "die", "das", "mit", "in", "im", "je", "geschaetzt", "kleinraeumig"}


def indicator_key(label: str) -> str:
    """Comparable key of an indicator name: 'Kinderarmut (%)' and 'Kinderarmut – Minderjährige …' give 'kinderarmut'."""
    label = label.split(" – ")[0]
    label = re.sub(r"\([^)]*\)", " ", label)
    words = simple_key(degender(_RANGE.sub(" ", label))).split()
    words = [_WORD_SYNONYMS.get(w, w) for w in words if w not in _KEY_FILLER]
    text = " ".join(words)
    text = re.sub(r"\b(\w+)innen und \1\b", r"\1", text)  # "einwohnerinnen und einwohner"
    return text.strip()


def clean_indicator(caption: str) -> tuple[str, str]:
    """Indicator name and unit from a caption: 'SGB-II-Quote 2018–2024 (%)' → ('SGB-II-Quote', '%')."""
    unit = "%" if _UNIT.search(caption) else ""
    name = _RANGE.sub(" ", caption)
    name = _UNIT.sub(" ", name)
    name = re.sub(r"\s+und\s*$", "", re.sub(r"\s+", " ", name)).strip(" :–-")
    return name, unit


class _Place:
    """Resolves row labels and captions to canonical place names (the city itself as CITY_PLACE)."""

    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab

    def of_label(self, label: str) -> str | None:
        if self.vocab.is_citywide(label):
            return CITY_PLACE
        place = self.vocab.resolve_place(label)
        return place.name if place else None

    def in_text(self, text: str) -> str | None:
        words = simple_key(text).split()
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                name = self.vocab.place_keys.get(" ".join(words[i : i + size]))
                if name:
                    return name
        return None


def _split_row(line: str, width: int) -> tuple[str, list[str]] | None:
    """('Haspe', ['19,2', …]) when the line ends in exactly `width` numbers after a label."""
    tokens = line.split()
    if len(tokens) <= width:
        return None
    values = tokens[-width:]
    if not all(_NUMBER.match(v) for v in values) or _NUMBER.match(tokens[-width - 1]):
        return None
    return " ".join(tokens[:-width]), values


def text_table_figures(doc: DocumentMeta, chunks: Iterable[Chunk], vocab: Vocabulary) -> list[Figure]:
    """Figures from year-column tables in a document's text chunks (in reading order)."""
    places = _Place(vocab)
    figures: list[Figure] = []
    caption, caption_chunk = "", None
    years: list[int] = []
    header_chunk: Chunk | None = None
    pending = ""
    for chunk in sorted(chunks, key=lambda c: c.ordinal):
        if chunk.kind != "text":
            continue
        for raw in chunk.text.splitlines():
            line = raw.strip()
            if not line:
                continue
            if match := _CAPTION.match(line):
                caption, caption_chunk, years, header_chunk, pending = match.group(1), chunk, [], None, ""
                continue
            tokens = line.split()
            tail = [t for t in tokens if _YEAR.match(t)]
            if len(tail) >= 2 and tokens[-len(tail):] == tail and 1 <= len(tokens) - len(tail) <= 2:
                years, header_chunk, pending = [int(t) for t in tail], chunk, ""
                continue
            if not years:
                continue
            split = _split_row(line, len(years))
            if split is None:
                pending = line if len(line) <= 40 and not any(ch.isdigit() for ch in line) else ""
                continue
            label, values = split
            if pending and not label[:1].isalpha():
                label = f"{pending} {label}"
            pending = ""
            place = places.of_label(label)
            if place:
                indicator, unit = clean_indicator(_PLACE_PHRASE.sub("", caption))
            else:
                place = places.in_text(caption) or ""
                indicator, unit = clean_indicator(label)
            if not indicator or not place:
                continue
            ids = [chunk.chunk_id] + [c.chunk_id for c in (header_chunk, caption_chunk) if c is not None and c.page == chunk.page]
            ref = SourceRef(doc.doc_id, doc.title, tuple(dict.fromkeys(ids)), page=chunk.page,
                            rows=() if chunk.page is not None or chunk.row is None else (chunk.row,), section=chunk.section, date=doc.date)
            key = indicator_key(indicator)
            for year, value in zip(years, values, strict=True):
                figures.append(Figure(indicator, place, year, value, unit, ref, key))
    return figures


def row_figures(table: Table, vocab: Vocabulary) -> list[Figure]:
    """Figures from the numeric columns of a table that has a place column (one per row and column)."""
    if not {"district", "sozialraum"} & table.roles.keys():
        return []
    places = _Place(vocab)
    year_column = next((h for h in table.headers if simple_key(h) == "jahr"), None)
    caption_year = _ANY_YEAR.search(table.name or "")
    role_columns = set(table.roles.values())
    numeric = [h for h in table.headers if h not in role_columns and h != year_column and simple_key(h) not in _SKIP_COLUMNS
               and _mostly_numeric([row.record.get(h, "") for row in table.rows])]
    figures = []
    for row in table.rows:
        label = table.cell(row, "sozialraum") or table.cell(row, "district")
        place = places.of_label(label) if label else None
        if not place:
            continue
        year_text = (row.record.get(year_column) or "").strip() if year_column else ""
        year = int(year_text) if _YEAR.match(year_text) else (int(caption_year.group(1)) if caption_year else None)
        chunk = row.chunk
        ref = SourceRef(row.document.doc_id, row.document.title, (chunk.chunk_id,), page=chunk.page,
                        rows=(chunk.row,) if chunk.row is not None and chunk.page is None else (), section=table.name or chunk.section,
                        date=row.document.date)
        for header in numeric:
            cell = (row.record.get(header) or "").strip()
            value = cell.replace("%", "").strip()
            if parse_number(value) is None:
                continue
            name, unit = clean_indicator(header)
            figures.append(Figure(name, place, year, value, unit or ("%" if "%" in cell else ""), ref, indicator_key(name)))
    return figures


def _mostly_numeric(values: list[str], share: float = 0.8) -> bool:
    values = [v.replace("%", "").strip() for v in values if v and v.strip()]
    return bool(values) and sum(1 for v in values if _NUMBER.match(v)) / len(values) >= share
