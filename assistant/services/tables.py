"""Structured answers from table rows: "which partners / offers / where / for whom" answered from ALL matching rows.

Top-k retrieval returns a dozen similar rows; a planner asking for every partner in Haspe needs every one.
So table rows are kept in memory and filtered directly: column roles (Stadtbezirk, Sozialraum, topic,
target group, partner, name of the offer) are detected per table from header names and cell values, and
a question's criteria are matched against the cells. A Sozialraum belongs to its Bezirk; topics match with
their synonyms; partners with their aliases. The answer groups the rows by partner and cites each row.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.core.types import Answer, Chunk, Citation, DocumentMeta, QueryFilters
from assistant.services.query_understanding import QueryAnalysis
from assistant.services.vocabulary import Place, Vocabulary, learn_partners, phrase_terms
from assistant.text import GermanAnalyzer, fold, stem

ROLE_HEADERS: dict[str, frozenset[str]] = {
    role: frozenset(stem(fold(word)) for word in words.split())
    for role, words in {
        "district": "stadtbezirk bezirk stadtbezirke bezirke",
        "sozialraum": "sozialraum sozialräume quartier planungsraum stadtteil",
        "topic": "thema themen themenfeld themenfelder handlungsfeld handlungsfelder themenbereich",
        "partner": "träger partner anbieter organisation institution kooperationspartner verband trägerschaft",
        "target": "zielgruppe zielgruppen adressaten adressat",
        "name": "angebot angebote maßnahme maßnahmen projekt projekte name bezeichnung titel einrichtung",
    }.items()
}
#: Nouns that ask for the rows of an inventory themselves ("Welche Partner …", "Welche Angebote …"); "wer"/"wo" too.
ROW_NOUNS = frozenset(
    stem(fold(word))
    for word in """partner partnerin träger anbieter angebot angebote maßnahme maßnahmen projekt projekte organisation organisationen
    einrichtung einrichtungen institution institutionen akteur akteure ansprechpartner kooperationspartner verband verbände
    dienst dienste stelle stellen wer wo""".split()
)
#: Nouns of areas: a question for them ("Welche Sozialräume …") asks no inventory's entries.
_AREA_NOUNS = frozenset(stem(fold(w)) for w in "Sozialraum Sozialräume Stadtbezirk Stadtbezirke Bezirk Bezirke Stadtteil Stadtteile "
                        "Quartier Quartiere Ortsteil Ortsteile".split())
#: Criteria roles; a table whose headers name at least two of them is an inventory (who does what where for whom).
CRITERIA_ROLES = ({"district", "sozialraum"}, {"topic"}, {"partner"}, {"target"})
INVENTORY_MIN_ROLES = 2
#: Share of a column's cells that must be place names (or topics) for the column to count as such.
VALUE_SHARE = 0.6
_SPLIT_CELL = re.compile(r"\s*[;,|]\s*")


@dataclass(frozen=True)
class TableRow:
    """One row of a table with its document; `terms` are the analysed terms of each cell."""

    chunk: Chunk
    document: DocumentMeta
    terms: dict[str, frozenset[str]]

    @property
    def record(self) -> dict[str, str]:
        return self.chunk.record or {}


@dataclass
class Table:
    """The rows of one table (one CSV, one sheet, one table in a document) and the roles of its columns."""

    doc_id: str
    name: str
    document: DocumentMeta
    headers: list[str]
    rows: list[TableRow] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    title_terms: frozenset[str] = frozenset()
    #: Roles recognised from the header names themselves (values alone do not make a table an inventory).
    header_roles: frozenset[str] = frozenset()

    @property
    def is_inventory(self) -> bool:
        """True for tables of offers/partners/places (an Angebotserhebung, a Partnerverzeichnis), not for
        protocol task lists, reading lists or tables of figures."""
        return sum(1 for group in CRITERIA_ROLES if group & self.header_roles) >= INVENTORY_MIN_ROLES

    def cell(self, row: TableRow, role: str) -> str:
        column = self.roles.get(role)
        return (row.record.get(column) or "").strip() if column else ""


@dataclass
class RowMatch:
    """A row that satisfies every criterion of a question, and the partner group it is listed under."""

    table: Table
    row: TableRow
    partner_key: str


#: A cell that is a figure (number, percentage, missing marker), not a name.
_FIGURE = re.compile(r"^[\s\d.,%€+\-−–x*/()]*$")


def _header_role(header: str) -> str | None:
    words = [stem(w) for w in re.findall(r"[^\W\d_]+", fold(header))]
    for role, stems in ROLE_HEADERS.items():
        if words and words[0] in stems:
            return role
    return None


def detect_roles(headers: list[str], records: list[dict[str, str]], vocab: Vocabulary) -> dict[str, str]:
    """Role → column: from header names first, then from the values (a column of mostly Bezirk names is the district column)."""
    roles: dict[str, str] = {}
    for header in headers:
        role = _header_role(header)
        if role and role not in roles:
            roles[role] = header
    for header in headers:
        if header in roles.values():
            continue
        values = [(r.get(header) or "").strip() for r in records]
        values = [v for v in values if v]
        if not values or sum(1 for v in values if not _FIGURE.match(v)) < VALUE_SHARE * len(values):
            continue  # a column of figures names neither places nor topics (and wide statistics tables have dozens)
        places = [vocab.resolve_place(v) for v in values if not vocab.is_citywide(v)]
        share = sum(1 for p in places if p) / len(values)
        if share >= VALUE_SHARE:
            levels = Counter(p.level for p in places if p)
            role = "district" if levels["bezirk"] >= levels["sozialraum"] else "sozialraum"
            roles.setdefault(role, header)
            continue
        topical = sum(1 for v in values if _topics_of(v, vocab)) / len(values)
        if topical >= VALUE_SHARE and "topic" not in roles:
            roles["topic"] = header
    if "name" not in roles:
        first = next((h for h in headers if h not in roles.values()), None)
        if first:
            roles["name"] = first
    return roles


def _topics_of(text: str, vocab: Vocabulary, analyzer: GermanAnalyzer | None = None) -> set[str]:
    terms = set((analyzer or GermanAnalyzer()).terms(text))
    return {topic for topic, phrases in vocab.topics.items() if any(set(p) <= terms for p in phrases)}


class TableIndex:
    """All table rows of the corpus, grouped into tables with detected column roles (built once per store version)."""

    def __init__(self, tables: list[Table]):
        self.tables = tables

    @classmethod
    def build(cls, rows: Iterable[tuple[Chunk, DocumentMeta]], vocab: Vocabulary, analyzer: GermanAnalyzer) -> TableIndex:
        grouped: dict[tuple[str, str], list[tuple[Chunk, DocumentMeta]]] = defaultdict(list)
        for chunk, doc in rows:
            if chunk.record:
                grouped[(doc.doc_id, chunk.table)].append((chunk, doc))
        tables = []
        for (doc_id, name), items in sorted(grouped.items()):
            items.sort(key=lambda item: (item[0].row or 0, item[0].ordinal))
            headers = list(dict.fromkeys(h for chunk, _ in items for h in (chunk.record or {})))
            document = items[0][1]
            roles = detect_roles(headers, [c.record or {} for c, _ in items], vocab)
            header_roles = frozenset(role for role, column in roles.items() if _header_role(column) == role)
            table = Table(
                doc_id,
                name,
                document,
                headers,
                roles=roles,
                title_terms=frozenset(analyzer.terms(f"{document.title} {name}")),
                header_roles=header_roles,
            )
            for chunk, doc in items:
                terms = {h: frozenset(analyzer.terms(v)) for h, v in (chunk.record or {}).items() if v}
                table.rows.append(TableRow(chunk, doc, terms))
            tables.append(table)
        return cls(tables)

    def teach(self, vocab: Vocabulary) -> None:
        """What the tables teach the vocabulary: new place names, Sozialraum → Bezirk, partner names."""
        partner_names: list[str] = []
        for table in self.tables:
            pairs: dict[str, Counter[str]] = defaultdict(Counter)
            for row in table.rows:
                district, sozialraum = table.cell(row, "district"), table.cell(row, "sozialraum")
                if _names_one_place(district, vocab) and vocab.resolve_place(district) is None:
                    vocab.add_place(district, "bezirk")
                if _names_one_place(sozialraum, vocab) and vocab.resolve_place(sozialraum) is None:
                    vocab.add_place(sozialraum, "sozialraum")
                d, s = vocab.resolve_place(district) if district else None, vocab.resolve_place(sozialraum) if sozialraum else None
                if d and s and d.level == "bezirk" and s.level == "sozialraum":
                    pairs[s.name][d.name] += 1
                if partner := table.cell(row, "partner"):
                    partner_names.append(partner)
            for sozialraum, counter in pairs.items():
                place = vocab.places[sozialraum]
                if not place.bezirk:
                    vocab.places[sozialraum] = Place(place.name, place.level, counter.most_common(1)[0][0])
        learn_partners(vocab, partner_names)

    # --- matching ------------------------------------------------------------------------------------------

    def match(self, analysis: QueryAnalysis, vocab: Vocabulary, filters: QueryFilters | None = None) -> list[RowMatch]:
        """Every row that satisfies every criterion of the question, duplicates across files removed (newest kept)."""
        filters = filters or QueryFilters()
        matches: list[RowMatch] = []
        if not asks_for_rows(analysis):
            return matches
        for table in self.tables:
            if not filters.allows(table.document) or not self._eligible(table, analysis):
                continue
            for row in table.rows:
                if self._row_matches(table, row, analysis, vocab):
                    matches.append(
                        RowMatch(table, row, vocab.partner_key(table.cell(row, "partner")) if table.roles.get("partner") else "")
                    )
        return _dedupe(_entries_named(_narrowed(matches, analysis), analysis), vocab)

    def all_entries(self, vocab: Vocabulary, filters: QueryFilters | None = None) -> list[RowMatch]:
        """Every row of every inventory table, duplicates across files removed: what a ranking without criteria
        counts ("Welcher Träger hat die meisten Angebote?")."""
        filters = filters or QueryFilters()
        matches = [RowMatch(table, row, vocab.partner_key(table.cell(row, "partner")) if table.roles.get("partner") else "")
                   for table in self.tables if table.is_inventory and filters.allows(table.document) for row in table.rows]
        return _dedupe(matches, vocab)

    @staticmethod
    def _eligible(table: Table, analysis: QueryAnalysis) -> bool:
        """A table can answer only if it is an inventory with a column for each criterion (a topic may also be in its title)."""
        if not table.is_inventory:
            return False
        if analysis.places and not ({"district", "sozialraum"} & table.roles.keys()):
            return False
        if analysis.partners and "partner" not in table.roles:
            return False
        if analysis.target_groups and "target" not in table.roles:
            return False
        return True

    def _row_matches(self, table: Table, row: TableRow, analysis: QueryAnalysis, vocab: Vocabulary) -> bool:
        if analysis.places and not _place_matches(table, row, analysis.places, vocab):
            return False
        if analysis.partners and vocab.partner_key(table.cell(row, "partner")) not in analysis.partners:
            return False
        if analysis.target_groups:
            cell = row.terms.get(table.roles["target"], frozenset())
            phrases = [p for group in analysis.target_groups for p in vocab.target_groups.get(group, [])]
            if not any(set(p) <= cell for p in phrases):
                return False
        if analysis.table_topics:
            phrases = [p for topic in analysis.table_topics for p in analysis.topic_phrases.get(topic, [])]
            column = table.roles.get("topic")
            where = row.terms.get(column, frozenset()) if column else _all_terms(row) | table.title_terms
            if not any(set(p) <= where for p in phrases):
                return False
        if analysis.residual_terms or analysis.asked not in ROW_NOUNS:
            terms = _all_terms(row)
            kind = analysis.asked and analysis.asked not in ROW_NOUNS and analysis.asked not in terms \
                and _kind_of_entry(analysis.asked, analysis.residual_parts.get(analysis.asked), _entry_terms(table, row))
            if analysis.asked and analysis.asked not in ROW_NOUNS and analysis.asked not in terms and not kind:
                return False  # "Welche Seniorentreffs …": the row itself must be one
            known = terms | table.title_terms
            for term in analysis.residual_terms:
                parts = analysis.residual_parts.get(term)
                if term not in known and not (parts and parts <= known) and not (kind and term == analysis.asked):
                    return False  # every other noun of the question must be met by the row or its table
        return True


#: A place cell that spans places instead of naming one ("bezirksweit", "stadtteilübergreifend").
_SPAN_CELL = re.compile(r"(?:weit|übergreifend|uebergreifend)$", re.IGNORECASE)


def _names_one_place(cell: str, vocab: Vocabulary) -> bool:
    """True when a place column's cell can be a place's name: not empty, not the whole city, not a span word
    ("bezirksweit") and not a list of places ("Hochschulviertel, Emst"); place names are written with a capital."""
    cell = cell.strip()
    return bool(cell) and cell[:1].isupper() and not vocab.is_citywide(cell) and not _SPAN_CELL.search(cell) \
        and not re.search(r"[,;]", cell)


def _narrowed(matches: list[RowMatch], analysis: QueryAnalysis) -> list[RowMatch]:
    """"Angebote für Alleinerziehende": the rows of the target group Familien that name the Alleinerziehende, when
    some do; an Elterncafé is for families, but it is not what was asked for."""
    if not analysis.narrow_targets:
        return matches
    named = [m for m in matches if any(set(p) <= _all_terms(m.row) for p in analysis.narrow_targets)]
    return named or matches


def _entries_named(matches: list[RowMatch], analysis: QueryAnalysis) -> list[RowMatch]:
    """"Ausgabestellen der Tafel": the rows whose entry's own name says "Ausgabestelle" (five offers), when some do,
    not the partner directory's row on the Tafel that mentions them elsewhere: a count counts one kind of entry."""
    if not analysis.residual_terms:
        return matches

    def named(match: RowMatch) -> bool:
        column = match.table.roles.get("name")
        cell = match.row.terms.get(column, frozenset()) if column else frozenset()
        return all(t in cell or ((parts := analysis.residual_parts.get(t)) and parts <= cell) for t in analysis.residual_terms)

    own = [m for m in matches if named(m)]
    return own or matches


def asks_for_rows(analysis: QueryAnalysis) -> bool:
    """True when a list question asks for entries of an inventory: partners, offers, where, for whom — or names
    the kind of entry itself ("Welche Seniorentreffs …", checked against the rows)."""
    if analysis.intent != "list" or not analysis.has_row_criteria:
        return False
    if analysis.asked in _AREA_NOUNS:
        return bool(analysis.full_terms & ROW_NOUNS)  # "Welche Sozialräume gehören dazu?" asks for areas, not entries
    return bool(analysis.asked) or bool(analysis.full_terms & ROW_NOUNS)


def _kind_of_entry(asked: str, parts: frozenset[str] | None, terms: frozenset[str]) -> bool:
    """ "Beratungsangebote": a compound on an inventory noun asks for the entries its first part describes (a row
    with "Schuldnerberatung" or "Beratungsstelle"); the compound must end in that noun ("Angebotsberatung" is no offer)."""
    head = next((noun for noun in ROW_NOUNS if len(noun) >= 5 and asked.endswith(noun) and len(asked) > len(noun) + 3), None)
    if head is None:
        return False
    rest = (parts or frozenset()) - ROW_NOUNS
    if rest and rest <= terms:
        return True
    modifier = stem(asked[: -len(head)].rstrip("s"))  # the linking "s" of "Beratungs|angebot"
    return len(modifier) >= 4 and any(t.endswith(modifier) or t.startswith(modifier) for t in terms)


def _entry_terms(table: Table, row: TableRow) -> frozenset[str]:
    """The row's words without its provider's name: "Falken Freizeitwerk" makes no offer a Freizeitangebot."""
    partner = table.roles.get("partner")
    return frozenset().union(*(terms for column, terms in row.terms.items() if column != partner)) if row.terms else frozenset()


def _all_terms(row: TableRow) -> frozenset[str]:
    return frozenset().union(*row.terms.values()) if row.terms else frozenset()


def _place_matches(table: Table, row: TableRow, places: list[Place], vocab: Vocabulary) -> bool:
    district = vocab.resolve_place(table.cell(row, "district")) if "district" in table.roles else None
    sozialraum = vocab.resolve_place(table.cell(row, "sozialraum")) if "sozialraum" in table.roles else None
    # an empty or "bezirksweit" Sozialraum cell: an offer of the whole Bezirk, none of one Sozialraum's own (the
    # Steckbrief of Boele/Kabel counts 13 offers, not 15 with the Bezirk's Jobcenter hours)
    spans = "sozialraum" in table.roles
    for place in places:
        if place.level == "bezirk":
            if (district and district.district == place.name) or (sozialraum and sozialraum.district == place.name):
                return True
        elif sozialraum is not None:
            if sozialraum.name == place.name:
                return True
        elif district and district.district == place.district and not spans:
            return True  # a table (or row) without a Sozialraum: the Bezirk's row may be the Sozialraum's
    return False


def _dedupe(matches: list[RowMatch], vocab: Vocabulary) -> list[RowMatch]:
    """The same offer listed in two files (CSV export and XLSX) is one row: keep the newest document's."""
    best: dict[tuple, RowMatch] = {}
    order: list[tuple] = []
    for match in matches:
        table, row = match.table, match.row
        key = (
            fold(table.cell(row, "name")) or fold(row.chunk.text),
            match.partner_key,
            fold(table.cell(row, "sozialraum")),
            fold(table.cell(row, "district")),
        )
        current = best.get(key)
        if current is None:
            best[key] = match
            order.append(key)
        elif (row.document.date, row.document.doc_id) > (current.row.document.date, current.row.document.doc_id):
            best[key] = match
    return [best[key] for key in order]


def row_in_places(table: Table, row: TableRow, places: list[Place], vocab: Vocabulary) -> bool:
    """Public form of the place rule for other services (drafts want every row of a place, not a question's rows)."""
    return _place_matches(table, row, places, vocab)


def dedupe_rows(matches: list[RowMatch], vocab: Vocabulary) -> list[RowMatch]:
    """Public form of the duplicate rule (the same offer in two files is one row, the newest document's)."""
    return _dedupe(matches, vocab)


# --- the answer ---------------------------------------------------------------------------------------------


def row_quote(table: Table, row: TableRow, limit: int = 300) -> str:
    """The row as 'Spalte: Wert; …' (what the citation quotes)."""
    text = "; ".join(f"{h}: {v}" for h, v in row.record.items() if v)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def criteria_text(analysis: QueryAnalysis, vocab: Vocabulary) -> str:
    """The criteria in words, e.g. 'Stadtbezirk Haspe, Thema Armut'."""
    parts = []
    for place in analysis.places:
        parts.append(("Stadtbezirk " if place.level == "bezirk" else "Sozialraum ") + place.name)
    parts += [f"Thema {vocab.topic_labels.get(t, t)}" for t in analysis.table_topics]
    parts += [f"Zielgruppe {g.replace('_', ' ').capitalize()}" for g in analysis.target_groups]
    parts += [vocab.partner_display(p) for p in analysis.partners]
    return ", ".join(parts)


def compose_table_answer(question: str, analysis: QueryAnalysis, matches: list[RowMatch], vocab: Vocabulary) -> Answer:
    """All matching rows, grouped by partner (with their offers and Sozialraum), each row cited with its row number."""
    groups: dict[str, list[RowMatch]] = defaultdict(list)
    for match in matches:
        groups[match.partner_key].append(match)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), vocab.partner_display(item[0]).lower()))
    citations: list[Citation] = []
    lines: list[str] = []
    for key, rows in ordered:
        offers = []
        for match in rows:
            table, row = match.table, match.row
            citations.append(
                Citation(
                    number=len(citations) + 1,
                    doc_id=row.document.doc_id,
                    title=row.document.title,
                    quote=row_quote(table, row),
                    page=row.chunk.page,
                    row=row.chunk.row,
                    section=table.name or row.chunk.section,
                    source_path=row.document.source_path,
                    chunk_id=row.chunk.chunk_id,
                    date=row.document.date,
                )
            )
            name = table.cell(row, "name") or row.chunk.text.split("\n")[0][:80]
            place = table.cell(row, "sozialraum") or table.cell(row, "district")
            offers.append(f"{name}{f' ({place})' if place else ''} [{len(citations)}]")
        label = vocab.partner_display(key) if key else "Ohne Trägerangabe"
        lines.append(f"- {label}: " + "; ".join(offers))
    partners = len([k for k in groups if k])
    sources = sorted({m.row.document.title for m in matches})
    criteria = criteria_text(analysis, vocab)
    head = f"{len(matches)} passende Einträge" + (f" von {partners} {'Träger' if partners == 1 else 'Trägern'}" if partners else "")
    head += f" ({criteria})" if criteria else ""
    head += " in „" + "“, „".join(sources) + "“:"
    return Answer(question=question, text=head + "\n" + "\n".join(lines), citations=citations, mode="extractive")


def analysed_rows(chunks: Iterable[tuple[Chunk, DocumentMeta]]) -> list[tuple[Chunk, DocumentMeta]]:
    """Only table rows that carry a record."""
    return [(c, d) for c, d in chunks if c.kind == "table_row" and c.record]


__all__ = ["RowMatch", "Table", "TableIndex", "TableRow", "compose_table_answer", "detect_roles", "phrase_terms", "row_quote"]
