"""What a question requires of the passage its answer cites, and the refusal that names an unmet requirement.

Topical similarity and key-term coverage (answering.has_evidence) let an answer be stitched together from
sentences that each cover some of the question's words. These checks are stricter and per constraint:
- a name after a place preposition ("in Gevelsberg") must occur in the cited passage; a corpus without it is
  answered with "Zu Gevelsberg enthalten die Dokumente nichts."; a figure asked for it needs a passage on it or a
  sentence that writes it with a quantity, not a mention in passing ("zur Nachbarstadt Gevelsberg");
- the asked place of a figure question must be named by the cited passage (its text, section or title);
- who/what-is-called questions ("Wer ist der Oberbürgermeister?") need the asked role itself, not one of its
  compound parts ("Bürger");
- a capitalised word after an area word ("im Sozialraum Hasperbruch", "Stadtteil Sonnenfeld") that is no known place
  is a place name the cited passage must write;
- an asked name written as a proper-name phrase ("Programm Soziale Stadt": a capitalised adjective before its noun)
  must be written as that phrase by the cited passage, together with an asked place ("… in Haspe");
- an asked year must be written by a passage that meets the other constraints ("Vorhalle" and "2012" in one passage,
  not each somewhere), in its title or section or in a sentence on something asked ("Menschen ab 65 Jahren 2019" in
  a list that also names the Stadtteilkonferenz is no statement about the Stadtteilkonferenz in 2019):
  "Für 2012 enthalten die Dokumente keine Angaben.";
- with a place, name, institution or year asked, what is asked about it (the focus: "Öffnungszeiten", "Zuschuss";
  in a figure question also a word the corpus never writes: "… rauchen?") must be in a passage on it that also
  has the asked year, not in a passage on another one;
- an asked year that the documents mention only as planned gives "Für 2026 gibt es noch keine Ergebnisse; …";
  a year in parentheses dates the name before it ("Quambusch (2021), Treffpunkt Oege (2023)"), and a document cannot
  report figures of a year after it was written;
- the provider a figure question names ("die Tagespflege der Caritas") must be named by the cited passage;
- a Sozialraum or Stadtbezirk the geography lacks ("im Sozialraum Oege") refuses before any figure (unknown_area);
- words that only say how something is asked (synonyms.yaml `no_focus`: "bekommt", "teilgenommen") are no focus.
Passages that fail a constraint are dropped before the answer is composed, so they cannot be combined in.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.core.types import Answer, Citation, Passage
from assistant.services.extractive import passage_terms, synonym_terms
from assistant.services.named_entities import NamedThing, asked_names, compound_noun, corpus_has, pairs_in, word_chunk_freq
from assistant.services.query_understanding import QueryAnalysis
from assistant.services.question_types import asked_deed, asked_types, holds_count, states_deed
from assistant.services.retrieval import CorpusSnapshot
from assistant.services.word_families import in_compound, word_family
from assistant.text import GERMAN_STOPWORDS, degender, fold, split_sentences
from assistant.text.stemming import stem

#: Words after which a capitalised word names a place or an institution ("in Gevelsberg", "bei der Caritas").
_PLACE_PREPOSITIONS = frozenset({"in", "im", "aus", "nach", "bei", "von", "vom"})
_ASKS_ROLE = re.compile(r"\b(?:wer\s+(?:ist|sind|war|waren)|wie\s+hei(?:ß|ss)(?:t|en))\s+(?:der|die|das|den|dem|ein|eine)?\s*", re.I)
_PLANNED = re.compile(r"\b(?:geplant|vorgesehen|soll(?:en)?|wird|werden|folg(?:t|en)|angestrebt|voraussichtlich)\b", re.I)
#: Words that name an area of the town: the capitalised word after one is the area's name ("Sozialraum Hasperbruch").
_AREA_WORDS = frozenset("sozialraum stadtteil ortsteil quartier wohnquartier stadtbezirk bezirk viertel".split())
#: Question words and measures that are no focus of their own ("Wie hoch ist der Anteil …").
_NO_FOCUS = frozenset(
    "anteil zahl anzahl wert hoch hoehe viel viele gross groesse welch gibt gab stadt jahr jahre jahren".split()
)
#: Shorter unknown words of a figure question are no counted thing of their own ("gibt's").
_UNKNOWN_MIN_LETTERS = 5
#: An asked statute paragraph ("§ 4a", "Paragraf 12"): the cited passage must have that very number.
PARAGRAPH_REF = re.compile(r"(?:§|\bParagra(?:ph|f)(?:en)?)\s*(\d+\s?[a-z]?)(?![\w])", re.IGNORECASE)
_RESULT_WORDS = re.compile(r"\b(?:ergebnis\w*|zeigt|zeigen|ergab|ergeben|wie\s+viele|wie\s+hoch|anteil|quote)\b", re.I)


@dataclass(frozen=True)
class Constraint:
    """One requirement of the question: all `terms` must occur in the cited passage."""

    #: "name" | "figure_name" (a name a figure is asked for: "in Gevelsberg") | "place" | "role" | "named" (a head-name
    #: pair: "Begegnungsstätte Berchum") | "paragraph" | …
    kind: str
    label: str  # as the question writes it (a place: its canonical name)
    terms: frozenset[str] = frozenset()


@dataclass
class Check:
    """The outcome: the passages that meet every constraint, or the refusal text naming the unmet one."""

    passages: list[Passage]
    refusal: str = ""
    #: The passage that explains the refusal ("… ist für 2026 geplant"), cited with it, and the quoted sentence.
    cited: list[Passage] = field(default_factory=list)
    quote: str = ""
    #: The met constraints as the question writes them ("Begegnungsstätte Eilpe", "Haspe"), for later refusals.
    labels: list[str] = field(default_factory=list)
    #: The kind of the unmet constraint ("paragraph", "name", "year", "focus", …); "" when all are met.
    unmet: str = ""


#: Answer kinds whose place must be the asked one, as for a figure.
_WHEN_AND_HOW_OFTEN = frozenset({"frequency", "duration", "time"})
#: Kinds of answer that belong to one place: a rhythm, a time, a price or a count of Haspe is none of Vorhalle.
_PLACED_KINDS = _WHEN_AND_HOW_OFTEN | {"amount", "count"}


def asked_constraints(
    analysis: QueryAnalysis, snapshot: CorpusSnapshot, name_max_doc_freq: int, named_head_min_names: int = 0
) -> list[Constraint]:
    """The question's constraints: names after place prepositions, named institutions ("Begegnungsstätte Berchum"),
    the asked place of a figure question, the asked role."""
    found: list[Constraint] = []
    if named_head_min_names > 0:
        for thing in asked_names(analysis.question, snapshot, name_max_doc_freq, named_head_min_names):
            found.append(Constraint("named", thing.label, frozenset({thing.head, thing.name})))
    question = degender(analysis.question)
    tokens = snapshot.analyzer.tokens(question, keep_stopwords=True)
    place_names = {p.name for p in analysis.places}
    words = word_chunk_freq(snapshot)
    for i, (previous, token) in enumerate(zip(tokens, tokens[1:], strict=False)):
        after_area = fold(previous.surface) in _AREA_WORDS
        if token.number or not token.surface[:1].isupper() or not (after_area or fold(previous.surface) in _PLACE_PREPOSITIONS):
            continue
        if i + 2 < len(tokens) and tokens[i + 2].number:
            continue  # "im Jahr 2012", "im Quartal 3": a noun counted by the number, no name
        if i + 2 < len(tokens) and not after_area and fold(tokens[i + 2].surface) in _GENITIVE_ARTICLES:
            continue  # "im Sinne des Handbuchs", "im Auftrag der Stadt": a phrase that governs a genitive, no place
        if token.folded in GERMAN_STOPWORDS or len(token.folded) < 4 or snapshot.places_in_text(token.surface):
            continue
        if snapshot.vocabulary.partner_mentions(token.surface) or snapshot.vocabulary.is_citywide(token.surface):
            continue
        if token.folded in _AREA_WORDS or any(c.terms == {token.term} for c in found):
            continue
        rare = snapshot.doc_freq.get(token.term, 0) <= name_max_doc_freq or words.get(token.folded, 0) <= name_max_doc_freq
        if rare and (after_area or not compound_noun(token.folded, snapshot)):
            kind = "figure_name" if analysis.intent == "fact" and not after_area else "name"
            found.append(Constraint(kind, token.surface, frozenset({token.term})))
    found.extend(name_phrases(analysis.question, snapshot))
    if analysis.intent == "fact" or asked_types(question) & _PLACED_KINDS:
        # "Wie oft tagt die Stadtteilkonferenz in Haspe?": Wehringhausen's meeting rhythm answers nothing on Haspe,
        # "Was kostet das Mittagessen in Vorhalle?": nor Westerbauer's price on Vorhalle
        found.extend(Constraint("place", name) for name in sorted(place_names))
        found.extend(_partner_constraints(analysis, snapshot))
    role = _asked_role(question, snapshot)
    if role is not None:
        found.append(role)
    deed = _asked_deed(analysis.original or analysis.question)
    if deed is not None:
        found.append(deed)
    numbers = dict.fromkeys(n.replace(" ", "") for n in PARAGRAPH_REF.findall(analysis.question))
    found.extend(Constraint("paragraph", f"§ {number}") for number in numbers)
    return found


def _partner_constraints(analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> list[Constraint]:
    """The organisations a figure question names ("die Tagespflege der Caritas"): a figure of another provider is no
    answer, so the cited passage must name the asked one (by any of its aliases; the label as the question writes it).
    Only a partner the user typed counts: one that a spelling correction made up ("Seniorenbefragung" →
    "Seniorenberatung") is no asked provider."""
    found = []
    words = re.findall(r"[\w-]+", analysis.original or analysis.question)
    for key in analysis.partners:
        aliases = [a for a in snapshot.vocabulary.partner_aliases.get(key, []) if a]
        label = key
        for alias in sorted(aliases, key=len, reverse=True):
            size = len(alias.split())
            spans = (" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
            label = next((span for span in spans if fold(span) == fold(alias)), "")
            if label:
                break
        if label:
            found.append(Constraint("partner", label, frozenset(aliases)))
    return found


def name_phrases(question: str, snapshot: CorpusSnapshot) -> list[Constraint]:
    """Proper-name phrases of the question that the corpus writes: a capitalised adjective inside the sentence before a
    capitalised noun ("Soziale Stadt", "Freien Wohlfahrtspflege"). German writes adjectives in lowercase, so the capital
    marks a name, when the corpus uses the adjective in lowercase elsewhere ("soziale Teilhabe")."""
    tokens = snapshot.analyzer.tokens(degender(question), keep_stopwords=True)
    text = _corpus_text(snapshot)
    found: list[Constraint] = []
    for first, second in zip(tokens, tokens[1:], strict=False):
        if first.start == 0 or first.number or second.number or not (first.surface[:1].isupper() and second.surface[:1].isupper()):
            continue
        if not first.surface.endswith(_ADJECTIVE_ENDINGS) or first.surface.isupper() or snapshot.places_in_text(second.surface):
            continue
        lower = first.surface[:1].lower() + first.surface[1:]
        phrase = f"{first.surface} {second.surface}"
        if re.search(rf"(?<!\w){re.escape(lower)}(?!\w)", text) and _phrase_pattern(phrase).search(fold(text)):
            found.append(Constraint("phrase", phrase, frozenset({first.term, second.term})))
    return found


_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
#: Characters on either side of an asked year within which its sentence must write something asked.
YEAR_WINDOW = 80


def _corpus_text(snapshot: CorpusSnapshot) -> str:
    """All chunk texts as written (case kept), computed once per snapshot."""
    return snapshot.derived("corpus_text", lambda: "\n".join(c.text for c in snapshot.chunks.values()))


def _phrase_pattern(phrase: str) -> re.Pattern:
    """The folded phrase with any spaces, quotes or hyphens between its words ("„Soziale Stadt“", "Soziale-Stadt")."""
    words = [re.escape(w) for w in fold(phrase).split()]
    return re.compile(r"(?<!\w)" + r"[\s„“\"'-]+".join(words) + r"(?!\w)")


def missing_institution(
    analysis: QueryAnalysis, snapshot: CorpusSnapshot, name_max_doc_freq: int, named_head_min_names: int,
    figure_words: Callable[[], frozenset[str]] = frozenset,
) -> str:
    """The refusal for a named institution the corpus never writes ("Begegnungsstätte Boele"), else "". Checked before
    any figure: a figure on the place in its name is no answer about the institution. A head that is a word of the
    figure the tables hold for the question (`figure_words()`, folded: "Trend Alleinerziehende Haspe") names that
    figure of the place, no institution, though the corpus also names offers so ("Treff Alleinerziehende Zentrum").
    The figure words are asked for only when the question names a thing at all: planning the figure costs time."""
    if named_head_min_names <= 0:
        return ""
    words: frozenset[str] | None = None
    for thing in asked_names(analysis.question, snapshot, name_max_doc_freq, named_head_min_names):
        words = figure_words() if words is None else words
        if fold(thing.head) in words:
            continue
        if not corpus_has(thing, snapshot, name_max_doc_freq):
            return refusal_text(Constraint("named", thing.label))
    return ""


#: Articles of a genitive after the noun of a prepositional phrase ("im Sinne des …"); a place name takes none.
_GENITIVE_ARTICLES = frozenset({"des", "der", "eines", "einer"})
#: Area words whose places the documents list completely (the Sozialräume and Stadtbezirke of the geography).
_LEVEL_WORDS = frozenset("sozialraum sozialraums stadtbezirk stadtbezirks".split())
#: How many characters after the level word may hold the place's name ("Sozialraum Eilpe/Delstern/Selbecke").
_AREA_NAME_CHARS = 40


def unknown_area(analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> str:
    """The refusal for a Sozialraum or Stadtbezirk the documents do not have ("im Sozialraum Oege": Oege is written,
    but as a quarter without figures of its own), else "". Checked before any figure: a figure of the whole town or a
    ranking of the Sozialräume is no answer for it."""
    question = degender(analysis.question)
    tokens = snapshot.analyzer.tokens(question, keep_stopwords=True)
    for previous, token in zip(tokens, tokens[1:], strict=False):
        if fold(previous.surface) not in _LEVEL_WORDS or token.number or not token.surface[:1].isupper():
            continue
        if token.folded in GERMAN_STOPWORDS or snapshot.places_in_text(question[token.start : token.start + _AREA_NAME_CHARS]):
            continue
        return refusal_text(Constraint("name", f"{previous.surface} {token.surface}"))
    return ""


def _parts(snapshot: CorpusSnapshot, folded: str) -> list[str]:
    """Compound parts the corpus knows ("oberbuergermeister" → ober, buerger, meister): a common noun, no name."""
    splitter = snapshot.analyzer.splitter
    return splitter.split(folded) if splitter is not None else []


def _asked_role(question: str, snapshot: CorpusSnapshot) -> Constraint | None:
    """"Wer ist der Oberbürgermeister?" → the role word, whole (its compound parts do not meet it)."""
    match = _ASKS_ROLE.search(question)
    if not match:
        return None
    rest = snapshot.analyzer.tokens(question[match.end() :])
    if not rest or not rest[0].surface[:1].isupper() or rest[0].number:
        return None
    token = rest[0]
    if not _parts(snapshot, token.folded):
        return None  # a simple word ("Wer ist die Ansprechperson?") is judged by the key-term check
    return Constraint("role", token.surface, frozenset({token.term}))


def _asked_deed(question: str) -> Constraint | None:
    """"Wer leitet die Sozialplanung?" → a constraint on the stems that state a leading role (question_types.asked_deed);
    the label is the asked clause in statement order ("die Sozialplanung leitet") for the refusal."""
    deed = asked_deed(question)
    return Constraint("deed", deed.clause, deed.stems) if deed is not None else None


def meets(constraint: Constraint, passage: Passage, snapshot: CorpusSnapshot) -> bool:
    """True when the passage (text, section, title) meets the constraint."""
    if constraint.kind == "deed":  # not the title: "Leitfaden für neue Mitarbeiter" states no leading role
        return states_deed(constraint.terms, f"{passage.chunk.section}\n{passage.chunk.text}")
    if constraint.kind == "paragraph":  # "§ 4" is not met by "§ 4a" or "§ 14"
        digits, letter = re.fullmatch(r"(\d+)([a-z]?)", constraint.label[2:]).groups()
        pattern = re.compile(rf"(?:§|Paragra(?:ph|f)(?:en)?)\s*{digits}\s?{letter}(?![\w])", re.IGNORECASE)
        return bool(pattern.search(f"{passage.chunk.section}\n{passage.chunk.text}"))
    if constraint.kind == "place":
        return constraint.label in snapshot.places_in(passage.chunk)
    if constraint.kind == "partner":  # terms holds the partner's aliases: any one of them, whole
        terms = passage_terms(passage, snapshot)
        return any(set(snapshot.analyzer.terms(alias)) <= terms for alias in constraint.terms if snapshot.analyzer.terms(alias))
    if constraint.kind == "phrase":
        text = f"{passage.document.title}\n{passage.chunk.section}\n{passage.chunk.text}"
        return bool(_phrase_pattern(constraint.label).search(fold(text)))
    if constraint.kind == "named":  # the corpus has the pair (checked before); a passage on it names the name
        head, name = constraint.label.split(" ", 1)
        text = f"{passage.document.title}\n{passage.chunk.section}\n{passage.chunk.text}"
        if _named_pair(head, name) in pairs_in(text):
            return True
        # written apart ("die Begegnungsstätte in Eilpe"): the name and the head both, not the name alone (a passage on
        # the Stadtteil Wehringhausen is no passage on the Begegnungsstätte Wehringhausen)
        name_terms, head_terms = set(snapshot.analyzer.terms(name)), set(snapshot.analyzer.terms(head))
        return bool(name_terms) and name_terms | head_terms <= passage_terms(passage, snapshot)
    return constraint.terms <= passage_terms(passage, snapshot)


#: What states a quantity: a number, or a word that quantifies ("Einige Besucher kamen aus Gevelsberg").
_QUANTITY = re.compile(
    r"\d|\b(?:einige|viele|wenige|mehrere|zahlreiche|kaum|keine?|etliche|Hälfte|Drittel|Viertel|meisten)\b", re.IGNORECASE)


def _figure_for_name(constraint: Constraint, passage: Passage, snapshot: CorpusSnapshot) -> bool:
    """A figure asked for a name ("Anteil der über 65-Jährigen in Gevelsberg") needs a passage on it (its title or
    section names it) or a sentence that writes the name with a number; "… bilden den Rand zur Nachbarstadt
    Gevelsberg" beside the neighbouring Sozialraum's figures gives no figure for Gevelsberg."""
    heading = f"{passage.document.title}\n{passage.chunk.section}"
    if constraint.terms <= set(snapshot.analyzer.terms(heading)):
        return True
    return any(
        _QUANTITY.search(sentence.text) and constraint.terms <= set(snapshot.analyzer.terms(sentence.text))
        for sentence in split_sentences(passage.chunk.text)
    )


def _paragraph_heading(label: str) -> re.Pattern:
    digits, letter = re.fullmatch(r"(\d+)([a-z]?)", label[2:]).groups()
    return re.compile(rf"(?:^|>)\s*(?:§|Paragra(?:ph|f))\s*{digits}\s?{letter}(?![\w])", re.IGNORECASE)


def _of_the_named_law(analysis: QueryAnalysis, doc_ids: frozenset[str], snapshot: CorpusSnapshot) -> frozenset[str]:
    """Of the documents with a section headed by the asked §, those the question names ("§ 22 SGB II", not SGB XII's
    § 22): the ones whose titles hold most of the question's terms (besides the § number); all when none is named."""
    asked = {n.replace(" ", "") for n in PARAGRAPH_REF.findall(analysis.question)}
    keys = set(analysis.key_terms) | {t for t in analysis.terms if t not in asked}  # "sgb 2": the book's number counts
    overlap = {d: len(keys & set(snapshot.analyzer.terms(snapshot.documents[d].title))) for d in doc_ids if d in snapshot.documents}
    best = max(overlap.values(), default=0)
    return frozenset(d for d, n in overlap.items() if n == best)


def heads_paragraph(constraint: Constraint, passage: Passage) -> bool:
    """True when the passage lies in the section headed by the asked § (its own heading, not a reference to it)."""
    return bool(_paragraph_heading(constraint.label).search(passage.chunk.section))


def corpus_heads_paragraph(constraint: Constraint, snapshot: CorpusSnapshot) -> frozenset[str]:
    """The documents with a section headed by the asked § (read once per snapshot and §)."""
    pattern = _paragraph_heading(constraint.label)
    return snapshot.derived(("paragraph heading", constraint.label),
                            lambda: frozenset(c.doc_id for c in snapshot.chunks.values() if pattern.search(c.section)))


def _named_pair(head: str, name: str) -> tuple[str, str]:
    return next(iter(pairs_in(f"{head} {name}")), ("", ""))


def check(
    analysis: QueryAnalysis,
    passages: list[Passage],
    snapshot: CorpusSnapshot,
    name_max_doc_freq: int,
    named_head_min_names: int = 0,
    focus_min: float = 0.0,
) -> Check:
    """The passages that meet every constraint of the question, or the refusal naming the first unmet one.

    A named institution the corpus never writes refuses; one it has keeps the passages that write it (all of them
    when none among the retrieved does). Asked years and (with `focus_min` > 0) the asked focus are then judged on
    the kept passages only: "Vorhalle" in one passage and "2012" in another do not make an answer."""
    planned = planned_year(analysis, passages, snapshot)
    if planned is not None:
        return planned
    kept = list(passages)
    constraints = asked_constraints(analysis, snapshot, name_max_doc_freq, named_head_min_names)
    for constraint in constraints:
        if constraint.kind == "named":
            head, name = constraint.label.split(" ", 1)

            if not corpus_has(NamedThing(head, name), snapshot, name_max_doc_freq):
                return Check(passages, refusal=refusal_text(constraint))
            kept = [p for p in kept if meets(constraint, p, snapshot)] or kept
            continue
        if not any(meets(constraint, p, snapshot) for p in kept):
            text = combination_refusal(constraints) if constraint.kind == "partner" else refusal_text(constraint)
            return Check(passages, refusal=text, unmet=constraint.kind)
        if constraint.kind == "paragraph":
            # "Was regelt § 22 SGB II?": the section headed § 22 in that statute answers, not another § that refers to
            # it nor another statute's § 22
            named = _of_the_named_law(analysis, corpus_heads_paragraph(constraint, snapshot), snapshot)
            headed = [p for p in kept if heads_paragraph(constraint, p) and p.document.doc_id in named]
            if named and not headed:
                return Check(passages, refusal=refusal_text(constraint), unmet="paragraph")
            kept = headed or kept
        if constraint.kind != "place":
            kept = [p for p in kept if meets(constraint, p, snapshot)]
    places = [c for c in constraints if c.kind == "place"]
    if places:  # a comparison names two places: a passage on either one may be cited
        narrowed = [p for p in kept if any(meets(c, p, snapshot) for c in places)]
        if not narrowed:  # each is written somewhere, never together: "Programm Soziale Stadt" and "Haspe"
            return Check(passages, refusal=combination_refusal(constraints), unmet="place")
        at_level = [p for p in narrowed if not sub_level(p, analysis, snapshot)]
        kept = at_level or narrowed  # the Bezirk's own figures first; a Sozialraum's only when the Bezirk has none
    years = [str(y) for y in analysis.years]
    if not (constraints or years):
        return Check(kept)
    focus = focus_terms(analysis, constraints, snapshot) if focus_min > 0 else {}
    surveys = _named_surveys(analysis, snapshot) if years else frozenset()
    anchors = surveys or _anchor_terms(analysis, constraints, focus, snapshot)
    named = frozenset(_named_pair(*c.label.split(" ", 1)) for c in constraints if c.kind == "named")
    dated = {y: [p for p in kept if states_year(y, p, anchors, snapshot, title_anchored=bool(surveys), named=named)
                 and not _after_document(y, p, analysis)] for y in years}
    lacking_years = [y for y in years if not dated[y]]
    if lacking_years:
        return Check(passages, refusal=f"Für {', '.join(lacking_years)} enthalten die Dokumente keine Angaben.", unmet="year")
    if focus:
        # the place or name, the year and what is asked about them in ONE passage
        for pool in [dated[y] for y in years] or [kept]:
            share, lacking = focus_support(focus, pool, snapshot)
            if share >= focus_min:
                continue
            if years and focus_support(focus, kept, snapshot)[0] >= focus_min:  # stated, but for another time
                return Check(passages, refusal=f"Für {', '.join(years)} enthalten die Dokumente keine Angaben.", unmet="year")
            return Check(passages, refusal=focus_refusal(analysis, lacking or set(focus), constraints, snapshot), unmet="focus")
    for constraint in constraints:
        if constraint.kind == "figure_name" and not any(_figure_for_name(constraint, p, snapshot) for p in kept):
            return Check(passages, refusal=f"Zu {constraint.label} enthalten die Dokumente keine Angaben.", unmet="name")
    return Check(kept, labels=list(dict.fromkeys(c.label for c in constraints)))


def _anchor_terms(
    analysis: QueryAnalysis, constraints: list[Constraint], focus: dict[str, frozenset[str]], snapshot: CorpusSnapshot
) -> frozenset[str]:
    """The terms a sentence must share with the question for an asked year in it to be a statement about the asked thing:
    the constrained names and places, the focus, and (without those) the question's key terms."""
    terms: set[str] = set(focus)
    for label in [c.label for c in constraints] + [p.name for p in analysis.places]:
        terms |= {token.term for token in snapshot.analyzer.tokens(label)}  # whole words, no compound parts
    if not terms:
        terms = {t for t in analysis.key_terms if not t.isdigit()}
    return frozenset(terms)


#: A question for a forecast: what is expected, projected, will be.
_ASKS_FORECAST = re.compile(r"\b(?:erwart\w*|prognos\w*|voraus\w*|vorhergesagt\w*|wird\s+es|werden\s+es|künftig\w*|"
                            r"zukünftig\w*|in\s+zukunft)\b", re.IGNORECASE)


def _after_document(year: str, passage: Passage, analysis: QueryAnalysis) -> bool:
    """A figure question for a year after the passage's document was written ("Teilnehmende … 2025" in a protocol of
    2023): the document can only announce that year, not report on it."""
    written = passage.document.year
    if _ASKS_FORECAST.search(analysis.original or analysis.question):
        return False  # "Wie viele … werden 2030 erwartet?": a report's forecast is what is asked
    return analysis.intent == "fact" and written is not None and int(year) > written


#: A survey or count the question names ("an der Jugendbefragung 2023"): an asked year must be that survey's year.
_SURVEY_WORD = re.compile(r"\b\w*(?:befragung|umfrage|erhebung|zählung)\w*\b", re.IGNORECASE)


def _named_surveys(analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> frozenset[str]:
    """The terms of the surveys the question names, whole words ("jugendbefrag"), with a general survey word's
    synonyms ("Umfrage" ~ "Befragung"), else none."""
    normalizer = snapshot.understanding.normalizer
    words = [m.group(0) for m in _SURVEY_WORD.finditer(analysis.question)]
    words += [w for word in words for w in (normalizer.equivalents(word) if normalizer is not None else ())]
    return frozenset(t.term for word in words for t in snapshot.analyzer.tokens(word))


def states_year(year: str, passage: Passage, anchors: frozenset[str], snapshot: CorpusSnapshot, title_anchored: bool = False,
                named: frozenset[tuple[str, str]] = frozenset()) -> bool:
    """True when the passage writes the year in its title or section ("Protokoll … am 13. März 2024", "Tabelle: 2019"),
    or in a sentence that also writes something asked (an anchor term); a year elsewhere in it is about something else.
    `title_anchored`: a year in the title counts only with an anchor there too ("Bürgerbefragung 2023" dates no
    Jugendbefragung). `named`: the asked named things as folded (head, name) pairs; a sentence that names another
    thing of the same head and not the asked one dates that other thing ("in der Begegnungsstätte Westerbauer wurde
    der Wert von 2019 übertroffen" is no 2019 of the Begegnungsstätte Elsey)."""
    heading = f"{passage.document.title}\n{passage.chunk.section}"
    if year in snapshot.analyzer.terms(heading) and (not title_anchored or _year_near(year, heading, anchors, snapshot)):
        return True
    if passage.chunk.kind == "table_row":
        return year in passage_terms(passage, snapshot)
    for sentence in split_sentences(passage.chunk.text):
        for match in re.finditer(rf"(?<!\d){year}(?!\d)", sentence.text):
            # near the year, not anywhere in a long table cell run ("Sozialraum Hochschulviertel … seit 2016")
            near = sentence.text[max(0, match.start() - YEAR_WINDOW) : match.end() + YEAR_WINDOW]
            if _dates_another_name(sentence.text[: match.start()], anchors, snapshot) or _of_another_named(sentence.text, named):
                continue
            if not anchors or set(snapshot.analyzer.terms(near)) & anchors:
                return True
    return False


def _of_another_named(text: str, named: frozenset[tuple[str, str]]) -> bool:
    """True when the text names a thing of an asked head under another name and none of the asked things."""
    if not named:
        return False
    written = {(head[-len(h):], name) for head, name in pairs_in(text) for h, _ in named if head.endswith(h)}
    return not written & named and any(head in {h for h, _ in named} for head, _ in written)


def _year_near(year: str, heading: str, anchors: frozenset[str], snapshot: CorpusSnapshot) -> bool:
    """True when one line of the title or section path writes the year with an anchor term ("TOP 2 Jugendbefragung
    2024"; not "Protokoll … der Wahlperiode 2023–2025" above it)."""
    return any(year in terms and set(terms) & anchors
               for line in re.split(r"\n| > ", heading) if (terms := snapshot.analyzer.terms(line)))


#: Where the phrase before a parenthesised year begins: after a clause mark or another parenthesis.
_PHRASE_START = re.compile(r",\s|;|:|\(|\)")


def _dates_another_name(before: str, anchors: frozenset[str], snapshot: CorpusSnapshot) -> bool:
    """True when the year stands in a parenthesis that dates the name just before it, and that name is nothing asked:
    "Nachbarschaftscafé Quambusch (2021), …, Treffpunkt Oege (2023)" or "… Quambusch (Der Paritätische, 2021) und des
    Treffpunkts Oege (…, 2023)" give no year of the Treffpunkt Oege as 2021. Without a capitalised word in that phrase
    ("… auf 12,3 % (2024)") the year is judged by the window as before."""
    opened = before.rfind("(")
    if opened < 0 or ")" in before[opened:]:
        return False
    phrase = _PHRASE_START.split(before[:opened])[-1]
    if set(snapshot.analyzer.terms(phrase)) & anchors:
        return False
    return any(word[:1].isupper() for word in phrase.split())


def combination_refusal(constraints: list[Constraint]) -> str:
    """"Zu „Soziale Stadt“ in Haspe enthalten die Dokumente nichts.": the asked name and place, never stated together."""
    names = [f"„{c.label}“" for c in constraints if c.kind not in ("place", "year")]
    places = [c.label for c in constraints if c.kind == "place"]
    if not names:
        return f"Zu {' und '.join(places)} enthalten die Dokumente nichts."
    if not places:
        return f"Zu {', '.join(names)} enthalten die Dokumente dazu nichts."
    return f"Zu {', '.join(names)} in {' / '.join(places)} enthalten die Dokumente nichts."


def focus_terms(analysis: QueryAnalysis, constraints: list[Constraint], snapshot: CorpusSnapshot) -> dict[str, frozenset[str]]:
    """What the question asks about its place, name or institution: its key terms without the constrained ones, years,
    measure words and question words ("Öffnungszeiten" in "Welche Öffnungszeiten hat das Nachbarschaftscafé
    Quambusch?"). Key terms → their compound parts."""
    taken: set[str] = set()
    for constraint in constraints:
        taken |= constraint.terms | set(snapshot.analyzer.terms(constraint.label))
    for place in analysis.places:
        taken |= set(snapshot.analyzer.terms(place.name))
    taken |= _asking_terms(snapshot)
    focus = {
        term: parts or _unknown_compound_parts(term, snapshot)
        for term, parts in analysis.key_terms.items()
        if term not in taken and not term.isdigit() and term not in _NO_FOCUS and not snapshot.places_in_text(term)
        and not (parts and parts <= taken)
    }
    if analysis.intent == "fact":  # "Wie viel Prozent … rauchen?": the counted thing, a word no document writes
        for word in analysis.unknown_words:
            if word[:1].islower() and len(word) >= _UNKNOWN_MIN_LETTERS and stem(fold(word)) not in GERMAN_STOPWORDS:
                for term in snapshot.analyzer.terms(word):
                    if term not in taken:  # a key compound keeps its parts ("Fachkräfteworkshop" = Fachkräfte + Workshop)
                        focus.setdefault(term, _unknown_compound_parts(term, snapshot))
    return focus


def _unknown_compound_parts(term: str, snapshot: CorpusSnapshot) -> frozenset[str]:
    """The parts of a compound the corpus writes only apart ("Fachkräfteworkshop" for its "Fachkräfte-Workshop"): a
    passage with all of them writes the asked thing; none for a word the corpus knows or cannot split."""
    if snapshot.doc_freq.get(term, 0):
        return frozenset()
    return frozenset(t for t in snapshot.analyzer.terms(term) if t != term and snapshot.doc_freq.get(t, 0))


def _asking_terms(snapshot: CorpusSnapshot) -> set[str]:
    """The search terms of the synonym file's `no_focus` words ("bekommt", "teilgenommen"): how a thing is asked."""
    normalizer = snapshot.understanding.normalizer
    words = normalizer.rules.no_focus if normalizer is not None else frozenset()
    return snapshot.derived("no_focus_terms", lambda: {t for w in words for t in snapshot.analyzer.terms(w)})


def focus_support(
    focus: dict[str, frozenset[str]], passages: list[Passage], snapshot: CorpusSnapshot
) -> tuple[float, set[str]]:
    """Best idf-weighted share of the focus terms that one passage (with its title and section) writes, and the focus
    terms that best passage lacks; a term counts when it, all its compound parts or a synonym from the alias file occur."""
    weights = {term: snapshot.idf(term) for term in focus}
    total = sum(weights.values())
    if not total:
        return 1.0, set()
    synonyms = synonym_terms(focus, snapshot)
    best, lacking = 0.0, set(focus)
    for passage in passages:
        terms = passage_terms(passage, snapshot)
        families = {word_family(p) for p in terms}
        met = {
            t for t in weights
            if t in terms or (focus[t] and focus[t] <= terms) or any(a <= terms for a in synonyms.get(t, ()))
            or word_family(t) in families or in_compound(t, terms)
        }
        share = sum(weights[t] for t in met) / total
        if share > best:
            best, lacking = share, set(focus) - met
    return best, lacking


def writes_whole_focus(focus: dict[str, frozenset[str]], passage: Passage, snapshot: CorpusSnapshot) -> bool:
    """True when the passage writes every focus term itself (or a synonym, or a word of its family): "Jugendliche" and
    the title "Bürgerbefragung" are no "Jugendbefragung", though they hold both its parts."""
    terms = passage_terms(passage, snapshot)
    families = {word_family(p) for p in terms}
    synonyms = synonym_terms(focus, snapshot)
    return all(t in terms or word_family(t) in families or any(a <= terms for a in synonyms.get(t, ())) or in_compound(t, terms)
               for t in focus)


def focus_refusal(analysis: QueryAnalysis, focus: set[str], constraints: list[Constraint], snapshot: CorpusSnapshot) -> str:
    """"Zu „Öffnungszeiten“ (Nachbarschaftscafé Quambusch) enthalten die Dokumente nichts.": the asked thing and where."""
    words = [t.surface for t in snapshot.analyzer.tokens(analysis.question) if t.term in focus]
    asked = " ".join(dict.fromkeys(words)) or " ".join(focus)
    where = ", ".join(dict.fromkeys(c.label for c in constraints if c.kind != "year"))
    return f"Zu „{asked}“ ({where}) enthalten die Dokumente nichts." if where else f"Zu „{asked}“ enthalten die Dokumente nichts."


def sub_level(passage: Passage, analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> bool:
    """A table row on a Sozialraum when only Stadtbezirke are asked ("Sozialraum: Haspe-Zentrum; Stadtbezirk: Haspe"):
    its figure belongs to the part, not the Bezirk. (A Steckbrief's comparison line also gives the Bezirk's value.)"""
    if passage.chunk.kind != "table_row" or not analysis.places or any(p.level != "bezirk" for p in analysis.places):
        return False
    places = snapshot.vocabulary.places
    return any(places[m].level == "sozialraum" for m in snapshot.places_in_text(passage.chunk.text) if m in places)


def refusal_text(constraint: Constraint) -> str:
    """The refusal that names what the documents lack."""
    if constraint.kind in ("role", "named", "phrase"):
        return f"Zu „{constraint.label}“ enthalten die Dokumente nichts."
    if constraint.kind == "deed":
        return f"Wer {constraint.label}, steht nicht in den Dokumenten."
    return f"Zu {constraint.label} enthalten die Dokumente nichts."


def planned_year(analysis: QueryAnalysis, passages: list[Passage], snapshot: CorpusSnapshot) -> Check | None:
    """A question for results of a year after the newest document, which the documents mention only as planned:
    "Für 2026 gibt es noch keine Ergebnisse; <the plan sentence> [1]." None when that is not the case."""
    newest = snapshot.years[1] if snapshot.years else None
    if newest is None or not _RESULT_WORDS.search(analysis.question):
        return None
    placed = {t for place in analysis.places for t in snapshot.analyzer.terms(place.name)}
    about = {t for t in analysis.key_terms if not t.isdigit() and t not in placed}
    for year in analysis.years:
        if year <= newest:
            continue
        mentions = [(p, s.text) for p in passages for s in split_sentences(p.chunk.text) if str(year) in s.text]
        if about:  # "Beratung im Ausschuss im ersten Quartal 2026" is no result of the asked Befragung either
            mentions = [(p, text) for p, text in mentions if about & set(snapshot.analyzer.terms(text))] or mentions
        plans = [(p, text) for p, text in mentions if _PLANNED.search(text)]
        if about and not any(about & set(snapshot.analyzer.terms(text)) for _, text in plans):
            continue  # the plan of another figure ("Pflegebedürftige 2030 rund 16.537") says nothing of the asked one
        if plans and len(plans) == len(mentions):
            passage, text = plans[0]
            text = text.strip()
            first = text.split(" ", 1)[0]
            # "die nächste Befragung ist … geplant" after the semicolon; a noun keeps its capital ("Bürgerbefragung …")
            sentence = text[:1].lower() + text[1:] if first.lower() in _LOWER_STARTS else text
            return Check(passages, refusal=f"Für {year} gibt es noch keine Ergebnisse; {sentence} [1]", cited=[passage], quote=text)
    return None


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
#: Words that start a sentence in capitals only for that: lower-cased when the sentence is quoted after a semicolon.
_LOWER_STARTS = frozenset("der die das den dem des ein eine einer eines einem einen es sie er wir im in am an auf für mit "
                          "nach zum zur bis ab seit".split())


def year_unstated(answer: Answer, analysis: QueryAnalysis) -> str:
    """The refusal for a figure question whose asked year no cited sentence writes while the leading one dates its
    figure to another year: "hinzu kamen 1.280 Besuche im Seniorencafé … Ende 2022" in a protocol of 2023 gives no figure of 2023
    (the document's date is when it was written, not what its figures are for). Table rows (their year is a column)
    and sentences without a year of their own are left to the other checks; "" when the answer stands."""
    if answer.refused or analysis.intent != "fact" or not analysis.years or not answer.citations:
        return ""
    asked = {str(y) for y in analysis.years}
    lead = answer.citations[0]  # the best sentence: the answer's figure
    named = set(_YEAR.findall(lead.quote))
    if lead.row is None and not named and _written_before(lead, asked) and \
            not any(set(_YEAR.findall(c.quote)) & asked and holds_count(c.quote) for c in answer.citations):
        # "Teilnehmende: 47 Personen" in the protocol of March 2024 is no count of 2025, whatever else mentions 2025
        return f"Für {', '.join(sorted(asked))} enthalten die Dokumente keine Angaben."
    if lead.row is not None or not named or named & asked or any(set(_YEAR.findall(c.quote)) & asked for c in answer.citations):
        return ""
    return f"Für {', '.join(sorted(asked))} enthalten die Dokumente keine Angaben."


def _written_before(citation: Citation, asked: set[str]) -> bool:
    """True when the cited document's title dates it before every asked year (a protocol of 2024 and 2025 asked)."""
    dated = {int(y) for y in _YEAR.findall(citation.title)}
    return bool(dated) and max(dated) < min(int(y) for y in asked)


def nearest_label(answer: Answer, analysis: QueryAnalysis) -> Answer:
    """A figure answer whose sentences and sources name other years than the asked one is labelled as the nearest fact,
    never presented as the asked year's figure: "Für 2023 nennen die Dokumente keinen eigenen Wert; nächstliegende Angaben:"."""
    if answer.refused or analysis.intent != "fact" or not analysis.years:
        return answer
    asked = {str(y) for y in analysis.years}
    named = set(_YEAR.findall(answer.text))
    sources = {y for c in answer.citations for y in _YEAR.findall(f"{c.title} {c.section}")}
    if not named or named & asked or sources & asked:
        return answer
    label = f"Für {', '.join(sorted(asked))} nennen die Dokumente keinen eigenen Wert; nächstliegende Angaben:"
    return dataclasses.replace(answer, text=f"{label}\n{answer.text}")
