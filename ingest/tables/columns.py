"""Column roles inferred from the data: values, places, periods, labels, codes, coordinates, constants.

Mostly-numeric columns hold values; a text column headed like a place ("Stadtteil", "Sozialraum", "Raum")
holds places; a date or year column headed "Jahr"/"Datum"/"Stichtag" is the period of a long table; columns
headed like codes (Stadtteilnummer), coordinates (lat/lon) and columns with one value throughout
(Land, Stadt, Kategorie) are no indicators. Header words are general German statistics vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text.normalize import simple_key
from ingest.tables.header import LINKING, TOTAL_WORD, Layout, kind
from ingest.tables.periods import parse_period
from ingest.tables.places import finer, level_of_header
from ingest.tables.values import dot_is_decimal, integral_column, is_missing

_PERIOD_WORDS = {"jahr", "jahre", "datum", "stichtag", "zeitraum", "periode", "monat", "quartal", "zeitpunkt", "year", "date",
                 "berichtsjahr", "erhebungsjahr", "stand"}
_CODE_WORDS = ("nummer", "nr", "schluessel", "code", "id", "kennziffer", "kennung", "plz", "postleitzahl", "ags", "gkz", "key")
_COORD_WORDS = {"lat", "lon", "lng", "latitude", "longitude", "breite", "laenge", "breitengrad", "laengengrad", "x", "y",
                "rechtswert", "hochwert", "koordinate", "koordinaten", "geo", "geom", "wkt"}
#: Headers of text columns that name what a row measures (its indicator or a dimension such as sex or household type).
_LABEL_WORDS = {"merkmal", "indikator", "indikatoren", "kennzahl", "kennzahlen", "kennziffer", "variable", "art", "typ",
                "geschlecht", "altersgruppe", "altersgruppen", "gruppe", "merkmalsauspraegung", "auspraegung", "bezeichnung",
                "kategorie", "thema", "haushaltstyp", "familienstand", "nationalitaet", "staatsangehoerigkeit", "religion",
                "messgroesse", "groesse"}
#: Headers of a text column that gives each row's unit ("Merkmal | Einheit | Altstadt | …").
_UNIT_WORDS = {"einheit", "masseinheit", "einheiten", "dimension"}


@dataclass
class Column:
    """One column of a table: its label, role and, for values, how its numbers are written."""

    index: int
    label: str
    parts: list[str]
    role: str  # value | place | parent | period | label | unit | code | coord | constant | attribute
    level: str = ""
    unit: str = ""
    dot_decimal: bool = False
    #: Counts written as floats ('520.0'): a '3.536' among them is German thousands (see values.grouped_count).
    integral: bool = False
    constant: str = ""
    description: str = ""


def _words(label: str) -> list[str]:
    return simple_key(label).split()


def classify(rows: list[list[str]], layout: Layout, title_level: str = "") -> list[Column]:
    """The role of every column, from its header words and the cells of the data rows (`title_level`: the place level
    the table's title breaks its rows down by, '' when it names none)."""
    width = len(rows[0]) if rows else 0
    columns: list[Column] = []
    data = layout.data_rows
    for c in range(width):
        parts = layout.label_parts[c] if c < len(layout.label_parts) else []
        label = ": ".join(parts) if parts else f"Spalte {c + 1}"
        cells = [rows[r][c] for r in data]
        filled = [cell for cell in cells if cell]
        words = _words(parts[-1]) if parts else []
        column = Column(c, label, parts, "attribute", description=layout.descriptions[c] if c < len(layout.descriptions) else "")
        column.unit = layout.units[c] if c < len(layout.units) else ""
        numbers = [cell for cell in filled if kind(cell) == "n"]
        distinct = set(filled)
        periodic = sum(1 for cell in filled if parse_period(cell)[0] is not None)
        plain_years = sum(1 for cell in filled if re.fullmatch(r"(19|20)\d\d", cell))
        if not filled:
            column.role = "attribute"
        elif set(words) & _COORD_WORDS and len(words) <= 2:
            column.role = "coord"
        elif set(words) & _PERIOD_WORDS and (periodic >= 0.8 * len(filled) or (periodic >= 2 and all(
                kind(cell) == "t" for cell in filled if parse_period(cell)[0] is None))):
            column.role = "period"  # 'Jahr' over years and a 'Veränderung 2019–2023' row: periods, the change is no figure
        elif periodic == len(filled) and plain_years < len(filled) and not any(is_missing(cell) for cell in filled):
            column.role = "period"  # full dates ('2023_12_31') need no header word
        elif any(w in _CODE_WORDS or any(w.endswith(code) and len(w) > len(code) + 3 for code in ("nummer", "schluessel")) for w in words):
            column.role = "code"
        elif _looks_like_codes(numbers, filled) or (not parts and _is_numbering(filled)):
            column.role = "code"  # '05914000': a key with leading zeros (AGS, Stadtteilnummer), whatever its header says
        elif len(distinct) == 1 and len(filled) >= 3 and kind(filled[0]) == "t":
            column.role, column.constant = "constant", filled[0]
        elif numbers and len(numbers) >= 0.7 * len(filled):
            if plain_years == len(filled):
                column.role = "attribute"  # a year as a property ("seit 2015"), not a measured value
            else:
                column.role = "value"
                column.dot_decimal = dot_is_decimal(numbers)
                column.integral = column.dot_decimal and integral_column(numbers)
        elif level_of_header(parts[-1] if parts else "") is not None:
            column.role, column.level = "place", level_of_header(parts[-1])
        elif set(words) & _UNIT_WORDS and len(words) <= 2:
            column.role = "unit"
        elif set(words) & _LABEL_WORDS:
            column.role = "label"
        columns.append(column)
    _label_cycles(columns, rows, data)
    _choose_places(columns, rows, data, title_level)
    _name_blank_headers(columns)
    _name_relative_columns(columns)
    return columns


#: A one-part label that is a share or change of some figure without naming it ("Anteil an allen Haushalten",
#: "Veränderung zum Vorjahr in %"): the figure is the count to its left.
_RELATIVE = re.compile(r"^(?:anteil an|anteil in|veraenderung (?:zum|gegenueber dem|ggue|gg) vorjahr|veraend\w* (?:zum|gg\w*) vj|"
                       r"veraenderung in|zu ?/? ?abnahme)\b")


def _name_relative_columns(columns: list[Column]) -> None:
    """'Haushalte mit Wohngeld | Veränderung zum Vorjahr | Anteil an allen Haushalten': the second and third columns
    are the change and the share of the first one, so they read 'Haushalte mit Wohngeld: Veränderung zum Vorjahr'.
    The figure is the nearest whole one to the left: 'Einwohner insgesamt | davon männlich | weiblich | Veränderung …'
    changes the total, not its last part; with no whole figure to the left the label stays as written."""
    figure = ""
    for column in columns:
        if column.role != "value":
            continue
        if len(column.parts) == 1 and _RELATIVE.match(simple_key(column.label)):
            if figure:
                column.label = f"{figure}: {column.label}"
                column.parts = [figure, *column.parts]
            continue
        if len(column.parts) == 1:
            figure = column.label  # a part of a group ('Einwohner: weiblich') is no figure of its own


def _label_cycles(columns: list[Column], rows: list[list[str]], data: list[int]) -> None:
    """A headerless text column that repeats a few values row after row, a total and its parts ('insgesamt',
    'darunter weiblich' under each Stadtteil), says which figure each row holds: a label, not an attribute."""
    for column in columns:
        if column.role != "attribute" or column.parts:
            continue
        cells = [rows[r][column.index] for r in data if rows[r][column.index]]
        distinct = set(cells)
        if cells and all(kind(cell) == "t" for cell in cells) and len(distinct) <= 4 and len(cells) >= 2 * len(distinct) \
                and any(LINKING.match(cell) for cell in distinct) and any(TOTAL_WORD.search(cell) for cell in distinct):
            column.role, column.level = "label", "category"


#: What a column without a header holds, named by its role (GENESIS exports leave the row variables unnamed).
_ROLE_NAMES = {"period": "Zeitpunkt", "code": "Schlüssel", "place": "Gebiet", "parent": "Übergeordnetes Gebiet"}


def _name_blank_headers(columns: list[Column]) -> None:
    """A headerless period, key or place column reads 'Zeitpunkt', 'Schlüssel', 'Gebiet' instead of 'Spalte 3'."""
    taken = {column.label for column in columns}
    for column in columns:
        name = _ROLE_NAMES.get(column.role)
        if not column.parts and name and name not in taken:
            column.label = name
            taken.add(name)


def _looks_like_codes(numbers: list[str], filled: list[str]) -> bool:
    """Digit strings, some with a leading zero: keys such as the AGS '05914000' or a Kreis '05958' — no quantity is written
    so. Keys of several lengths are the levels of one key system (Land '05', Kreis '05958', Gemeinde '05958004')."""
    if len(numbers) != len(filled) or len(filled) < 2 or not all(cell.isdigit() and len(cell) >= 2 for cell in filled):
        return False
    return sum(1 for cell in filled if cell.startswith("0")) >= 0.5 * len(filled)


def _is_numbering(filled: list[str]) -> bool:
    """A headerless column counting its rows ('1', '2', '3' beside the Stadtbezirke of a yearbook): a number, no figure."""
    if len(filled) < 3 or not all(cell.isdigit() for cell in filled):
        return False
    numbers = [int(cell) for cell in filled]
    return numbers[0] in (0, 1) and all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))


def _choose_places(columns: list[Column], rows: list[list[str]], data: list[int], title_level: str = "") -> None:
    """The finest place column is the place; coarser ones are parents. Without a place header, the first text column
    with many distinct values names the rows: places when it has no header or the title says the rows are places
    ('… nach Stadtteilen'); under a header of its own ('Themenfeld', 'Maßnahme', 'Träger', 'Kooperierende Stelle') it is
    a category of the facts, not a place (their place is the one the caption or heading names)."""
    places = [column for column in columns if column.role == "place"]
    if places:
        finest = places[0]
        for column in places[1:]:
            if finer(column.level, finest.level):
                finest = column
        for column in places:
            if column is not finest:
                column.role = "parent"
        return
    if any(column.role == "label" for column in columns):
        return
    for column in columns:
        if column.role != "attribute":
            continue
        cells = [rows[r][column.index] for r in data if rows[r][column.index]]
        if cells and all(kind(cell) == "t" for cell in cells) and len(set(cells)) >= 0.5 * len(cells):
            # names of places are capitalised; rows of phrases ("zufrieden mit Wohnumfeld", "ich fühle mich oft einsam")
            # are what a survey table measures, also under a title naming Sozialräume
            phrases = sum(1 for cell in cells if cell[:1].islower()) >= 0.5 * len(cells)
            if (column.parts and not title_level) or phrases:
                column.role, column.level = "label", "category"
            else:
                column.role, column.level = "place", title_level or "other"
            return
