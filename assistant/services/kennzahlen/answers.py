"""Runs a KennzahlPlan on the FactStore and writes the answer: one German sentence with value, unit, period and
level, then a compact table of the rows used, every value cited; derived values (ranks, sums, differences,
means) are labelled "eigene Berechnung"; a missing year or place is said precisely instead of answered."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable

from assistant.core.types import Answer, DocumentMeta, Fact
from assistant.services.kennzahlen.catalog import Catalog, asks_about_respondents, asks_forecast, is_forecast
from assistant.services.kennzahlen.changes import op_change
from assistant.services.kennzahlen.citing import Citer
from assistant.services.kennzahlen.numbers import format_delta, format_number, format_period, format_value
from assistant.services.kennzahlen.plan import KennzahlPlan
from assistant.services.kennzahlen.rollup import roll_up
from assistant.services.kennzahlen.shares import band_shares, derived_shares, keep_shares, share_note, total_keys
from assistant.services.kennzahlen.values import LEVEL_NAMES, SMALL_AREAS, Undated, Value, explicit_period, level_of_rows, pick_values
from assistant.text import simple_key

PLACE_OPS = {"lookup", "compare", "trend", "sum", "peak"}
_OP_WORDS = {">": "über", ">=": "bei mindestens", "<": "unter", "<=": "bei höchstens"}


#: A sum of more rows than this cites them as a range ("[1]–[18]"), each row still listed among the sources.
_RANGE_FROM = 4


def cite_run(numbers: list[int]) -> str:
    """"[1][2]" for a few citations; "[1]–[18]" for a consecutive run of many (a city summed from its 18 parts)."""
    if len(numbers) > _RANGE_FROM and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return f"[{numbers[0]}]–[{numbers[-1]}]"
    return "".join(f"[{n}]" for n in numbers)


def run_plan(question: str, plan: KennzahlPlan, catalog: Catalog, documents: Callable[[str], DocumentMeta | None]) -> Answer | None:
    """The answer to a planned question; None when the store holds nothing for it (the text path may know more)."""
    # every fact of the indicator: which years the tables cover broadly decides "the newest period"
    # a share above 100 % is a misread cell (a count under a "%" header), never a figure to answer with
    facts = [f for f in catalog.facts_for(plan.all_keys) if not (f.unit == "%" and f.value is not None and abs(f.value) > 100)]
    # one label ("65+") may head a share in one table and a count in another: never mix the two
    facts = [f for f in facts if (f.unit == "%") == (plan.unit == "%")]
    if catalog.sample_tables and not plan.doc_ids and not asks_about_respondents(question):
        # a survey table's "Anteil 65+" by Bezirk is a share of the respondents: the population's figure, where any
        # table has one, answers a question about the population
        residents = [f for f in facts if (f.doc_id, f.table) not in catalog.sample_tables]
        facts = residents or facts
    if not asks_forecast(question):
        # a forecast ("Vorausschätzung 2030") is no current figure: only a year no measured figure covers asks for it
        measured = [f for f in facts if not is_forecast(f.indicator)]
        newest = max((f.year for f in measured if f.year is not None), default=None)
        if newest is not None and not any(y > newest for y in plan.intent.years):
            facts = measured
    since_doc = bool(plan.doc_ids) and any(r.since for r in plan.intent.doc_refs)
    if plan.doc_ids and not since_doc:
        facts = [f for f in facts if f.doc_id in plan.doc_ids]  # "laut Sozialbericht 2019": that document's figures only
    covered = broad_years(facts)
    if plan.op in PLACE_OPS and plan.places:
        wanted = {simple_key(p) for p in ({p.name for p in plan.places} | {c for kids in plan.rollups.values() for c in kids})}
        facts = [f for f in facts if (f.place_key or simple_key(f.place)) in wanted]
    if since_doc and plan.intent.year_from is None:
        # "seit dem Sozialbericht 2019": from the newest period that document states (its data may be older)
        stated = [f.year for f in facts if f.doc_id in plan.doc_ids and f.year is not None and f.value is not None]
        if not stated:
            return None
        plan.intent.year_from = max(stated)
    derived_sums: dict[str, str] = {}
    if plan.rollups and plan.unit != "%" and plan.op in PLACE_OPS:
        facts, derived_sums = roll_up(facts, plan.rollups, {p.name: p.level for p in plan.places})

    def doc_date(doc_id: str) -> str:
        doc = documents(doc_id)
        return doc.date if doc else ""

    values = band_sums(facts, plan, doc_date) if plan.band_keys else pick_values(facts, plan.indicator_keys, doc_date)
    withheld = {((f.place_key or simple_key(f.place)), f.year): f for f in facts
                if f.value is None and f.year is not None and f.raw.strip() and f.indicator_key in plan.indicator_keys}
    if not values:
        if not (withheld and plan.op in ("lookup", "compare")):
            return None
        runner = _Runner(question, plan, [], Citer(catalog.rows_for, documents))
        runner.withheld = withheld
        return runner.only_withheld()  # "Waldhöhe: –": the row is there, its cell withholds the value
    share_derived = ""
    if plan.intent.asks_share and plan.unit != "%" and not plan.band_keys:
        # "Anteil der Frauen" over counts: weiblich ÷ insgesamt of each row, where the row has its total
        population = catalog.matcher.match("einwohner insgesamt")
        keys = total_keys(plan.indicator_keys, catalog.labels, population.keys if population else [])
        totals = catalog.facts_for(keys) if keys else []
        if totals and plan.rollups:  # "Frauenanteil in Kiel": the city's sum of women over its sum of everyone
            totals = roll_up(totals, plan.rollups, {p.name: p.level for p in plan.places})[0]
        shares = derived_shares(values.values(), totals) if keys else {}
        if keep_shares(shares, values):
            total = next(iter(shares.values())).share_of
            asked = {p.name for p in plan.places}
            summed = any(getattr(v.share_of, "parts", None) for v in shares.values() if v.place in asked)
            share_derived = share_note(plan.indicator_label, total.indicator if total else "insgesamt", summed=summed)
            values, plan.unit, plan.indicator_label = shares, "%", f"Anteil {plan.indicator_label}"
    if plan.intent.asks_share and plan.unit != "%" and plan.band_keys:
        # "Kinderanteil in Mettenhof" over a sheet of age bands: the range's sum over the sum of all the row's bands
        share_derived = _band_share(plan, values, facts, catalog)
        if share_derived:
            values, plan.unit, plan.indicator_label = share_derived[0], "%", f"Anteil {plan.indicator_label}"
            share_derived = share_derived[1]
    runner = _Runner(question, plan, list(values.values()), Citer(catalog.rows_for, documents))
    if plan.unit != "%" and plan.op not in PLACE_OPS and (plan.intent.asks_share or _share_threshold(plan)):
        # "Stadtteile mit über 40 % Verheirateten", "höchster Frauenanteil" over counts: ranking or filtering the
        # counts would answer another question
        return runner.missing(f"Gefragt war ein Anteil; die Tabellen nennen zu „{plan.indicator_label}“ nur Anzahlen. "
                              "Eine Rangfolge oder Auswahl nach Anteilen lässt sich daraus nicht bilden.")
    runner.covered = covered
    runner.withheld = withheld
    runner.city_names = {simple_key(n) for n in catalog.resolver.city_names}
    runner.sum_notes = derived_sums
    if share_derived:
        runner.derived.append(share_derived)
    if plan.band_keys:
        bands = sorted({f.indicator.split(":")[-1].strip() for f in facts if f.indicator_key in plan.band_keys})
        parts = "der Altersgruppen" if plan.band is not None else "aus"  # an age range, or one figure's two sexes
        runner.derived.append(f"Summe {parts} " + " + ".join(_band_order(bands)))
    return runner.run()


def _band_share(plan: KennzahlPlan, values: dict, facts: list[Fact], catalog: Catalog) -> tuple[dict, str] | None:
    """The age range's values as shares of all age bands of their rows, and how they were computed; None when most
    rows' bands do not cover every age exactly once."""
    bands = {k: info.band for k, info in catalog.matcher.infos.items() if info.band is not None}
    docs = {v.fact.doc_id for v in values.values()}
    row_facts = [f for f in catalog.facts_for(list(bands)) if f.doc_id in docs]
    if plan.rollups:  # "Kinderanteil in Kiel": the city's sums of every band
        row_facts = roll_up(row_facts, plan.rollups, {p.name: p.level for p in plan.places})[0]
    shares = band_shares(values.values(), row_facts, bands)
    if not keep_shares(shares, values):
        return None
    return shares, f"Anteil = {plan.indicator_label} ÷ Summe aller Altersgruppen derselben Tabellenzeile × 100"


def _share_threshold(plan: KennzahlPlan) -> bool:
    threshold = plan.intent.threshold
    return threshold is not None and threshold.unit == "%" and not threshold.reference


def _band_order(labels: list[str]) -> list[str]:
    from assistant.services.kennzahlen.bands import label_band

    return sorted(labels, key=lambda t: (label_band(t) or ((999, 999), ""))[0])


def band_sums(facts: list[Fact], plan: KennzahlPlan, doc_date) -> dict[tuple[str, int], Value]:
    """Age ranges as sums of the table's bands (only where every band is there: the bands add up exactly)."""
    per_key: dict[str, dict[tuple[str, int], Value]] = {}
    for key in plan.band_keys:
        per_key[key] = pick_values([f for f in facts if f.indicator_key == key], [key], doc_date)
    result: dict[tuple[str, int], Value] = {}
    first = per_key[plan.band_keys[0]]
    for place_year, value in first.items():
        parts = [per_key[k].get(place_year) for k in plan.band_keys]
        if any(p is None for p in parts):
            continue
        total = sum(p.value for p in parts)
        result[place_year] = Value(value.place, value.level, value.year, total, value.fact, parts=[p.fact for p in parts])
    return result


class _Runner:
    def __init__(self, question: str, plan: KennzahlPlan, values: list[Value], citer: Citer):
        self.question = question
        self.plan = plan
        self.values = values
        self.citer = citer
        self.label = plan.indicator_label
        self.derived: list[str] = []
        self.notes: list[str] = []
        self.covered: set[int] = set()
        self.city_names: set[str] = set()
        #: (place key, year) → a cell the table leaves without a value ('.', '–', 'x': secret or not available).
        self.withheld: dict[tuple[str, int], object] = {}
        #: How the question was read (figure, places or level, period): the answer's "Verstanden als" line.
        self.understood = ""
        self.understood_scope = ""
        self.level_scope = ""
        #: Rolled-up facts (a Bezirk summed from its Sozialräume) → the facts summed, which are what gets cited.
        self.parts_of = {id(f): list(f.parts) for f in (v.fact for v in values) if getattr(f, "parts", None)}
        #: Parent → "Haspe als Summe seiner 3 Teilräume (…)": said once an answer cites such a sum.
        self.sum_notes: dict[str, str] = {}

    # --- helpers ---------------------------------------------------------------------------------------------

    def fmt(self, value: Value | float, delta: bool = False) -> str:
        if isinstance(value, Value):
            raw = "" if value.share_of is not None else (value.fact.raw if not value.parts else value.parts[0].raw)
            return format_value(value.value, self.plan.unit, raw)
        return format_delta(value, self.plan.unit) if delta else format_value(value, self.plan.unit, "")

    def refs(self, value: Value) -> str:
        """One citation per row that holds the value (the summed rows for a sum): an agreeing second source adds no
        evidence the reader needs, and a citation without the stated value lowers the answer's precision."""
        facts = value.parts or self.parts_of.get(id(value.fact)) or [value.fact]
        # a share of two sums ("Frauenanteil in Kiel"): the rows summed, never a row the tables do not have
        facts = [part for f in facts for part in (getattr(f, "parts", None) or [f])]
        summed = id(value.fact) in self.parts_of or bool(getattr(value.fact, "parts", None))
        note = self.sum_notes.get(value.place) if summed else None
        if note and note not in self.derived:
            self.derived.insert(0, note)
        return cite_run(list(dict.fromkeys(self.citer.cite(f) for f in facts)))

    def conflict_text(self, value: Value) -> str:
        parts = []
        for other in value.conflicts:
            parts.append(f"„{self.citer.title(other.doc_id)}“ nennt {format_value(other.value, self.plan.unit, other.raw)} "
                         f"[{self.citer.cite(other)}]")
        if not parts:
            return ""
        return f" Die Dokumente weichen ab: {self._source_name(value)} nennt {self.fmt(value)}; " + "; ".join(parts)

    def _source_name(self, value: Value) -> str:
        return f"„{self.citer.title(value.fact.doc_id)}“"

    def level_name(self, level: str, plural: bool = False, dative: bool = True) -> str:
        """Singular, or the plural (dative by default: "unter 18 Sozialräumen")."""
        return LEVEL_NAMES.get(level, LEVEL_NAMES["other"])[(2 if dative else 1) if plural else 0]

    def place_text(self, value: Value) -> str:
        if value.level in ("stadt",):
            return value.place
        return f"{value.place} ({self.level_name(value.level)})"

    def period(self, value: Value) -> str:
        return format_period(value.fact.period) if not isinstance(value.year, Undated) else "ohne Stichtag"

    def understand(self, scope: str, period: str) -> None:
        """Record how the question was read, for the "Verstanden als" line."""
        unit = {"%": "Anteil in %", "": "Anzahl", "Anzahl": "Anzahl"}.get(self.plan.unit, self.plan.unit)
        parts = [f"{self.label} ({unit})", scope, period]
        if self.plan.doc_ids:
            since = any(r.since for r in self.plan.intent.doc_refs)
            titles = ", ".join(f"„{self.citer.title(d)}“" for d in sorted(self.plan.doc_ids)[:3])
            parts.append(("ab dem Stand von " if since else "Werte aus ") + titles)
        self.understood = "Verstanden als: " + " · ".join(p for p in parts if p) + "."

    def year_text(self, year: int | None, note: str) -> str:
        if year is None:
            return ""
        if isinstance(year, Undated):
            return "ohne Stichtag (die Tabelle nennt keinen)"
        return f"{year}, neuester Stand (kein Jahr genannt)" if note else str(year)

    def answer(self, text: str, rows: list[list[str]], header: list[str], refused: bool = False) -> Answer:
        intent = self.plan.intent
        if self.plan.unit == "%" and "how_many" in intent.markers and not intent.asks_share and self.plan.op in PLACE_OPS:
            text += " Gefragt war eine Anzahl; die Tabellen nennen hierzu nur den Anteil."
        elif self.plan.unit != "%" and intent.asks_share and self.plan.op in PLACE_OPS and not refused:
            text += " Gefragt war ein Anteil; die Tabellen nennen hierzu nur die Anzahl."
        body = [text]
        if self.understood:
            body.append(self.understood)
        if self.derived:
            body.append("Eigene Berechnung: " + "; ".join(self.derived) + ".")
        if rows:
            body.append("")
            body.append("| " + " | ".join(header) + " |")
            body.append("|" + "---|" * len(header))
            body += ["| " + " | ".join(r) + " |" for r in rows]
        return Answer(question=self.question, text="\n".join(body), citations=self.citer.citations, refused=refused,
                      notes=self.notes, mode="extractive")

    def missing(self, text: str) -> Answer:
        if self.understood:
            text += "\n" + self.understood
        return Answer(question=self.question, text=text, citations=self.citer.citations, refused=True, mode="extractive")

    def scope_of(self, places) -> str:
        named = ", ".join(p.name if p.level == "stadt" else f"{p.name} ({self.level_name(p.level)})" for p in places)
        if self.plan.assumed_city:
            return f"{named} (gesamte Stadt; kein Ort genannt)"
        return named

    def newest_note(self, year: int) -> str:
        if isinstance(year, Undated):
            return ""  # the period says so: "ohne Stichtag"
        return " (neuester Stand der Tabellen; kein Jahr genannt)"

    def by_year(self, values: list[Value]) -> dict[int, list[Value]]:
        grouped: dict[int, list[Value]] = defaultdict(list)
        for v in values:
            grouped[v.year].append(v)
        return grouped

    def pick_year(self, values: list[Value], what: str) -> tuple[int | None, str, Answer | None]:
        """The asked year (or the newest, said so); a missing asked year is an answer of its own."""
        years = sorted({v.year for v in values})
        asked = self.plan.intent.years
        if asked:
            year = asked[-1]
            if year not in years and all(isinstance(y, Undated) for y in years):
                self.understand(self.understood_scope, str(year))
                shown = "; ".join(f"{self.place_text(v)} {self.fmt(v)} {self.refs(v)}" for v in values[:3])
                return None, "", self.missing(f"Die Tabellen zu {self.label} nennen keinen Stichtag; ob ihre Werte für {year} "
                                              f"gelten, steht dort nicht. Ohne Jahresangabe: {shown}.")
            if year not in years:
                self.understand(self.understood_scope, str(year))
                nearest = min(years, key=lambda y: (abs(y - year), -y))
                at_nearest = [v for v in values if v.year == nearest]
                offer = ""
                if len({v.place for v in at_nearest}) == 1:  # one place: its value of the nearest year, labelled as such
                    v = at_nearest[0]
                    cell = self.withheld.get((simple_key(v.place), year))
                    withheld = f"[{self.citer.cite(cell)}]" if cell is not None else ""
                    offer = f" Nächstliegendes Jahr (nicht das gefragte): {nearest} – {self.place_text(v)} {self.fmt(v)} {self.refs(v)}."
                    if cell is not None:  # the row is there, its cell says why there is no value
                        return None, "", self.missing(
                            f"Für {year} nennt die Tabelle zu {self.label} in {v.place} keinen Wert (Zeichen „{cell.raw.strip()}“: "
                            f"geheim gehalten oder nicht verfügbar) {withheld}.{offer}")
                return None, "", self.missing(
                    f"Für {year} enthalten die Tabellen keine Werte zu {self.label}{what}; "
                    f"vorhanden sind {_years_text(years)}, neuester Stand {years[-1]}.{offer}"
                )
            return year, "", None
        broad = [y for y in years if y in self.covered] or years
        return broad[-1], self.newest_note(broad[-1]), None

    # --- operations ------------------------------------------------------------------------------------------

    def run(self) -> Answer | None:
        op = self.plan.op
        intent = self.plan.intent
        if op in ("lookup", "compare") and intent.years and "now" in intent.markers:
            intent.year_from, intent.year_to, intent.years = intent.years[0], None, []
            op = "trend"  # "2019 stand … – wie hoch ist sie aktuell?": from that year to the newest
        if op in ("lookup", "compare") and len(intent.years) >= 2:
            op = "trend"
        handler = getattr(self, "op_" + op, None)
        return handler() if handler else None

    def _place_values(self) -> dict[str, list[Value]]:
        """Values by the asked place's name (a table may spell it "Eilpe / Dahl", the question's place "Eilpe/Dahl")."""
        asked = {simple_key(p.name): p.name for p in self.plan.places}
        by_place: dict[str, list[Value]] = defaultdict(list)
        for v in self.values:
            by_place[asked.get(simple_key(v.place), v.place)].append(v)
        return by_place

    def op_lookup(self) -> Answer | None:
        return self.op_compare()

    def only_withheld(self) -> Answer | None:
        """One asked place whose row is there but whose cell holds no value ("–", "."): said so with the cell cited,
        never another figure in its place; None when the tables have no row for it."""
        if len(self.plan.places) != 1:
            return None
        key = simple_key(self.plan.places[0].name)
        asked = self.plan.intent.years
        cells = sorted((f for (place, year), f in self.withheld.items() if place == key and (not asked or year in asked)),
                       key=lambda f: f.period)
        if not cells:
            return None
        cell = cells[-1]
        self.understood_scope = self.scope_of(self.plan.places)
        self.understand(self.understood_scope, str(cell.year))
        return self.missing(f"Für {self.plan.places[0].name} nennt die Tabelle zu „{self.label}“ {cell.year} keinen Wert (Zeichen "
                            f"„{cell.raw.strip()}“: geheim gehalten oder nicht verfügbar) [{self.citer.cite(cell)}].")

    def _withheld_after(self, places: list, year) -> object | None:
        """The newest cell of the one asked place that withholds its value in a period after `year` (no year asked):
        "Kirchdorf 2023: x" makes the 2022 value the last one stated, not the newest."""
        if len(places) != 1 or self.plan.intent.years or isinstance(year, Undated):
            return None
        key = simple_key(places[0].name)
        later = [f for (place, y), f in self.withheld.items() if place == key and not isinstance(y, Undated) and y > year]
        return max(later, key=lambda f: f.period) if later else None

    def op_compare(self) -> Answer | None:
        by_place = self._place_values()
        places = _one_city((p for p in self.plan.places if p.name in by_place), by_place)
        has_city = any(p.level == "stadt" for p in places)
        missing_places = [p.name for p in self.plan.places if p.name not in by_place and not (p.level == "stadt" and has_city)]
        if not places:
            return self.only_withheld()
        if missing_places:
            self.notes.append("Keine Werte zu " + ", ".join(missing_places) + f" für {self.label}.")
        pool = [v for p in places for v in by_place[p.name]]
        common = set.intersection(*({v.year for v in by_place[p.name]} for p in places))
        usable = [v for v in pool if v.year in common] if common else pool
        self.understood_scope = self.scope_of(places)
        year, note, missing = self.pick_year(usable, " in " + ", ".join(p.name for p in places))
        if missing:
            return missing
        newer = self._withheld_after(places, year)
        if newer is not None:
            note = " (letzter Stand mit Wert)"  # the newest period withholds it: never called the newest value
        self.understand(self.understood_scope, self.year_text(year, note) if newer is None
                        else f"{year}, letzter Stand mit Wert ({newer.year} ohne Wert; kein Jahr genannt)")
        chosen = [next(v for v in by_place[p.name] if v.year == year) for p in places if any(v.year == year for v in by_place[p.name])]
        parts = [f"{self.place_text(v)} {self.fmt(v)} {self.refs(v)}" for v in chosen]
        if len(chosen) == 1:
            v = chosen[0]
            text = f"{self.label} – {self.place_text(v)}, {self.period(v)}{note}: {self.fmt(v)} {self.refs(v)}."
            if newer is not None:
                text = (f"Für {newer.year} nennt die Tabelle zu „{self.label}“ in {v.place} keinen Wert (Zeichen „{newer.raw.strip()}“: "
                        f"geheim gehalten oder nicht verfügbar) [{self.citer.cite(newer)}]. Zuletzt angegeben: " + text)
        else:
            text = f"{self.label} {year}{note}: " + "; ".join(parts) + "."
            if len(chosen) == 2:
                diff = chosen[0].value - chosen[1].value
                self.derived.append(f"Unterschied {chosen[0].place} gegenüber {chosen[1].place}: {self.fmt(diff, delta=True)}")
                if diff:
                    higher, lower = (chosen[0], chosen[1]) if diff > 0 else (chosen[1], chosen[0])
                    text += f" Höher ist der Wert in {higher.place}, niedriger in {lower.place}."
                else:
                    text += " Beide Werte sind gleich."
        if self.plan.op == "sum" and len(chosen) >= 2:
            return self.op_sum()
        text += "".join(self.conflict_text(v) for v in chosen)
        rows = [[v.place, self.level_name(v.level), self.period(v), self.fmt(v), self.refs(v)] for v in chosen]
        return self.answer(text, rows, ["Raum", "Ebene", "Stand", self.label, "Quelle"])

    def op_peak(self) -> Answer | None:
        """"Wann war die Arbeitslosenquote in Altstadt am höchsten?": the year of the place's highest (or lowest) value
        among all its years, every year's value shown."""
        place = self.plan.places[0]
        series = sorted((v for v in self._place_values().get(place.name, []) if not isinstance(v.year, Undated)), key=lambda v: v.year)
        if len(series) < 2:
            return self.op_compare()
        high = self.plan.intent.direction != "asc"
        best = (max if high else min)(v.value for v in series)
        peaks = [v for v in series if v.value == best]
        self.understood_scope = self.scope_of([place])
        self.understand(self.understood_scope, f"{series[0].year}–{series[-1].year}")
        word = "Am höchsten" if high else "Am niedrigsten"
        when = " und ".join(f"{v.year} {self.refs(v)}" for v in peaks)
        text = (f"{word} war „{self.label}“ in {self.place_text(place_value := peaks[0])} {when} mit {self.fmt(place_value)} "
                f"(Werte {series[0].year}–{series[-1].year}).")
        self.derived.append(f"{'höchster' if high else 'niedrigster'} Wert unter {len(series)} Jahren")
        rows = [[str(v.year), self.fmt(v), self.refs(v)] for v in series]
        return self.answer(text, rows, ["Jahr", self.label, "Quelle"])

    def op_trend(self) -> Answer | None:
        by_place = self._place_values()
        places = _one_city((p for p in self.plan.places if p.name in by_place), by_place)
        if not places:
            return None
        intent = self.plan.intent
        text_parts, rows = [], []
        self.understood_scope = self.scope_of(places)
        spans: list[tuple[int, int]] = []
        for place in places:
            series = sorted(by_place[place.name], key=lambda v: v.year)
            years = [v.year for v in series]
            if intent.last_years and intent.year_from is None:
                broad = [y for y in years if y in self.covered] or years
                end, start = broad[-1], broad[-1] - intent.last_years
                series = [v for v in series if start <= v.year <= end]
                if len(series) < 2:
                    self.understand(self.understood_scope, f"{start}–{end}")
                    return self.missing(f"Für die letzten {intent.last_years} Jahre ({start}–{end}) enthalten die Tabellen zu "
                                        f"{self.label} in {place.name} keine zwei Werte; vorhanden sind {_years_text(years)}.")
            elif intent.year_from is not None or intent.year_to is not None or intent.in_year:
                start = intent.year_from if intent.year_from is not None else years[0]
                broad = [y for y in years if y in self.covered] or years
                end = intent.year_to if intent.year_to is not None else broad[-1]
                if intent.in_year:  # "Ist die Zahl 2023 gestiegen?": from the period before 2023
                    start = max((y for y in years if y < end), default=end)
                    if start == end:
                        self.understand(self.understood_scope, str(end))
                        return self.missing(f"Für die Zeit vor {end} enthalten die Tabellen keine Werte zu {self.label} in "
                                            f"{place.name}; vorhanden sind {_years_text(years)}.")
                for wanted in (start, end):
                    if wanted not in years:
                        self.understand(self.understood_scope, f"{start}–{end}")
                        return self.missing(f"Für {wanted} enthalten die Tabellen keine Werte zu {self.label} in {place.name}; "
                                            f"vorhanden sind {_years_text(years)}.")
                series = [v for v in series if start <= v.year <= end]
            elif len(intent.years) >= 2:
                absent = [y for y in intent.years if y not in years]
                if absent:
                    self.understand(self.understood_scope, _years_text(intent.years))
                    return self.missing(f"Für {_years_text(absent)} enthalten die Tabellen keine Werte zu {self.label} in {place.name}; "
                                        f"vorhanden sind {_years_text(years)}.")
                series = [v for v in series if v.year in intent.years]
            if len(series) < 2:
                continue
            first, last = series[0], series[-1]
            spans.append((first.year, last.year))
            diff = last.value - first.value
            trend = "gestiegen" if diff > 0 else ("gesunken" if diff < 0 else "unverändert")
            change = self.fmt(diff, delta=True)
            if intent.relative_change and first.value:  # "um wie viel Prozent": the change against the start value
                change += f" bzw. {format_delta(100 * diff / first.value, decimals=1)} %"
            text_parts.append(f"{self.place_text(first)}: {first.year} {self.fmt(first)} {self.refs(first)} → "
                              f"{last.year} {self.fmt(last)} {self.refs(last)} ({trend}, {change})")
            self.derived.append(f"Veränderung {place.name} {first.year}–{last.year}: {change}")
            rows += [[v.place, self.period(v), self.fmt(v), self.refs(v)] for v in _series_shown(series)]
            text_parts[-1] += self.conflict_text(last)
        if not text_parts:
            return None
        periods = sorted(set(spans))
        self.understand(self.understood_scope, "; ".join(f"{a}–{b}" for a, b in periods))
        text = f"Entwicklung {self.label}: " + "; ".join(text_parts) + "."
        return self.answer(text, rows, ["Raum", "Stand", self.label, "Quelle"])

    def _level_values(self) -> tuple[str | None, list[Value]]:
        """Values at the level the question ranks over (never mixing in Bezirk or city totals)."""
        asked = self.plan.level
        places = self.plan.places
        if asked is None and self.plan.intent.rank_of and places:
            asked = places[0].level
        among = len(places) >= 2 and not self.plan.intent.rank_of and len({p.level for p in places}) == 1
        own = [p for p in places if p.level != "stadt"]
        if asked is None and self.plan.op == "filter" and _YES_NO.match(self.question) and own:
            # "Ist die Kinderarmut in Haspe höher als in der Gesamtstadt?": about Haspe itself, not its Sozialräume
            level = level_of_rows(self.values, own[0].level)
            return level, [v for v in self.values if v.level == level]
        if asked is None and among:
            asked = places[0].level  # "Haspe oder Hohenlimburg – wo ist … am höchsten?": ranked among the named places
        level = level_of_rows(self.values, asked)
        pool = [v for v in self.values if v.level == level]
        if among:
            named = {simple_key(p.name) for p in places}
            inside = [v for v in pool if simple_key(v.place) in named]
            if len(inside) >= 2:
                return level, inside
        within = [p for p in self.plan.places if p.level not in (level, *([x for x in SMALL_AREAS] if level in SMALL_AREAS else []))]
        if within and not self.plan.intent.rank_of:
            keys = {simple_key(p.name) for p in within}
            # a table without a Bezirk column still lists the place's children: those other tables name under it
            kids = {simple_key(child) for p in within for child in self.plan.rollups.get(p.name, ())}
            inside = [v for v in pool if simple_key(v.fact.parent_place) in keys or simple_key(v.place) in kids]
            if inside:
                pool = inside
        return level, pool

    def _year_pool(self) -> tuple[int | None, str, list[Value], Answer | None]:
        level, pool = self._level_values()
        if not pool:
            return None, "", [], None
        levels = self.level_name(level or "other", True, dative=False)
        self.understood_scope = f"{len({v.place for v in pool})} {levels}"
        if self.plan.threshold is not None:
            self.understood_scope += " " + self._threshold_text(refs=False)
        year, note, missing = self.pick_year(pool, f" ({self.level_name(level or 'other', True)})")
        if missing:
            return None, "", [], missing
        chosen = [v for v in pool if v.year == year]
        self.level_scope = f"{len(chosen)} {levels}"
        self.understood_scope = self.level_scope + (" " + self._threshold_text(refs=False) if self.plan.threshold is not None else "")
        self.understand(self.understood_scope, self.year_text(year, note))
        return year, note, chosen, None

    def op_change(self) -> Answer | None:
        return op_change(self)

    def op_rank(self) -> Answer | None:
        year, note, pool, missing = self._year_pool()
        if missing or not pool:
            return missing
        intent = self.plan.intent
        desc = intent.direction == "desc"
        ranked = sorted(pool, key=lambda v: (-v.value if desc else v.value, v.place))
        n = len(ranked)
        level = ranked[0].level
        levels = self.level_name(level, plural=True)
        source = self._sources_text(ranked)
        word = "höchste" if desc else "niedrigste"
        if intent.rank_of and self.plan.places:
            target = next((v for v in ranked if simple_key(v.place) == simple_key(self.plan.places[0].name)), None)
            if target is None:
                return None
            position = _rank_position(ranked, target)
            text = (f"{self.place_text(target)} liegt {year}{note} bei {self.label} mit {self.fmt(target)} {self.refs(target)} "
                    f"auf Rang {position} von {n} {levels} (Rang 1 = {'höchster' if desc else 'niedrigster'} Wert).")
            self.derived.append(f"Rang {position} unter {n} {levels} aus {source}")
            shown = [target]  # only the place the answer names: a neighbour's row would be a citation of a value not stated
        elif intent.rank_position > 1:
            if len(ranked) < intent.rank_position:
                return None
            target = ranked[intent.rank_position - 1]
            position = _rank_position(ranked, target)
            ordinal = {2: "zweit", 3: "dritt", 4: "viert", 5: "fünft"}.get(intent.rank_position)
            word = (ordinal + ("höchsten" if desc else "niedrigsten")) if ordinal else \
                f"{intent.rank_position}.-{'höchsten' if desc else 'niedrigsten'}"
            text = (f"Den {word} Wert bei „{self.label}“ unter den {n} {levels} hat {year}{note} "
                    f"{target.place} mit {self.fmt(target)} {self.refs(target)} (Rang {position}).")
            self.derived.append(f"Rang {position} unter {n} {levels} aus {source}")
            shown = [target]
        elif intent.top_n > 1:
            top = ranked[: intent.top_n]
            listing = "; ".join(f"{i}. {v.place} {self.fmt(v)} {self.refs(v)}" for i, v in enumerate(top, 1))
            levels_top = self.level_name(level, True, False)
            if intent.top_n >= n:  # "Ranking der Bezirke …": every one, in order
                order = "höchster" if desc else "niedrigster"
                text = f"Alle {n} {levels_top} nach „{self.label}“, {order} Wert zuerst, {year}{note}: {listing}."
            else:
                text = f"Die {len(top)} {levels_top} mit den {word}n Werten bei „{self.label}“, {year}{note}: {listing}."
            if "sum" in intent.markers and self.plan.unit != "%":  # "… die drei größten Sozialräume zusammen?"
                total = sum(v.value for v in top)
                text += f" Zusammen: {self.fmt(total)}."
                self.derived.append(f"Summe der {len(top)} {levels_top}: {self.fmt(total)}")
            self.derived.append(f"Rangfolge unter {n} {levels} aus {source}")
            shown = top
        else:
            best = ranked[0]
            ties = [v for v in ranked if v.value == best.value]
            names = " und ".join(v.place for v in ties)
            refs = "".join(self.refs(v) for v in ties)
            text = f"Den {word}n Wert bei „{self.label}“ unter den {n} {levels} hat {year}{note} {names} mit {self.fmt(best)} {refs}."
            self.derived.append(f"Rang 1 unter {n} {levels} aus {source}")
            shown = ties
        rows = [[str(_rank_position(ranked, v)), v.place, self.fmt(v), self.refs(v)] for v in shown]
        return self.answer(text, rows, ["Rang", self.level_name(level), f"{self.label} {year}", "Quelle"])

    def _sources_text(self, values: list[Value]) -> str:
        titles = list(dict.fromkeys(_source_name(self.citer.title(v.fact.doc_id), v.fact.table) for v in values))
        return "„" + "“, „".join(titles[:3]) + "“" + (f" und {len(titles) - 3} weiteren" if len(titles) > 3 else "")

    def _matching(self) -> tuple[int | None, str, list[Value], list[Value], Answer | None]:
        year, note, pool, missing = self._year_pool()
        threshold = self.plan.threshold
        if missing or not pool or threshold is None:
            return year, note, pool, [], missing
        if threshold.reference == "stadt":
            city = [v for v in self.values if v.level == "stadt" and v.year == year
                    and (not self.city_names or simple_key(v.place) in self.city_names)]
            if not city:
                return year, note, pool, [], self.missing(
                    f"Die Tabellen nennen für {year} keinen Wert der Gesamtstadt zu {self.label}; mit dem städtischen "
                    f"Durchschnitt lässt sich so nicht vergleichen.")
            self.reference = city[0]
            threshold.value = city[0].value
            self.understand(self.level_scope + " " + self._threshold_text(refs=False), self.year_text(year, note))
        elif threshold.reference_place:
            name = threshold.reference_place
            own = [v for v in self.values if simple_key(v.place) == simple_key(name) and v.year == year]
            if not own:
                return year, note, pool, [], self.missing(f"Die Tabellen nennen für {year} keinen Wert von {name} zu {self.label}.")
            self.reference = own[0]
            threshold.value = own[0].value
            pool = [v for v in pool if simple_key(v.place) != simple_key(name)]
            self.level_scope = f"{len(pool)} {self.level_name(pool[0].level, plural=True, dative=False)}" if pool else self.level_scope
            self.understand(self.level_scope + " " + self._threshold_text(refs=False), self.year_text(year, note))
        desc = threshold.op in (">", ">=", "between")
        hits = sorted((v for v in pool if threshold.holds(v.value)), key=lambda v: (-v.value if desc else v.value, v.place))
        return year, note, pool, hits, None

    def _threshold_text(self, refs: bool = True) -> str:
        t = self.plan.threshold
        unit = " %" if (t.unit == "%" or self.plan.unit == "%") else ""
        if t.reference == "stadt" or t.reference_place:
            word = "über" if t.op in (">", ">=") else "unter"
            whose = "der Gesamtstadt" if t.reference == "stadt" else f"von {t.reference_place}"
            ref = getattr(self, "reference", None)
            if ref is None:
                return f"{word} dem Wert {whose}"
            return f"{word} dem Wert {whose} ({ref.place} {self.fmt(ref)}" + (f" {self.refs(ref)})" if refs else ")")
        if t.op == "between":
            return f"zwischen {format_number(t.value)}{unit} und {format_number(t.high or t.value)}{unit}"
        return f"{_OP_WORDS[t.op]} {format_number(t.value)}{unit}"

    def op_filter(self) -> Answer | None:
        year, note, pool, hits, missing = self._matching()
        if missing or not pool:
            return missing
        if self.plan.threshold is None:
            return None
        levels = self.level_name(pool[0].level, plural=True)
        asked = {simple_key(p.name) for p in self.plan.places}
        named = [v for v in pool if simple_key(v.place) in asked]
        if named and _YES_NO.match(self.question):  # "Liegt Emst … unter dem Stadtdurchschnitt?": about Emst
            parts = [f"{'ja' if v in hits else 'nein'} – {v.place} liegt {year}{note} mit {self.fmt(v)} {self.refs(v)} "
                     f"{'' if v in hits else 'nicht '}{self._threshold_text()}" for v in named]
            text = "; ".join(parts)
            text = text[0].upper() + text[1:] + "."
            self.derived.append(f"Vergleich mit dem Schwellenwert ({self._sources_text(named)})")
            rows = [[v.place, self.fmt(v), self.refs(v)] for v in named]
            return self.answer(text, rows, [self.level_name(pool[0].level), f"{self.label} {year}", "Quelle"])
        if hits:
            listing = "; ".join(f"{v.place} {self.fmt(v)} {self.refs(v)}" for v in hits)
            text = f"{len(hits)} von {len(pool)} {levels} liegen {year}{note} bei {self.label} {self._threshold_text()}: {listing}."
        else:
            levels_gen = self.level_name(pool[0].level, plural=True, dative=False)
            text = f"Keiner der {len(pool)} {levels_gen} liegt {year}{note} bei {self.label} {self._threshold_text()}."
        self.derived.append(f"Auswahl aus {len(pool)} {levels} ({self._sources_text(pool)})")
        rows = [[v.place, self.fmt(v), self.refs(v)] for v in hits]
        return self.answer(text, rows, [self.level_name(pool[0].level), f"{self.label} {year}", "Quelle"])

    def op_count(self) -> Answer | None:
        if self.plan.threshold is None:
            year, note, pool, missing = self._year_pool()
            if missing or not pool:
                return missing
            levels = self.level_name(pool[0].level, plural=True)
            text = f"Die Tabellen nennen {year}{note} Werte zu {self.label} für {len(pool)} {levels}."
            rows = [[v.place, self.fmt(v), self.refs(v)] for v in pool]
            return self.answer(text, rows, [self.level_name(pool[0].level), self.label, "Quelle"])
        year, note, pool, hits, missing = self._matching()
        if missing or not pool:
            return missing
        levels = self.level_name(pool[0].level, plural=True)
        listing = ": " + "; ".join(f"{v.place} {self.fmt(v)} {self.refs(v)}" for v in hits) if hits else ""
        text = f"{len(hits)} von {len(pool)} {levels} liegen {year}{note} bei {self.label} {self._threshold_text()}{listing}."
        self.derived.append(f"Anzahl gezählt unter {len(pool)} {levels} aus {self._sources_text(pool)}")
        rows = [[v.place, self.fmt(v), self.refs(v)] for v in hits]
        return self.answer(text, rows, [self.level_name(pool[0].level), f"{self.label} {year}", "Quelle"])

    def op_average(self) -> Answer | None:
        if self.plan.places and len(self.plan.places) >= 2:
            by_place = self._place_values()
            pool_all = [v for p in self.plan.places for v in by_place.get(p.name, [])]
            self.understood_scope = self.scope_of(self.plan.places)
            year, note, missing = self.pick_year(pool_all, "") if pool_all else (None, "", None)
            if missing or not pool_all:
                return missing
            self.understand(self.understood_scope + " (Durchschnitt)", self.year_text(year, note))
            pool = [v for v in pool_all if v.year == year]
        else:
            year, note, pool, missing = self._year_pool()
            if missing or not pool:
                return missing
        mean = sum(v.value for v in pool) / len(pool)
        levels = self.level_name(pool[0].level, plural=True, dative=False)  # "über die 18 Sozialräume"
        text = (f"Durchschnitt {self.label} über die {len(pool)} {levels} "
                f"{year}{note}: {format_value(mean, self.plan.unit, '')}.")
        self.derived.append(f"ungewichtetes Mittel der {len(pool)} Werte aus {self._sources_text(pool)}")
        rows = [[v.place, self.fmt(v), self.refs(v)] for v in sorted(pool, key=lambda v: v.place)]
        return self.answer(text, rows, [self.level_name(pool[0].level), f"{self.label} {year}", "Quelle"])

    def op_sum(self) -> Answer | None:
        by_place = self._place_values()
        places = _one_city((p for p in self.plan.places if p.name in by_place), by_place)
        if len(places) < 2:
            return self.op_compare() if places and self.plan.op != "sum" else (self._single_sum(places) if places else None)
        pool_all = [v for p in places for v in by_place[p.name]]
        self.understood_scope = self.scope_of(places)
        year, note, missing = self.pick_year(pool_all, "")
        if missing:
            return missing
        self.understand(self.understood_scope + " (zusammen)", self.year_text(year, note))
        pool = [v for v in pool_all if v.year == year]
        total = sum(v.value for v in pool)
        listing = " + ".join(f"{v.place} {self.fmt(v)} {self.refs(v)}" for v in pool)
        text = f"{self.label} {year}{note} zusammen: {format_value(total, self.plan.unit, '')} ({listing})."
        self.derived.append("Summe der genannten Räume")
        rows = [[v.place, self.fmt(v), self.refs(v)] for v in pool]
        return self.answer(text, rows, ["Raum", f"{self.label} {year}", "Quelle"])

    def _single_sum(self, places) -> Answer | None:
        return self.op_compare()


def _series_shown(series: list[Value]) -> list[Value]:
    """The years of a trend shown in its table: the two compared values, and between them the years the tables of
    those two give (a year that only another table has would be a patchwork source, cited for a value not compared).
    A year whose value another table states first (a later date in the year) but the compared ones agree with is
    shown from theirs."""
    ends = {(series[0].fact.doc_id, series[0].fact.table), (series[-1].fact.doc_id, series[-1].fact.table)}
    shown = []
    for i, v in enumerate(series):
        if i in (0, len(series) - 1) or (v.fact.doc_id, v.fact.table) in ends:
            shown.append(v)
            continue
        own = next((f for f in v.sources if (f.doc_id, f.table) in ends), None)
        if own is not None:
            shown.append(dataclasses.replace(v, fact=own, sources=[f for f in v.sources if f is not own] + [v.fact]))
    return shown


def _one_city(places, by_place: dict[str, list[Value]]) -> list:
    """City rows under several names ("Hagen", "Gesamtstadt") are one place: the name with most values stays."""
    places = list(places)
    cities = [p for p in places if p.level == "stadt"]
    if len(cities) < 2:
        return places
    keep = max(cities, key=lambda p: len(by_place.get(p.name, [])))
    return [p for p in places if p.level != "stadt" or p is keep]


#: A yes/no question about named places ("Liegt Emst …?", "Ist die Quote in Haspe …?").
_YES_NO = re.compile(r"^\s*(?:liegt|liegen|ist|sind|hat|haben|hatte|hatten|gehört|gehören)\b", re.I)


def broad_years(facts: list[Fact]) -> set[int]:
    """Years for which the tables give values for at least half as many places as in their best-covered year (a
    protocol's three-row table dated by its meeting is no "newest period" of an indicator)."""
    places: dict[int, set[str]] = defaultdict(set)
    stated = [f for f in facts if explicit_period(f)] or facts  # periods the tables state, not document dates
    for f in stated:
        if f.year is not None and f.value is not None:
            places[f.year].add(f.place)
    if not places:
        return set()
    most = max(len(p) for p in places.values())
    return {y for y, p in places.items() if len(p) * 2 >= most}


def _rank_position(ranked: list[Value], target: Value) -> int:
    """Competition ranking: equal values share the better rank."""
    for i, v in enumerate(ranked, 1):
        if v.value == target.value:
            return i
    return len(ranked)


def _years_text(years: list[int]) -> str:
    if not years:
        return "keine Jahre"
    if len(years) > 2 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def _source_name(title: str, table: str) -> str:
    """'Jahrbuch, 3.4'; a CSV's one table is named like its file, so its name is said once ('itnrw_bevoelkerung')."""
    return title + (f", {table}" if table and simple_key(table) != simple_key(title) else "")
