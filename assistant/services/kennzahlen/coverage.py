"""Is the whole question about the matched figure? A capitalised noun that neither the indicator, its synonyms,
the places nor the figure vocabulary explain ("Kita-Plätze", "Ehrenamtliche", "Projekt") means the question asks
something else, and a second question joined by ", und …" wants prose: both go the text path."""

from __future__ import annotations

import re

from assistant.services.kennzahlen.indicators import IndicatorMatcher, terms
from assistant.services.kennzahlen.places import PlaceRef
from assistant.services.query_understanding import edit_distance
from assistant.text import simple_key
from assistant.text.stemming import stem

#: Nouns that belong to any figure question (levels, periods, figure words, operations).
FIGURE_NOUNS = frozenset(stem(w) for w in simple_key(
    """Stadtteil Stadtteile Stadtteilen Sozialraum Sozialräume Sozialräumen Stadtbezirk Stadtbezirke Stadtbezirken Bezirk
    Bezirke Bezirken Quartier Quartiere Stadt Gesamtstadt Jahr Jahre Jahren Jahres Stand Stichtag Anteil Anteile Zahl Anzahl
    Quote Prozent Prozentpunkte Wert Werte Rang Stelle Platz Entwicklung Vergleich Unterschied Durchschnitt Mittel Summe
    Tabelle Tabellen Daten Kennzahl Kennzahlen Indikator Indikatoren Höchstwert Spitze Ende Mitte Beginn Anfang Zeitraum
    Veränderung Einwohnerzahl Bevölkerungszahl Wohnbevölkerung Bitte Ich Wir Sie Welche Welcher Welches Wie Wo Was Gibt
    Liste Übersicht Alter Jährige Jährigen Kinder Jugendliche Erwachsene Menschen Leute Personen Einwohner Einwohnerinnen
    Männer Frauen Senioren Ältere Älteren Hochaltrige Nenne Zeige Ist Sind Hat Hatte Haben Lag Liegt Liegen
    Bericht Berichte Sozialbericht Sozialraumprofil Profil Steckbrief Statistik Schätzung Angaben Erhebung Sozialplanung
    Stadtverwaltung Verwaltung""").split())
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SECOND_QUESTION = re.compile(
    r",\s*(?:und|oder|sowie)\s+(?:gibt|was|wer|wie|welche\w*|wo|ist|sind|hat|haben|warum|seit|wann)\b", re.IGNORECASE)


def unexplained_nouns(question: str, matcher: IndicatorMatcher, keys: list[str], places: list[PlaceRef]) -> list[str]:
    """Capitalised words of the question (not the first) that nothing of the plan accounts for."""
    explained: set[str] = set(FIGURE_NOUNS)
    for key in keys:
        info = matcher.infos.get(key)
        if info is not None:
            explained |= info.terms
            for group in info.groups:
                explained |= matcher.synonyms.group_terms.get(group, frozenset())
            explained |= {stem(w) for w in simple_key(info.label).split()}
    for place in places:
        explained |= {stem(w) for w in simple_key(place.name).split()}
    # words of synonym phrases the question itself uses ("Staatsangehörigkeit" for the Türkei column)
    question_terms = [stem(w) for w in simple_key(question).split()]
    for group in matcher.synonyms.groups_in(question_terms) | matcher.synonyms.groups_in(terms(question)):
        explained |= matcher.synonyms.group_terms.get(group, frozenset())
    words = _TOKEN.findall(question)
    leftover = []
    for index, word in enumerate(words):
        if index == 0 or not word[:1].isupper() or word.isupper():
            continue
        parts = [stem(p) for p in simple_key(word).split()] or [stem(simple_key(word))]
        # "Kita-Plätze" needs every part explained; a closed compound its head ("Einpersonenhaushalte" ~ "Einpersonen")
        joined = stem(simple_key(word).replace(" ", ""))
        if joined in explained or all(p in explained for p in parts) or any(joined.startswith(e) and len(e) >= 5 for e in explained):
            continue
        if not terms(word) or _near_place(simple_key(word), places):
            continue
        leftover.append(word)
    return leftover


def _near_place(word: str, places: list[PlaceRef]) -> bool:
    """A misspelt place name ("Hohenlimbrug") that the resolver already read as that place."""
    return any(edit_distance(word, part, 2) <= 2 for place in places for part in simple_key(place.name).split() if len(part) >= 5)


def asks_more_than_a_figure(question: str) -> bool:
    """ "…, und gibt es dort …?" — a second question the engine cannot answer."""
    return bool(_SECOND_QUESTION.search(question))
