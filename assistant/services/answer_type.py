"""Does the evidence hold the kind of answer the question asks for? A refusal check beside key-term support.

"Wie viele Kita-Plätze …" needs a number in a sentence about Kita-Plätze, "Was kostet …" an amount, "Wie heißt …"
a name: unanswerable questions whose words all occur in the documents (Kita, Plätze, Emst) are caught here.
Contact details and opening hours are kinds of their own ("Unter welcher Telefonnummer …" needs a phone number,
"Welche Öffnungszeiten …" clock times), and "Wer ist die Leiterin …" asks for a person's name, which a function
word ("die Leitung") does not give. `missing_kind` names the kind the evidence lacks, for the refusal text.
"""

from __future__ import annotations

import re

from assistant.core.settings import AnsweringSettings
from assistant.core.types import DESCRIBED_ROWS_KEY, Chunk, Passage
from assistant.services.extractive import DEFAULT_PARAMS, PRONOUN_START, figures, multi_part, synonym_terms
from assistant.services.named_entities import asked_names, names_after
from assistant.services.query_understanding import QueryAnalysis
from assistant.services.question_types import (
    CLOCK_CUE,
    CLOCK_TIME,
    FREE_OF_CHARGE,
    FREQUENCY_CUE,
    HOURS_CUE,
    HOURS_SPAN,
    Event,
    amount_cue,
    asked_event,
    asked_types,
    holds,
    states_event,
)
from assistant.services.recasing import recased
from assistant.services.retrieval import CorpusSnapshot
from assistant.text import degender, fold, split_sentences, stem

#: Questions that need an answer of a certain type: a figure, an amount of money, a name.
_ASKS_NUMBER = re.compile(r"\b(?:wie\s+viele?|wieviele?|wie\s+hoch|wie\s+gro(?:ß|ss))\b", re.IGNORECASE)
_ASKS_MONEY = re.compile(r"\b(?:was\s+kostet|was\s+kosten|wie\s+teuer)\b", re.IGNORECASE)
_ASKS_NAME = re.compile(r"\b(?:wer\s+ist|wer\s+sind)\b", re.IGNORECASE)
_ASKS_PROPER_NAME = re.compile(r"\bwie\s+hei(?:ß|ss)(?:t|en)\b", re.IGNORECASE)
#: Kinds that need no asked noun beside them: the cue itself names what the sentence must hold.
_ASKS_PHONE = re.compile(r"\b(?:telefon\w*|rufnummer\w*|anrufen|hotline)\b", re.IGNORECASE)
_ASKS_EMAIL = re.compile(r"\b(?:e-?mail\w*|mailadresse\w*)\b", re.IGNORECASE)
_ASKS_HOURS = HOURS_CUE
_HOLDS = {
    "clock": CLOCK_TIME,
    "phone": re.compile(r"(?:\+49|\b0)\s?\d{2,5}(?:\s?[/-]\s?|\s)\d{2,}"),
    "email": re.compile(r"[\w.+-]+@[\w-]+\.\w+"),
    # a time span ("10:00–16:30 Uhr", "9 bis 12 Uhr"); one clock time is a meeting, not opening hours
    "hours": HOURS_SPAN,
}
#: How a refusal names the lacking kind ("Für „Kulturhof Emst“ nennen die Dokumente keine Telefonnummer.").
KIND_LABELS = {
    "phone": "keine Telefonnummer", "email": "keine E-Mail-Adresse", "hours": "keine Öffnungszeiten", "money": "keinen Betrag",
    "number": "keine Zahl", "proper": "keinen Namen", "person": "keinen Namen", "frequency": "keinen Rhythmus",
    "event": "keinen Zeitpunkt", "clock": "keine Uhrzeit",
}
#: Role nouns of persons (general German word formation): "wer ist die Leiterin …" asks for a person, whereas
#: "wer ist Träger …" may be answered by an organisation.
_PERSON_ROLE = re.compile(
    r"(?:leiter|meister|dezernent|vorsitzend|sprecher|beauftragt|ansprechpart|koordinator|referent|direktor|präsident|"
    r"minister|chef|geschäftsführer|vorstand|landrat|landrät|bürgermeister|beigeordnet|kämmer|dezernat)\w*$",
    re.IGNORECASE,
)
#: A function held by a person ("Teamleitung"): "Wie heißt die Teamleitung …" asks for that person's name, whereas
#: "Wer ist die Leitung …" may be answered by the organisation that leads.
_PERSON_FUNCTION = re.compile(r"leitung$", re.IGNORECASE)
_ASKS_PERSON = re.compile(
    r"\b(?i:wer\s+(?:ist|sind|war|waren)|wie\s+hei(?:ß|ss)(?:t|en))\s+(?i:der|die|das|den|dem|ein|eine)?\s*(?:[a-zäöüß]\w*\s+)?"
    r"(?P<role>[A-ZÄÖÜ]\w+)",
)
#: A person's name: a title before a capitalised word ("Frau Beispiel", "Dr. Weber").
_PERSON_NAME = re.compile(r"\b(?:Frau|Herr|Herrn|Dr\.|Prof\.)\s+(?:Dr\.\s+)?[A-ZÄÖÜ][a-zäöüß]+")
_FULL_NAME = re.compile(r"(?<![.:]\s)(?<!^)\b([A-ZÄÖÜ][a-zäöüß]{2,}\s+[A-ZÄÖÜ][a-zäöüß]{2,}(?:-[A-ZÄÖÜ][a-zäöüß]+)?)\b")
#: Words that name a measure, not the thing measured ("der Anteil der Alleinerziehenden").
_MEASURE_WORDS = frozenset(
    stem(fold(w)) for w in "Anteil Zahl Anzahl Wert Quote Unterschied Differenz Veränderung Entwicklung Prozent Summe Höhe".split()
)
_MONEY = re.compile(r"€|\beuro\b|\beur\b", re.IGNORECASE)
#: Numbers that are no quantity: a postcode after an address comma, a house number closing an address, a phone
#: number, a code ("I-11"), a date ("21.09.2024").
_NOT_QUANTITIES = re.compile(
    r",\s*\d{5}\s+[A-ZÄÖÜ]\w*"
    r"|(?i:stra(?:ß|ss)e|str\.|weg|allee|gasse)\s+\d+\s*[a-z]?(?=\s*[,;)]|\s*$)"
    r"|(?:\+49\s?|\b0)\d{2,5}[\s/-]\d{3,}(?:-\d+)?"
    r"|\b[A-ZÄÖÜ]{1,4}-\d+\b"
    r"|\b\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?(?!\d)"
    r"|\b\d{1,2}\.\s*[–-]\s*(?=\d{1,2}\.\d{1,2}\.)"  # the first day of a span ("09.–11.04.2024")
    # a statistics export's date ("2023-12-31", "2023_12_31", "31_12_2023") and a table description's row count
    # ("(2014-12-31 … 2023-12-31, 11 Zeilen)"): no value of the table
    r"|\b(?:19|20)\d\d[-_]\d\d[-_]\d\d\b|\b\d\d_\d\d_(?:19|20)\d\d\b|\b\d+\s+Zeilen\b"
    # a reference to a part of a document ("TOP 5", "§ 4a Abs. 2", "Tabelle 3", "Beschluss 8/2024-1"): where, not how many
    r"|(?:\bTOP|§§?|\b(?i:nr\.|kap\.|kapitel|abs\.|anlage|tabelle|abb\.|abbildung|beschluss|ziffer))\s*\d+[a-z]?(?:[./-]\d+)*(?:-\d+)?"
    # a year ("im Bericht 2023", "seit 2019"): when, not how many
    r"|(?<![\d.,])(?:19|20)\d\d(?![\d.,])(?!\s*(?:%|prozent|euro|€|eur\b))"
    # the number of a list item ("5. Sitzbänke: …"): its place in the list
    r"|^\s*\d{1,2}\.(?=\s+[A-ZÄÖÜ])"
)
_NUMBER_WORDS = frozenset(
    "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig hundert tausend hälfte drittel viertel".split()
)


def answer_type_missing(
    analysis: QueryAnalysis, passages: list[Passage], snapshot: CorpusSnapshot, params: AnsweringSettings = DEFAULT_PARAMS
) -> bool:
    """True when the evidence lacks the kind of answer the question asks for (see `missing_kind`)."""
    return bool(missing_kind(analysis, passages, snapshot, params))


def missing_kind(
    analysis: QueryAnalysis, passages: list[Passage], snapshot: CorpusSnapshot, params: AnsweringSettings = DEFAULT_PARAMS
) -> str:
    """True when the question asks for a figure, a price or a name of something and no top sentence gives one
    together with that thing: "Wie viele Kita-Plätze …" is not answered by "Kita-Angebote" plus "60 Plätze" elsewhere.

    The asked thing is the first key noun after the question cue (measure words like "Anteil" skipped; a hyphenated
    compound whole); it counts when it, all its compound parts or a synonym from the alias file occurs in the sentence
    read with its document title and section. Questions that ask two things, or about a word the corpus does not
    know, are left to the other checks.
    """
    question = degender(analysis.question)
    if multi_part(question):
        return ""
    if "frequency" in asked_types(question):  # "Wie oft tagt …": "tagt am 12.03." or "regelmäßig" says not how often
        return "" if any(_rhythm_of_the_thing(analysis, p, snapshot, params.name_max_doc_freq) for p in passages) else "frequency"
    event = asked_event(question)
    if event is not None:  # "In welchem Jahr wurde … eröffnet?": a date beside its closing answers nothing
        return "" if any(_dates_the_event(analysis, event, p, snapshot) for p in passages) else "event"
    contact = _contact_kind(question)
    if contact:
        on_it = [p for p in passages if _about_the_rest(analysis, contact, p, snapshot)]
        # the hours or number of another place's office are none of the asked place's ("Quartiersbüro Wehringhausen
        # mittwochs 14–17 Uhr" in a passage that names Hohenlimburg-Zentrum only as a place still to come)
        return "" if any(_holds_for_asked_place(analysis, snapshot, contact, _pieces(p)) for p in on_it) else contact
    person = _ASKS_PERSON.search(question)
    if person and (_PERSON_ROLE.search(fold(person.group("role"))) or _names_function(person)):
        return "" if _person_named(person.group("role"), passages, snapshot, params.name_max_doc_freq) else "person"
    patterns = ((_ASKS_MONEY, "money"), (_ASKS_NUMBER, "number"), (_ASKS_PROPER_NAME, "proper"), (_ASKS_NAME, "name"))
    cues = ((p.search(question), kind) for p, kind in patterns)
    cue, kind = next(((c, k) for c, k in cues if c), (None, ""))
    if cue is None:
        return ""
    amount = amount_cue(question) if kind == "number" else None
    thing = None
    if amount is not None:  # "wie viel Zuschuss / Geld bekommt …": a figure that is no sum (a year, a count) is none,
        kind = "money"  # and what it is for follows the money word ("Wie hoch ist die Miete in …": the word itself)
        thing = _asked_thing(analysis, snapshot, question, amount.end())
    thing = thing or _asked_thing(analysis, snapshot, question, cue.end())
    if thing is None:
        return ""
    term, parts = thing
    synonyms = synonym_terms([term], snapshot).get(term, [])
    named = _named_terms(analysis, snapshot, params.name_max_doc_freq)
    owner = _owner(analysis, snapshot, question, cue.end()) if kind in ("number", "money") else None
    for passage in passages:
        chunk = passage.chunk
        if kind in ("number", "money") and not states_values(chunk):
            continue  # a table passage written for search ("Altstadt: Einwohner nach Altersgruppen – 0 bis unter 3 …")
        context = frozenset(snapshot.analyzer.terms(f"{passage.document.title}\n{chunk.section}"))
        pieces = [chunk.text] if chunk.kind == "table_row" else [s.text for s in split_sentences(chunk.text)]
        # a sum is for what its passage is about ("Gefördert werden Projekte von Bewohner:innen … 3.000 Euro"): the
        # asked thing may be in another sentence of it; a figure or a name must be in the sentence itself
        whole = context | frozenset(snapshot.analyzer.terms(degender(chunk.text))) if kind == "money" else frozenset()
        placed = kind in ("number", "money") and _figure_on_asked_place(analysis, snapshot, pieces)
        budget = sum(1 for piece in pieces if _ENDS_WITH_SUM.search(piece)) >= _BUDGET_LINES
        for index, piece in enumerate(pieces):
            if kind in ("number", "money") and not placed and \
                    _about_other_places(analysis, snapshot, pieces[max(0, index - 1) : index + 1]):
                continue  # "… in Haspe-Zentrum und Wehringhausen. In den ersten Wochen 214 Kontakte": no count of Eilpe
            terms = context | frozenset(snapshot.analyzer.terms(degender(piece)))  # "Bewohner:innen" names Bewohner
            about = terms | whole
            if not (term in about or (parts and parts <= about) or any(a <= about for a in synonyms)):
                continue
            if kind in ("number", "money") and not named <= terms:
                continue  # the count of the Gesamtschule Haspe is not in a sentence that does not name it
            if owner is not None and not (owner[0] in terms or (owner[1] and owner[1] <= terms)):
                continue  # "Wie viele Plätze hat die Tagespflege …": the Plätze of a Begegnungsstätte are none of it
            if kind == "money" and amount is None and FREE_OF_CHARGE.search(piece):
                return ""  # "Was kostet die Quartierssprechstunde?" — "kostenfrei"
            if kind == "name" or (kind == "money" and _MONEY.search(piece) and (amount is not None or _price_in(piece, budget))):
                return ""  # "Was kostet …": a price in a sentence, never a line of a budget ("… und Mittagstisch 8.900 €")
            if kind == "proper" and _has_proper_name(piece, analysis, snapshot, params.name_max_doc_freq):
                return ""
            if kind == "number" and (figures(_NOT_QUANTITIES.sub(" ", piece)) or set(piece.lower().split()) & _NUMBER_WORDS):
                return ""
    return kind


def _thing_at_asked_place(analysis: QueryAnalysis, snapshot: CorpusSnapshot, thing: dict[str, frozenset[str]],
                          max_doc_freq: int) -> bool:
    """True when the corpus names the asked thing right before the asked place or one of its parts."""
    heads = [w for w in re.findall(r"[^\W\d_][\w-]*", analysis.question) if set(snapshot.analyzer.terms(w)[:1]) & set(thing)]
    bases = {fold(p.name).rstrip("e") for p in analysis.places}  # the corpus's pairs are folded, without a declension ending
    for head in heads:
        for name in names_after(head[:1].upper() + head[1:], snapshot, max_doc_freq):
            named = snapshot.places_in_text(name)  # the place itself or one of its parts, never its Bezirk
            if name.rstrip("e") in bases or any(_of_asked_place(n, analysis, snapshot, parent=False) for n in named):
                return True
    return False


def _of_asked_place(name: str, analysis: QueryAnalysis, snapshot: CorpusSnapshot, *, parent: bool = True) -> bool:
    """True when a named place is an asked place or one of its Sozialräume (and, with `parent`, its Bezirk)."""
    places = snapshot.vocabulary.places
    asked = {p.name for p in analysis.places}
    return name in asked or (name in places and places[name].bezirk in asked) or \
        (parent and any(p.bezirk == name for p in analysis.places))


def _names_asked_place(analysis: QueryAnalysis, snapshot: CorpusSnapshot, text: str) -> bool:
    """True when the text names an asked place, its Bezirk or one of its Sozialräume."""
    return any(_of_asked_place(n, analysis, snapshot) for n in snapshot.places_in_text(text))


def _figure_on_asked_place(analysis: QueryAnalysis, snapshot: CorpusSnapshot, pieces: list[str]) -> bool:
    """True when a sentence of the passage names an asked place and holds a figure ("In Haspe lag sie bei 19,6 %"):
    the passage speaks of that place, and a sentence before it may name the figure for it."""
    asked = {p.name for p in analysis.places}
    return any(asked & snapshot.places_in_text(piece, sentence=True) and figures(_NOT_QUANTITIES.sub(" ", piece)) for piece in pieces)


#: Lines before a held contact detail that may still name its place (a PDF table splits "Altenhagen", the address,
#: "donnerstags 9:00" and "12:00 Uhr" into lines of their own).
_CONTACT_CONTEXT = 3


def _holds_for_asked_place(analysis: QueryAnalysis, snapshot: CorpusSnapshot, kind: str, pieces: list[str]) -> bool:
    """True when a piece holds the asked contact detail and neither it nor the lines it continues name only other
    places: "Quartiersbüro Wehringhausen mittwochs 14–17 Uhr" is no hour of Hohenlimburg-Zentrum."""
    return any(_HOLDS[kind].search(piece) and
               not _about_other_places(analysis, snapshot, pieces[max(0, index - _CONTACT_CONTEXT) : index + 1])
               for index, piece in enumerate(pieces))


def _about_other_places(analysis: QueryAnalysis, snapshot: CorpusSnapshot, sentences: list[str]) -> bool:
    """True when the question asks for places and a figure's sentence (or, naming none, the one it continues) names
    only others: neither an asked place nor its Bezirk or Sozialräume."""
    if not analysis.places:
        return False
    named: set[str] = set()
    for text in reversed(sentences):  # the figure's own sentence first; the one before only when it names none
        named = set(snapshot.places_in_text(text, sentence=True))
        if named:
            break
    return bool(named) and not any(_of_asked_place(n, analysis, snapshot) for n in named)


_NUMERIC_CELL = re.compile(r"[-+]?\d[\d.,\s]*")


def states_values(chunk: Chunk) -> bool:
    """False for a table passage that only describes rows whose values the fact store holds: a place's rows summed
    up for search, or a wide row written as its place and period. Its numbers are column labels and dates."""
    if chunk.kind != "table_row" or not chunk.record:
        return True
    if DESCRIBED_ROWS_KEY in chunk.record:
        return False
    numeric = [v.strip() for v in chunk.record.values() if _NUMERIC_CELL.fullmatch(v.strip() or "x")]
    return not numeric or any(v in chunk.text for v in numeric)


#: The holder of the counted thing: "wie viele Plätze hat die Tagespflege …", "wie viel Geld bekommt der Verein …".
_OWNER = re.compile(
    r"\s(?:hat|haben|hatte|hatten|bekommt|bekommen|bekam|erhält|erhalten|erhielt)\s+(?:(?:der|die|das|den|dem)\s+)?(?=\w)", re.I
)


def _owner(analysis: QueryAnalysis, snapshot: CorpusSnapshot, question: str, after: int) -> tuple[str, frozenset[str]] | None:
    """The key noun after "hat die / bekommt der …" (past the asked thing): whose figure is asked ("Tagespflege", a town
    outside the geography: "hat Gevelsberg-Berge"). Its figure must be in a sentence that names it (or whose title or
    section does); None when the question names no holder so, or a known place (the place checks judge those)."""
    found = _holder(analysis, snapshot, question, after)
    return (found[0].term, analysis.key_terms[found[0].term]) if found else None


def _holder(analysis: QueryAnalysis, snapshot: CorpusSnapshot, question: str, after: int):
    """The holder's first token and the question's words from it on; None when there is none."""
    match = _OWNER.search(question, after)
    if match is None:
        return None
    for token in snapshot.analyzer.tokens(question[match.end():]):
        if token.term in analysis.key_terms and not token.number and not snapshot.places_in_text(token.surface):
            return token, question[match.end() + token.start:].strip(" ?!.")
        break
    return None


def asked_holder(analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> str:
    """Whose figure a count or sum question asks, as the question writes it ("Tagespflege der AWO in Haspe"), for the
    refusal; "" when it names no holder."""
    question = degender(analysis.question)
    cue = _ASKS_NUMBER.search(question) or _ASKS_MONEY.search(question)
    found = _holder(analysis, snapshot, question, cue.end()) if cue else None
    if not found:
        return ""
    words = found[1].split()
    while len(words) > 1 and fold(words[-1]) in _FILLERS:
        words.pop()  # "… in Eilpe bisher": the time word belongs to the question, not to whose figure it is
    return recased("? " + " ".join(words), snapshot)[2:]  # "quartierssprechstunde in eilpe" as the corpus writes it


#: Words after a holder that are no part of it ("bisher", "eigentlich", "insgesamt").
_FILLERS = frozenset({"bisher", "jetzt", "aktuell", "eigentlich", "derzeit", "momentan", "insgesamt", "gerade", "denn",
                      "noch", "schon", "heute", "zurzeit", "so", "ungefaehr", "etwa"})


def _named_terms(analysis: QueryAnalysis, snapshot: CorpusSnapshot, max_doc_freq: int) -> frozenset[str]:
    """Terms of the named institutions the question asks about ("Gesamtschule Haspe": a noun the corpus follows with a
    name): a figure for it must be written together with its name (in the sentence, the section or the title)."""
    found: set[str] = set()
    for thing in asked_names(analysis.question, snapshot, max_doc_freq, 1):
        found |= set(snapshot.analyzer.terms(thing.label))
    return frozenset(found)


def narrowed_group_missing(analysis: QueryAnalysis, texts: list[str], snapshot: CorpusSnapshot) -> bool:
    """True when the question narrows what it counts by a rare adjective ("wie viele wohnungslose Menschen") and none
    of the texts (an answer's cited quotes) writes that adjective: a figure on all Einwohner does not answer it."""
    cue = _ASKS_NUMBER.search(degender(analysis.question))
    if cue is None or multi_part(analysis.question):
        return False
    thing = _asked_thing(analysis, snapshot, degender(analysis.question), cue.end())
    if thing is None or "+" not in thing[0]:
        return False
    adjective = thing[0].split("+", 1)[0]
    return not any(adjective in snapshot.analyzer.terms(text) for text in texts)


def _contact_kind(question: str) -> str:
    """"phone", "email", "hours" or "clock" when the question asks for that (the first named), else ""."""
    found = [(m.start(), kind) for kind, cue in (("phone", _ASKS_PHONE), ("email", _ASKS_EMAIL), ("hours", _ASKS_HOURS),
                                                 ("clock", CLOCK_CUE)) if (m := cue.search(question))]
    return min(found)[1] if found else ""


#: A passage holding a phone number or opening hours must be about what else the question names (this share of
#: its other key terms, idf-weighted): the hours of another institution answer nothing.
_REST_SHARE = 0.75
_CUES = {"phone": _ASKS_PHONE, "email": _ASKS_EMAIL, "hours": _ASKS_HOURS, "clock": CLOCK_CUE}


def _about_the_rest(analysis: QueryAnalysis, kind: str, passage: Passage, snapshot: CorpusSnapshot) -> bool:
    """True when the passage (with title and section) has most of the question's key terms besides the cue word."""
    cue_terms = {t for m in _CUES[kind].finditer(analysis.question) for t in snapshot.analyzer.terms(m.group(0))}
    rest = {t: parts for t, parts in analysis.key_terms.items() if t not in cue_terms and not t.isdigit()}
    weights = {t: snapshot.idf(t) for t in rest}
    total = sum(weights.values())
    if not total:
        return True
    text = "\n".join(x for x in (passage.document.title, passage.chunk.section, passage.chunk.text) if x)
    terms = frozenset(snapshot.analyzer.terms(text))
    met = sum(w for t, w in weights.items() if t in terms or (rest[t] and rest[t] <= terms))
    return met / total >= _REST_SHARE


#: Share of the asked thing's key terms (idf-weighted) the rhythm's sentence must name.
_THING_SHARE = 0.5
#: A sentence whose subject is the previous sentence's ("Sie tagen …", "Dieses Gremium trifft sich …").


def _rhythm_of_the_thing(analysis: QueryAnalysis, passage: Passage, snapshot: CorpusSnapshot, max_doc_freq: int = 5) -> bool:
    """True when one sentence (with its heading) or row states a rhythm together with the asked thing itself: in a
    protocol of the Stadtteilkonferenz, "jeden zweiten Montag im Monat" may be the mayor's consultation hour."""
    places = {t for p in analysis.places for t in snapshot.analyzer.terms(p.name)}
    cue = FREQUENCY_CUE.search(analysis.question)
    verb = set(snapshot.analyzer.terms(" ".join(analysis.question[cue.end():].split()[:1]))) if cue else set()
    # the word after "wie oft" is the verb ("tagt", "trifft", a typed "trefen"), no part of the thing itself
    thing = {t: parts for t, parts in analysis.key_terms.items() if t not in places | verb and not t.isdigit()}
    chunk = passage.chunk
    # a rule for all of them ("Sozialraumteams tagen alle acht Wochen") holds at the asked place when the corpus has
    # the thing there ("Sozialraumteam Haspe-Zentrum"); not for "Stadtteilkonferenz Boele", which it never writes
    at_place = bool(analysis.places) and _thing_at_asked_place(analysis, snapshot, thing, max_doc_freq)
    sentences = [chunk.text] if chunk.kind == "table_row" else [s.text for s in split_sentences(chunk.text)]
    for index, piece in enumerate(sentences):  # the sentence itself: a protocol's heading names its body above every line
        if not holds("frequency", piece):
            continue
        if index and PRONOUN_START.match(piece):
            piece = sentences[index - 1] + " " + piece  # "… sechs Stadtteilkonferenzen … Sie tagen etwa vierteljährlich."
        if analysis.places and not at_place and \
                not _names_asked_place(analysis, snapshot, f"{passage.document.title}\n{chunk.section}\n{piece}"):
            continue  # the Sozialraumteams' rhythm, with Boele named two sentences on, is no rhythm of a conference in Boele
        terms = frozenset(snapshot.analyzer.terms(piece))
        weights = {t: snapshot.idf(t) for t in thing}
        total = sum(weights.values())
        met = sum(w for t, w in weights.items() if t in terms or (thing[t] and thing[t] <= terms))
        if not total or met / total >= _THING_SHARE:  # a verb of a lower-case question ("trifft") need not be there
            return True
    return False


def states_price(analysis: QueryAnalysis, snapshot: CorpusSnapshot, passage: Passage) -> bool:
    """True when a sentence names an asked key term and a sum in words ("Der Eintritt betrug in der Regel 3 Euro"),
    not only as a line of a budget ("Kursgebühren, Eintritte, Mittagstisch 41.600 €"), which is no price."""
    asked = set(analysis.key_terms)
    for piece in _pieces(passage):
        if not _MONEY.search(piece) or not asked & set(snapshot.analyzer.terms(piece)):
            continue
        if _in_words(piece):
            return True
    return False


#: A line that ends with a sum ("Personalkosten 45.100 €"); this many of them in a passage make it a budget.
_ENDS_WITH_SUM = re.compile(r"\d\s*(?:€|Euro|EUR)\s*$")
_BUDGET_LINES = 3


def _price_in(piece: str, budget: bool) -> bool:
    """True when a piece with a sum can state a price: a sentence in words, and not a line of a budget (a budget's
    "Zuschuss der Stadt Hagen (anteilig gekürzt …) 33.200 €" is in words, but no price either)."""
    return _in_words(piece) and not (budget and _ENDS_WITH_SUM.search(piece))


def _in_words(piece: str) -> bool:
    """True when a text with a sum is a sentence (a lower-case word of four letters or more: "kostet", "betrug"), not a
    line of a budget ("Kursgebühren, Eintritte, Mittagstisch 41.600 €")."""
    return any(w[:1].islower() and len(w) >= 4 for w in re.findall(r"[^\W\d_]+", piece))


def rhythm_with_the_verb(analysis: QueryAnalysis, passage: Passage, snapshot: CorpusSnapshot) -> bool:
    """True when a sentence of the passage states a rhythm with the question's verb ("Sie tagen etwa vierteljährlich"
    for "Wie oft tagt …"): of several passages with a rhythm, the one saying how often the thing itself meets."""
    cue = FREQUENCY_CUE.search(analysis.question)
    verb = {_VERB_ENDING.sub("", fold(w)) for w in analysis.question[cue.end():].split()[:1]} if cue else set()
    if not verb:
        return False
    return any(holds("frequency", piece) and verb & {_VERB_ENDING.sub("", fold(w)) for w in re.findall(r"\w+", piece)}
               for piece in _pieces(passage))


#: A verb's person ending ("tagt", "tagen", "tagte" → "tag").
_VERB_ENDING = re.compile(r"(?:ten|te|en|et|st|t|e|n)$")


def _dates_the_event(analysis: QueryAnalysis, event: Event, passage: Passage, snapshot: CorpusSnapshot) -> bool:
    """True when one sentence (or the row) writes the event's verb or noun, a time and something asked besides the
    place (with the heading): "das 2021 eröffnete Nachbarschaftscafé Quambusch"."""
    places = {t for p in analysis.places for t in snapshot.analyzer.terms(p.name)}
    thing = {t: parts for t, parts in analysis.key_terms.items() if t not in places and not t.isdigit()}
    context = frozenset(snapshot.analyzer.terms(f"{passage.document.title}\n{passage.chunk.section}"))
    for piece in _pieces(passage):
        if not (states_event(event, piece) and holds("time", piece)):
            continue
        terms = context | frozenset(snapshot.analyzer.terms(piece))
        if not thing or any(t in terms or (parts and parts <= terms) for t, parts in thing.items()):
            return True
    return False


def passage_holds(kind: str, passage: Passage) -> bool:
    """True when one sentence (or the row) of the passage holds an answer of that kind (phone, hours, frequency …)."""
    pattern = _HOLDS.get(kind)
    if pattern is not None:
        return any(pattern.search(piece) for piece in _pieces(passage))
    return any(holds(kind, piece) for piece in _pieces(passage))


def _pieces(passage: Passage) -> list[str]:
    """The units a kind must occur in: a table row whole, otherwise each sentence (with the section heading)."""
    chunk = passage.chunk
    if chunk.kind == "table_row":
        return [chunk.text]
    return [f"{chunk.section}: {s.text}" for s in split_sentences(chunk.text)]


def _names_function(person: re.Match) -> bool:
    """"Wie heißt die neue Teamleitung …": a name asked for a function word (not "Wer ist die Leitung …")."""
    return bool(_ASKS_PROPER_NAME.match(person.group(0)) and _PERSON_FUNCTION.search(fold(person.group("role"))))


def _person_named(role: str, passages: list[Passage], snapshot: CorpusSnapshot, max_doc_freq: int) -> bool:
    """True when a sentence writes the asked role (or a compound ending in it) together with a person's name: a title
    and a name ("Frau Beispiel") or a first and last name the corpus rarely uses ("Anna Beispiel")."""
    role_terms = snapshot.analyzer.terms(role)
    if not role_terms:
        return False
    role_term = role_terms[0]
    for passage in passages:
        for piece in _pieces(passage):
            if not any(t.endswith(role_term) for t in snapshot.analyzer.terms(piece)):
                continue
            if _PERSON_NAME.search(piece) or any(
                all(snapshot.doc_freq.get(t, 0) <= max_doc_freq for t in snapshot.analyzer.terms(pair))
                for pair in _FULL_NAME.findall(piece)
            ):
                return True
    return False


def _has_proper_name(text: str, analysis: QueryAnalysis, snapshot: CorpusSnapshot, max_doc_freq: int) -> bool:
    """True when a text has a capitalised word the question does not use and the corpus rarely does (a name)."""
    for token in snapshot.analyzer.tokens(text):
        if token.surface[:1].isupper() and token.term not in analysis.full_terms and not token.number:
            if snapshot.doc_freq.get(token.term, 0) <= max_doc_freq:
                return True
    return False


def _asked_thing(analysis: QueryAnalysis, snapshot: CorpusSnapshot, question: str, after: int) -> tuple[str, frozenset[str]] | None:
    """The first key noun after the question cue that names no place, year or measure: what the question asks about.
    A hyphenated compound ("Kita-Plätze") is taken whole: its parts must occur together."""
    tokens = [t for t in snapshot.analyzer.tokens(question) if t.start >= after]
    partitive = bool(_PARTITIVE.match(question[after:]))
    for i, token in enumerate(tokens):
        if token.number or token.term not in analysis.key_terms or token.term in _MEASURE_WORDS or snapshot.places_in_text(token.surface):
            continue
        if partitive and _RESPONDENTS.search(token.term):
            continue  # "Wie viele der befragten über 75-Jährigen haben …": who was asked; what they have is the thing
        word_before = re.search(r"(\w+)\s+$", question[: token.start])
        if word_before and fold(word_before.group(1)) in _TIME_ADVERBIAL and token.term in _PERIOD_WORDS:
            continue  # "jedes Jahr", "pro Monat": when, not what
        term, parts = token.term, analysis.key_terms[token.term]
        if i + 1 < len(tokens) and question[token.end : tokens[i + 1].start] == "-":
            parts = frozenset({term, tokens[i + 1].term})
            term = term + tokens[i + 1].term
        known = snapshot.doc_freq.get(term, 0) > 0 or (parts and all(snapshot.doc_freq.get(p, 0) > 0 for p in parts))
        if not known:
            return None
        before = tokens[i - 1] if i else None
        narrows = before is not None and 0 < snapshot.doc_freq.get(before.term, 0) * _RARER <= snapshot.doc_freq.get(term, 0)
        if before is not None and narrows and _attributive(before.surface):
            # "wie viele wohnungslose Menschen": the adjective narrows the thing, so it must occur with it
            return f"{before.term}+{term}", frozenset({before.term, *(parts or {term})})
        return term, parts
    return None


#: "wie viele der …", "wie viele von den …": a part of a group is counted (a survey's share answers it).
_PARTITIVE = re.compile(r"\s*(?:der|von\s+den|von\s+allen)\s", re.IGNORECASE)
#: Folded terms that name who was counted in a survey: the respondents, an age group.
_RESPONDENTS = re.compile(r"^befragt|^teilnehm|j(?:a|ae)hrig$")
#: "jedes Jahr", "pro Woche", "im Monat": a time adverbial, not the asked thing.
_TIME_ADVERBIAL = frozenset("jedes jeden jede pro je im letztes letzten dieses diesem naechstes naechsten".split())
_PERIOD_WORDS = frozenset(stem(fold(w)) for w in "Jahr Jahre Monat Monate Woche Wochen Tag Tage Quartal Halbjahr".split())
#: An adjective narrows the asked noun to a group the documents name only when it is this many times rarer than the
#: noun ("wohnungslose Menschen"); a common one ("ältere Menschen") is often said otherwise ("ab 65 Jahren").
_RARER = 10
#: Words before a noun that count or point, not qualify ("wie viele ältere Menschen" is qualified, "wie viele Menschen" not).
_QUANTIFIERS = frozenset("viele wieviele wenige alle manche mehrere einige diese jene welche solche keine".split())


def _attributive(word: str) -> bool:
    """A lower-case declined adjective before the asked noun ("wohnungslose", "alleinerziehenden")."""
    folded = fold(word)
    return (
        word[:1].islower()
        and len(folded) >= 5
        and folded not in _QUANTIFIERS
        and folded.endswith(("e", "en", "er", "es", "em"))
    )
    return None


#: A count and the (at most two) words after it ("36 Personen", "neun Familien", "vier Schulsozialarbeiter*innen").
_COUNT_AND_WORDS = re.compile(
    r"(?<![\d.,])(?:\d[\d.,]*|" + "|".join(sorted(_NUMBER_WORDS)) + r")\s+((?:[^\W\d_]+\s+)?[^\W\d_*:]+)", re.IGNORECASE
)


def counts_asked_thing(analysis: QueryAnalysis, snapshot: CorpusSnapshot, passage: Passage) -> bool:
    """True when a sentence of the passage counts the asked thing itself: the asked noun right after a number
    ("Teilnehmende: 36 Personen" for "wie viele Personen"). A compound that only begins like it counts something else
    ("vier Schulsozialarbeiter" are no Schüler), as does a sum ("Mittagstisch 8.900 €" is no price of a meal)."""
    cue = _ASKS_NUMBER.search(analysis.question)
    thing = _asked_thing(analysis, snapshot, analysis.question, cue.end()) if cue else None
    if thing is None:
        return False
    term = thing[0]
    wanted = {term, *(a for alts in synonym_terms([term], snapshot).get(term, []) for a in alts if len(alts) == 1)}
    for piece in _pieces(passage):
        for match in _COUNT_AND_WORDS.finditer(_NOT_QUANTITIES.sub(" ", piece)):
            if set(snapshot.analyzer.terms(degender(match.group(1)))) & wanted:
                return True
    return False
