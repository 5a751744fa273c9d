"""An asked age range no table holds ("Wie viele Kinder unter 6 leben in Eilpe?" when the tables count only
"unter 18", "65+" and "80+"): the engine says which age groups it has, rather than letting the text path stitch
together figures of other ages. A passage that states the asked range itself still answers (answering.py)."""

from __future__ import annotations

import re

from assistant.core.types import Answer
from assistant.services.kennzahlen.bands import BAND_PATTERNS, Band, band_text, label_band
from assistant.services.kennzahlen.catalog import Catalog
from assistant.services.kennzahlen.coverage import FIGURE_NOUNS, POPULATION_FILLERS
from assistant.services.kennzahlen.indicators import terms
from assistant.services.kennzahlen.intent import FigureIntent
from assistant.text import normalize, simple_key
from assistant.text.stemming import stem

#: Operations whose answer would be the figure of one or a few named places.
_PLACE_OPS = frozenset({"lookup", "compare", "trend"})
#: Question words a population question carries besides its group (stemmed like the residue).
_ASKING = frozenset(stem(w) for w in simple_key("wie viele viel gibt es leben wohnen lebt wohnt hoch groß").split())


def missing_band(question: str, intent: FigureIntent, catalog: Catalog) -> Answer | None:
    """A refusal naming the age groups the tables hold, or None when the question is not a plain head count of an
    age range (it names something else, no place, or the tables hold no age groups at all)."""
    band = intent.age_band
    if band is None or intent.op not in _PLACE_OPS or not intent.markers & {"how_many", "how_much"}:
        return None
    places = catalog.resolver.find(question)
    if not places:
        return None
    held = sorted({info.band for info in catalog.matcher.infos.values() if info.band is not None})
    if not held or band in held:
        return None
    explained = set(FIGURE_NOUNS) | POPULATION_FILLERS | _ASKING
    for place in places:
        explained |= {stem(w) for w in simple_key(place.name).split()} | set(terms(place.name))
    names = ", ".join(f"„{p.name}“" for p in places)
    asked = band_text(band)
    if any(word not in explained for word in terms(intent.residue)):
        return _figure_of_other_ages(question, intent, catalog, places, explained, asked, names)
    groups = [f"„{band_text(b)}“" for b in held]
    listed = groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + " und " + groups[-1]
    text = (f"Zur Altersgruppe „{asked}“ enthalten die Tabellen keine Werte für {names}. Sie zählen die Bevölkerung "
            f"nur in den Altersgruppen {listed}; daraus lässt sich „{asked}“ nicht zusammensetzen.")
    return Answer(question=question, text=text, refused=True, mode="extractive")


def states_band(text: str, band: Band) -> bool:
    """True when the text names exactly this age range somewhere ("Kinder unter 6 Jahren", "0 bis unter 6")."""
    folded = normalize(text)
    for pattern, _kind in BAND_PATTERNS:
        for match in re.finditer(r"(?<![\w])" + pattern, folded):
            found = label_band(match.group(0))
            if found is not None and found[0] == band:
                return True
    return False


def _figure_of_other_ages(question: str, intent: FigureIntent, catalog: Catalog, places, explained: set[str], asked: str,
                          names: str) -> Answer | None:
    """"Kinder unter 15 im SGB II" where the tables hold only "Minderjährige in SGB-II-BG": the refusal names the figure
    they hold. None unless that figure's label has the question's own words ("Kinder unter 3 in der Kita" is no
    "Kinder" figure: the text may know)."""
    place_terms = frozenset(t for p in places for t in terms(p.name))
    match = catalog.matcher.match(intent.residue, None, intent.asks_share, place_terms, asks_count=intent.asks_count)
    if match is None or not match.keys:
        return None
    own = {w for w in terms(intent.residue) if w not in explained}
    info = catalog.matcher.infos[match.keys[0]]
    if not own <= info.terms:
        return None
    label = catalog.labels.get(match.keys[0], match.keys[0])
    return Answer(question=question, refused=True, mode="extractive",
                  text=f"Zur Altersgruppe „{asked}“ enthalten die Tabellen keine Werte für {names}. Sie führen nur "
                       f"„{label}“, eine andere Abgrenzung; daraus lässt sich „{asked}“ nicht ablesen.")
