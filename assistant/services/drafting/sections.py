"""Section builders shared by drafts and fact sheets: each turns collected evidence into sourced statements."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from assistant.core.types import QueryFilters
from assistant.services.drafting.evidence import (
    FORMAT_CUES,
    OPEN_CUES,
    PERCEIVED_CUES,
    RECORDED_CUES,
    VOICE_KINDS,
    EvidenceCollector,
    OfferRow,
    Quote,
)
from assistant.services.drafting.figures import CITY_PLACE
from assistant.services.drafting.relevance import TopicScope
from assistant.services.drafting.types import Figure, FigureTable, Section, SourceRef, Statement
from assistant.services.vocabulary import Place

KIND_LABELS = {"befragung": "Befragung", "protokoll": "Protokoll", "workshop": "Workshop", "interview": "Interviews"}
MAX_SERIES = 6


@dataclass
class Series:
    """One indicator for one place from one document, by year."""

    key: str
    indicator: str
    place: str
    unit: str
    points: dict[int, Figure]
    #: Position of the first figure in the document order (to keep a document's own sequence).
    order: int = 0

    @property
    def doc_id(self) -> str:
        return next(iter(self.points.values())).source.doc_id

    @property
    def latest(self) -> Figure:
        return self.points[max(self.points)]

    @property
    def first(self) -> Figure:
        return self.points[min(self.points)]


def build_series(figures: list[Figure], documents: dict) -> list[Series]:
    """Series per (indicator, place), taken from the one document with the most years (newest on a tie)."""
    grouped: dict[tuple[str, str, str], dict[int, Figure]] = defaultdict(dict)
    order: dict[tuple[str, str, str], int] = {}
    for index, fig in enumerate(figures):
        if fig.year is not None and fig.key:
            group = (f"{fig.key}|{fig.unit}", fig.place, fig.source.doc_id)
            grouped[group].setdefault(fig.year, fig)
            order.setdefault(group, index)
    best: dict[tuple[str, str], Series] = {}
    for (key, place, doc_id), points in grouped.items():
        sample = next(iter(points.values()))
        series = Series(key, sample.indicator, place, sample.unit, points, order[(key, place, doc_id)])
        current = best.get((key, place))
        rank = (len(points), documents[doc_id].date if doc_id in documents else "")
        if current is None or rank > (len(current.points), documents[current.doc_id].date if current.doc_id in documents else ""):
            best[(key, place)] = series
    return list(best.values())


def fmt_number(value: float, decimals: int) -> str:
    """German notation with sign: +0,4 / -633 / +1.240."""
    text = f"{value:+,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return text.replace("+0,0", "±0,0") if decimals else text


def _decimals(value: str) -> int:
    return len(value.split(",")[1]) if "," in value else 0


def figure_text(fig: Figure) -> str:
    return f"{fig.value}{' ' + fig.unit if fig.unit else ''}"


# --- figures ---------------------------------------------------------------------------------------------------


def select_series(collector: EvidenceCollector, place: Place, filters: QueryFilters, topics: list[str],
                  request_terms: set[str], scope: TopicScope | None = None) -> list[Series]:
    """Series of the place matching the topics (or the request's words), most relevant first.

    With a topic scope that names indicator groups, only series inside the scope (a Kinderarmut section holds no
    Grundsicherung im Alter), the longest first. Without a match (or without a topic): the series of the document
    that has most of them for this place, in the order that document presents them.
    """
    snapshot = collector.snapshot()
    series = build_series(collector.figures([place.name], filters), snapshot.documents)
    if not series:
        return []
    if scope is not None and scope.groups:
        def date(s: Series) -> str:
            return snapshot.documents[s.doc_id].date if s.doc_id in snapshot.documents else ""

        inside = sorted((s for s in series if scope.has_indicator(s.indicator)), key=lambda s: s.order)
        inside.sort(key=lambda s: (len(s.points), date(s)), reverse=True)
        best: dict[tuple, Series] = {}  # one series per figure: the same Kinderarmut from three reports is told once
        for s in inside:
            best.setdefault((scope.groups_of(s.indicator), s.unit), s)
        return list(best.values())[:MAX_SERIES]

    def relevance(s: Series) -> int:
        terms = set(snapshot.analyzer.terms(s.indicator))
        hits = sum(1 for t in topics for p in snapshot.vocabulary.topics.get(t, []) if set(p) <= terms)
        return hits + len(terms & request_terms)

    relevant = [s for s in series if relevance(s) > 0] if topics or request_terms else []
    if relevant:
        relevant.sort(key=lambda s: (-relevance(s), -len(s.points), s.order))
        return relevant[:MAX_SERIES]
    per_doc = Counter(s.doc_id for s in series)
    main = max(per_doc, key=lambda d: (per_doc[d], snapshot.documents[d].date if d in snapshot.documents else ""))
    return sorted((s for s in series if s.doc_id == main), key=lambda s: s.order)[:MAX_SERIES]


def city_counterpart(collector: EvidenceCollector, series: Series, filters: QueryFilters) -> Figure | None:
    """The city's value for the same indicator and year from the same document (for comparison)."""
    latest = series.latest
    for fig in collector.figures([CITY_PLACE], filters):
        if f"{fig.key}|{fig.unit}" == series.key and fig.year == latest.year and fig.source.doc_id == latest.source.doc_id:
            return fig
    return None


def current_figures(collector: EvidenceCollector, place: Place, series: list[Series], filters: QueryFilters) -> Section:
    section = Section("Aktuelle Kennzahlen")
    for s in series:
        fig = s.latest
        text = f"{s.indicator} in {place.name} {fig.year}: {figure_text(fig)}"
        sources = [fig.source]
        city = city_counterpart(collector, s, filters)
        if city is not None:
            text += f" (Gesamtstadt: {figure_text(city)})"
            sources.append(city.source)
        section.statements.append(Statement(text=text, sources=sources, kind="figure"))
        for sub in _sozialraum_figures(collector, place, s, filters):
            section.statements.append(sub)
    if not section.statements:
        section.intro = "In den Dokumenten wurden keine Kennzahlen für diesen Raum gefunden."
    return section


def _sozialraum_figures(collector: EvidenceCollector, place: Place, s: Series, filters: QueryFilters) -> list[Statement]:
    if place.level != "bezirk":
        return []
    year = s.latest.year
    subs = [f for f in collector.figures(collector.places_within(place)[1:], filters)
            if f"{f.key}|{f.unit}" == s.key and f.year == year and f.source.doc_id == s.doc_id]
    if not subs:
        return []
    subs = sorted({f.place: f for f in reversed(subs)}.values(), key=lambda f: f.place)
    parts = "; ".join(f"{f.place} {figure_text(f)}" for f in subs)
    refs: dict[tuple, SourceRef] = {}
    for f in subs:
        refs[f.source.key] = refs[f.source.key].merged(f.source) if f.source.key in refs else f.source
    return [Statement(text=f"{s.indicator} {year} nach Sozialräumen: {parts}", sources=list(refs.values()), kind="figure")]


def developments(series: list[Series]) -> Section:
    """First and latest value of each series, plus the labelled difference."""
    section = Section("Entwicklung über die Zeit")
    for s in series:
        if len(s.points) < 2:
            continue
        first, last = s.first, s.latest
        text = f"{s.indicator} in {s.place}: {first.year} {figure_text(first)}, {last.year} {figure_text(last)}"
        sources = list({f.source.key: f.source for f in (first, last)}.values())
        section.statements.append(Statement(text=text, sources=sources, kind="development"))
        a, b = first.number, last.number
        if a is None or b is None:
            continue
        decimals = max(_decimals(first.value), _decimals(last.value))
        diff = fmt_number(b - a, decimals)
        unit = "Prozentpunkte" if s.unit == "%" else (s.unit or "")
        inputs = f"{figure_text(first)} und {figure_text(last)}"
        calc = f"Veränderung {first.year}–{last.year}: {diff}{' ' + unit if unit else ''} (eigene Berechnung aus {inputs})"
        section.statements.append(Statement(text=calc, sources=sources, derived=[diff.lstrip("+-±")], kind="calculation"))
    if not section.statements:
        section.intro = "Für diesen Raum liegen keine Zeitreihen vor."
    return section


def figure_table(place: Place, series: list[Series], max_years: int = 7) -> FigureTable | None:
    years = sorted({y for s in series for y in s.points})[-max_years:]
    rows = [(f"{s.indicator}{' (' + s.unit + ')' if s.unit else ''}", {y: s.points[y] for y in years if y in s.points}) for s in series]
    rows = [r for r in rows if r[1]]
    return FigureTable(place.name, years, rows) if rows else None


def _kind_name(kind: str) -> str:
    return {"bericht": "laut Bericht", "protokoll": "laut Protokoll", "befragung": "laut Befragung",
            "sozialraumprofil": "laut Sozialraumprofil", "vorlage": "laut Vorlage"}.get(kind, f"laut {kind.capitalize()}")


def contradictions(collector: EvidenceCollector, place: Place, filters: QueryFilters) -> list[Statement]:
    """Same indicator, place and year with different values in different documents (both cited, no judgement)."""
    groups: dict[tuple, dict[float, Figure]] = defaultdict(dict)
    for fig in collector.figures(collector.places_within(place), filters):
        if fig.year is not None and fig.number is not None:
            groups[(fig.key, fig.unit, fig.place, fig.year)].setdefault(round(fig.number, 3), fig)
    out = []
    for (_, _, name, year), values in sorted(groups.items(), key=lambda item: (item[0][2], item[0][0], item[0][3])):
        docs = {f.source.doc_id for f in values.values()}
        if len(values) < 2 or len(docs) < 2:
            continue
        figs = list(values.values())[:3]
        # The document is named by its kind (its title may hold dates that are no claim); the footnote names it in full.
        documents = collector.snapshot().documents
        kinds = [documents[f.source.doc_id].kind if f.source.doc_id in documents else "" for f in figs]
        parts = " gegenüber ".join(f"{figure_text(f)} („{f.indicator}“{', ' + _kind_name(k) if k else ''})"
                                   for f, k in zip(figs, kinds, strict=True))
        text = f"Abweichende Angaben für {name} {year}: {parts}"
        out.append(Statement(text=text, sources=[f.source for f in figs], kind="contradiction"))
    return out


# --- table rows ---------------------------------------------------------------------------------------------------


def merged_ref(matches: list[OfferRow], collector: EvidenceCollector) -> list[SourceRef]:
    """One footnote per document with all cited rows."""
    by_doc: dict[str, list[SourceRef]] = defaultdict(list)
    for m in matches:
        by_doc[m.row.document.doc_id].append(collector.row_ref(m))
    refs = []
    for items in by_doc.values():
        first = items[0]
        rows = tuple(sorted({r for ref in items for r in ref.rows}))
        pages = {ref.page for ref in items}
        page = first.page if len(pages) == 1 else None
        refs.append(SourceRef(first.doc_id, first.title, tuple(c for ref in items for c in ref.chunk_ids), page=page, rows=rows,
                              section=first.section, date=first.date))
    return refs


def offers_list(collector: EvidenceCollector, matches: list[OfferRow], limit: int = 15) -> Section:
    section = Section("Bestehende Angebote")
    for m in matches[:limit]:
        name, partner = m.table.cell(m.row, "name"), m.table.cell(m.row, "partner")
        where = m.table.cell(m.row, "sozialraum") or m.table.cell(m.row, "district")
        text = f"{name} ({', '.join(x for x in (partner, where) if x)})"
        anchors = [a for a in (name, partner) if a]
        section.statements.append(Statement(text=text, sources=[collector.row_ref(m)], anchors=anchors, kind="offer"))
    if len(matches) > limit:
        n = str(len(matches))
        text = f"Insgesamt {n} passende Einträge in der Angebotserhebung (gezählt); oben die ersten {limit}."
        section.statements.append(Statement(text=text, sources=merged_ref(matches, collector), derived=[n, str(limit)], kind="calculation"))
    if not matches:
        section.intro = "In den Angebotstabellen wurden keine passenden Einträge gefunden."
    return section


def offers_by_topic(collector: EvidenceCollector, matches: list[OfferRow], examples: int = 3) -> Section:
    section = Section("Angebote nach Themen")
    by_topic: dict[str, list[OfferRow]] = defaultdict(list)
    for m in matches:
        for topic in (t.strip() for t in m.table.cell(m.row, "topic").replace(",", ";").split(";")):
            if topic:
                by_topic[topic].append(m)
    for topic, rows in sorted(by_topic.items(), key=lambda item: (-len(item[1]), item[0])):
        names = [m.table.cell(m.row, "name") for m in rows[:examples]]
        n = str(len(rows))
        text = f"{topic}: {n} {'Angebot' if n == '1' else 'Angebote'} (gezählt), u. a. {', '.join(names)}"
        refs = merged_ref(rows, collector)
        section.statements.append(Statement(text=text, sources=refs, anchors=[topic, *names], derived=[n], kind="offer"))
    if not matches:
        section.intro = "In den Angebotstabellen wurden keine Einträge für diesen Raum gefunden."
    return section


def partners(collector: EvidenceCollector, matches: list[OfferRow], limit: int = 10) -> Section:
    section = Section("Partner und Träger")
    groups: dict[str, list[OfferRow]] = defaultdict(list)
    for m in matches:
        if m.partner_key:
            groups[m.partner_key].append(m)
    for _, rows in sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))[:limit]:
        spelling = Counter(m.table.cell(m.row, "partner") for m in rows).most_common(1)[0][0]
        n = str(len(rows))
        text = f"{spelling}: {n} {'Angebot' if n == '1' else 'Angebote'} (gezählt)"
        refs = merged_ref(rows, collector)
        section.statements.append(Statement(text=text, sources=refs, anchors=[spelling], derived=[n], kind="partner"))
    if not groups:
        section.intro = "In den Angebotstabellen sind für diesen Raum keine Träger verzeichnet."
    return section


# --- sentences ------------------------------------------------------------------------------------------------------


def quote_statement(quote: Quote, kind: str, label: str = "") -> Statement:
    text = quote.text if quote.text[:1] in "„\"" else f"„{quote.text}“"
    return Statement(text=text, sources=[quote.source], anchors=[quote.text], kind=kind, label=label)


def voices(collector: EvidenceCollector, place: Place, topic_text: str, filters: QueryFilters, limit: int = 6) -> Section:
    section = Section("Was Befragungen und Konferenzen sagen")
    kinds = tuple(k for k in VOICE_KINDS if k in collector.snapshot().vocabulary.kinds) or VOICE_KINDS
    for quote in collector.quotes(f"{topic_text} {place.name}", filters, place, kinds=kinds, limit=limit):
        section.statements.append(quote_statement(quote, "voice", KIND_LABELS.get(quote.document.kind, quote.document.kind.capitalize())))
    if not section.statements:
        section.intro = "Dazu wurden keine Aussagen aus Befragungen oder Konferenzen gefunden."
    return section


def open_points(collector: EvidenceCollector, place: Place, topic_text: str, filters: QueryFilters,
                quoted: set[str] | None = None) -> Section:
    """Contradicting figures, perceived-versus-recorded findings and open questions; `quoted` are sentences already used."""
    section = Section("Offene Punkte und Widersprüche")
    section.statements += contradictions(collector, place, filters)[:4]
    seen = set(quoted or ())
    tensions = collector.quotes(f"Wahrnehmung registrierte Zahlen Daten {topic_text} {place.name}", filters, place,
                                cue=PERCEIVED_CUES, cue2=RECORDED_CUES, limit=3, exclude=seen)
    label = "Wahrnehmung und Daten"
    if not tensions:  # a city-wide finding still concerns every Bezirk; labelled as such
        query = f"Wahrnehmung registrierte Zahlen Daten {topic_text}"
        tensions = collector.quotes(query, filters, None, cue=PERCEIVED_CUES, cue2=RECORDED_CUES, limit=2, exclude=seen)
        label += " (gesamtstädtisch)"
    section.statements += [quote_statement(q, "contradiction", label) for q in tensions]
    seen |= {q.text for q in tensions}
    query = f"offene Fragen noch zu klären {topic_text} {place.name}"
    opens = collector.quotes(query, filters, place, cue=OPEN_CUES, limit=4, exclude=seen)
    section.statements += [quote_statement(q, "open", "Offen") for q in opens]
    if not section.statements:
        section.intro = "Es wurden keine offenen Punkte oder Widersprüche gefunden."
    return section


def participation(collector: EvidenceCollector, place: Place, filters: QueryFilters, limit: int = 4) -> Section:
    section = Section("Beteiligungsformate und Gremien")
    for quote in collector.quotes(f"Beteiligung Stadtteilkonferenz Sozialraumteam Befragung {place.name}", filters, place, cue=FORMAT_CUES,
                                  limit=limit):
        section.statements.append(quote_statement(quote, "format", KIND_LABELS.get(quote.document.kind, "")))
    if not section.statements:
        section.intro = "Für diesen Raum wurden keine Beteiligungsformate gefunden."
    return section
