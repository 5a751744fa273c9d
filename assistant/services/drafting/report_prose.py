"""German report prose without a language model: the building blocks of a Sozialbericht section as sentences.

Each builder returns a Section of sentences (layout "prose"), every sentence a Statement with its sources.
Numbers are written as the source writes them (32,8 %; 31.574); differences and ranks are Calculations,
labelled "eigene Berechnung", so the verifier re-does them from the cited figures. The wording varies by
a stable choice per indicator, never at random, so the same corpus gives the same draft.
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Callable

from assistant.core.types import QueryFilters
from assistant.services.drafting.evidence import EvidenceCollector, OfferRow, Quote
from assistant.services.drafting.figures import CITY_PLACE
from assistant.services.drafting.sections import KIND_LABELS, Series, city_counterpart, figure_text, merged_ref
from assistant.services.drafting.types import Calculation, Figure, Section, SourceRef, Statement
from assistant.services.vocabulary import Place

#: How a quoted source is introduced, by document kind (no numbers: the quote is checked against its passage).
VOICE_INTROS = {
    "befragung": ("In einer Befragung hieß es:", "Aus einer Befragung:"),
    "protokoll": ("Im Protokoll ist festgehalten:", "Ein Sitzungsprotokoll hält fest:"),
    "workshop": ("In einem Workshop wurde gesagt:", "Aus einem Workshop:"),
    "interview": ("In den Interviews hieß es:", "Eine Interviewaussage lautet:"),
}
STABLE_WITHIN = {"%": 0.2}


def _pick(options: tuple[str, ...], key: str) -> str:
    return options[zlib.crc32(key.encode()) % len(options)]


def _de(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _decimals(*figs: Figure) -> int:
    return max((len(f.value.split(",")[1]) if "," in f.value else 0) for f in figs)


def _unit_word(unit: str) -> str:
    return "Prozentpunkte" if unit == "%" else ""


def _refs(figs: list[Figure]) -> list[SourceRef]:
    merged: dict[tuple, SourceRef] = {}
    for f in figs:
        merged[f.source.key] = merged[f.source.key].merged(f.source) if f.source.key in merged else f.source
    return list(merged.values())


def _and(items: list[str]) -> str:
    """'a, b und c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]


def _area(place: Place) -> str:
    return "des Stadtbezirks" if place.level == "bezirk" else "des Sozialraums"


# --- current value, city, Sozialräume, rank ----------------------------------------------------------------------


def current_value(collector: EvidenceCollector, place: Place, s: Series, filters: QueryFilters) -> Statement:
    """'Beim Indikator „…“ lag Haspe 2024 bei 32,8 % und damit 4,1 Prozentpunkte über dem städtischen Wert von 28,7 %.'"""
    fig = s.latest
    lead = _pick((f"Beim Indikator „{s.indicator}“ lag {place.name} {fig.year} bei {figure_text(fig)}",
                  f"Für „{s.indicator}“ ergibt sich in {place.name} im Jahr {fig.year} ein Wert von {figure_text(fig)}",
                  f"{fig.year} betrug der Wert „{s.indicator}“ in {place.name} {figure_text(fig)}"), s.key + place.name)
    city = city_counterpart(collector, s, filters)
    if city is None or city.number is None or fig.number is None:
        return Statement(text=lead + ".", sources=[fig.source], kind="figure")
    if s.unit != "%":
        return Statement(text=f"{lead} (Gesamtstadt: {figure_text(city)}).", sources=_refs([fig, city]), kind="figure")
    diff = _de(abs(fig.number - city.number), _decimals(fig, city))
    if diff.strip("0,") == "":
        text = f"{lead} und damit genau auf dem städtischen Wert."
        return Statement(text=text, sources=_refs([fig, city]), kind="figure")
    side = "über" if fig.number > city.number else "unter"
    text = f"{lead} und damit {diff} Prozentpunkte {side} dem städtischen Wert von {figure_text(city)} (eigene Berechnung)."
    return Statement(text=text, sources=_refs([fig, city]), kind="calculation", calcs=[Calculation("diff", diff, (city.value, fig.value))])


#: Does a figure show the same indicator as a series (e.g. the same synonym group of the topic scope)?
Alike = Callable[[Figure, Series], bool]


def _same(collector: EvidenceCollector, s: Series, names: list[str], filters: QueryFilters, alike: Alike | None = None,
          with_place: str = "") -> dict[str, Figure]:
    """The same indicator and year for other places (one figure per place), from the series' own document.

    When that document has fewer than two of them and `alike` is given, from the one document (and table) that has
    the same indicator for most of these places — a Sozialraumprofil of one Bezirk is compared via a city-wide
    report. `with_place` is then also taken from that document, so a rank compares values of one table.
    """
    year, doc = s.latest.year, s.doc_id
    found: dict[str, Figure] = {}
    figures = collector.figures([*names, *([with_place] if with_place else [])], filters)
    for f in figures:
        if f"{f.key}|{f.unit}" == s.key and f.year == year and f.source.doc_id == doc and f.place in names:
            found.setdefault(f.place, f)
    if len(found) >= 2 or alike is None:
        return found
    tables: dict[tuple[str, str], dict[str, Figure]] = defaultdict(dict)
    for f in figures:
        if f.year == year and f.unit == s.unit and alike(f, s):
            tables[(f.source.doc_id, f.source.section)].setdefault(f.place, f)
    wanted = set(names)
    best = max(tables.values(), key=lambda t: len(wanted & t.keys()), default={})
    if len(wanted & best.keys()) < 2 or (with_place and with_place not in best):
        return found
    return {k: f for k, f in best.items() if k in wanted or k == with_place}


def spread(collector: EvidenceCollector, place: Place, s: Series, filters: QueryFilters) -> Statement | None:
    """'Innerhalb des Stadtbezirks reicht die Spanne von 15,6 % in … bis 46,9 % in ….'"""
    if place.level != "bezirk":
        return None
    subs = [f for f in _same(collector, s, collector.places_within(place)[1:], filters).values() if f.number is not None]
    if len(subs) < 2:
        return None
    low, high = min(subs, key=lambda f: f.number), max(subs, key=lambda f: f.number)
    if low.number == high.number:
        return None
    lo, hi = figure_text(low), figure_text(high)
    text = _pick((f"Innerhalb {_area(place)} reicht die Spanne von {lo} in {low.place} bis {hi} in {high.place}.",
                  f"Die Sozialräume unterscheiden sich deutlich: {high.place} kommt auf {hi}, {low.place} auf {lo}."), s.key)
    return Statement(text=text, sources=_refs([low, high]), kind="figure")


def _bezirke(collector: EvidenceCollector) -> list[str]:
    return sorted(p.name for p in collector.snapshot().vocabulary.places.values() if p.level == "bezirk")


def _sozialraeume(collector: EvidenceCollector) -> list[str]:
    return sorted(p.name for p in collector.snapshot().vocabulary.places.values() if p.level == "sozialraum")


def rank(collector: EvidenceCollector, place: Place, s: Series, filters: QueryFilters, alike: Alike | None = None) -> Statement | None:
    """Rank of the place among its peers (Bezirke or Sozialräume) in the same table, highest value first."""
    peers = _bezirke(collector) if place.level == "bezirk" else _sozialraeume(collector)
    values = {k: f for k, f in _same(collector, s, [p for p in peers if p != place.name], filters, alike, place.name).items()
              if f.number is not None}
    if place.name not in values and s.latest.number is not None and all(f.source.doc_id == s.doc_id for f in values.values()):
        values[place.name] = s.latest
    target = values.get(place.name)
    if target is None or len(values) < 3:
        return None
    others = [f for k, f in values.items() if k != place.name]
    position = str(1 + sum(1 for f in others if f.number > target.number))
    of = str(len(values))
    dative, genitive = ("Stadtbezirken", "Stadtbezirke") if place.level == "bezirk" else ("Sozialräumen", "Sozialräume")
    label = "vom höchsten Wert aus gezählt (eigene Berechnung)"
    text = _pick((f"Unter den {of} {dative} mit Angaben liegt {place.name} damit auf Rang {position}, {label}.",
                  f"Im Vergleich der {of} {genitive} nimmt {place.name} Rang {position} ein, {label}."), s.key + "rank")
    calc = Calculation("rank", position, (target.value, *(f.value for f in others)), of)
    return Statement(text=text, sources=_refs([target, *others]), kind="calculation", calcs=[calc])


def sozialraum_ranks(collector: EvidenceCollector, place: Place, s: Series, filters: QueryFilters) -> list[Statement]:
    """For a Bezirk: where its Sozialraum with the highest value stands among all Sozialräume of the city."""
    if place.level != "bezirk":
        return []
    everything = {k: f for k, f in _same(collector, s, _sozialraeume(collector), filters).items() if f.number is not None}
    mine = [f for k, f in everything.items() if k in collector.places_within(place)[1:]]
    if len(everything) < 3 or not mine:
        return []
    top = max(mine, key=lambda f: f.number)
    others = [f for k, f in everything.items() if k != top.place]
    position = str(1 + sum(1 for f in others if f.number > top.number))
    of = str(len(everything))
    text = (f"{top.place} liegt mit {figure_text(top)} auf Rang {position} der {of} Sozialräume mit Angaben, "
            "vom höchsten Wert aus gezählt (eigene Berechnung).")
    calc = Calculation("rank", position, (top.value, *(f.value for f in others)), of)
    return [Statement(text=text, sources=_refs([top, *others]), kind="calculation", calcs=[calc])]


def situation(collector: EvidenceCollector, place: Place, series: list[Series], filters: QueryFilters,
              alike: Alike | None = None) -> Section:
    section = Section("Aktuelle Lage", layout="prose")
    for s in series:
        section.statements.append(current_value(collector, place, s, filters))
        for extra in (spread(collector, place, s, filters), rank(collector, place, s, filters, alike)):
            if extra is not None:
                section.statements.append(extra)
        section.statements += sozialraum_ranks(collector, place, s, filters)
    if not section.statements:
        section.intro = "In den Dokumenten wurden für diesen Raum keine Kennzahlen zum Thema gefunden."
    return section


# --- development ---------------------------------------------------------------------------------------------------


def development_sentence(s: Series, city: Series | None = None) -> Statement | None:
    """'Seit 2019 ist der Wert in Haspe von 30,9 % auf 32,8 % gestiegen (+1,9 Prozentpunkte, eigene Berechnung).'"""
    if len(s.points) < 2:
        return None
    first, last = s.first, s.latest
    if first.number is None or last.number is None:
        return None
    decimals = _decimals(first, last)
    delta = last.number - first.number
    diff = _de(abs(delta), decimals)
    unit = _unit_word(s.unit)
    amount = f"{diff}{' ' + unit if unit else ''}"
    name = f"„{s.indicator}“"
    if abs(delta) <= STABLE_WITHIN.get(s.unit, 0.0) and s.unit == "%":
        text = (f"Über die Jahre blieb der Wert {name} in {s.place} nahezu unverändert: {first.year} {figure_text(first)}, "
                f"{last.year} {figure_text(last)} (Unterschied {amount}, eigene Berechnung).")
    else:
        verb = _pick(("gestiegen", "angestiegen") if delta > 0 else ("gesunken", "zurückgegangen"), s.key)
        a, b = figure_text(first), figure_text(last)
        y1, y2, calc = first.year, last.year, "(eigene Berechnung)"
        text = _pick((f"Seit {y1} ist der Wert {name} in {s.place} von {a} auf {b} ({y2}) {verb}, um {amount} {calc}.",
                      f"Zwischen {y1} und {y2} ist {name} in {s.place} um {amount} {verb}, von {a} auf {b} {calc}."), s.key + "dev")
    figs = [first, last]
    peak = max(s.points.values(), key=lambda f: f.number if f.number is not None else float("-inf"))
    if peak.number is not None and peak.year not in (first.year, last.year) and peak.number > max(first.number, last.number):
        text += f" Den höchsten Wert erreichte er {peak.year} mit {figure_text(peak)}."
        figs.append(peak)
    if city is not None and city.first.year == first.year and city.latest.year == last.year:
        c1, c2 = figure_text(city.first), figure_text(city.latest)
        text += f" In der Gesamtstadt lag der Wert {first.year} bei {c1} und {last.year} bei {c2}."
        figs += [city.first, city.latest]
    return Statement(text=text, sources=_refs(figs), kind="development", calcs=[Calculation("diff", diff, (first.value, last.value))])


def city_series(collector: EvidenceCollector, s: Series, filters: QueryFilters) -> Series | None:
    points: dict[int, Figure] = {}
    for f in collector.figures([CITY_PLACE], filters):
        if f"{f.key}|{f.unit}" == s.key and f.source.doc_id == s.doc_id and f.year is not None:
            points.setdefault(f.year, f)
    return Series(s.key, s.indicator, CITY_PLACE, s.unit, points) if len(points) >= 2 else None


def development(collector: EvidenceCollector, series: list[Series], filters: QueryFilters) -> Section:
    section = Section("Entwicklung", layout="prose")
    for s in series:
        statement = development_sentence(s, city_series(collector, s, filters))
        if statement is not None:
            section.statements.append(statement)
    if not section.statements:
        section.intro = "Für diesen Raum liegen zum Thema keine Zeitreihen vor."
    return section


# --- comparison --------------------------------------------------------------------------------------------------------


def comparison(collector: EvidenceCollector, place: Place, series: list[Series], filters: QueryFilters, limit: int = 2,
               alike: Alike | None = None) -> Section:
    """The same figure in the other Stadtbezirke (for a Sozialraum: the other Sozialräume of its Bezirk)."""
    if place.level == "bezirk":
        title, names = "Vergleich mit den anderen Stadtbezirken", [b for b in _bezirke(collector) if b != place.name]
    else:
        siblings = [p for p in collector.places_within(collector.snapshot().vocabulary.places[place.bezirk])[1:] if p != place.name] \
            if place.bezirk in collector.snapshot().vocabulary.places else []
        title, names = f"Vergleich im Stadtbezirk {place.bezirk}", siblings
    section = Section(title, layout="prose")
    for s in series[:limit]:
        others = sorted(_same(collector, s, names, filters, alike).values(), key=lambda f: -(f.number or 0))
        if not others:
            continue
        parts = ", ".join(f"{f.place} {figure_text(f)}" for f in others)
        rest = "den übrigen Stadtbezirken" if place.level == "bezirk" else "den übrigen Sozialräumen des Stadtbezirks"
        text = _pick((f"Zum Vergleich „{s.indicator}“ {s.latest.year} in {rest}: {parts}.",
                      f"In {rest} lag der Wert „{s.indicator}“ {s.latest.year} bei: {parts}."), s.key + "cmp")
        section.statements.append(Statement(text=text, sources=_refs(others), kind="figure"))
    if not section.statements:
        section.intro = "Vergleichswerte anderer Räume wurden in denselben Tabellen nicht gefunden."
    return section


# --- voices, offers ------------------------------------------------------------------------------------------------------


def voice_sentence(quote: Quote, index: int) -> Statement:
    intro = VOICE_INTROS.get(quote.document.kind, ("In einem Dokument heißt es:", "Dort heißt es:"))[index % 2]
    text = quote.text if quote.text[:1] in "„\"" else f"„{quote.text}“"
    return Statement(text=f"{intro} {text}", sources=[quote.source], anchors=[quote.text], kind="voice",
                     label="")


def voices(quotes: list[Quote]) -> Section:
    section = Section("Was Befragungen und Konferenzen sagen", layout="prose")
    section.statements = [voice_sentence(q, i) for i, q in enumerate(quotes)]
    if not section.statements:
        section.intro = "Zum Thema wurden keine Aussagen aus Befragungen oder Konferenzen für diesen Raum gefunden."
    return section


def offers_summary(collector: EvidenceCollector, place: Place, matches: list[OfferRow], partners_shown: int = 3) -> Section:
    """'In Haspe verzeichnet die Angebotserhebung 27 Angebote zum Thema (gezählt) …' and the main partners."""
    section = Section("Angebote und Partner", layout="prose")
    if not matches:
        section.intro = "In den Angebotstabellen wurden für diesen Raum keine Angebote zum Thema gefunden."
        return section
    n = str(len(matches))
    by_area = Counter(m.table.cell(m.row, "sozialraum") or m.table.cell(m.row, "district") for m in matches)
    areas = [(a, c) for a, c in by_area.most_common() if a]
    text = f"Für {place.name} verzeichnet die Angebotserhebung {n} {'Angebot' if n == '1' else 'Angebote'} zum Thema (gezählt)"
    derived = [n]
    if len(areas) > 1:
        vocab = collector.snapshot().vocabulary
        def part(area: str, count: int) -> str:  # "7 in Haspe-Zentrum"; a label like "bezirksweit" is no place of this Bezirk
            found = vocab.resolve_place(area)
            inside = found is not None and found.name == area and place.district in (found.bezirk, found.name)
            return f"{count} in {area}" if inside else f"{count} {area}"

        text += ", davon " + _and([part(a, c) for a, c in areas[:4]])
        derived += [str(c) for _, c in areas[:4]]
    section.statements.append(Statement(text=text + ".", sources=merged_ref(matches, collector), anchors=[a for a, _ in areas[:4]],
                                        derived=derived, kind="offer"))
    groups: dict[str, list[OfferRow]] = defaultdict(list)
    for m in matches:
        if m.partner_key:
            groups[m.partner_key].append(m)
    top = sorted(groups.values(), key=lambda rows: (-len(rows), rows[0].partner_key))[:partners_shown]
    if top:
        names = [(Counter(m.table.cell(m.row, "partner") for m in rows).most_common(1)[0][0], str(len(rows))) for rows in top]
        listed = _and([f"{name} ({count})" for name, count in names])
        text = _pick((f"Die meisten dieser Angebote tragen {listed} (Anzahl gezählt).",
                      f"Als Träger treten vor allem {listed} in Erscheinung (Anzahl der Angebote gezählt)."), place.name)
        rows = [m for group in top for m in group]
        section.statements.append(Statement(text=text, sources=merged_ref(rows, collector), anchors=[name for name, _ in names],
                                            derived=[c for _, c in names], kind="partner"))
    return section


__all__ = ["KIND_LABELS", "comparison", "development", "offers_summary", "situation", "voices"]
