"""The Steckbrief: a one-page profile of a Stadtbezirk or Sozialraum, every entry sourced."""

from __future__ import annotations

from collections.abc import Callable

from assistant.core.types import QueryFilters
from assistant.services.drafting import sections as sec
from assistant.services.drafting.evidence import EvidenceCollector
from assistant.services.drafting.types import ChartSpec, Draft, Section
from assistant.services.vocabulary import Place

MAX_CHART_LINES = 3


def chart_spec(place: Place, series: list[sec.Series]) -> ChartSpec | None:
    """The percentage indicators of the table over time (parsed from the sourced values)."""
    lines = []
    for s in series:
        if s.unit != "%" or len(s.points) < 2:
            continue
        points = [(y, f.number) for y, f in sorted(s.points.items()) if f.number is not None]
        lines.append((s.indicator, points))
    lines = lines[:MAX_CHART_LINES]
    return ChartSpec(f"{place.name}: Kennzahlen im Zeitverlauf", "%", lines) if lines else None


def build_factsheet(collector: EvidenceCollector, place: Place, filters: QueryFilters,
                    chart_renderer: Callable[[ChartSpec], bytes] | None = None) -> Draft:
    level = "Stadtbezirk" if place.level == "bezirk" else f"Sozialraum (Stadtbezirk {place.bezirk})" if place.bezirk else "Sozialraum"
    draft = Draft(title=f"Steckbrief {place.name}", subtitle=f"{level} – zusammengestellt aus den Dokumenten, jede Angabe mit Quelle")
    series = sec.select_series(collector, place, filters, topics=[], request_terms=set())
    draft.table = sec.figure_table(place, series)
    spec = chart_spec(place, series)
    if spec is not None and chart_renderer is not None:
        draft.chart_png = chart_renderer(spec)
        draft.chart_caption = f"{spec.title} (Werte aus der Kennzahlentabelle)"
    key = Section("Kennzahlen aktuell")
    key.statements = sec.current_figures(collector, place, series[:4], filters).statements
    matches = collector.offers(place, filters)
    by_topic = sec.offers_by_topic(collector, matches)
    by_topic.statements = by_topic.statements[:8]
    draft.sections = [key, by_topic, sec.partners(collector, matches, limit=8), sec.participation(collector, place, filters, limit=3)]
    if not draft.table:
        draft.notes.append("Für diesen Raum wurden keine Zeitreihen gefunden.")
    return draft
