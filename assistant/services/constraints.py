"""What a question requires of the passage its answer cites, and the refusal that names an unmet requirement.

Topical similarity and key-term coverage (answering.has_evidence) let an answer be stitched together from
sentences that each cover some of the question's words. These checks are stricter and per constraint:
- a name after a place preposition ("in Gevelsberg") must occur in the cited passage; a corpus without it is
  answered with "Zu Gevelsberg enthalten die Dokumente nichts.";
- the asked place of a figure question must be named by the cited passage (its text, section or title);
- who/what-is-called questions ("Wer ist der Oberbürgermeister?") need the asked role itself, not one of its
  compound parts ("Bürger");
- an asked year that the documents mention only as planned gives "Für 2026 gibt es noch keine Ergebnisse; …".
Passages that fail a constraint are dropped before the answer is composed, so they cannot be combined in.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from assistant.core.types import Answer, Passage
from assistant.services.extractive import passage_terms
from assistant.services.named_entities import NamedThing, asked_names, corpus_has, pairs_in
from assistant.services.query_understanding import QueryAnalysis
from assistant.services.retrieval import CorpusSnapshot
from assistant.text import GERMAN_STOPWORDS, degender, fold, split_sentences

#: Words after which a capitalised word names a place or an institution ("in Gevelsberg", "bei der Caritas").
_PLACE_PREPOSITIONS = frozenset({"in", "im", "aus", "nach", "bei", "von", "vom"})
_ASKS_ROLE = re.compile(r"\b(?:wer\s+(?:ist|sind|war|waren)|wie\s+hei(?:ß|ss)(?:t|en))\s+(?:der|die|das|den|dem|ein|eine)?\s*", re.I)
_PLANNED = re.compile(r"\b(?:geplant|vorgesehen|soll(?:en)?|wird|werden|folg(?:t|en)|angestrebt|voraussichtlich)\b", re.I)
_RESULT_WORDS = re.compile(r"\b(?:ergebnis\w*|zeigt|zeigen|ergab|ergeben|wie\s+viele|wie\s+hoch|anteil|quote)\b", re.I)


@dataclass(frozen=True)
class Constraint:
    """One requirement of the question: all `terms` must occur in the cited passage."""

    kind: str  # "name" | "place" | "role" | "named" (a head-name pair: "Begegnungsstätte Berchum")
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
    for previous, token in zip(tokens, tokens[1:], strict=False):
        if token.number or not token.surface[:1].isupper() or fold(previous.surface) not in _PLACE_PREPOSITIONS:
            continue
        if token.folded in GERMAN_STOPWORDS or len(token.folded) < 4 or snapshot.places_in_text(token.surface):
            continue
        if snapshot.vocabulary.partner_mentions(token.surface) or snapshot.vocabulary.is_citywide(token.surface):
            continue
        if snapshot.doc_freq.get(token.term, 0) <= name_max_doc_freq and not _parts(snapshot, token.folded):
            found.append(Constraint("name", token.surface, frozenset({token.term})))
    if analysis.intent == "fact":
        found.extend(Constraint("place", name) for name in sorted(place_names))
    role = _asked_role(question, snapshot)
    if role is not None:
        found.append(role)
    return found


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


def meets(constraint: Constraint, passage: Passage, snapshot: CorpusSnapshot) -> bool:
    """True when the passage (text, section, title) meets the constraint."""
    if constraint.kind == "place":
        return constraint.label in snapshot.places_in(passage.chunk)
    if constraint.kind == "named":  # the corpus has the pair (checked before); a passage on it names the name
        head, name = constraint.label.split(" ", 1)
        text = f"{passage.document.title}\n{passage.chunk.section}\n{passage.chunk.text}"
        return _named_pair(head, name) in pairs_in(text) or bool(snapshot.analyzer.terms(name)) and set(
            snapshot.analyzer.terms(name)
        ) <= passage_terms(passage, snapshot)
    return constraint.terms <= passage_terms(passage, snapshot)


def _named_pair(head: str, name: str) -> tuple[str, str]:
    return next(iter(pairs_in(f"{head} {name}")), ("", ""))


def check(
    analysis: QueryAnalysis, passages: list[Passage], snapshot: CorpusSnapshot, name_max_doc_freq: int, named_head_min_names: int = 0
) -> Check:
    """The passages that meet every constraint of the question, or the refusal naming the first unmet one.

    A named institution the corpus never writes refuses; one it has keeps the passages that write it (all of them
    when none among the retrieved does)."""
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
            return Check(passages, refusal=refusal_text(constraint))
        if constraint.kind != "place":
            kept = [p for p in kept if meets(constraint, p, snapshot)]
    places = [c for c in constraints if c.kind == "place"]
    if places:  # a comparison names two places: a passage on either one may be cited
        kept = [p for p in kept if any(meets(c, p, snapshot) for c in places)]
        at_level = [p for p in kept if not sub_level(p, analysis, snapshot)]
        kept = at_level or kept  # the Bezirk's own figures first; a Sozialraum's only when the Bezirk has none
    return Check(kept)


def sub_level(passage: Passage, analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> bool:
    """A table row on a Sozialraum when only Stadtbezirke are asked ("Sozialraum: Haspe-Zentrum; Stadtbezirk: Haspe"):
    its figure belongs to the part, not the Bezirk. (A Steckbrief's comparison line also gives the Bezirk's value.)"""
    if passage.chunk.kind != "table_row" or not analysis.places or any(p.level != "bezirk" for p in analysis.places):
        return False
    places = snapshot.vocabulary.places
    return any(places[m].level == "sozialraum" for m in snapshot.places_in_text(passage.chunk.text) if m in places)


def refusal_text(constraint: Constraint) -> str:
    """The refusal that names what the documents lack."""
    if constraint.kind in ("role", "named"):
        return f"Zu „{constraint.label}“ enthalten die Dokumente nichts."
    return f"Zu {constraint.label} enthalten die Dokumente nichts."


def planned_year(analysis: QueryAnalysis, passages: list[Passage], snapshot: CorpusSnapshot) -> Check | None:
    """A question for results of a year after the newest document, which the documents mention only as planned:
    "Für 2026 gibt es noch keine Ergebnisse; <the plan sentence> [1]." None when that is not the case."""
    newest = snapshot.years[1] if snapshot.years else None
    if newest is None or not _RESULT_WORDS.search(analysis.question):
        return None
    for year in analysis.years:
        if year <= newest:
            continue
        mentions = [(p, s.text) for p in passages for s in split_sentences(p.chunk.text) if str(year) in s.text]
        plans = [(p, text) for p, text in mentions if _PLANNED.search(text)]
        if plans and len(plans) == len(mentions):
            passage, text = plans[0]
            text = text.strip()
            sentence = text[:1].lower() + text[1:] if text[1:2].islower() else text
            return Check(passages, refusal=f"Für {year} gibt es noch keine Ergebnisse; {sentence} [1]", cited=[passage], quote=text)
    return None


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


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
