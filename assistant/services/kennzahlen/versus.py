"""Two figures of one place set against each other: "Gibt es in Südpark mehr Frauen als Männer?", "Leben in Altstadt
mehr Männer oder Frauen?" — each figure planned on its own, read for the same place and year, cited, and the larger
named; nothing when either figure or the common year is missing (the text path answers instead)."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.core.types import Answer, DocumentMeta
from assistant.services.kennzahlen.answers import band_sums
from assistant.services.kennzahlen.catalog import Catalog
from assistant.services.kennzahlen.citing import Citer
from assistant.services.kennzahlen.numbers import format_delta, format_period, format_value
from assistant.services.kennzahlen.plan import KennzahlPlan
from assistant.services.kennzahlen.rollup import roll_up
from assistant.services.kennzahlen.values import Value, pick_values
from assistant.text import simple_key

_WORD = r"[^\W\d_][\w-]*"
#: "mehr Frauen als Männer", "mehr Männer oder Frauen", "weniger Kinder als Senioren" (never "mehr als 100").
_VERSUS = re.compile(rf"\b(?P<cue>mehr|weniger)\s+(?!als\b|oder\b)(?P<a>{_WORD}(?:\s+(?!als\b|oder\b){_WORD})?)\s+(?:als|oder)\s+"
                     rf"(?:mehr\s+|weniger\s+)?(?!(?:in|im|am|bei|auf|an|zu|der|die|das|den|dem)\b)(?P<b>{_WORD}(?:\s+{_WORD})?)",
                     re.IGNORECASE)


def asked_pair(question: str) -> tuple[str, str] | None:
    """The two things a "mehr X als Y" question sets against each other, or None."""
    match = _VERSUS.search(question)
    return (match.group("a"), match.group("b")) if match else None


def versus_answer(question: str, plan_of: Callable[[str], KennzahlPlan | None], catalog: Catalog,
                  documents: Callable[[str], DocumentMeta | None]) -> Answer | None:
    """The two figures of the one asked place side by side, the larger named; None when it is no such question."""
    pair = asked_pair(question)
    places = catalog.resolver.find(question) if pair else []
    if pair is None or len(places) != 1:
        return None
    place = places[0]
    years = " ".join(str(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", question))
    plans = [plan_of(f"Wie viele {thing} gab es {years} in {place.name}?".replace("  ", " ")) for thing in pair]
    if any(p is None or p.op != "lookup" for p in plans) or \
            set(plans[0].all_keys) & set(plans[1].all_keys) or (plans[0].unit == "%") != (plans[1].unit == "%"):
        return None

    def doc_date(doc_id: str) -> str:
        doc = documents(doc_id)
        return doc.date if doc else ""

    series = [_values_at(p, place.name, catalog, doc_date) for p in plans]
    common = sorted(set(series[0]) & set(series[1]))
    if not common:
        return None
    year = common[-1]
    first, second = series[0][year], series[1][year]
    citer = Citer(catalog.rows_for, documents)
    unit = plans[0].unit

    def shown(plan: KennzahlPlan, value: Value) -> str:
        return f"{plan.indicator_label} {format_value(value.value, unit, value.fact.raw)} [{citer.cite(value.fact)}]"

    head = f"{place.name}, {format_period(first.fact.period)}: {shown(plans[0], first)}; {shown(plans[1], second)}."
    difference = first.value - second.value
    if difference == 0:
        verdict = " Beide Werte sind gleich."
    else:
        larger = pair[0] if difference > 0 else pair[1]
        verdict = f" Mehr sind es bei „{larger}“ ({format_delta(abs(difference), unit)})."
    newest = "" if plans[0].intent.years else ", neuester gemeinsamer Stand"
    understood = f"Verstanden als: {plans[0].indicator_label} gegenüber {plans[1].indicator_label} · {place.name} · {year}{newest}."
    text = "\n".join([head + verdict, understood,
                      f"Eigene Berechnung: Unterschied „{pair[0]}“ gegenüber „{pair[1]}“: {format_delta(difference, unit)}."])
    return Answer(question=question, text=text, citations=citer.citations, mode="extractive")


def _values_at(plan: KennzahlPlan, place: str, catalog: Catalog, doc_date: Callable[[str], str]) -> dict[int, Value]:
    """Year → the place's value of the plan's figure (the asked year when the question names one)."""
    wanted = simple_key(place)
    facts = [f for f in catalog.facts_for(plan.all_keys) if (f.unit == "%") == (plan.unit == "%")]
    if plan.unit != "%" and plan.rollups:  # a Bezirk the tables give only as its Sozialräume: their sum (counts only)
        facts = roll_up(facts, plan.rollups, {p.name: p.level for p in plan.places})[0]
    facts = [f for f in facts if (f.place_key or simple_key(f.place)) == wanted]
    values = band_sums(facts, plan, doc_date) if plan.band_keys else pick_values(facts, plan.indicator_keys, doc_date)
    years = plan.intent.years
    return {year: v for (_, year), v in values.items() if not years or year in years}
