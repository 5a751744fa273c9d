"""What kind of figure question a German question is: lookup, rank, threshold filter, count, sum, average,
comparison or development — and its numbers (years, thresholds, top-n, age bands). Knows no data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.services.kennzahlen.numbers import parse_number
from assistant.text import normalize

Op = str  # lookup | rank | filter | count | sum | average | compare | trend | inventory_count

_NUMBER_WORDS = {"zwei": 2, "drei": 3, "vier": 4, "fuenf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10}
_NUM = r"\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"

#: Level nouns → the PlaceLevel they ask for.
LEVEL_WORDS = {
    "stadtbezirk": "bezirk", "stadtbezirke": "bezirk", "stadtbezirken": "bezirk", "stadtbezirks": "bezirk",
    "bezirk": "bezirk", "bezirke": "bezirk", "bezirken": "bezirk", "bezirks": "bezirk",
    "sozialraum": "sozialraum", "sozialraeume": "sozialraum", "sozialraeumen": "sozialraum", "sozialraums": "sozialraum",
    "stadtteil": "stadtteil", "stadtteile": "stadtteil", "stadtteilen": "stadtteil", "stadtteils": "stadtteil",
    "quartier": "sozialraum", "quartiere": "sozialraum", "quartieren": "sozialraum",
}
_HIGH = (r"hoechste\w*|hoechsten|groesste\w*|meisten|am staerksten|staerkste\w*|spitze|spitzenreiter|am hoechsten|am groessten|"
         r"am meisten|vorne")
_LOW = r"niedrigste\w*|geringste\w*|kleinste\w*|wenigsten|am niedrigsten|am geringsten|am kleinsten|am wenigsten|schlusslicht"
_TREND = (r"entwickel\w*|entwicklung|gestiegen|gesunken|gefallen|zugenommen|abgenommen|veraender\w*|verlauf|"
          r"seit\s+(?:19|20)\d\d|gewachsen|geschrumpft|angestiegen|zurueckgegangen|trend|im zeitverlauf")
_COMPARE = r"vergleich\w*|unterschied\w*|gegenueber|hoeher als|niedriger als|mehr als in|weniger als in|groesser als"
_AVERAGE = r"durchschnitt\w*|im mittel|mittelwert"
_SUM = r"zusammen|zusammengenommen|summe|addiert|in summe"
_RANK_OF = r"an welcher stelle|welchen rang|welchen platz|auf welchem platz|auf welchem rang|wievielte\w*"
_PERSON = (r"kinder|kindern|jugendliche\w*|menschen|personen|einwohner(?:innen|n)?|leute|senioren|seniorinnen|aeltere\w*|"
           r"bewohner(?:innen|n)?|maenner|frauen|"
           r"minderjaehrige\w*|erwachsene\w*")
#: Words that name an age range by themselves (unless the question is about a quote of that group).
_AGE_WORDS = [
    (r"minderjaehrige\w*|kinder und jugendliche\w*", (0.0, 18.0)),
    (r"hochaltrige\w*|hochbetagte\w*", (80.0, float("inf"))),
    (r"aeltere\w* menschen|senioren|seniorinnen", (65.0, float("inf"))),
]
#: Questions that ask what a figure means or why, not its value.
EXPLAIN = r"was ist|was sind|was bedeutet|was versteht|erklaer\w*|warum|weshalb|wieso|wie wird|wie werden|berechnet|definition|definiert"
#: First words of a question that asks something else than a value (a terse "Kinderarmut in Haspe?" asks the value).
QUESTION_WORDS = frozenset("was wer wie welche welcher welches welchen wo wann warum weshalb wieso gibt ist sind hat haben kann".split())
_NOT_AGE = r"bedarfsgemeinschaft\w*|sgb|armut|kinderarmut|quote"


@dataclass
class Threshold:
    """ "über 10 %" → (">", 10.0, "%")."""

    op: str  # > >= < <=
    value: float
    unit: str = ""
    text: str = ""

    def holds(self, value: float) -> bool:
        return {">": value > self.value, ">=": value >= self.value, "<": value < self.value, "<=": value <= self.value}[self.op]


@dataclass
class FigureIntent:
    """The structure of a figure question, before names are resolved against the data."""

    question: str
    folded: str
    op: Op = "lookup"
    direction: str = "desc"  # for rank: desc = highest first
    top_n: int = 1
    rank_of: bool = False
    threshold: Threshold | None = None
    years: list[int] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    level: str | None = None
    age_band: tuple[float, float] | None = None
    asks_share: bool = False
    inventory: bool = False
    #: The question with numbers, years and thresholds cut out, for indicator matching.
    residue: str = ""
    markers: set[str] = field(default_factory=set)


def _find(pattern: str, text: str) -> re.Match | None:
    return re.search(r"(?<![a-z0-9])(?:" + pattern + r")(?![a-z0-9])", text)


def parse_intent(question: str) -> FigureIntent:
    """The figure structure of a question (always returns one; `markers` says what was recognised)."""
    folded = normalize(question)
    folded = re.sub(r"[„“”\"?!]", " ", folded)
    intent = FigureIntent(question=question, folded=folded)
    residue = folded

    # age bands: "unter 6", "0 bis unter 3", "6 bis 18", "ab 65", "65 und aelter", "80+", "unter 18-jaehrige"
    age = _age_band(folded)
    if age is not None:
        intent.age_band, span = age
        persons = re.findall(r"(?<![a-z])(?:" + _PERSON + r")", span)
        residue = residue.replace(span, " " + " ".join(persons) + " ")
        intent.markers.add("age")

    threshold = _threshold(residue)
    if threshold is not None:
        intent.threshold, span = threshold
        residue = residue.replace(span, " ")
        intent.markers.add("threshold")

    _years(intent, residue)
    residue = re.sub(r"(?<!\d)(?:19|20)\d\d(?!\d)", " ", residue)

    for word in re.findall(r"[a-z]+", folded):
        if word in LEVEL_WORDS and intent.level is None:
            intent.level = LEVEL_WORDS[word]
    intent.asks_share = bool(_find(r"anteil\w*|prozent\w*|quote\w*|%", folded)) or "%" in question
    intent.inventory = bool(_find(r"angebote\w*|angebot|massnahmen|eintraege\w*|traeger\w*|einrichtungen|partner\w*", folded))

    top = _find(r"(?:die|der|den)?\s*(?:top|ersten|letzten)?\s*(" + "|".join(_NUMBER_WORDS) + r"|\d{1,2})\s+(?:" + "|".join(
        k for k in LEVEL_WORDS) + r")", folded)
    if top:
        word = top.group(1)
        intent.top_n = _NUMBER_WORDS.get(word) or int(word)
        intent.markers.add("top")
    high, low = _find(_HIGH, folded), _find(_LOW, folded)
    if _find(_RANK_OF, folded):
        intent.rank_of = True
        intent.markers.add("rank")
    if high or low:
        intent.markers.add("rank")
        intent.direction = "asc" if low and (not high or low.start() < high.start()) else "desc"
    if _find(_TREND, folded) or intent.year_from is not None:
        intent.markers.add("trend")
    if _find(_COMPARE, folded):
        intent.markers.add("compare")
    if _find(_AVERAGE, folded):
        intent.markers.add("average")
    if _find(_SUM, folded):
        intent.markers.add("sum")
    if _find(EXPLAIN, folded):
        intent.markers.add("explain")
    first = re.findall(r"[a-z]+", folded)[:1]
    if first and first[0] not in QUESTION_WORDS:
        intent.markers.add("terse")
    if _find(r"wo liegt|wie steht|wie sieht", folded):
        intent.markers.add("how_much")
    if _find(r"aktuell\w*|heute|derzeit|jetzt|zurzeit|inzwischen|momentan", folded):
        intent.markers.add("now")
    if _find(r"wie viele|wieviele|anzahl der|zahl der|wie oft", folded):
        intent.markers.add("how_many")
    if _find(r"wie hoch|wie viel|wieviel|welchen wert|welche quote|welcher anteil|welchen anteil|wie gross", folded):
        intent.markers.add("how_much")
    level_word = "|".join(LEVEL_WORDS)
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
    intent.residue = re.sub(r"\s+", " ", residue).strip()
    return intent


def _age_band(folded: str) -> tuple[tuple[float, float], str] | None:
    """An age range the question asks about, with the text span it was read from."""
    person = r"(?:" + _PERSON + r")"
    patterns = [
        (r"(?:zwischen\s+)?(\d{1,2})\s*-?\s*(?:bis|-|und)\s*(?:unter\s+)?(\d{1,2})(?:\s*-?\s*jaehrige\w*|\s+jahre\w*|\s+j\.)", "range"),
        (r"zwischen\s+(\d{1,2})\s+und\s+(\d{1,2})(?!\s*(?:%|prozent|\d|[.,]\d))", "range"),
        (r"(?:von\s+)?(\d{1,2})\s+bis\s+unter\s+(\d{1,2})", "range"),
        (person + r"\s+(?:im alter\s+)?(?:von\s+)?(\d{1,2})\s+bis\s+(\d{1,2})", "range"),
        (r"(?:ab|von)\s+(\d{1,2})(?:\s+jahre\w*|\s*-?\s*jaehrige\w*)?(?:\s+und\s+(?:aelter|mehr))?(?=\W|$)", "from"),
        (r"(\d{1,2})\s*(?:jahre\s+)?(?:und|oder)\s+(?:aelter|mehr|darueber)", "from"),
        (r"(\d{1,2})\s*\+", "from"),
        (r"ueber\s+(\d{1,2})\s*(?:-?\s*jaehrige\w*|jahre\w*)", "over"),
        (person + r"\s+(?:ueber|aelter als)\s+(\d{1,2})(?![\d.,])(?!\s*(?:%|prozent))", "over"),
        (r"(?:unter|juenger als)\s+(\d{1,2})\s*(?:-?\s*jaehrige\w*|jahre\w*)", "under"),
        (person + r"\s+(?:unter|juenger als)\s+(\d{1,2})(?!\s*(?:%|prozent|\d|[.,]\d))", "under"),
        (r"unter\s*-?\s*(\d{1,2})\s*-?\s*jaehrige\w*", "under"),
        (r"u\s?(\d{1,2})(?![\d,.])", "under"),
    ]
    for pattern, kind in patterns:
        match = re.search(r"(?<![\w,.])" + pattern, folded)
        if match and re.search(_NOT_AGE, folded) and kind != "range":
            match = None
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


def _threshold(folded: str) -> tuple[Threshold, str] | None:
    ops = [
        (r"mehr als|ueber|groesser als|hoeher als|oberhalb von|jenseits von", ">"),
        (r"mindestens|wenigstens|ab", ">="),
        (r"weniger als|unter|kleiner als|niedriger als|unterhalb von|geringer als", "<"),
        (r"hoechstens|maximal|bis zu|nicht mehr als", "<="),
    ]
    for words, op in ops:
        match = re.search(r"(?<![a-z])(?:" + words + r")\s+(" + _NUM + r")\s*(%|prozent\w*)?", folded)
        if not match:
            continue
        value = parse_number(match.group(1))
        looks_like_year = 1900 <= value <= 2100 and not match.group(2) and match.group(1).isdigit() if value is not None else False
        if value is None or looks_like_year:
            continue
        unit = "%" if match.group(2) else ""
        return Threshold(op, value, unit, match.group(0)), match.group(0)
    return None


def _years(intent: FigureIntent, text: str) -> None:
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)]
    intent.years = sorted(set(years))
    span = re.search(r"(?:zwischen|von)\s+((?:19|20)\d\d)\s+(?:und|bis)\s+((?:19|20)\d\d)", text)
    since = re.search(r"(?:seit|ab)\s+(?:dem\s+jahr\s+|dem\s+)?((?:19|20)\d\d)", text)
    if span:
        intent.year_from, intent.year_to = sorted((int(span.group(1)), int(span.group(2))))
    elif since:
        intent.year_from = int(since.group(1))
