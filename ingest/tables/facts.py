"""A table grid becomes facts (place × indicator × period → value) and raw rows, with warnings instead of crashes.

Orientation is inferred: a table with a place column gives one fact per place row and value column (period
from a period column, from a year in the column header, or from the title); a table whose rows are indicators
("Indikator | 2018 | 2019") takes its place from the caption or heading above it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.text.normalize import simple_key
from ingest.tables.columns import Column, classify
from ingest.tables.grid import MAX_COLUMNS, CleanGrid, TableGrid, clean, column_letter
from ingest.tables.header import LINKING, TOTAL_WORD, Layout, infer_layout
from ingest.tables.periods import parse_period, period_of_title, year_in
from ingest.tables.places import (
    BEZIRK_WORDS,
    aggregate_codes,
    context_place,
    finer,
    is_city_header,
    level_named_in,
    level_of_header,
    place_key,
    region_rank,
    split_region_type,
    strip_code,
    total_level,
)
from ingest.tables.values import grouped_count, is_missing, parse_number, split_unit, strip_footnote_mark, strip_unit, unit_of

#: Headers of constant columns that say what the whole table measures ("Merkmal: Einwohner nach Altersgruppen").
_MEASURE_WORDS = {"merkmal", "indikator", "kennzahl", "variable", "messgroesse"}
#: A column that counts the answers a row rests on ('n', 'Fallzahl'): the table reports a survey, and its figures
#: describe the respondents of the row ('Anteil 65+' of the Ehrenamtlichen in Haspe), not the row's population.
_SAMPLE_SIZE_LABELS = {"n", "fallzahl", "fallzahlen", "befragte", "anzahl befragte", "antworten", "anzahl antworten",
                       "rueckmeldungen", "stichprobe", "stichprobengroesse"}
#: Column headers that only say "the value" ("Merkmal | Wert"): not part of the indicator's name.
_GENERIC_VALUE_WORDS = {"wert", "werte", "value", "values", "betrag", "zahl", "anzahl", "daten"}
#: Column labels that are only a total or only an age band: they need the table's subject ('Bevölkerung: Insgesamt').
_TOTAL_LABELS = {"insgesamt", "gesamt", "zusammen", "summe", "total"}
#: Column labels that say how a figure was got, not which figure: a forecast column takes the subject too
#: ('Vorausschätzung 2030' under 'Pflegebedürftige nach Sozialraum mit Vorausschätzung').
_QUALIFIER_LABELS = {"vorausschaetzung", "prognose", "vorausberechnung", "schaetzung"}
#: Column labels that only name a sex or citizenship ('weiblich' under '31.12.2023'): they need the subject too.
_ATTRIBUTE_LABELS = {"maennlich", "weiblich", "divers", "deutsch", "deutsche", "nichtdeutsch", "nichtdeutsche", "auslaendisch"}
#: Group labels over period columns that only say "these are years" ('Jahr' over 2021 | 2022 | 2023): no part of the figure.
_PERIOD_GROUP_WORDS = {"jahr", "jahre", "stichtag", "stichtage", "zeitraum", "berichtsjahr", "monat", "berichtsmonat", "zeitpunkt"}
#: A GENESIS title: the figure, then the breakdowns after a colon ('Bevölkerungsstand: Gemeinden, Stichtag, Geschlecht').
_BREAKDOWN_LIST = re.compile(r":\s*(?:[^:,]{1,25},\s*)+[^:,]{1,25}$")
_AGE_BAND_LABEL = re.compile(r"^(unter\s+\d|\d{1,2}\s*(bis|–|-|und)\s|\d{1,2}\s*\+|ab\s+\d)", re.IGNORECASE)
#: Title phrases that say how a table is broken down, not what it measures ('… nach Stadtteilen und Geschlecht').
_BREAKDOWN = re.compile(r"\s+(nach|in den|in der|für die|je)\s+(dem\s+|den\s+)?(Stadt|Bezirk|Sozialr|Ortsteil|Planungsr|Gebiet|Quartier|"
                        r"Alter|Geschlecht|Staatsangeh|Nationalit|Familienstand|Haushaltstyp|Religion|Jahr|Monat)\w*.*$", re.IGNORECASE)
#: A caption's label or section number: 'Tabelle 6:', 'Tab. 2a', and a yearbook's '3.4 ' before the title.
_CAPTION_PREFIX = re.compile(
    r"^((Tabelle|Tab\.|Abbildung|Übersicht|Anhang|Anlage)\s*[A-Z]?\d*(\.\d+)*[a-z]?|\d{1,2}(\.\d{1,2})+(?=\s))\s*[:.–-]?\s*", re.IGNORECASE)


@dataclass
class FactDraft:
    """A fact before it knows its document (loaders do not know doc ids; the pipeline adds them)."""

    table: str
    place: str
    place_key: str
    place_level: str
    indicator: str
    indicator_key: str
    period: str
    value: float | None
    raw: str
    unit: str
    row: int | None
    column: str
    page: int | None
    sheet: str
    parent_place: str = ""


@dataclass
class RowDraft:
    table: str
    row: int | None
    cells: dict[str, str]
    page: int | None
    sheet: str


@dataclass
class NormalisedTable:
    """What one table yields: facts, raw rows, the inferred columns and everything worth telling the user."""

    name: str
    facts: list[FactDraft] = field(default_factory=list)
    rows: list[RowDraft] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    header_rows: int = 0
    #: The file row of the last header row (data row n lies n rows below it), None without a header.
    header_end_row: int | None = None
    footnotes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: bool = False

    @property
    def value_columns(self) -> list[Column]:
        return [column for column in self.columns if column.role == "value"]

    @property
    def periods(self) -> list[str]:
        return sorted({fact.period for fact in self.facts if fact.period})

    @property
    def levels(self) -> dict[str, int]:
        return dict(Counter(fact.place_level for fact in self.facts))


def normalise_table(grid: TableGrid, *, default_period: str = "", known_levels: dict[str, str] | None = None) -> NormalisedTable:
    """Facts and rows of one table grid; never raises on odd content (a warning says what was skipped)."""
    result = NormalisedTable(grid.name)
    width = max((len(row) for row in grid.rows), default=0)
    if not any(any(str(cell or "").strip() for cell in row) for row in grid.rows):
        result.skipped = True
        result.warnings.append(f"Tabelle „{grid.name}“ ist leer und wurde übersprungen.")
        return result
    if width > MAX_COLUMNS:
        result.skipped = True
        result.warnings.append(f"Tabelle „{grid.name}“ hat {width} Spalten (mehr als {MAX_COLUMNS}); ihre Werte wurden nicht "
                               "als Kennzahlen übernommen, der Text bleibt durchsuchbar.")
        return result
    cleaned = clean(grid)
    layout = infer_layout(cleaned)
    result.title, result.footnotes, result.header_rows = layout.title, layout.footnotes, len(layout.header_rows)
    if layout.header_rows:
        result.header_end_row = grid.row_number(layout.header_rows[-1])
    if not layout.data_rows:
        result.skipped = True
        result.warnings.append(f"Tabelle „{grid.name}“ hat nur Kopfzeilen und keine Datenzeilen.")
        return result
    columns = classify(cleaned.rows, layout, level_named_in(tuple(layout.title) + tuple(grid.context) + (grid.name,)))
    result.columns = columns
    if not any(column.role == "value" for column in columns):
        result.warnings.append(f"Tabelle „{grid.name}“: keine Spalte mit (überwiegend) Zahlen erkannt; ihre Zeilen sind als Text "
                               "durchsuchbar, aber keine Kennzahlen.")
    _Builder(grid, cleaned, layout, columns, result, default_period, known_levels or {}).run()
    return result


_ONLY_LEVEL = re.compile(r"(?:alle |die )?(?:sozialraeume|stadtbezirke|bezirke|stadtteile|ortsteile)(?: im ueberblick| der stadt \w+|"
                         r" (?:im|in) (?:stadtbezirk |bezirk )?[a-z]+(?: [a-z]+){0,2})?")  # "Sozialräume im Stadtbezirk Haspe"
_POPULATION = re.compile(r"einwohner(?:innen und einwohner)?|bevoelkerung|einwohnerzahl")
#: A file name standing in for a title: lower case, digits, "-" and "_", no spaces.
_FILE_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)+")


class _Builder:
    def __init__(self, grid: TableGrid, cleaned: CleanGrid, layout: Layout, columns: list[Column], result: NormalisedTable,
                 default_period: str, known_levels: dict[str, str]):
        self.grid, self.cleaned, self.layout, self.columns, self.result = grid, cleaned, layout, columns, result
        self.known_levels = known_levels
        self.by_role: dict[str, list[Column]] = {}
        for column in columns:
            self.by_role.setdefault(column.role, []).append(column)
        context = tuple(layout.title) + tuple(grid.context) + (grid.name,)
        self.title_text = _figure_title(layout.title) or next((text for text in (*grid.context, grid.name) if text), "")
        label_headers = tuple(column.parts[-1] for column in columns if column.role == "label" and column.parts)
        self.table_period = next((found[0] for text in label_headers if text and (found := year_in(text))), "") \
            or next((found for text in context if text and (found := period_of_title(text))), "") or default_period
        self.table_unit = next((unit_of(text) for text in context if text and unit_of(text)), "")
        self.context_place = context_place(context)
        self.last_place: tuple[str, str, str] = ("", "", "")  # the row a 'darunter …' row belongs to
        self.title_level = level_named_in(context)
        self.city_names = {simple_key(column.constant) for column in columns if column.role == "constant"}
        #: The city every row lies in, from a constant column headed as one ('Stadt' = 'Kiel'): the parent of rows that
        #: name no coarser place, so that the city's counts are the sum of its parts where it has no row of its own.
        self.city_parent = next((column.constant for column in self.by_role.get("constant", [])
                                 if column.parts and is_city_header(column.parts[-1])), "")
        self.title_city = next((found for text in context if text and (found := city_in_title(text))), "")
        parents = self.by_role.get("parent", [])
        self.parent_names = {simple_key(cleaned.rows[r][column.index]) for column in parents for r in layout.data_rows} - {""}
        codes = self.by_role.get("code", [])
        self.aggregates = aggregate_codes({cleaned.rows[r][column.index] for column in codes for r in layout.data_rows} - {""})
        place_cells = {cleaned.rows[r][column.index] for column in self.by_role.get("place", [])[:1] for r in layout.data_rows}
        #: How many distinct place names carry a kind of area ('Bergheide, Stadt'): one alone is the total ('Lindenburg,
        #: Stadt' over its Stadtteile), several are places of one kind (the Gemeinden of a Kreis).
        self.typed_places = sum(1 for cell in place_cells if split_region_type(cell)[1])
        ranks = {region_rank(split_region_type(cell)[1]) for cell in place_cells} - {0}
        #: The widest kind of area when the rows hold several ('Heideland, Kreis' over 'Bergheide, Stadt'): the total.
        self.widest_rank = max(ranks) if len(ranks) >= 2 else 0
        self.measure = " ".join(column.constant for column in self.by_role.get("constant", [])
                                if set(simple_key(column.parts[-1] if column.parts else "").split()) & _MEASURE_WORDS)
        self.respondents = any(simple_key(column.label) in _SAMPLE_SIZE_LABELS for column in self.by_role.get("value", []))
        self.stems = self._stems()
        self.columns_are_places = self._columns_are_places()
        self.indicators: dict[tuple[int, tuple[str, ...], str], tuple[str, str, str, str]] = {}
        self.bad_cells: Counter[str] = Counter()
        self.regrouped: Counter[str] = Counter()
        self.seen: dict[tuple[str, str, str, str], float | None] = {}
        self.conflicts = 0
        self.period_warnings: list[str] = []
        self.group_period = ""

    def run(self) -> None:
        rows = self.cleaned.rows
        group = ""
        value_columns = self.by_role.get("value", [])
        data_rows = set(self.layout.data_rows)
        for r in range(len(rows)):
            if r in self.layout.group_rows:
                group = self.layout.group_rows[r]
                continue
            if r in self.layout.period_rows:
                self.group_period = self.layout.period_rows[r]
                continue
            if r not in data_rows:
                continue
            self._row(r, rows[r], group, value_columns)
        self._report()

    def _row(self, r: int, cells: list[str], group: str, value_columns: list[Column]) -> None:
        number = self.grid.row_number(r)
        page = self.grid.page(r)
        record = {column.label: cells[column.index] for column in self.columns if cells[column.index]}
        if not record:
            return
        self.result.rows.append(RowDraft(self.grid.name, number, record, page, self.grid.sheet))
        place, level, parent = self._place(cells, group)
        row_period = self._row_period(cells, number)
        if not row_period and any(cells[c.index] and not parse_period(cells[c.index])[1] for c in self.by_role.get("period", [])):
            return  # 'Veränderung 2019–2023 (Prozentpunkte)' in the Jahr column: a derived row, no figure of a period
        dimension = [cells[column.index] for column in self.by_role.get("label", []) if cells[column.index]]
        # 'insgesamt' in a label column beside 'darunter weiblich': the row of the whole, which needs no word of its own
        dimension = [d for d in dimension if TOTAL_WORD.sub("", d).strip()]
        sub = ""
        if place and LINKING.match(place) and self.last_place[0]:
            # 'darunter Alleinerziehende' under '02 Eichberg': a part of the row above's figure, at the row above's place
            sub = LINKING.sub("", place).strip()
            place, level, parent = self.last_place
        elif place:
            self.last_place = (place, level, parent)
        elif self.by_role.get("period") and self.last_place[0] and not any(cells[c.index] for c in self.by_role.get("place", [])):
            place, level, parent = self.last_place  # a long layout names its place once, above its years' rows
        elif self.last_place[0] and any(LINKING.match(d) for d in dimension) and \
                not any(cells[c.index] for c in self.by_role.get("place", [])):
            # 'darunter weiblich' in the label column of the row below '03 Seeblick | insgesamt': a part of that place
            place, level, parent = self.last_place
            sub = "; ".join(LINKING.sub("", d).strip() for d in dimension if LINKING.match(d))
            dimension = [d for d in dimension if not LINKING.match(d)]
        for column in value_columns:
            raw = cells[column.index]
            if not raw or _misread_header(column.label):
                continue
            value = parse_number(raw, dot_decimal=column.dot_decimal)
            if column.integral and value is not None and not value.is_integer() and (count := grouped_count(raw)) is not None:
                value = count
                self.regrouped[column.label] += 1
            if value is None and not is_missing(raw):
                self.bad_cells[column.label] += 1
                continue
            key = (column.index, tuple(dimension), row_period, sub)
            if key not in self.indicators:  # one label per column, row label and period, not per cell
                indicator, period, row_unit = self._indicator(column, dimension, row_period)
                if sub and indicator:  # "Bevölkerung: Insgesamt" + "weiblich" → "Bevölkerung: weiblich"
                    whole = TOTAL_WORD.sub("", indicator.rsplit(":", 1)[-1]).strip() == "" and ":" in indicator
                    indicator = f"{indicator.rsplit(':', 1)[0]}: {sub}" if whole else f"{indicator}: {sub}"
                self.indicators[key] = (indicator, simple_key(indicator), period, row_unit)
            indicator, indicator_key, period, row_unit = self.indicators[key]
            cell_place, cell_level, cell_parent = place, level, parent
            if (city := self._column_place(column)) is not None:
                cell_place, cell_level, cell_parent = city[0], city[1], ""
            elif self.columns_are_places:
                cell_place, cell_parent = column.parts[-1], ""
                total = total_level(cell_place, city_names=self.city_names, parent_names=self.parent_names)
                known = self.known_levels.get(place_key(cell_place)) or self.title_level or "other"
                cell_place, cell_level = (total[1], total[0]) if total else (cell_place, known)
            if not cell_place or not indicator:
                continue
            unit = column.unit or unit_of(column.label) or row_unit or self._row_unit(cells) or split_unit(raw)[1] or self.table_unit \
                or _implied_unit(indicator)
            self._add(FactDraft(
                table=self.grid.name, place=cell_place, place_key=place_key(cell_place), place_level=cell_level, indicator=indicator,
                indicator_key=indicator_key, period=period, value=value, raw=raw, unit=unit, row=number,
                column=column.label if column.label else column_letter(self.cleaned.positions[column.index]),
                page=page, sheet=self.grid.sheet, parent_place=cell_parent))

    def _place(self, cells: list[str], group: str) -> tuple[str, str, str]:
        places = self.by_role.get("place", [])
        parents = self.by_role.get("parent", [])
        parent = next((cells[column.index] for column in parents if cells[column.index]), "") or _group_place(group)
        if places:
            column = places[0]
            name = cells[column.index]
            if not name and parent:  # a Bezirk's own row in a Sozialraum table
                total = total_level(parent, city_names=self.city_names, parent_names=self.parent_names)
                return (total[1], total[0], "") if total else (parent, parents[0].level if parents else "bezirk", "")
            if not name:
                return "", "", ""
            name, region_type = split_region_type(strip_code(strip_footnote_mark(name)))
            if any(cells[code.index] in self.aggregates for code in self.by_role.get("code", [])) or \
                    (region_type and (self.typed_places == 1 or region_rank(region_type) == self.widest_rank)):
                return name, "stadt", ""  # the Kreis or city whose parts the table lists
            total = total_level(name, city_names=self.city_names, parent_names=self.parent_names)
            if total and group and BEZIRK_WORDS.search(simple_key(group)) and total[1] == name \
                    and not set(simple_key(name).split()) & {"stadt", "gesamtstadt", "kommune"}:
                return parent, "bezirk", ""  # 'zusammen' under the group row 'Stadtbezirk Mitte': the Bezirk's sum
            if total:
                if total[0] == "stadt" and simple_key(total[1]) in _GENERIC_TOTALS and self.title_city:
                    return self.title_city, "stadt", ""  # 'Stadt insgesamt' under '… in der Stadt Wendelbach'
                return total[1], total[0], ""
            level = self.known_levels.get(place_key(name)) or column.level
            if level == "other" and simple_key(name) in self.parent_names:
                level = "bezirk"
            if level == "other" and self.title_level and not (group and self.title_level == "bezirk"):
                level = self.title_level  # 'Gebiet' column in 'Arbeitslose nach Stadtteilen'
            if not parent and self.city_parent and finer(level, "stadt") and simple_key(name) != simple_key(self.city_parent):
                parent = self.city_parent  # 'Altstadt' in the column 'Stadtteil' beside 'Stadt' = 'Kiel'
            return name, level, parent
        if self.context_place:
            name, level = self.context_place
            known = self.known_levels.get(place_key(name))
            if level == "stadt" and known != "stadt":
                level = "other"  # 'Soziale Stadt Wehringhausen' names a programme area, not the city
            return name, known or level, ""
        return "", "", ""

    def _column_place(self, column: Column) -> tuple[str, str] | None:
        """(place, level) when a value column of a table without a place column holds the city's figure
        ('Indikator | 2018 | 2022 | Gesamtstadt 2022'): its values are the city's, not the row's place's."""
        if self.by_role.get("place") or self.columns_are_places or not column.parts:
            return None
        words = [part for part in column.parts if not parse_period(part)[0]]
        words = [(year_in(part) or ("", part))[1] for part in words]
        label = strip_unit(" ".join(w for w in words if w).strip())
        if not label:
            return None
        total = total_level(label, city_names=self.city_names, parent_names=self.parent_names)
        if total and total[0] == "stadt":
            return total[1], "stadt"
        if self.known_levels.get(place_key(label)) == "stadt":
            return label, "stadt"
        return None

    def _row_unit(self, cells: list[str]) -> str:
        """The unit a row's 'Einheit' cell names ('%', 'Anzahl', 'je 1.000 EW')."""
        for column in self.by_role.get("unit", []):
            text = cells[column.index].strip()
            if text:
                return unit_of(text) or ("%" if text.lower() in ("prozent", "v. h.", "vh") else text)
        return ""

    def _row_period(self, cells: list[str], number: int) -> str:
        for column in self.by_role.get("period", []):
            raw = cells[column.index]
            period, warning = parse_period(raw)
            if warning:
                self.period_warnings.append(f"Zeile {number}: {warning}")
            if period:
                return period
        return self.group_period  # the date row above ('31.12.2023'), '' without one

    def _labels_name_figures(self) -> bool:
        """True when the row label columns are headed 'Merkmal', 'Indikator' or the like: their cells are figures."""
        labels = self.by_role.get("label", [])
        return bool(labels) and all(simple_key(c.label) in _MEASURE_WORDS | {"indikatoren", "kennzahlen"} for c in labels)

    def _indicator(self, column: Column, dimension: list[str], row_period: str) -> tuple[str, str, str]:
        """(indicator label, period, unit named by a row label) of one value cell."""
        parts = list(column.parts)
        period = row_period
        label_parts: list[str] = []
        for part in parts:
            pure, _ = parse_period(part)
            if pure:
                period = period or pure
                continue
            found = year_in(part)
            if found and not row_period:
                period = period or found[0]
                part = found[1]
            label_parts.append(strip_unit(part))
        label_parts = [part for part in label_parts if part and simple_key(part) not in _GENERIC_VALUE_WORDS]
        if len(label_parts) < len(parts):  # a period among the parts: a 'Jahr' group over it names no figure
            label_parts = [part for part in label_parts if simple_key(part) not in _PERIOD_GROUP_WORDS]
        if self.columns_are_places or self._column_place(column) is not None:
            label_parts = []  # the header names the place, not the figure
        row_unit = ""
        rows_name_indicators = not self.by_role.get("place") and dimension
        categories = all(column.level == "category" for column in self.by_role.get("label", []))
        if rows_name_indicators and categories and not self.columns_are_places:
            # 'Themenfeld | Angebote': the row's category refines what the column measures ('Angebote: Bildung')
            indicator_parts = [*(label_parts or [self._title_indicator()]), *dimension]
        elif rows_name_indicators:  # 'Indikator | 2018 | 2019': the row label is the indicator
            head = dimension[0]
            found = year_in(head)
            if found and not period:
                period, head = found
            row_unit = unit_of(head)
            indicator_parts = [strip_unit(head), *dimension[1:], *label_parts]
        else:
            base = label_parts or ([self.stems[column.index]] if column.index in self.stems else [self._title_indicator()])
            if not label_parts and dimension and self._labels_name_figures():
                base = []  # 'Merkmal: SGB-II-Quote | Wert': the row's Merkmal names the figure, the title only the table
            if label_parts and (simple_key(label_parts[0]) in _TOTAL_LABELS | _QUALIFIER_LABELS | _ATTRIBUTE_LABELS
                                or _AGE_BAND_LABEL.match(label_parts[0])) \
                    and not self.measure and not dimension and (title := self._title_indicator() or self._population_label()):
                base = [title, *label_parts]  # 'Insgesamt', '0 bis unter 3 Jahre' under 'Bevölkerung … nach Altersgruppen'
            elif label_parts and not self.measure and not dimension and (title := self._title_indicator()) \
                    and _abbreviates(label_parts[0], title):
                # 'Empfänger/-innen insgesamt' under 'Empfängerinnen und Empfänger von Grundsicherung im Alter': the
                # title names the figure, the label only repeats its subject
                total = ["insgesamt"] if set(simple_key(label_parts[0]).split()) & _TOTAL_LABELS else []
                base = [title, *total, *label_parts[1:]]
            elif label_parts and not self.measure and not dimension and (title := self._title_indicator()) \
                    and (compound := _title_compound(label_parts[0], title)):
                base = [compound, *label_parts[1:]]  # 'Haushalte' under 'Wohngeldhaushalte nach Stadtbezirken'
            indicator_parts = [*([self.measure] if self.measure else []), *dimension, *base]
        indicator = _join(indicator_parts)
        if self.respondents:
            if simple_key(column.label) in _SAMPLE_SIZE_LABELS:
                indicator = "Befragte"
            elif "befragt" not in simple_key(indicator):
                indicator = f"Befragte: {indicator}"
        return indicator, period or self.table_period, row_unit

    def _population_label(self) -> str:
        """The table's own population column ('Einwohner') as the group of its age columns when no title names one
        ('unter 18' beside 'Einwohner' in a CSV named only by its file): 'Einwohner: unter 18'."""
        for column in self.by_role.get("value", []):
            label = strip_unit(column.parts[-1]) if column.parts else ""
            if _POPULATION.fullmatch(simple_key(label)):
                return label
        return ""

    def _columns_are_places(self) -> bool:
        """'Indikator | Emst | Hagen-Mitte | Hagen': rows name indicators, value columns name places (not periods).
        'Jahr | Altstadt | Hafen | Stadt gesamt' under 'Arbeitslosenquote in den Stadtteilen': rows are periods, the
        title names the figure, and the columns are places when the title names their level or one is the total."""
        values = self.by_role.get("value", [])
        if self.by_role.get("place") or len(values) < 2:
            return False
        if not self.by_role.get("label"):
            return bool(self.by_role.get("period")) and self._title_indicator() != "" and _place_headers(values) and (
                bool(self.title_level) or any(total_level(c.parts[-1], city_names=self.city_names, parent_names=set())
                                               for c in values))
        if all(column.level == "category" for column in self.by_role["label"]) and not self.title_level and not any(
                column.parts and total_level(column.parts[-1], city_names=self.city_names, parent_names=set()) for column in values):
            return False  # 'Themenfeld | Angebote | Anteil': a category's measures, not places (unless the title or a total says so)
        return _place_headers(values)

    def _stems(self) -> dict[int, str]:
        """A value column headed only by a period inherits the label of the column before ('Kinderarmut 2019 | 2024')."""
        stems: dict[int, str] = {}
        previous = ""
        for column in self.by_role.get("value", []):
            last = column.parts[-1] if column.parts else ""
            found = year_in(last)
            stem = strip_unit(found[1]) if found else ("" if parse_period(last)[0] else strip_unit(last))
            if stem:
                previous = stem
            elif previous and len(column.parts) <= 1:
                stems[column.index] = previous
        return stems

    def _title_indicator(self) -> str:
        """The indicator a table's title names, for tables whose value columns are periods ('SGB-II-Quote 2018–2024 (%)')."""
        text = _CAPTION_PREFIX.sub("", self.title_text).strip()
        if _FILE_SLUG.fullmatch(text):
            return ""  # a CSV's file name ("bevoelkerung-sozialraeume-2018-2024") is no name of a figure
        if not text:  # a bare "Tabelle 6": the heading above the table says what it shows
            text = next((_CAPTION_PREFIX.sub("", part).strip() for part in self.grid.context if _CAPTION_PREFIX.sub("", part).strip()), "")
        text = re.sub(r"\b(am|zum|Stand:?)\s+\d{1,2}\.\s*\d{1,2}\.\s*(19|20)\d\d\b|\d{1,2}\.\d{1,2}\.(19|20)\d\d", " ", text)
        text = re.sub(r"\(?\b(von\s+)?(19|20)\d\d\s*([–-]|bis|und|sowie)\s*(19|20)\d\d\b\)?|\b(19|20)\d\d\b", " ", text)
        text = _BREAKDOWN.sub("", _BREAKDOWN_LIST.sub("", " ".join(text.split())))
        text = re.sub(r"\(\s*Stichtag[^)]*\)", " ", text)
        # a word the removed years leave dangling ("Altersgruppen 2019 und 2024" → not "Altersgruppen und")
        text = re.sub(r"(?:\s+(?:und|bis|sowie|von|vom|im|in|für|nach|seit))+\s*$", "", " ".join(text.split()).strip(" :,-–"))
        text = strip_unit(text.strip(" :,-–"))
        return "" if _ONLY_LEVEL.fullmatch(simple_key(text)) else text  # "Alle Sozialräume" names the rows, no figure

    def _add(self, fact: FactDraft) -> None:
        key = (fact.place_key, fact.place_level, fact.indicator_key, fact.period)
        if key in self.seen and self.seen[key] != fact.value:
            self.conflicts += 1
        self.seen[key] = fact.value
        self.result.facts.append(fact)

    def _report(self) -> None:
        name = self.grid.name
        warnings = self.result.warnings
        for label, count in self.regrouped.items():
            warnings.append(f"Tabelle „{name}“, Spalte „{label}“: {count} Zahl(en) wie „3.536“ in einer Spalte ganzer Zahlen als "
                            "Tausender gelesen (3536).")
        for label, count in self.bad_cells.items():
            warnings.append(f"Tabelle „{name}“, Spalte „{label}“: {count} Zelle(n) ohne lesbare Zahl übersprungen (gemischte Inhalte).")
        if self.period_warnings:
            shown = "; ".join(self.period_warnings[:3])
            more = f" (und {len(self.period_warnings) - 3} weitere)" if len(self.period_warnings) > 3 else ""
            warnings.append(f"Tabelle „{name}“: {shown}{more}.")
        if self.conflicts:
            warnings.append(f"Tabelle „{name}“: {self.conflicts} Wert(e) kommen für denselben Ort, dasselbe Merkmal und denselben "
                            "Zeitpunkt mehrfach mit verschiedenen Zahlen vor; alle wurden übernommen.")


#: Words that join a noun to what it is of ('Empfänger von Grundsicherung', 'Haushalte mit Kindern').
_COMPLEMENT_WORDS = {"von", "vom", "der", "des", "mit", "ohne", "im", "in", "bei", "aus", "zur", "zum", "fuer"}
#: Words of a title that name no part of a figure.
_TITLE_FILLERS = {"und", "oder", "von", "vom", "der", "die", "das", "den", "des", "im", "in", "bei", "beim", "fuer", "mit", "ab",
                  "je", "am", "zum", "zur", "nach", "sowie", "aus"}


#: A title row that says what the table shows: a caption ('Tabelle 4.2:') or a breakdown ('… nach Stadtbezirken').
_SHOWS = re.compile(r"\bnach\s+\w|^(Tabelle|Tab\.)\s*\d", re.IGNORECASE)


#: A German address in a header cell ("Eilper Straße 92, 58091 Hagen"): a data row read as the header.
_ADDRESS = re.compile(r"\b\d{5}\s+[A-ZÄÖÜ]")


#: Names of a totals row that say only "all of it": the title's city names it (not "Gesamtstadt", a name of its own).
_GENERIC_TOTALS = frozenset({"stadt", "stadt insgesamt", "insgesamt", "gesamt", "summe", "zusammen", "stadt gesamt"})
#: "… in der Stadt Wendelbach …", "Landeshauptstadt Kiel": the city a table's title names ("Soziale Stadt X" is a
#: programme area, not a city).
_TITLE_CITY = re.compile(r"(?<!Soziale )\b(?:Stadt|Hansestadt|Landeshauptstadt|Kreisstadt|Gemeinde)\s+"
                         r"([A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)\b")


def city_in_title(text: str) -> str:
    """The city named in a table's title or caption, or ""."""
    match = _TITLE_CITY.search(text)
    return match.group(1) if match else ""


def _misread_header(label: str) -> bool:
    """A header that is itself a value ("19.400 €") or an address is a data row a PDF table lost its header to: its
    cells name no figure, and a fact under it would be another row's number under a made-up name."""
    text = label.strip()
    if not text:
        return False
    number, _unit = split_unit(text)
    return bool(_ADDRESS.search(text)) or (parse_number(number) is not None and not re.fullmatch(r"(?:19|20)\d\d", text))


def _figure_title(rows: list[str]) -> str:
    """The title row naming the figure: the first with a caption or a breakdown, else the first; a publisher's line
    above it ('Stadt Hagen – Statistikstelle') names none."""
    return next((row for row in rows if _SHOWS.search(row)), rows[0] if rows else "")


def _abbreviates(label: str, title: str) -> bool:
    """True when a column label only repeats the subject of the table's title, which says more: every word of the
    label (its total word aside) begins a word of the title, and the title goes on after it with what it is of."""
    words = [w for w in simple_key(label).split() if w not in _TOTAL_LABELS and w not in _GENERIC_VALUE_WORDS]
    tokens = simple_key(title).split()
    if not words or not all(any(_begins(w, t) for t in tokens) for w in words):
        return False
    # the title goes on after the label's word with what it is of ('Empfänger von Grundsicherung …'); a title that only
    # ends on it ('Arbeitsmarkt in Zahlen – Arbeitslose') names a publication, not more of the figure
    last = max(i for i, t in enumerate(tokens) if any(_begins(w, t) for w in words))
    rest = tokens[last + 1:]
    # what follows must say what the figure is of, not only where ('Bevölkerung der Gemeinden im Kreis Moorland'):
    # area words and the name after one are places
    named = [t for i, t in enumerate(rest) if t not in _TITLE_FILLERS and not t.isdigit() and not _area_word(t)
             and not (i and _area_word(rest[i - 1]))]
    return bool(rest) and rest[0] in _COMPLEMENT_WORDS and bool(named)


def _place_headers(values: list[Column]) -> bool:
    """True when every value column is headed by a name, not a period, unit or generic word ('Altstadt', 'Hafen')."""
    return all(column.parts and not parse_period(column.parts[-1])[0] and not year_in(column.parts[-1])
               and simple_key(column.parts[-1]) not in _GENERIC_VALUE_WORDS and not unit_of(column.parts[-1]) for column in values)


def _area_word(word: str) -> bool:
    """'gemeinden', 'kreis', 'stadtbezirken', 'stadt': a word of where, not of what ('ort' of 'Ort der Hauptwohnung' aside)."""
    return word in ("stadt", "landkreis", "stadtgebiet", "gesamtstadt") or level_of_header(word) not in (None, "other") \
        or word.startswith("gemeinde")


def _title_compound(label: str, title: str) -> str:
    """The title's compound that ends in a one-word label and says which of them ('Wohngeldhaushalte' for 'Haushalte'),
    or ''."""
    if len(label.split()) != 1:
        return ""
    word = simple_key(label)
    for token in re.findall(r"[^\W\d_]+", title):
        key = simple_key(token)
        if len(key) >= len(word) + 4 and key.endswith(word):
            return token
    return ""


def _begins(word: str, other: str) -> bool:
    """The label's word begins the title's ('empfaenger' of 'empfaengerinnen'); not the other way round:
    'Arbeitslosenquote' says more than a title's 'Arbeitslose'."""
    return len(word) >= 4 and other.startswith(word)


def _group_place(group: str) -> str:
    """A group row's place: 'Stadtbezirk Mitte' → 'Mitte' (other group labels stay as written)."""
    words = group.split()
    if len(words) >= 2 and BEZIRK_WORDS.fullmatch(simple_key(words[0])):
        return " ".join(words[1:])
    return group


def _join(parts: list[str]) -> str:
    """Parts joined with ': ', dropping a part the one before already says ('Einwohner insgesamt' + 'insgesamt')."""
    kept: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if kept and set(simple_key(part).split()) <= set(simple_key(kept[-1]).split()):
            continue
        kept.append(part)
    return ": ".join(kept)


_QUOTA = re.compile(r"quote\b|\bquote|anteil\b", re.IGNORECASE)


def _implied_unit(indicator: str) -> str:
    """'%' for a Quote or Anteil no header gives a unit ('Arbeitslosenquote bezogen auf alle zivilen Erwerbspersonen'):
    official statistics state both in per cent."""
    return "%" if _QUOTA.search(indicator) else ""
