"""Is the whole question about the matched figure? A capitalised noun that neither the indicator, its synonyms,
the places nor the figure vocabulary explain ("Kita-Plätze", "Ehrenamtliche", "Projekt") means the question asks
something else, and a second question joined by ", und …" wants prose: both go the text path."""

from __future__ import annotations

import re

from assistant.services.kennzahlen.indicators import IndicatorMatcher, terms
from assistant.services.kennzahlen.intent import AGE_COMPOUND, DOC_NOUN
from assistant.services.kennzahlen.places import PlaceRef
from assistant.services.query_understanding import edit_distance
from assistant.text import simple_key
from assistant.text.stemming import stem

#: Nouns that belong to any figure question (levels, periods, figure words, operations).
FIGURE_NOUNS = frozenset(stem(w) for w in simple_key(
    """Stadtteil Stadtteile Stadtteilen Ortsteil Ortsteile Ortsteilen Planungsraum Planungsräume Planungsräumen Viertel
    Sozialraum Sozialräume Sozialräumen Stadtbezirk Stadtbezirke Stadtbezirken Bezirk
    Bezirke Bezirken Quartier Quartiere Gebiet Gebiete Gebieten Gemeinde Gemeinden Kreis
    Stadt Gesamtstadt Jahr Jahre Jahren Jahres Stand Stichtag Anteil Anteile Zahl Anzahl
    Quote Prozent Prozentpunkte Wert Werte Rang Ranking Rangliste Rangfolge Reihenfolge Stelle Platz Entwicklung Vergleich
    Unterschied Durchschnitt Schnitt Stadtdurchschnitt Mittel Mittelwert Summe Anstieg Zunahme Rückgang Abnahme Wachstum
    Tabelle Tabellen Daten Kennzahl Kennzahlen Indikator Indikatoren Höchstwert Spitze Ende Mitte Beginn Anfang Zeitraum Vorjahr
    Vorjahres
    Veränderung Einwohnerzahl Bevölkerungszahl Wohnbevölkerung Bitte Ich Wir Sie Welche Welcher Welches Wie Wo Was Gibt
    Liste Übersicht Alter Jährige Jährigen Kinder Jugendliche Erwachsene Menschen Leute Personen Einwohner Einwohnerinnen
    Männer Frauen Senioren Ältere Älteren Hochaltrige Nenne Zeige Ist Sind Hat Hatte Haben Lag Liegt Liegen
    Bericht Berichte Sozialbericht Sozialraumprofil Profil Steckbrief Statistik Schätzung Angaben Erhebung Sozialplanung
    Stadtverwaltung Verwaltung Januar Februar März April Mai Juni Juli August September Oktober November Dezember
    Jan Feb Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez Quartal Halbjahr Jahresende Jahresanfang Monat Monats Berichtsmonat
    Bezug""").split())
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SECOND_QUESTION = re.compile(
    r",\s*(?:und|oder|sowie)\s+(?:gibt|was|wer|wie|welche\w*|wo|ist|sind|hat|haben|warum|seit|wann)\b", re.IGNORECASE)


def unexplained_nouns(question: str, matcher: IndicatorMatcher, keys: list[str], places: list[PlaceRef],
                      document_words: frozenset[str] = frozenset(), named: list[PlaceRef] | None = None) -> list[str]:
    """Capitalised words of the question (not the first) that nothing of the plan accounts for (`document_words`: the
    title words of a document the question names, "laut Bericht Alter und Pflege"). `named`: the places the question
    itself names (default: all `places`); only those excuse a misspelt name, the city assumed for a question without
    a place does not ("Kinderarmut in Halden" is no misspelt "Hagen")."""
    named = places if named is None else named
    own: set[str] = set()  # the words of the matched figures themselves
    for key in keys:
        info = matcher.infos.get(key)
        if info is not None:
            own |= info.terms
            for group in info.groups:
                own |= matcher.synonyms.group_terms.get(group, frozenset())
            own |= {stem(w) for w in simple_key(info.label).split()}
    explained: set[str] = set(FIGURE_NOUNS) | document_words | own
    for place in places:
        explained |= {stem(w) for w in simple_key(place.name).split()}
    # words of synonym phrases the question itself uses ("Staatsangehörigkeit" for the Türkei column)
    for group in matcher.synonyms.groups_written(question):
        explained |= matcher.synonyms.group_terms.get(group, frozenset())
    words = _TOKEN.findall(question)
    leftover = []
    for index, word in enumerate(words):
        if index == 0 or not word[:1].isupper() or (word.isupper() and len(word) <= 2):
            continue
        if re.fullmatch(DOC_NOUN, simple_key(word).replace(" ", "")):
            continue  # a document the question names ("laut Armutsbericht"): the plan reads from it
        parts = matcher.correct([stem(p) for p in simple_key(word).split()]) or [stem(simple_key(word))]
        # "Kita-Plätze" needs every part explained; a closed compound its head ("Einpersonenhaushalte" ~ "Einpersonen")
        joined = matcher.correct([stem(simple_key(word).replace(" ", ""))])[0]
        # … but not by a word that only says who is asked, before the figure's own word ("Jugendarbeitslosigkeit"), and
        # not when its head counts another unit than the figure ("Seniorenhaushalte" are households, "65+" persons)
        split = matcher.with_compound_parts([joined])[1:]
        other_unit = bool(split) and split[-1] in matcher.generic_terms and split[-1] not in own
        if joined in explained or all(_explained_part(p, explained) for p in parts) or (not other_unit and any(
                joined.startswith(e) and len(e) >= 5 and not _narrows(joined, e, own) for e in explained)):
            continue
        if _tail_of(joined, explained):
            continue  # "Leistungsberechtigte" of the label "Regelleistungsberechtigte"
        if re.search(r"jaehrig|^" + AGE_COMPOUND, simple_key(word)):
            continue  # "Dreijährige", "Kinderzahl": an age, which the plan's age band reads
        # "Frauenanteil": the modifier names the figure, the head a share
        if split and all(p in explained for p in split) and not _narrows(joined, split[0], own) and not other_unit:
            continue
        if not terms(word) or _near_place(simple_key(word), named):
            continue
        leftover.append(word)
    return leftover


def _narrows(compound: str, modifier: str, own: set[str]) -> bool:
    """True when a compound puts a word that only says who is asked before the figure's own word: "Jugend" +
    "arbeitslos" is the youth's unemployment, no figure of everyone ("Bezirksebene" names no figure word after it)."""
    rest = compound[len(modifier):].lstrip("s") if compound.startswith(modifier) else ""
    return modifier in FIGURE_NOUNS and modifier not in own and bool(rest) and any(rest.startswith(w) for w in own if len(w) >= 4)


def _explained_part(part: str, explained: set[str]) -> bool:
    """A word part the plan accounts for, also in a plural the stemmer keeps ("Kita" of the file "kitas")."""
    return part in explained or (len(part) >= 4 and any(e.startswith(part) and len(e) - len(part) <= 2 for e in explained))


def _tail_of(word: str, explained: set[str]) -> bool:
    """True when a long word ends an explained compound: "Leistungsberechtigte" names "Regelleistungsberechtigte"."""
    return len(word) >= 8 and any(e != word and e.endswith(word) for e in explained)


def _near_place(word: str, places: list[PlaceRef]) -> bool:
    """A misspelt place name ("Hohenlimbrug") that the resolver already read as that place."""
    return any(edit_distance(word, part, 2) <= 2 for place in places for part in simple_key(place.name).split() if len(part) >= 5)


def asks_more_than_a_figure(question: str) -> bool:
    """ "…, und gibt es dort …?" — a second question the engine cannot answer. A second part without a noun of its own
    ("…, und wie viele sind es heute?") asks the same figure again (for another time)."""
    match = _SECOND_QUESTION.search(question)
    if not match:
        return False
    tail = question[match.end():]
    return bool(re.search(r"\b[A-ZÄÖÜ][a-zäöüß]", tail))


#: A feeling, a judgement or a wish ("fühlen sich einsam", "sind zufrieden", "wünschen sich"): what a survey found,
#: not a value of the population tables, unless the figure's own label says it ("Anteil Zufriedene").
_OPINION = re.compile(
    r"\b(?:f(?:ü|ue)hl\w*\s+sich|(?:un)?zufrieden\w*|einsam\w*|w(?:ü|ue)nsch\w*|bewert\w*|beurteil\w*|"
    r"meinen|meinten|(?:un)?sicher(?:e|en|er)?|gl(?:ü|ue)cklich\w*|isoliert\w*|sorgen\s+sich|angst|kennen|kannten)\b",
    re.IGNORECASE)


def asks_an_opinion(question: str, matcher: IndicatorMatcher, keys: list[str]) -> str:
    """The feeling or judgement the question asks about that no matched figure's label writes, else ""."""
    label_terms: set[str] = set()
    for key in keys:
        info = matcher.infos.get(key)
        if info is not None:
            label_terms |= set(info.terms) | set(terms(info.label))
    for match in _OPINION.finditer(question):
        if not set(terms(match.group(0))) & label_terms:
            return match.group(0)
    return ""


#: Nouns that count something of what follows them ("Plätze Begegnungsstätten", "Besuche der Begegnungsstätten"):
#: a label headed by one counts that, not the thing it names after it.
_MEASURE_HEADS = frozenset(stem(w) for w in simple_key(
    """Plätze Platz Besuche Besucher Besuchskontakte Betten Stellen Fälle Anträge Stunden Termine Mitglieder Teilnehmende
    Teilnehmer Veranstaltungen Kurse Gruppen Angebote Öffnungstage Tage Euro Kosten Mittel""").split())


def counts_another_thing(question: str, matcher: IndicatorMatcher, keys: list[str]) -> list[str]:
    """The keys whose label is headed by a measure noun the question does not write ("Wie viele Begegnungsstätten …"
    over "Plätze Begegnungsstätten"): such a figure counts places, visits or hours of the thing, not the thing."""
    asked = set(terms(question)) | set(matcher.correct(terms(question)))
    kept = []
    for key in keys:
        info = matcher.infos.get(key)
        head = terms(info.label)[:1] if info is not None else []
        if head and head[0] in _MEASURE_HEADS and head[0] not in asked:
            continue
        kept.append(key)
    return kept


#: Words a population question may carry besides the group and the place ("Wie viele Leute wohnen eigentlich dort?").
POPULATION_FILLERS = frozenset(stem(w) for w in simple_key(
    """eigentlich ungefähr circa momentan zurzeit jetzt denn noch genau so da ganz gesamt insgesamt aktuell inzwischen
    mittlerweile knapp bitte mal wohl etwa gemeldet registriert sind waren gab gibt leben lebten wohnen wohnten
    hauptwohnsitz wohnsitz dort hier zahl anzahl stand jahr ende mitte gestiegen gesunken gefallen zugenommen abgenommen
    verändert entwickelt gewachsen geschrumpft angestiegen zurückgegangen höher niedriger größer kleiner meisten wenigsten
    höchsten niedrigsten größten kleinsten stärksten häufigsten seltensten Vergleich verglichen hat hatte haben um für
    zwei drei vier fünf sechs sieben acht neun zehn beiden beide ersten letzten viel vielen zusammen zusammengenommen
    summe addiert kamen kommen kommt kam stammen stammt stammten zurück beziehen bezieht bezogen erhalten erhält bekommen
    bekommt
    kann können konnte konnten muss müssen musste mussten darf dürfen soll sollen will wollen
    verloren eingebüßt zugelegt hinzugewonnen dazugewonnen gewonnen steigt sinkt wächst schrumpft geworden""").split())


def unqualified_population(residue: str, matcher: IndicatorMatcher, keys: list[str], places: list[PlaceRef],
                           document_words: frozenset[str] = frozenset()) -> list[str]:
    """Words that narrow a population figure to a group no indicator counts ("wohnungslose Menschen", "arme Leute"):
    when the match rests only on who is counted (Einwohner, Haushalte), every other content word must be accounted
    for, else the total would be given for a group it is not."""
    synonyms = matcher.synonyms
    infos = [matcher.infos[k] for k in keys if k in matcher.infos]
    if not infos or any((i.groups - synonyms.generic) for i in infos):
        return []  # the indicator names a figure of its own (Kinderarmut, SGB-II-Quote, an age band …)
    written = terms(residue)
    words = matcher.correct(written)
    explained = set(FIGURE_NOUNS) | POPULATION_FILLERS | document_words
    for info in infos:
        explained |= info.terms
        for group in info.groups:
            explained |= synonyms.group_terms.get(group, frozenset())
    for group in synonyms.groups_in(words):
        explained |= synonyms.group_terms.get(group, frozenset())
    for place in places:
        explained |= {stem(w) for w in simple_key(place.name).split()} | set(terms(place.name))
    leftover = []
    for word, as_written in zip(words, written, strict=True):
        split = matcher.with_compound_parts([word])[1:]  # "Wohngeldhaushalte": "Wohngeld" and "Haushalte"
        if word in explained or as_written in explained or re.fullmatch(r"\d+|[a-z]", word) or _near_place(word, places) \
                or _tail_of(as_written, explained) or _explained_part(word, explained) or (split and set(split) <= explained):
            continue  # a filler as written counts even when the typo corrector read it as a known term ("gesunken")
        leftover.append(word)
    return leftover


def narrower_figure(residue: str, matcher: IndicatorMatcher, keys: list[str], place_terms: frozenset[str]) -> str:
    """The label of the matched figure when the question asks only who is counted ("Wie viele Haushalte …") and every
    matched label counts a narrower group ("Haushalte mit Wohngeld"); "" otherwise. Answering with it would give the
    part as the whole."""
    synonyms = matcher.synonyms
    asked = set(matcher.correct(terms(residue))) - place_terms
    groups = synonyms.groups_in(sorted(asked)) | synonyms.groups_written(residue)
    if not groups or groups - synonyms.generic:
        return ""  # the question names a figure of its own, or no population at all
    plain = set(matcher.generic_terms) | set(FIGURE_NOUNS) | POPULATION_FILLERS | asked
    for key in keys:
        info = matcher.infos.get(key)
        if info is None or not (set(info.terms) - plain):
            return ""  # one matched label is the whole group ("Einwohner insgesamt")
    return matcher.infos[keys[0]].label if keys and keys[0] in matcher.infos else ""
