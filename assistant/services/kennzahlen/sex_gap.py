"""An asked sex no table splits by ("Wie hoch ist die Arbeitslosenquote der Frauen in Haspe?", "Wie viele Männer über
65 leben in Hohenlimburg?"): the figure for everyone is no answer for women or men, so the engine says the tables do
not split it, instead of giving the total or letting the text path cite a survey's "61 Prozent der Antwortenden sind
Frauen"."""

from __future__ import annotations

import re

from assistant.core.types import Answer
from assistant.services.kennzahlen.catalog import Catalog
from assistant.services.kennzahlen.indicators import SEX_GROUPS
from assistant.services.kennzahlen.intent import FigureIntent
from assistant.text.sentences import split_sentences

#: Synonym groups (resources/indicator_synonyms.yaml) that name one sex.
#: "jungen" as the adjective of a group of people ("der jungen Menschen") names no boys.
_YOUNG = re.compile(r"\bjungen\s+(?=(?:menschen|erwachsenen|leute|leuten|familien|eltern|alten|generation|bev[öo]lkerung)\b)",
                    re.IGNORECASE)


def asked_sexes(question: str, catalog: Catalog) -> set[str]:
    """The sex groups the question names ("Frauen" → weiblich)."""
    return catalog.matcher.synonyms.groups_written(_YOUNG.sub(" ", question)) & SEX_GROUPS


def missing_sex(question: str, intent: FigureIntent, catalog: Catalog, keys: list[str] | None) -> Answer | None:
    """A refusal when the question asks for one sex and the matched figure (`keys`), or with no match any figure of
    the tables, is not split by sex; else None."""
    asked = asked_sexes(question, catalog)
    if not asked:
        return None
    infos = catalog.matcher.infos
    if keys is None:  # no figure matched: a head count of women or men in a place the tables cannot give
        if not intent.markers & {"how_many", "how_much"} or not catalog.resolver.find(question):
            return None
        if any(info.groups & asked for info in infos.values()):
            return None  # some table splits by sex: the question named something else besides
        label = "zur Bevölkerung"
    else:
        if any(infos[k].groups & asked for k in keys if k in infos):
            return None
        label = f"zu „{catalog.labels.get(keys[0], keys[0])}“"
    words = (w.strip("?.,!;:") for w in question.split())
    word = next((w for w in words if asked_sexes(w, catalog)), sorted(asked)[0])  # the word as the question writes it
    places = catalog.resolver.find(question)
    where = (" für " + " und ".join(f"„{p.name}“" for p in places)) if places else ""
    text = (f"Nach Geschlecht getrennt („{word}“) enthalten die Tabellen {label}{where} keine Werte; sie nennen nur "
            f"den Wert für alle zusammen.")
    return Answer(question=question, text=text, refused=True, mode="extractive")


def states_sex_figure(text: str, question: str, catalog: Catalog) -> bool:
    """True unless the question asks for one sex and no sentence of the text gives a figure for it in the asked place
    ("In Haspe leben 16.102 Frauen"); "61 Prozent der Antwortenden sind Frauen" counts a survey's respondents."""
    asked = asked_sexes(question, catalog)
    if not asked:
        return True
    places = {p.name for p in catalog.resolver.find(question)}
    for sentence in split_sentences(text):
        if not asked_sexes(sentence.text, catalog) & asked or not re.search(r"\d", sentence.text):
            continue
        if not places or places & {p.name for p in catalog.resolver.find(sentence.text)}:
            return True
    return False
