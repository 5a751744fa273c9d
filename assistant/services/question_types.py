"""What kind of answer a question cue asks for, and whether a sentence holds one.

"Wie oft …" is answered by a frequency ("alle acht Wochen", "vierteljährlich"), "wie lange" by a duration, "wann" by a
date or time, "wo" by a place or address, "wer" by a body or person, "wie alt" by an age ("14 bis 21 Jahre"), "woher"
by a source ("aus Städtebaufördermitteln"), "wie viel Geld" by a sum of money, "wie viele" by a count (no year or date),
"was wurde beschlossen" by a decision ("Beschluss: …", "… vereinbart");
a question on a survey by its findings, not by the method sentences that
open the report (unless it asks about the method: "Wie viele haben mitgemacht?").
The extractive composer scores sentences up that hold what a cue asks for (services/extractive.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words after "im" / "in der" that make a time or a manner, not a place.
_NOT_PLACES = (
    r"(?:jahr|jahre|monat|quartal|ersten|zweiten|dritten|vierten|letzten|laufe|rahmen|schnitt|mittel|vorfeld|anschluss|"
    r"vergleich|herbst|frühjahr|sommer|winter|januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|"
    r"dezember|moment|durchschnitt|regel|woche|zeit|vergangenheit|zukunft|folge|praxis|summe|hälfte)\b"
)


#: "Welche Öffnungszeiten …", "wann hat das Café … auf": opening hours, answered by a time span.
HOURS_CUE = re.compile(r"\b(?:öffnungszeit\w*|sprechzeit\w*|geöffnet|geoeffnet|offen\s+hat|hat\s+\w+(?:\s+\w+){0,3}\s+offen|"
                       r"wann\s+(?:hat|haben)\s+\w+(?:\s+\w+){0,5}\s+(?:auf|offen)(?=\s*(?:[?.!,;]|$)))\b", re.I)
# "wann hat das Café … auf" (the particle ends the clause; "wann hat ein Kind Anspruch auf …" asks no hours)
#: A time span ("10:00–16:30 Uhr", "von 14:30 bis 17:00 Uhr", "9 bis 12 Uhr"); one clock time is a meeting, not hours.
HOURS_SPAN = re.compile(r"\b\d{1,2}(?::\d\d|\.\d\d)?\s*(?:[–-]|bis)\s*\d{1,2}(?::\d\d|\.\d\d)?\s*uhr\b", re.IGNORECASE)
#: "Um wie viel Uhr beginnt …": a clock time is the answer (no count of "Uhr"); any clock time holds one.
CLOCK_CUE = re.compile(r"\b(?:um\s+wie\s?viel\s+uhr|um\s+welche\s+uhrzeit|welche\s+uhrzeit|wie\s+spät)\b", re.I)
CLOCK_TIME = re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s*uhr\b", re.I)
FREQUENCY_CUE = re.compile(r"\bwie\s+oft\b|\bwie\s+häufig\b|\bin\s+welchem\s+rhythmus\b|\bwie\s+regelmäßig\b", re.I)
_CUES = {
    "frequency": FREQUENCY_CUE,
    "duration": re.compile(r"\bwie\s+lange\b|\bwie\s+lang\b|\bwie\s*viel\s+(?:zeit|vorlauf)\b", re.I),
    "time": re.compile(r"\bwann\b|\bseit\s+wann\b|\bbis\s+wann\b|\ban\s+welchem\s+tag\b", re.I),
    "place": re.compile(r"(?:^|[,;]\s*|\bund\s+)wo\b|\bwohin\b|\ban\s+welchem\s+ort\b", re.I),
    "person": re.compile(r"(?:^|[,;]\s*|\bund\s+)wer\b|\bwem\b|\bvon\s+wem\b", re.I),
    "age": re.compile(r"\bwie\s+alt\b|\b(?:ab|in|bis\s+zu)\s+welchem\s+alter\b|\bwelches\s+alter\b", re.I),
    "source": re.compile(r"\bwoher\b|\bwer\s+(?:bezahlt|zahlt|finanziert|fördert)\b|\bwovon\s+wird\b", re.I),
    # "wie viel Geld", "was kostet", "wie hoch ist der Zuschuss": a sum of money, not any figure
    "amount": re.compile(
        r"\bwie\s*viel\s+(?:geld|euro|zuschuss|mittel|förder\w*|budget)\b|\bwas\s+kost\w*|\bwie\s+teuer\b|"
        r"\bwie\s+hoch\s+(?:ist|sind|war|waren)\s+(?:der|die|das)\s+\w*(?:betrag|zuschuss|förderung|budget|kosten|summe|miete|preis|"
        r"gebühr|beitrag|fonds|mittel)\b",
        re.I,
    ),
    "hours": HOURS_CUE,
    "clock": CLOCK_CUE,
    "since": re.compile(r"\b(?:seit|ab)\s+wann\b", re.I),
    # "wie viele Leute", "wieviele Kontakte": a count, which no year or date gives
    "count": re.compile(r"\bwie\s*viele\b(?!\s+prozent)|\banzahl\s+der\b", re.I),
    # "Was hat die Konferenz beschlossen?": a decision, which a report of the discussion does not give
    "decision": re.compile(r"\b(?:beschlossen|beschließt|beschliesst|beschlossene\w*|vereinbart|entschieden)\b", re.I),
}
_HOLDS = {
    # how many times: "sechsmal getagt", "24-mal"
    "times": re.compile(r"\b(?:\d+\s*-?\s*mal|(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig)mal)\b"
                        r"(?!\s+(?:im|pro|je|in\s+der|in\s+einem|jährlich|monatlich)\b)", re.IGNORECASE),  # not "zweimal im Jahr"
    "hours": HOURS_SPAN,
    "clock": CLOCK_TIME,
    # "seit 1987", "seit dem 04.06.2024", "seit Oktober 2023", "seit Herbst 2019": since when
    # "ab wann": "gültig ab 1. Oktober 2023", "ab dem 01.04.2024"
    "since": re.compile(r"\b(?:seit|ab)\s+(?:dem\s+|der\s+|anfang\s+|ende\s+|mitte\s+)?(?:\d|(?:januar|februar|märz|april|mai|juni|juli|"
                        r"august|september|oktober|november|dezember|frühjahr|sommer|herbst|winter)\b)", re.I),
    "frequency": re.compile(
        # "zweimal im Jahr", not "hat seit Oktober dreimal getagt" (a count of meetings, no rhythm)
        r"\b(?:alle\s+\w+\s+(?:wochen|monate|jahre)|(?:ein|zwei|drei|vier)mal\s+(?:im|pro|je|in\s+der)\s+\w+|wöchentlich|monatlich|"
        r"vierteljährlich|quartalsweise|halbjährlich|jährlich|täglich|jeden\s+\w+|\w+s\s+im\s+monat)\b",
        re.I,
    ),
    "duration": re.compile(
        # the singular after "ein…" too: "spätestens nach einem Jahr", "binnen einer Woche"; "alle acht Wochen" is a rhythm
        r"(?<!alle )\b(?:\d+|ein\w*|zwei|drei|vier|fünf|sechs|sieben|acht|zehn|zwölf|anderthalb|eineinhalb)\s+"
        r"(?:stunden?|minuten?|tage?n?|wochen?|monate?n?|jahre?n?)\b", re.I
    ),
    "time": re.compile(
        r"\b(?:\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?|\d{1,2}\.\s+(?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|"
        r"dezember)|(?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)\s+\d{4}|(?:19|20)\d\d|"
        r"\d{1,2}(?::\d\d)?\s*uhr|montags?|dienstags?|mittwochs?|donnerstags?|freitags?|samstags?|sonntags?)\b",
        re.I,
    ),
    # "im Dorftreff", "in der Begegnungsstätte" — not a time ("im zweiten Quartal", "im Jahr 2025", "in der Regel")
    "place": re.compile(
        r"\b(?:\w+(?:straße|str\.|weg|platz|allee|ring)\s+\d+|im\s+(?!" + _NOT_PLACES + r")\w+|in\s+der\s+(?!" + _NOT_PLACES + r")\w+|"
        r"rathaus|räumen\s+der)\b",
        re.I,
    ),
    "person": re.compile(
        r"\b(?:Frau|Herr|Vorsitz\w*|Leitung|Geschäftsführung|Moderation|moderier\w*|Träger\w*|AWO|Caritas|Diakonie|DRK)\b"
    ),
    "age": re.compile(r"\b(?:\d{1,2}\s*(?:bis|-|–|und)\s*\d{1,2}\s+jahr\w*|(?:ab|unter|über)\s+\d{1,2}\s+jahr\w*|\d{1,2}-?jährig\w*|"
                      r"im\s+alter\s+(?:von|ab|zwischen))", re.I),
    "decision": re.compile(r"\b(?:beschluss\w*|beschlossen\w*|beschließt|beschliesst|vereinbart\w*|entschieden|zugestimmt|"
                           r"stimmt\s+\w+(?:\s+\w+){0,4}\s+zu)\b", re.I),
    "source": re.compile(r"\b(?:\w*mitteln|\w*mittel|finanziert\w*|finanzierung|gefördert|zuschuss\w*|zuwendung\w*|haushalt\w*|"
                         r"stammt|stammen|getragen)\b", re.I),
}
#: Money: a figure with a currency ("30.000 Euro", "4,50 €", "€ 1.400").
_MONEY = re.compile(r"\d[\d.,]*\s*(?:€|euro\b|eur\b|mio\.?\s*(?:€|euro)|millionen\s+euro)|€\s*\d", re.I)
#: A price of nothing: "Was kostet …?" is answered by "kostenfrei" as well as by a sum.
FREE_OF_CHARGE = re.compile(r"\b(?:kostenfrei\w*|kostenlos\w*|gebührenfrei\w*|unentgeltlich\w*|gratis|umsonst|"
                            r"ohne\s+(?:kosten|gebühr\w*|entgelt)|keine\s+(?:kosten|gebühr\w*))\b", re.I)
#: Numbers that count nothing: dates, clock times, years, postcodes, house numbers, ranges of ages, reference numbers
#: of resolutions and agenda items ("Beschluss 8/2024-3", "TOP 5", "Nr. 2").
_NOT_COUNTS = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.(?:\d{2,4})?|\b\d{1,2}(?::\d\d)?\s*(?:[–-]|bis)\s*\d{1,2}(?::\d\d)?\s*uhr\b|\b\d{1,2}(?::\d\d)?\s*uhr\b|"
    r"\b\d{1,2}\.\s?[–-]\s?(?=\d{1,2}\.\d{1,2}\.)|\b\d{1,2}:\d\d\b|(?<!\d)(?<!\d[.,])(?:19|20)\d\d(?!\d|[.,]\d)|\b\d{5}\s+[A-ZÄÖÜ]\w*|(?i:stra(?:ß|ss)e|str\.|weg|allee|platz)\s+\d+\w?|"
    r"§\s*\d+|\b\d+/(?:19|20)\d\d(?:-\d+)?\b|\b(?:TOP|Nr\.?|Beschluss)\s*\d+(?:[./-]\d+)*|\b\d{1,2}\.\s+(?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)",
    re.I,
)
_DIGITS = re.compile(r"\d")
#: The number of a list item at the start of a sentence ("5. Sitzbänke: …"): its place in the list, no count.
_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}\.(?=\s+[A-ZÄÖÜ])")


def without_non_counts(text: str) -> str:
    """The text with its years, dates, clock times, postcodes and house numbers blanked out."""
    return _NOT_COUNTS.sub(" ", text)


def holds_count(text: str) -> bool:
    """True when a sentence has a number that can be a count: not a year, date, clock time, postcode or house number."""
    return bool(_DIGITS.search(without_non_counts(_ITEM_NUMBER.sub(" ", text))))


#: Survey words, also inside compounds ("Bürgerbefragung", "Jugendbefragung", "Experteninterviews").
_SURVEY = re.compile(r"\b\w*(?:befragung\w*|befragte\w*|umfrage\w*|erhebung|workshop\w*|interview\w*)\b", re.I)
_ASKS_METHOD = re.compile(r"\b(?:teilgenommen|mitgemacht|befragt\s+wurden|wie\s+viele\s+(?:befragte|personen|menschen|leute)|"
                          r"wann\s+(?:fand|wurde|lief)|wie\s+wurde|methode|rücklauf|stichprobe)\b", re.I)
#: Method and introduction sentences of a survey report: who was asked when and how, on what scale, to answer what.
METHOD = re.compile(
    r"\b(?:wurden\s+(?:\w+\s+){0,6}(?:befragt|gefragt|angeschrieben|eingeladen)|bewertet\s+wurde|auf\s+einer\s+skala|feldphase|"
    r"rücklauf|stichprobe|fragebogen|sollte\s+\w+\s+fragen\s+beantworten|im\s+rahmen\s+der|wurden\s+gebeten|"
    r"(?:wichtigste|erste|zentrale|offene)\s+frage\s+(?:war|lautete)|im\s+zentrum\s+der\s+befragung\s+stand)\b",
    re.I,
)
#: Findings: shares, counts of answers, rankings ("am häufigsten", "nannten", "gaben an").
FINDING = re.compile(
    r"%|\bprozent\b|\bam\s+häufigsten\b|\bnannten\b|\bgaben\s+an\b|\bwünsch\w+\b|\bmehrheit\b|\bhälfte\b|\bdrittel\b", re.I
)


#: A question for the top of a ranking ("Welche Orte meiden Jugendliche am häufigsten?", "die häufigste Antwort"): the
#: first lines of a result table answer it.
RANKING_CUE = re.compile(
    r"\bam\s+(?:häufigsten|haeufigsten|meisten|stärksten|liebsten|ehesten)\b|\bhäufigste[nrs]?\b|\bmeist\s*genannt\w*", re.I
)


def asks_ranking(question: str) -> bool:
    """True for a question that asks what was named, wished or done most often."""
    return bool(RANKING_CUE.search(question))


def amount_cue(question: str) -> re.Match | None:
    """Where the question asks for a sum of money ("wie viel Geld", "wie hoch ist der Zuschuss"); None otherwise."""
    return _CUES["amount"].search(question)


#: "Wie oft hat die AG bis zum Herbst getagt?", "Wie oft wurde ein Projekt geändert?": how many times, no rhythm.
_TIMES_SO_FAR = re.compile(r"\bwie\s+oft\b.*\b(?:hat|haben|hatte|hatten|ist|sind|wurde|wurden|war|waren)\b.*"
                           r"\b(?:ge\w+(?:t|en)|\w+iert|\w+(?:ge|zu)\w+(?:t|en))\s*[?.!]*\s*$", re.IGNORECASE)


def asked_types(question: str) -> set[str]:
    """The kinds of answer the question's cues ask for ("Wie oft … und wie lange …?" → frequency, duration); "wie oft"
    in the perfect tense asks how many times it happened ("sechsmal getagt")."""
    kinds = {kind for kind, cue in _CUES.items() if cue.search(question)}
    if "frequency" in kinds and _TIMES_SO_FAR.search(question):
        kinds = (kinds - {"frequency"}) | {"times"}
    return kinds


def holds(kind: str, text: str) -> bool:
    """True when a sentence holds an answer of that kind."""
    if kind == "count":
        return holds_count(text)
    if kind == "amount":
        return bool(_MONEY.search(text) or FREE_OF_CHARGE.search(text))
    pattern = _HOLDS.get(kind)
    return bool(pattern and pattern.search(text))


#: "Wie viele Befragte … sind zufrieden / wünschen sich …": a share of the answers, not the number of respondents.
_ANSWERED = re.compile(
    r"\b(?:zufrieden|unzufrieden|wünsch\w*|halten|hielten|fühl\w*|kenn\w*|sag\w*|nenn\w*|nannten|mein\w*|bewert\w*|vermiss\w*|"
    r"meid\w*|geben\s+an|gaben\s+an)\b",
    re.I,
)


def asks_findings(question: str) -> bool:
    """True for a question about a survey's results (not about how it was done)."""
    method = _ASKS_METHOD.search(question)
    if method and method.group(0).lower().startswith("wie") and _ANSWERED.search(question[method.end():]):
        method = None  # "Wie viele Befragte … sind mit ihrer Nachbarschaft zufrieden?" asks a finding
    return bool(_SURVEY.search(question)) and not method


#: Verbs of a role held in a body or event ("Wer leitet …", "Wer moderiert …") and the word stems that state one:
#: a sentence on who takes part, who hosts or who keeps the minutes does not say who leads. General German word
#: families, not words of one corpus.
_ROLE_VERBS: dict[str, frozenset[str]] = {
    "leit": frozenset({"leit", "vorsitz", "federführ", "federfuehr", "moderi", "moderat"}),  # a meeting is led by its moderator
    "führ": frozenset({"führ", "fuehr", "leit", "vorsitz"}),
    "fuehr": frozenset({"führ", "fuehr", "leit", "vorsitz"}),
    "moderi": frozenset({"moderi", "moderat"}),
    "koordini": frozenset({"koordin"}),
}
_ASKS_DEED = re.compile(r"\bwer\s+(?P<verb>(?:leit|führ|fuehr|moderi|koordini)\w*)\b(?P<rest>[^?]*)", re.IGNORECASE)
#: Words that hold a stem without stating the role ("begleitet", "Leitfaden", "Leitbild", "Leitlinie", "ausgeführt").
_NOT_A_ROLE = re.compile(
    r"begleit|leitfad|leitbild|leitlini|leitzi|leitfrag|(?:aus|durch|ein|auf|fort|zu|an)f(?:ü|ue)hr", re.IGNORECASE
)


@dataclass(frozen=True)
class Deed:
    """A role asked by its verb: the stems that state it, and the asked clause ("die Sozialplanung leitet")."""

    stems: frozenset[str]
    clause: str


def asked_deed(question: str) -> Deed | None:
    """"Wer leitet die Steuerungsgruppe?" → the stems of leading ("leitet", "Leitung", "Vorsitz", "Federführung");
    None for other questions."""
    match = _ASKS_DEED.search(question)
    if not match:
        return None
    verb = match.group("verb")
    stems = next(v for k, v in _ROLE_VERBS.items() if verb.lower().startswith(k))
    return Deed(stems, f"{' '.join(match.group('rest').split())} {verb}".strip())


def states_deed(stems: frozenset[str], text: str) -> bool:
    """True when the text writes one of the role's stems, also inside a compound ("Fachbereichsleitung", "geleitet"),
    but not in a word that only contains it ("begleitet", "Leitfaden")."""
    lowered = _NOT_A_ROLE.sub(" ", text.lower())
    return any(stem in lowered for stem in stems)


#: "In welchem Jahr wurde das Seniorencafé eröffnet?", "Wann ist die Ortsbegehung durchgeführt worden?": a time asked of
#: an event, named by the participle at the end of the question.
_ASKS_EVENT = re.compile(
    r"\b(?:wann|seit\s+wann|in\s+welchem\s+jahr|in\s+welchem\s+monat|an\s+welchem\s+tag)\s+(?P<aux>wurde|wurden|ist|sind|war|waren)\s+"
    # the participle ends the question or its main clause ("… gebaut, in dem die Begegnungsstätte liegt?")
    r"(?P<subject>[^?,;]+?)\s+(?P<verb>[a-zäöüß]+(?:t|en))(?P<worden>\s+worden)?\s*(?:,[^?]*)?\??\s*$",
    re.IGNORECASE,
)
#: Separable and inseparable prefixes before a participle's "ge" ("ein-ge-richtet", "durch-ge-führt").
_PREFIX_GE = re.compile(r"^(ab|an|auf|aus|bei|ein|fest|mit|nach|vor|weg|zu|zurück|durch|um|über|unter)ge(?=\w{3})")
#: A root shorter than this is shared by unrelated words.
EVENT_ROOT_MIN = 4


@dataclass(frozen=True)
class Event:
    """A time asked of an event: the root its verb and noun share ("eröffn": eröffnet, Eröffnung) and the asked clause
    in statement order ("das Seniorencafé Henkhausen eröffnet wurde") for the refusal."""

    root: str
    clause: str
    #: The participle without its ending ("eingericht" for "eingerichtet"): a sentence may write it so.
    participle: str = ""


def asked_event(question: str) -> Event | None:
    """The event whose time a question asks ("Wann wurde … gegründet?"); None for other questions."""
    match = _ASKS_EVENT.search(" ".join(question.split()))
    if not match:
        return None
    verb = match.group("verb").lower()
    root = _PREFIX_GE.sub(r"\1", verb)
    if root == verb and root.startswith("ge") and len(root) > 6:
        root = root[2:]  # "gegründet" → "gründet"
    for ending in ("et", "t", "en"):
        if root.endswith(ending) and len(root) - len(ending) >= EVENT_ROOT_MIN:
            root = root[: -len(ending)]
            break
    if len(root) < EVENT_ROOT_MIN:
        return None
    worden = " worden" if match.group("worden") else ""
    participle = re.sub(r"(?:et|t|en)$", "", verb)
    return Event(root, f"{match.group('subject')} {match.group('verb')}{worden} {match.group('aux')}", participle)


def states_event(event: Event, text: str) -> bool:
    """True when the text writes the event's verb or noun ("eröffnete", "Eröffnung" for "eröffnet")."""
    lowered = text.lower()
    return event.root in lowered or bool(event.participle and event.participle in lowered)
