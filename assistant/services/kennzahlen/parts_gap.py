"""A whole asked where the tables hold only its parts ("Wie viele Haushalte gibt es in Mettenhof?" over a table of
"Haushalte: Einpersonen", "Haushalte: Alleinerziehende", …, with no total column): the engine names the parts it
has instead of answering with whichever column sorts first. Adding them up is no answer either: nothing says the
columns cover the whole (a table of selected nationalities does not) — unless the parts are the two sexes of one
figure ("Ausländer/-innen: männlich", "… weiblich"), which together are all of it."""

from __future__ import annotations

from assistant.core.types import Answer
from assistant.services.kennzahlen.catalog import Catalog
from assistant.services.kennzahlen.indicators import SEX_GROUPS
from assistant.services.kennzahlen.plan import KennzahlPlan


def parts_only(question: str, plan: KennzahlPlan, catalog: Catalog) -> Answer:
    """A refusal that names the heading and its parts, so the user can ask for one of them."""
    labels = [catalog.labels.get(k, k) for k in plan.indicator_keys]
    head = labels[0].split(":")[0].strip()
    parts = [label.split(":", 1)[1].strip() for label in labels]
    listed = ", ".join(f"„{p}“" for p in parts[:-1]) + f" und „{parts[-1]}“"
    places = ", ".join(p.name for p in plan.places)
    where = f" für {places}" if places else ""
    text = (f"Einen Gesamtwert zu „{head}“ enthalten die Tabellen{where} nicht, nur die Teilwerte {listed}. "
            "Bitte einen davon nennen; ob die Teilwerte zusammen das Ganze ergeben, sagen die Tabellen nicht.")
    return Answer(question=question, text=text, refused=True, mode="extractive")


def sex_pair(plan: KennzahlPlan, catalog: Catalog) -> list[str]:
    """The parts' keys when they are one figure's two sexes under one heading (counts, not shares), else []."""
    keys = plan.indicator_keys
    infos = [catalog.matcher.infos.get(k) for k in keys]
    if len(keys) != 2 or any(i is None for i in infos) or any(catalog.units.get(k, "") == "%" for k in keys):
        return []
    heads = {catalog.labels.get(k, k).rsplit(":", 1)[0].strip() for k in keys}
    sexes = [i.groups & SEX_GROUPS for i in infos if i is not None]
    return list(keys) if len(heads) == 1 and all(len(s) == 1 for s in sexes) and set().union(*sexes) == SEX_GROUPS else []
