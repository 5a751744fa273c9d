"""What kind of figure question a German question is: lookup, rank, threshold filter, count, sum, average,
comparison or development — and its numbers (years, thresholds, top-n, age bands). Knows no data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.services.kennzahlen.indicators import terms
from assistant.services.kennzahlen.numbers import parse_number
from assistant.text import normalize

Op = str  # lookup | rank | filter | count | sum | average | compare | trend | inventory_count

_NUMBER_WORDS = {"zwei": 2, "drei": 3, "vier": 4, "fuenf": 5, "fuenfe": 5, "funf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
                 "zehn": 10}
#: Number words a threshold may be written with ("mehr als zwanzig Prozent").
_AMOUNT_WORDS = {**_NUMBER_WORDS, "eins": 1, "einem": 1, "elf": 11, "zwoelf": 12, "fuenfzehn": 15, "zwanzig": 20, "dreissig": 30,
                 "vierzig": 40, "fuenfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100,
                 "tausend": 1000}
_NUM = r"\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"

#: Level nouns → the PlaceLevel they ask for.
LEVEL_WORDS = {
    "stadtbezirk": "bezirk", "stadtbezirke": "bezirk", "stadtbezirken": "bezirk", "stadtbezirks": "bezirk",
    "bezirk": "bezirk", "bezirke": "bezirk", "bezirken": "bezirk", "bezirks": "bezirk",
    "sozialraum": "sozialraum", "sozialraeume": "sozialraum", "sozialraeumen": "sozialraum", "sozialraums": "sozialraum",
    "stadtteil": "stadtteil", "stadtteile": "stadtteil", "stadtteilen": "stadtteil", "stadtteils": "stadtteil",
    "quartier": "sozialraum", "quartiere": "sozialraum", "quartieren": "sozialraum",
    "ortsteil": "stadtteil", "ortsteile": "stadtteil", "ortsteilen": "stadtteil",
    "stadtviertel": "stadtteil", "viertel": "stadtteil", "vierteln": "stadtteil",
    "bezirksebene": "bezirk", "stadtbezirksebene": "bezirk", "sozialraumebene": "sozialraum", "stadtteilebene": "stadtteil",
    # areas a table names no level of ('Gebiet'), such as the Gemeinden of a Kreis in a Landesamt export
    "gebiet": "other", "gebiete": "other", "gebieten": "other", "gemeinde": "other", "gemeinden": "other",
}


def loose(word: str) -> str:
    """A folded word with umlauts written as plain vowels ("sozialraeume" → "sozialraume"): users often drop them."""
    return word.replace("ae", "a").replace("oe", "o").replace("ue", "u")


#: Level nouns by their loose spelling ("Sozialraume", "Stadtbezirke").
LEVEL_LOOSE = {loose(k): v for k, v in LEVEL_WORDS.items()}
#: A singular level word between a preposition and a capitalised name: the name's qualifier ("im Stadtbezirk Haspe").
_QUALIFIER = re.compile(r"\b(?:im|in|des|dem|vom)\s+(Stadtbezirk|Bezirk|Sozialraum|Stadtteil|Quartier|Ortsteil)\s+[A-ZÄÖÜ]")
#: "höchstens", "meistens", "wenigstens" are bounds and adverbs, not superlatives ("höchstens 25 %" is a threshold).
_HIGH = (r"hoechste(?!ns\b)\w*|groesste\w*|meisten(?!s)|am staerksten|staerkste\w*|spitze|spitzenreiter|am hoechsten|am groessten|"
         r"am meisten|vorne|am schlimmsten|schlimmste\w*|am ausgepraegtesten|ausgepraegteste\w*")
#: Superlatives written after an ordinal ("zweithöchste", "drittniedrigsten").
_HIGH_WORD = r"hoechste(?!ns\b)\w*|groesste\w*|meisten(?!s)"
_LOW_WORD = r"niedrigste\w*|geringste\w*|kleinste\w*|wenigsten(?!s)"
_ORDINALS = {"zweit": 2, "dritt": 3, "viert": 4, "fuenft": 5}
_LOW = r"niedrigste\w*|geringste\w*|kleinste\w*|wenigsten(?!s)|am niedrigsten|am geringsten|am kleinsten|am wenigsten|schlusslicht"
#: "am häufigsten" / "am seltensten" rank places only when a place is asked for ("In welchem Bezirk … am häufigsten");
#: "Was nennen die Befragten am häufigsten?" asks for the answer named most often, which the text's lists give.
_OFTENEST, _RAREST = r"am haeufigsten", r"am seltensten"
_ASKS_PLACE = r"\bwo\b|\bwelche[mnrs]?\s+(?:stadt)?(?:bezirk|sozialraum|stadtteil|quartier|ortsteil)\w*"
_TREND = (r"entwickel\w*|entwicklung|gestiegen|gesunken|gefallen|zugenommen|abgenommen|veraender\w*|verlauf|"
          r"seit\s+(?:19|20)\d\d|gewachsen|geschrumpft|angestiegen|zurueckgegangen|trend|im zeitverlauf|"
          r"verloren|eingebuesst|zugelegt|hinzugewonnen|dazugewonnen|gewonnen|steigt|sinkt|waechst|schrumpft|"
          r"verdoppel\w*|verdreifach\w*|halbiert")
def without_trend_words(folded: str) -> str:
    """A folded question without its words of change ("verändert", "Entwicklung"): they ask for a trend, they name
    no figure (a table's "Einwohner: Veränderung" column is no answer to "Wie hat sich die Einwohnerzahl verändert?")."""
    return re.sub(r"(?<![a-z])(?:" + _TREND + "|" + _RISE + "|" + _FALL + r")(?![a-z])", " ", folded)


#: Words of a rise or a fall over time ("gestiegen", "Anstieg"; "gesunken", "Rückgang").
_RISE = (r"gestiegen|angestiegen|zugenommen|gewachsen|anstieg\w*|zunahme|wachstum|hochgegangen|gestiegene\w*|zugelegt|"
         r"hinzugewonnen|dazugewonnen|gewonnen|steigt|waechst|steigend\w*|wachsend\w*|zunehmend\w*|"
         r"(?:mehr|hoeher|groesser)\s+geworden")
_FALL = (r"gesunken|gefallen|abgenommen|zurueckgegangen|rueckgang\w*|geschrumpft|abnahme|gesunkene\w*|verloren|eingebuesst|"
         r"sinkt|schrumpft|sinkend\w*|ruecklaeufig\w*|abnehmend\w*|(?:weniger|niedriger|kleiner|geringer)\s+geworden")
#: Comparatives that, before "geworden", say which way a figure changed ("weniger Kinder geworden").
_MORE, _LESS = r"mehr|hoeher|groesser", r"weniger|niedriger|kleiner|geringer"
#: A place's growing or shrinking, said of the place itself ("Wächst Haspe?"), is a change of its population.
_GROWS = re.compile(r"\b(?:waechst|wachsen|gewachsen|schrumpft|schrumpfen|geschrumpft)\b")
#: The word the synonym groups read as the population (assistant/resources/indicator_synonyms.yaml).
POPULATION_WORD = "einwohner"


#: Words that say how much or which ones grew ("um wie viel", "die drei … am stärksten"), never what grew.
_GROWTH_FRAME = frozenset(terms("um wieviel staerksten staerker deutlich sehr besonders " + " ".join(_NUMBER_WORDS)))


def grows_alone(folded: str, residue: str, place_terms: frozenset[str]) -> bool:
    """True for "Wächst Boele/Kabel?", "Um wie viel ist Emst geschrumpft?", "Welche drei Sozialräume sind am stärksten
    gewachsen?": a word of growing, said of a place or of a level's places (the caller checks that one is named; a
    city name such as "Kiel" has no terms of its own), and no other word that could name a figure ("Wächst das Angebot
    in Haspe?" asks for something else)."""
    if not _GROWS.search(folded):
        return False
    rest = set(terms(without_trend_words(residue))) - place_terms - _GROWTH_FRAME
    return not rest


#: Sizes of a place ranked ("Welcher Bezirk ist am größten?", "der kleinste Sozialraum").
_SIZE = re.compile(r"\b(?:am (?:groessten|kleinsten)|groesste[nrs]?|kleinste[nrs]?)\b")


def sized_alone(folded: str, residue: str) -> bool:
    """True for "Welcher Sozialraum ist der kleinste?": places ranked by size and nothing else that could name a
    figure ("der größte Träger", "die größte Gruppe" rank something else); a place's size is its population."""
    if not _SIZE.search(folded):
        return False
    rest = set(terms(_SIZE.sub(" ", residue))) - _GROWTH_FRAME - {"groess", "klein", "gross"}
    return not rest


_COMPARE = r"vergleich\w*|unterschied\w*|gegenueber|vs|versus|hoeher als|niedriger als|mehr als in|weniger als in|groesser als"
_AVERAGE = r"durchschnitt\w*|im mittel|mittelwert"
_SUM = r"zusammen|zusammengenommen|summe|addiert|in summe"
#: "Ranking", "Rangliste", "sortiert nach": the whole level in order (highest first).
_RANKING = r"rankings?|ranglisten?|rangfolgen?|reihenfolgen?|sortiert|sortier\w*|nach groesse geordnet"
ALL_RANKED = 99
_RANK_OF = r"an welcher stelle|welchen rang|welchen platz|auf welchem platz|auf welchem rang|wievielte\w*"
_PERSON = (r"kinder|kindern|jugendliche\w*|menschen|personen|einwohner(?:innen|n)?|leute|senior(?:en|innen)?|aeltere\w*|"
           r"bewohner(?:innen|n)?|bevoelkerung|maenner|frauen|"
           r"minderjaehrige\w*|erwachsene\w*")
#: Compounds on an age group that name its count or share ("Kinderzahl", "Seniorenanteil").
_AGE_COMPOUND_TAIL = r"(?:anteil|zahl)\w*"
AGE_COMPOUND = r"(?:kinder|senioren|rentner|alten)" + _AGE_COMPOUND_TAIL
#: Words that name an age range by themselves (unless the question is about a quote of that group).
_AGE_WORDS = [
    (r"minderjaehrige\w*|kinder und jugendliche\w*", (0.0, 18.0)),
    # "Wie viele Kinder leben in Emst?": the tables count children as the under-18s; "Haushalte mit Kindern" and
    # "Paare ohne Kinder" count households, not children
    (r"(?<!mit )(?<!ohne )kindern?|kinder" + _AGE_COMPOUND_TAIL, (0.0, 18.0)),  # "Kinderanteil": the under-18s' share
    (r"hochaltrige\w*|hochbetagte\w*", (80.0, float("inf"))),
    # "Senior*innen" is "senior" once degendered; "Anteil an Älteren" the 65+ share
    (r"aeltere\w* (?:menschen|leute|personen|mitbuerger\w*)|senior(?:en|innen)?|rentner(?:innen)?|ruhestaendler\w*|"
     r"(?:senioren|rentner|alten)" + _AGE_COMPOUND_TAIL + "|"
     r""
     r"alte (?:menschen|leute)|(?<=anteil )(?:an |der )?aeltere[nr]?", (65.0, float("inf"))),
]
#: Nouns (folded) of inventory entries, also as compounds ("Beratungsangebote"): a count or rank of them is the
#: offers table's, not a figure's.
INVENTORY_WORDS = (r"[a-z]*angebote\w*|[a-z]*angebot|[a-z]*massnahmen|eintraege\w*|traeger\w*|einrichtungen|partner\w*|"
                   r"(?:ausgabe|beratungs|anlauf)stellen")
#: Questions that ask what a figure means or why, not its value.
EXPLAIN = r"was ist|was sind|was bedeutet|was versteht|erklaer\w*|warum|weshalb|wieso|wie wird|wie werden|berechnet|definition|definiert"
#: Questions that ask for a time ("seit wann", "in welchem Jahr"), not a value (unless they rank or count: "wann am höchsten").
WHEN = r"(?<![a-z])(?:(?:seit|bis|ab) )?wann(?![a-z])|in welchem jahr|an welchem tag"
#: First words of a question that asks something else than a value (a terse "Kinderarmut in Haspe?" asks the value).
QUESTION_WORDS = frozenset(("was wer wie wieviel wieviele welche welcher welches welchen welchem wo wann warum weshalb wieso "
                            "gibt ist sind hat haben kann").split())
#: A change asked in per cent of its start ("um wie viel Prozent gestiegen", "prozentual zugenommen").
_RELATIVE_CHANGE = (r"um wie ?viel(?:e)? prozent|prozentual\w*|wie ?viel prozent (?:mehr|weniger)|"
                    r"in prozent (?:gestiegen|gesunken|gewachsen|zugenommen|abgenommen|veraendert|geschrumpft)|"
                    r"(?:veraendert|entwickelt|gestiegen|gesunken|zugenommen|abgenommen)\W+in prozent\s*$")
_NOT_AGE = r"bedarfsgemeinschaft\w*|sgb|armut|kinderarmut|quote|(?<![a-z])arm(?:e|en|er|es)?(?![a-z])"
#: Nouns that name a document ("laut Sozialbericht 2019", "im Bericht 2024"): a year beside them dates the document,
#: not the figure asked for.
DOC_NOUN = (r"[a-z]*(?:bericht|profil|steckbrief|vorlage|befragung|erhebung|auswertung|dokumentation|protokoll|konzept|"
            r"monitoring|analyse|handbuch|leitfaden|pressemitteilung|entwurf)[a-z]*")
_DOC_REF = re.compile(r"(?:(seit|ab)\s+)?(?:(?:laut|gemaess|nach|in|im|aus|vom|von|dem|der|des|den|die|das|einem|einer)\s+)*"
                      r"(?<![a-z])(" + DOC_NOUN + r")\s+(?:(?:von|aus|vom|fuer)\s+)?((?:19|20)\d\d)(?!\d)")
#: "laut Armutsbericht", "im Sozialraumprofil": a document named without its year.
_DOC_NAMED = re.compile(r"(?<![a-z])(?:laut|gemaess|im|aus dem|in dem|in der|aus der|nach dem|nach der)\s+(?:(?:aktuellen|neuen|neuesten|"
                        r"letzten|alten)\s+)?(" + DOC_NOUN + r")(?![a-z])")
#: Comparison with the city as a whole ("über dem städtischen Durchschnitt", "überdurchschnittlich", "höher als in der
#: Gesamtstadt"): a threshold whose value is the city's own figure of the same year.
_CITY_REF = (r"(?:(?:dem|den|der|im|in der|in dem)\s+)?(?:staedtischen|gesamtstaedtischen|stadtweiten|[a-z]{3,}er)\s+wert|"
             r"(?:(?:dem|den|der|im|in der|in dem)\s+)?(?:(?:staedtischen|gesamtstaedtischen|stadtweiten|[a-z]{3,}er)\s+)?"
             r"(?:durchschnitt|schnitt|mittel|mittelwert|stadtdurchschnitt|stadtwert|wert der (?:gesamt)?stadt)|"
             r"(?:in\s+)?(?:der|die)\s+(?:gesamtstadt|stadt insgesamt|ganzen stadt)|(?:im|der)\s+gesamtstaedtischen\s+\w+")
_RELATIVE = [
    (r"ueberdurchschnittlich\w*", ">"), (r"unterdurchschnittlich\w*", "<"),
    (r"(?:ueber|oberhalb|hoeher als|mehr als|groesser als)\s+(?:" + _CITY_REF + r")", ">"),
    (r"(?:unter|unterhalb|niedriger als|weniger als|geringer als|kleiner als)\s+(?:" + _CITY_REF + r")", "<"),
    (r"(?:hoehere|groessere|hoeheren|groesseren)\s+(?:[a-z-]+\s+){1,3}?als\s+(?:" + _CITY_REF + r")", ">"),
    (r"(?:niedrigere|geringere|kleinere|niedrigeren|geringeren|kleineren)\s+(?:[a-z-]+\s+){1,3}?als\s+(?:" + _CITY_REF + r")", "<"),
]
_RELATIVE_WORDS = (r"ueber\w*|unter\w*|oberhalb|hoeher\w*|niedriger\w*|mehr|weniger|geringer\w*|kleiner\w*|groesser\w*|als|"
                   r"dem|den|der|die|in|im|von|staedtischen|gesamtstaedtischen|stadtweiten|[a-z]{3,}er|durchschnitt|schnitt|"
                   r"mittel|mittelwert|stadtdurchschnitt|stadtwert|wert|stadt|gesamtstadt|insgesamt|ganzen")
#: "in den letzten fünf Jahren", "der vergangenen 3 Jahre"
_LAST_YEARS = re.compile(r"(?:letzten|vergangenen|zurueckliegenden)\s+(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s+jahr\w*")


#: Threshold.reference of one place's own value ("mehr Einwohner als Haspe"): this prefix and the place's name.
PLACE_REFERENCE = "ort:"


@dataclass
class Threshold:
    """ "über 10 %" → (">", 10.0, "%")."""

    op: str  # > >= < <= between
    value: float
    unit: str = ""
    text: str = ""
    #: "between": the upper bound (inclusive, like the lower one).
    high: float | None = None
    #: "stadt": the value is the city's own figure of the same year, filled in when the answer is run;
    #: PLACE_REFERENCE + name: that place's own figure of the same year.
    reference: str = ""

    @property
    def reference_place(self) -> str:
        """The place whose own value is the threshold, or ""."""
        return self.reference.removeprefix(PLACE_REFERENCE) if self.reference.startswith(PLACE_REFERENCE) else ""

    def holds(self, value: float) -> bool:
        if self.op == "between":
            return self.value <= value <= (self.high if self.high is not None else self.value)
        return {">": value > self.value, ">=": value >= self.value, "<": value < self.value, "<=": value <= self.value}[self.op]


@dataclass
class DocRef:
    """A document the question names with its year ("laut Sozialbericht 2019"): where to read, not the period asked."""

    noun: str
    year: int | None
    #: "seit dem Sozialbericht 2019": the development from that document's figure to the newest one.
    since: bool = False
    text: str = ""


@dataclass
class FigureIntent:
    """The structure of a figure question, before names are resolved against the data."""

    question: str
    folded: str
    op: Op = "lookup"
    direction: str = "desc"  # for rank: desc = highest first
    top_n: int = 1
    #: "der zweithöchste Wert": the place at that rank (1 = the highest or lowest itself).
    rank_position: int = 1
    rank_of: bool = False
    threshold: Threshold | None = None
    years: list[int] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    level: str | None = None
    #: The level word only qualifies a named place ("im Bezirk Hagen-Mitte"), the question names no level to run over.
    level_from_place: bool = False
    age_band: tuple[float, float] | None = None
    asks_share: bool = False
    #: "Um wie viel Prozent ist … gestiegen?": a development asked as a relative change, not as a share.
    relative_change: bool = False
    #: A count is asked ("wie viele", "die meisten Empfänger", "mehr als 1000 Empfänger"): a count beats a share.
    asks_count: bool = False
    inventory: bool = False
    #: Documents named with their year; their years are not asked periods.
    doc_refs: list[DocRef] = field(default_factory=list)
    #: "in den letzten 5 Jahren": the development over that many years up to the newest.
    last_years: int | None = None
    #: "Ist die Zahl 2022 gesunken?", "höher als im Vorjahr": the change into one year (`year_to`, or the newest) from
    #: the period before it.
    in_year: bool = False
    #: "gestiegen", "Anstieg" (up) or "gesunken", "Rückgang" (down): the asked direction of a change over time.
    change: str | None = None
    #: The question with numbers, years and thresholds cut out, for indicator matching.
    residue: str = ""
    markers: set[str] = field(default_factory=set)


def _find(pattern: str, text: str) -> re.Match | None:
    return re.search(r"(?<![a-z0-9])(?:" + pattern + r")(?![a-z0-9])", text)


def parse_intent(question: str) -> FigureIntent:
    """The figure structure of a question (always returns one; `markers` says what was recognised)."""
    folded = normalize(question)
    folded = re.sub(r"[„“”\"?!]", " ", folded)
    folded = _AGE_IN_WORDS.sub(lambda m: f"{_AGE_NUMBER_WORDS[m.group(1)]}-{m.group(2)}", folded)  # "Dreijährige" = 3-jährige
    intent = FigureIntent(question=question, folded=folded)
    residue = folded

    # age bands: "unter 6", "0 bis unter 3", "6 bis 18", "ab 65", "65 und aelter", "80+", "unter 18-jaehrige"
    age = _age_band(folded)
    if age is not None:
        intent.age_band, span = age
        persons = re.findall(r"(?<![a-z])(?:" + _PERSON + r")", span)
        residue = residue.replace(span, " " + " ".join(persons) + " ")
        intent.markers.add("age")

    for match in _DOC_REF.finditer(residue):
        if "jahr" in match.group(2) or "stand" in match.group(2):
            continue  # "Berichtsjahr 2024" is the period
        intent.doc_refs.append(DocRef(match.group(2), int(match.group(3)), bool(match.group(1)), match.group(0)))
    for match in _DOC_NAMED.finditer(residue):
        if "jahr" not in match.group(1) and not any(match.group(1) == r.noun for r in intent.doc_refs):
            intent.doc_refs.append(DocRef(match.group(1), None, False, match.group(0)))
    for ref in intent.doc_refs:
        residue = residue.replace(ref.text, " ")
        if ref.since:
            intent.markers.add("trend")

    threshold = _threshold(residue)
    if threshold is not None:
        intent.threshold, span, kept = threshold
        residue = residue.replace(span, " " + kept + " ")
        intent.markers.add("threshold")

    last = _LAST_YEARS.search(residue)
    if last:
        intent.last_years = _NUMBER_WORDS.get(last.group(1)) or int(last.group(1))
        residue = residue.replace(last.group(0), " ")
        intent.markers.add("trend")

    _years(intent, residue)
    residue = re.sub(r"(?<!\d)(?:19|20)\d\d(?!\d)", " ", residue)
    residue = re.sub(r"(?<![a-z])(?:vs|versus)(?![a-z])", " ", residue)  # "Haspe vs Emst", "2018 vs 2024" name no figure

    # "im Bezirk Hagen-Mitte" names which place, not the level a rank/filter/count runs over
    qualifiers = [m.group(1).lower() for m in _QUALIFIER.finditer(question)]
    qualified: str | None = None
    for word in re.findall(r"[a-z]+", folded):
        level = LEVEL_WORDS.get(word) or LEVEL_LOOSE.get(loose(word))
        if level and word in qualifiers:
            qualifiers.remove(word)
            qualified = qualified or level
            continue
        if level and intent.level is None:
            intent.level = level
    if intent.level is None and qualified:
        intent.level, intent.level_from_place = qualified, True
    # a compound asks a share too: "Altenanteil", "Frauenanteil", "Arbeitslosenquote"
    intent.asks_share = bool(_find(r"[a-z]*(?:anteil|quote)\w*|prozent\w*|%", folded)) or "%" in question
    relative = bool(_find(_RELATIVE_CHANGE, folded))
    # "Beratungsangebote", "Freizeitangebote": a compound on an inventory noun counts entries too
    intent.inventory = bool(_find(INVENTORY_WORDS, folded))

    count_word = r"(" + "|".join(_NUMBER_WORDS) + r"|\d{1,2})"
    level_word = "|".join([*LEVEL_WORDS, *LEVEL_LOOSE])
    high, low = _find(_HIGH, folded), _find(_LOW, folded)
    if not (high or low) and _find(_ASKS_PLACE, folded):
        high, low = _find(_OFTENEST, folded), _find(_RAREST, folded)
    top = (_find(r"top\s*-?\s*" + count_word, folded)
           or _find(r"(?:die|der|den)?\s*(?:ersten|letzten)?\s*" + count_word + r"\s+(?:" + level_word + r")", folded))
    if top is None and (high or low):  # "die drei höchsten Werte", "welche 3 mit der niedrigsten …"
        top = _find(r"(?:die|welche|nenne|zeige|liste)\s+" + count_word + r"\s+(?:\w+\s+){0,2}?(?:" + _HIGH + "|" + _LOW + r")", folded)
    if top:
        word = top.group(1)
        intent.top_n = _NUMBER_WORDS.get(word) or int(word)
        intent.markers.add("top")
        if not (high or low):
            intent.markers.add("rank")  # "Top 3 bei der Kinderarmut": highest first
    ordinal = _find(r"(zweit|dritt|viert|fuenft)(" + _HIGH_WORD + "|" + _LOW_WORD + r")", folded)
    if ordinal:
        intent.rank_position = _ORDINALS[ordinal.group(1)]
        intent.markers.add("rank")
        intent.direction = "asc" if re.fullmatch(_LOW_WORD, ordinal.group(2)) else "desc"
    place_number = _find(r"(?:auf\s+)?(?:platz|rang)\s+(" + "|".join(_NUMBER_WORDS) + r"|eins|\d{1,2})(?![\d,.])", folded)
    if place_number and not ordinal:  # "Platz 2 bei der Kinderarmut", "Wer liegt auf Rang 3?"
        word = place_number.group(1)
        intent.rank_position = _NUMBER_WORDS.get(word) or (1 if word == "eins" else int(word))
        intent.markers.add("rank")
        intent.direction = "asc" if low and not high else "desc"
        residue = residue.replace(place_number.group(0), " ")
    if _find(_RANK_OF, folded):
        intent.rank_of = True
        intent.markers.add("rank")
    if not (high or low or top or ordinal or intent.rank_of) and _find(_RANKING, folded):
        intent.markers |= {"rank", "top"}  # "Ranking der Bezirke nach Kinderarmut": all of them, highest first
        intent.top_n = ALL_RANKED
    if (high or low) and not ordinal and not place_number:
        intent.markers.add("rank")
        intent.direction = "asc" if low and (not high or low.start() < high.start()) else "desc"
    if _find(_TREND, folded) or intent.year_from is not None:
        intent.markers.add("trend")
    rise, fall = _find(_RISE, folded), _find(_FALL, folded)
    if not (rise or fall) and _find("geworden", folded):  # "Sind in Emst weniger Kinder geworden?"
        rise, fall = _find(_MORE, folded), _find(_LESS, folded)
    if rise or fall:
        intent.change = "up" if rise and not (fall and fall.start() < rise.start()) else "down"
        intent.markers.add("trend")
    if _find(r"(?:als im|gegenueber dem|im vergleich zum|verglichen mit dem|zum|seit dem) vorjahr\w*", folded) and intent.year_from is None:
        intent.in_year = True  # "höher als im Vorjahr": the change from the period before
        intent.markers.add("trend")
    elif "trend" in intent.markers and len(intent.years) == 1 and intent.year_from is None and intent.year_to is None \
            and not intent.last_years:
        intent.in_year = True  # "Ist die Zahl 2022 gesunken?": the change into that year, not from it to the newest
    if intent.in_year and len(intent.years) == 1:
        intent.year_to = intent.years[0]
    if _find(_COMPARE, folded):
        intent.markers.add("compare")
    if _find(r"mehr|weniger|hoeher\w*|niedriger\w*|groesser\w*|kleiner\w*|geringer\w*", folded) and intent.threshold is None:
        intent.markers.add("comparative")  # "Wo leben mehr Menschen, in Haspe oder in Hohenlimburg?"
    if _find(_AVERAGE, folded) and not (intent.threshold is not None and intent.threshold.reference):
        intent.markers.add("average")
    if _find(_SUM, folded):
        intent.markers.add("sum")
    explain = _find(EXPLAIN, folded)
    valued = {"average", "sum", "rank", "threshold", "compare"}
    if explain and not (explain.group(0) in ("was ist", "was sind") and intent.markers & valued):
        # "Was ist der Durchschnitt der Kinderarmut …?", "Was ist der Unterschied … zwischen Emst und …?" ask a value
        intent.markers.add("explain")
    first = re.findall(r"[a-z]+", folded)[:1]
    if first and first[0] not in QUESTION_WORDS:
        intent.markers.add("terse")
    if _find(WHEN, folded):
        intent.markers.add("when")  # "Seit wann fördert die Stadt …": a date, no value of the tables
    if _find(r"wo liegt|wie steht|wie sieht", folded):
        intent.markers.add("how_much")
    if _find(r"aktuell\w*|heute|derzeit|jetzt|zurzeit|inzwischen|momentan", folded):
        intent.markers.add("now")
        for ref in intent.doc_refs:  # "Im Sozialbericht 2019 stand … Wie hoch ist sie aktuell?": from that report to now
            if ref.year is not None and not ref.since:
                ref.since = True
                intent.markers.add("trend")
    if _find(r"wie viele|wieviele|anzahl der|zahl der", folded):
        intent.markers.add("how_many")
    if _find(r"wie oft|wie haeufig|in welchem rhythmus|in welchen abstaenden", folded):
        intent.markers.add("how_often")  # "Wie oft erscheint der Bericht …": a rhythm the text states, no table value
    if _find(r"wie hoch|wie viel|wieviel|welchen wert|welche quote|welcher anteil|welchen anteil|wie gross", folded):
        intent.markers.add("how_much")
    counts_places = _find(r"(?:wie vielen?|wievielen?|anzahl der|zahl der)\s+(?:\w+\s+){0,1}(?:" + level_word + r")", folded)

    if counts_places and (intent.threshold or "rank" not in intent.markers):
        intent.op = "count"
    elif intent.inventory and "how_many" in intent.markers:
        intent.op = "inventory_count"
    elif intent.rank_of or "rank" in intent.markers:
        intent.op = "rank"
    elif intent.threshold is not None:
        intent.op = "filter"
    elif "average" in intent.markers:
        intent.op = "average"
    elif "trend" in intent.markers:
        intent.op = "trend"
    elif "sum" in intent.markers:
        intent.op = "sum"
    elif "compare" in intent.markers:
        intent.op = "compare"
    if relative and intent.op == "trend":
        intent.relative_change = True  # "um wie viel Prozent gestiegen": the figure is whatever the question names
        intent.asks_share = bool(_find(r"[a-z]*(?:anteil|quote)\w*", folded))
    intent.residue = re.sub(r"\s+", " ", residue).strip()
    big_threshold = intent.threshold is not None and intent.threshold.unit != "%" and intent.threshold.value > 100  # no share
    intent.asks_count = not intent.asks_share and (
        "how_many" in intent.markers or big_threshold or bool(_find(r"(?:die|am) (?:meisten|wenigsten)", folded)))
    return intent


_AGE_NUMBER_WORDS = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fuenf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
                     "zehn": 10, "elf": 11, "zwoelf": 12, "vierzehn": 14, "fuenfzehn": 15, "sechzehn": 16, "achtzehn": 18}
_AGE_IN_WORDS = re.compile(r"(?<![a-z])(" + "|".join(sorted(_AGE_NUMBER_WORDS, key=len, reverse=True)) + r")(jaehrig\w*)")


def _age_band(folded: str) -> tuple[tuple[float, float], str] | None:
    """An age range the question asks about, with the text span it was read from ("unter Dreijährige" = under 3)."""
    person = r"(?:" + _PERSON + r")"
    # True marks a form that names an age even beside a quote or SGB II ("Kinder unter 15 im SGB II"), where a bare
    # "unter 15" or "über 2 Jahre" is a threshold or a duration
    patterns = [
        (r"(?:zwischen\s+)?(\d{1,2})\s*-?\s*(?:bis|-|und)\s*(?:unter\s+)?(\d{1,2})(?:\s*-?\s*jaehrige\w*|\s+jahre\w*|\s+j\.)", "range"),
        (r"zwischen\s+(\d{1,2})\s+und\s+(\d{1,2})(?!\s*(?:%|prozent|\d|[.,]\d))", "range"),
        (r"(?:von\s+)?(\d{1,2})\s+bis\s+unter\s+(\d{1,2})", "range"),
        (person + r"\s+(?:im alter\s+)?(?:von\s+)?(\d{1,2})\s+bis\s+(\d{1,2})", "range"),
        (r"(?:ab|von)\s+(\d{1,2})(?:\s+jahre\w*|\s*-?\s*jaehrige\w*)?(?:\s+und\s+(?:aelter|mehr))?(?=\W|$)", "from"),
        (r"(\d{1,2})\s*(?:jahre\s+)?(?:und|oder)\s+(?:aelter|mehr|darueber)", "from"),
        (r"(\d{1,2})\s*\+", "from"),
        (r"ueber\s+(\d{1,2})\s*(?:-?\s*jaehrige\w*|jahre\w*)", "over"),
        (person + r"\s+(?:ueber|aelter als)\s+(\d{1,2})(?![\d.,])(?!\s*(?:%|prozent))", "over", True),
        (r"(?:unter|juenger als)\s+(\d{1,2})\s*(?:-?\s*jaehrige\w*|jahre\w*)", "under"),
        (person + r"\s+(?:unter|juenger als)\s+(\d{1,2})(?!\s*(?:%|prozent|\d|[.,]\d))", "under", True),
        # "Anteil unter 18", "Anteil über 65": a table's own label of an age group's share (a share threshold has a %)
        (r"anteils?\s+(?:der\s+)?(?:unter|juenger als)\s+(\d{1,2})(?!\s*(?:%|prozent|\d|[.,]\d))", "under", True),
        (r"anteils?\s+(?:der\s+)?(?:ueber|aelter als)\s+(\d{1,2})(?!\s*(?:%|prozent|\d|[.,]\d))", "over", True),
        # "Wie viel Prozent der Leute in Vorhalle sind unter 18?": the persons are named earlier in the question
        (r"(?:sind|ist|waren|war)\s+(?:noch\s+|schon\s+|bereits\s+)?(?:unter|juenger als)\s+(\d{1,2})(?!\s*(?:%|prozent|\d|[.,]\d))",
         "under_person"),
        (r"(?:sind|ist|waren|war)\s+(?:schon\s+|bereits\s+)?(?:ueber|aelter als)\s+(\d{1,2})(?!\s*(?:%|prozent|\d|[.,]\d))",
         "over_person"),
        (r"unter\s*-?\s*(\d{1,2})\s*-?\s*jaehrige\w*", "under", True),
        (r"u\s?(\d{1,2})(?![\d,.])", "under", True),  # "U3-Plätze": a code of the age, beside a quote too
    ]
    for pattern, kind, *explicit in patterns:
        match = re.search(r"(?<![\w,.])" + pattern, folded)
        if match and re.search(_NOT_AGE, folded) and kind != "range" and not explicit:
            match = None
        if match and kind.endswith("_person"):
            if not re.search(r"(?<![a-z])(?:" + _PERSON + r")(?![a-z])", folded):
                continue
            kind = kind.removesuffix("_person")
        if not match:
            continue
        numbers = [float(g) for g in match.groups() if g is not None]
        if kind == "range" and len(numbers) == 2 and numbers[0] < numbers[1]:
            return (numbers[0], numbers[1]), match.group(0)
        if kind == "from":
            return (numbers[0], float("inf")), match.group(0)
        if kind == "over":
            return (numbers[0] + 1 if numbers[0] not in (65, 80, 18) else numbers[0], float("inf")), match.group(0)
        if kind == "under":
            return (0.0, numbers[0]), match.group(0)
    if not re.search(_NOT_AGE, folded):
        for pattern, band in _AGE_WORDS:
            match = re.search(r"(?<![a-z])(?:" + pattern + r")(?![a-z])", folded)
            if match:
                return band, match.group(0)
    return None


def _threshold(folded: str) -> tuple[Threshold, str, str] | None:
    """The threshold, the span it was read from, and words of that span that belong to the figure's name."""
    amount = r"(" + _NUM + "|" + "|".join(_AMOUNT_WORDS) + r")"
    unit = r"\s*(%|prozent\w*)?"
    between = re.search(r"(?<![a-z])(?:zwischen|von)\s+" + amount + unit + r"\s+(?:und|bis)\s+" + amount + unit, folded)
    if between:
        low, high = _amount(between.group(1)), _amount(between.group(3))
        has_unit = bool(between.group(2) or between.group(4))
        if low is not None and high is not None and low < high and (has_unit or not _is_year(between.group(1))):
            return Threshold("between", low, "%" if has_unit else "", between.group(0), high=high), between.group(0), ""
    for words, op in _RELATIVE:
        match = re.search(r"(?<![a-z])(?:" + words + r")(?![a-z])", folded)
        if match:
            # "eine höhere Kinderarmut als die Gesamtstadt": the figure's own words stay in the residue
            kept = " ".join(w for w in match.group(0).split() if not re.fullmatch(_RELATIVE_WORDS, w))
            return Threshold(op, float("nan"), "", match.group(0), reference="stadt"), match.group(0), kept
    ops = [  # words before an amount need a space after them ("über 30"), symbols none ("> 30", ">30")
        (r"(?:nicht mehr als|hoechstens|maximal|bis zu)(?=\s)|<=|≤", "<="),
        (r"(?:nicht weniger als|mindestens|wenigstens|ab)(?=\s)|>=|≥", ">="),
        (r"(?:mehr als|ueber|groesser als|hoeher als|oberhalb von|jenseits von)(?=\s)|>", ">"),
        (r"(?:weniger als|unter|kleiner als|niedriger als|unterhalb von|geringer als)(?=\s)|<", "<"),
    ]
    for words, op in ops:
        for match in re.finditer(r"(?<![a-z])(?:" + words + r")\s*(?:von\s+|einem wert von\s+)?" + amount + unit, folded):
            value = _amount(match.group(1))
            if value is None or (not match.group(2) and _is_year(match.group(1))):
                continue
            unit_text = "%" if match.group(2) else ""
            return Threshold(op, value, unit_text, match.group(0)), match.group(0), ""
    return None


def _amount(text: str) -> float | None:
    word = _AMOUNT_WORDS.get(text)
    return float(word) if word is not None else parse_number(text)


def _is_year(text: str) -> bool:
    return text.isdigit() and 1900 <= int(text) <= 2100


def _years(intent: FigureIntent, text: str) -> None:
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)]
    intent.years = sorted(set(years))
    span = re.search(r"(?:zwischen|von)\s+((?:19|20)\d\d)\s+(?:und|bis)\s+((?:19|20)\d\d)", text)
    since = re.search(r"(?:seit|ab|im\s+vergleich\s+(?:zu|mit)|verglichen\s+mit|gegenueber|vs|versus)\s+(?:dem\s+jahr\s+|dem\s+)?"
                      r"((?:19|20)\d\d)", text)  # "im Vergleich zu 2018": from then to the newest year
    # "Ist die Kinderarmut höher als 2019?", "mehr oder weniger als 2018?", "mehr Einwohner als 2018": against that year
    # (not "mehr als 2000 Kinder")
    since = since or re.search(r"(?:mehr|weniger|hoeher|niedriger|groesser|kleiner|geringer)\s+(?:[a-z/-]+\s+){0,4}?als\s+(?:noch\s+)?"
                               r"(?:im\s+jahr\s+|im\s+)?((?:19|20)\d\d)(?=\s*(?:$|[?.!,;:]|und\b|oder\b))", text)
    if span:
        intent.year_from, intent.year_to = sorted((int(span.group(1)), int(span.group(2))))
    elif since:
        intent.year_from = int(since.group(1))
        others = [y for y in intent.years if y != intent.year_from]
        if len(others) == 1 and not since.group(0).startswith(("seit", "ab")):
            # "2022 im Vergleich zu 2018": the two years, not 2018 to the newest
            intent.year_from, intent.year_to = sorted((intent.year_from, others[0]))
    until = re.search(r"(?<![a-z])bis\s+(?:zum\s+jahr\s+|ende\s+|einschliesslich\s+)?((?:19|20)\d\d)(?!\d)", text)
    if until and intent.year_to is None and not span:
        end = int(until.group(1))
        if intent.year_from is None and intent.years == [end]:
            intent.year_to = end  # "Wie hat sich … bis 2026 entwickelt?": up to that year, which the tables must hold
        elif intent.year_from is not None and end > intent.year_from:
            intent.year_to = end  # "seit 2019 bis 2023": not to the newest year
