"""Changes over time across the places of a level: "Wo ist die Kinderarmut seit 2019 am stärksten gestiegen?",
"In welchen Stadtteilen ist die Zahl der Arbeitslosen gesunken?".

Each place's change runs from the asked start year (or the first year the tables cover broadly) to the asked end
year (or the newest); a place without a value at either end takes no part, and the answer says how many do. Ranking
the values of one year would answer another question (the highest level, not the largest rise).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.core.types import Answer
from assistant.services.kennzahlen.numbers import format_delta
from assistant.services.kennzahlen.values import Value

if TYPE_CHECKING:
    from assistant.services.kennzahlen.answers import _Runner


@dataclass(frozen=True)
class Change:
    """One place's values at both ends of the span, and the difference."""

    start: Value
    end: Value

    @property
    def delta(self) -> float:
        return self.end.value - self.start.value


def op_change(run: _Runner) -> Answer | None:
    """The places whose figure rose or fell (all of them, or the top ones for a superlative), cited at both ends."""
    intent = run.plan.intent
    level, pool = run._level_values()
    if not pool:
        return None
    years = sorted({v.year for v in pool})
    broad = [y for y in years if y in run.covered] or years
    asked = [y for y in intent.years if y != intent.year_to]  # "bis 2026" names the end year only
    end = intent.year_to if intent.year_to is not None else broad[-1]
    start = intent.year_from if intent.year_from is not None else (asked[0] if asked else broad[0])
    if intent.in_year:  # "In welchem Stadtteil ist die Zahl 2022 gesunken?": from the period before 2022
        start = max((y for y in years if y < end), default=end)
    levels = run.level_name(level or "other", plural=True)
    span = f"{start}–{end}"
    run.understand(f"{len({v.place for v in pool})} {run.level_name(level or 'other', True, dative=False)}", span)
    if start >= end or start not in years or end not in years:
        return run.missing(f"Für eine Veränderung {span} enthalten die Tabellen zu {run.label} keine Werte beider Jahre; "
                           f"vorhanden sind {', '.join(map(str, years))}.")
    at = {(v.place, v.year): v for v in pool}
    changes = [Change(at[(p, start)], at[(p, end)]) for p in sorted({v.place for v in pool}) if (p, start) in at and (p, end) in at]
    if len(changes) < 2:
        return None
    up = intent.change != "down"
    moved = [c for c in changes if (c.delta > 0 if up else c.delta < 0)]
    moved.sort(key=lambda c: (-c.delta if up else c.delta, c.start.place))
    word = "gestiegen" if up else "gesunken"
    run.derived.append(f"Veränderung {span} je Ort aus {run._sources_text([c.end for c in changes])}, "
                       f"{len(changes)} {levels} mit Werten beider Jahre")
    superlative = "rank" in intent.markers
    shown = moved[: max(intent.top_n, 1)] if superlative else moved
    listing = "; ".join(_line(run, c) for c in shown)
    if not moved:  # "In keinem der 5 Stadtbezirke …", with every place's values at both ends as the evidence
        shown = sorted(changes, key=lambda c: (-c.delta if up else c.delta, c.start.place))
        text = (f"In keinem der {len(changes)} {run.level_name(level or 'other', True, dative=False)} ist „{run.label}“ "
                f"von {start} bis {end} {word}.")
    elif superlative and len(shown) == 1:
        strongest = "am stärksten" if intent.direction == "desc" else "am schwächsten"
        text = f"{strongest.capitalize()} {word} ist „{run.label}“ von {start} bis {end} in {listing}."
    elif superlative:
        text = f"Am stärksten {word} ist „{run.label}“ von {start} bis {end} in: {listing}."
    else:
        text = f"In {len(moved)} von {len(changes)} {levels} ist „{run.label}“ von {start} bis {end} {word}: {listing}."
    rows = [[c.start.place, run.fmt(c.start), run.fmt(c.end), format_delta(c.delta, run.plan.unit),
             _both(run.refs(c.start), run.refs(c.end))]
            for c in shown]
    return run.answer(text, rows, [run.level_name(level or "other"), str(start), str(end), "Veränderung", "Quelle"])


def _line(run: _Runner, change: Change) -> str:
    """ "Altstadt 218 → 232 [1] (+14)": one citation when one row (a wide row of years) holds both ends."""
    start, end = run.refs(change.start), run.refs(change.end)
    first = "" if start == end else f" {start}"
    return (f"{change.start.place} {run.fmt(change.start)}{first} → {run.fmt(change.end)} {end} "
            f"({format_delta(change.delta, run.plan.unit)})")


def _both(start: str, end: str) -> str:
    return start if start == end else start + end
