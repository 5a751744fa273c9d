"""Each part of a question gets its sentence, and the asked kind of answer comes first.

Sentence scores reward the words a sentence shares with the question; that is not enough when the question asks for
a kind of answer ("wie viele Leute …" wants a count, "wie viel Geld …" a sum, "woher …" a source) or asks two things
("Welche Lücke …, und was wurde 2024 dagegen unternommen?"): the best-scoring sentences then repeat the question's
words without its answer. The extractive composer (services/extractive.py) uses these steps:
- `kind_leader`: the best sentence holding the asked kind leads when the top one holds none and it scores close enough;
- `neighbour_with_kind`: a sentence right after the leader in its passage that holds the asked kind, when none chosen does
  ("Streetwork berichtet über die Freitagsöffnung … Im Schnitt kamen 17 Jugendliche.");
- `part_sentences`: for every part of a multi-part question that no chosen sentence answers, its best sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

from assistant.services.question_types import asked_types, holds, without_non_counts

#: Kinds specific enough to prefer a sentence for ("wo" and "wann" are held by almost every sentence: "im Saal", "2024").
PREFERRED_KINDS = frozenset({"count", "times", "amount", "source", "frequency", "duration", "age", "hours", "clock", "since"})
#: Sentences after the leader in which a held kind still belongs to the leader's statement.
NEIGHBOUR_SPAN = 2
#: A question word, also behind its preposition ("ab wann", "seit wann", "für welchen Zeitraum", "um wie viel").
QUESTION_WORD = (
    r"(?:(?:ab|seit|bis|für|in|an|um|mit|von|aus|zu|nach|bei|über|unter|durch|gegen|auf)\s+)?"
    r"(?:wie|was|wer|wem|wen|welche[rsnm]?|wann|wo|woher|wohin|warum|weshalb)\b"
)
#: Where a question starts its next part: a question word after a comma or "und" ("…, und was wurde …", "… und wer …").
_PART_START = re.compile(r"(?:,\s*(?:und\s+|sowie\s+)?|\s+(?:und|sowie)\s+)" rf"(?={QUESTION_WORD})", re.IGNORECASE)
#: A part of fewer words is only a cue that shares the next part's subject ("Wann und wo fand … statt?").
MIN_PART_WORDS = 3
#: A sentence answers a part when it writes this idf-weighted share of the words only that part uses.
PART_MIN_SHARE = 0.34
#: Weights of a sentence's score for one part: its coverage of the part's words, its own score, the part's kind held.
W_PART_COVERAGE, W_PART_SCORE, W_PART_KIND = 0.6, 0.25, 0.15


class Scored(Protocol):
    text: str
    terms: frozenset[str]
    score: float
    passage_index: int
    order: int


def question_parts(question: str) -> list[str]:
    """The parts of a question that asks several things; one part for a simple question. A short cue ("Wann und wo …")
    joins the part after it."""
    pieces = [p.strip(" ,") for p in _PART_START.split(question) if p and p.strip(" ,")]
    parts: list[str] = []
    pending = ""
    for piece in pieces:
        piece = f"{pending} und {piece}" if pending else piece
        if len(piece.split()) < MIN_PART_WORDS and piece is not pieces[-1]:
            pending = piece
            continue
        pending = ""
        parts.append(piece)
    if pending:
        parts.append(pending)
    return parts or [question]


#: Words by which a later part points back to the first part's subject ("… und wie viele nahmen daran teil?", "wer trägt
#: es", "was ist daraus geworden?", "wie viele Mängel wurden dabei festgehalten?"): German pronouns and da-compounds.
_BACK_REFERENCE = re.compile(
    r"\b(?:es|ihn|ihm|ihr|ihre[nmrs]?|ihnen|deren|dessen|dies(?:e[nmrs]?)?|dort|dabei|daran|dazu|davon|daraus|dafür|"
    r"dagegen|darin|darüber|daraufhin|damit|dadurch|danach)\b",
    re.IGNORECASE,
)


def refers_back(part: str) -> bool:
    """True when a part of a question points back to what an earlier part names: it is searched together with it."""
    return bool(_BACK_REFERENCE.search(part))


def preferred_kinds(question: str) -> set[str]:
    """The specific kinds of answer a question (or part) asks for."""
    return asked_types(question) & PREFERRED_KINDS


def holds_any(kinds: set[str], text: str) -> bool:
    return any(holds(kind, text) for kind in kinds)


def kind_leader(
    units: Sequence[Scored], kinds: set[str], share: float, focus: Callable[[Scored], float] | None = None
) -> Scored | None:
    """The sentence that should lead instead of the top one: among those holding an asked kind and scoring at least
    `share` of the top one, the best by score plus `focus` (how much of the asked thing the sentence itself names:
    "30.000 Euro" in a sentence on the Verfügungsfonds beats "1.400 €" in a row that names it only in its heading);
    None when the top one holds the kind itself."""
    if not units or not kinds or holds_any(kinds, units[0].text):
        return None
    best = units[0].score
    candidates = [u for u in units if u.score >= share * best and holds_any(kinds, u.text)]
    if not candidates:
        return None
    return max(candidates, key=lambda u: u.score + (focus(u) if focus else 0.0))


#: A number and the (at most two) words after it: what it counts ("17 Jugendliche", "44 Personen", "532 Kontakte").
_COUNTED = re.compile(r"(?<![\d.,])\d[\d.,]*\s+((?:[^\W\d_]+\s+)?[^\W\d_]+)")
#: Words after a number that make it no count of the word after them ("71 Prozent der Jugendlichen").
_NO_COUNT_UNIT = re.compile(r"^(?:prozent|euro|eur|uhr|jahre?n?|monate?n?|wochen?|tage?n?|stunden?|minuten)\b", re.I)


def counts_asked(text: str, asked: set[str], terms_of: Callable[[str], list[str]]) -> bool:
    """True when a number in the text counts an asked thing: one of the asked terms among the (at most two) words
    after it, not after a unit ("17 Jugendliche", "44 Personen" for "Leute" via its synonyms)."""
    return any(
        not _NO_COUNT_UNIT.match(m.group(1)) and set(terms_of(m.group(1))) & asked
        for m in _COUNTED.finditer(without_non_counts(text))
    )


def neighbour_with_kind(units: Sequence[Scored], chosen: Sequence[Scored], kinds: set[str]) -> Scored | None:
    """A sentence at most NEIGHBOUR_SPAN after the leader in its passage holding an asked kind, when no chosen one does."""
    if not chosen or not kinds or any(holds_any(kinds, c.text) for c in chosen):
        return None
    leader = chosen[0]
    near = [
        u for u in units
        if u.passage_index == leader.passage_index and 0 < u.order - leader.order <= NEIGHBOUR_SPAN and holds_any(kinds, u.text)
    ]
    return min(near, key=lambda u: u.order) if near else None


def part_weights(part: str, weights: dict[str, float], terms_of: Callable[[str], list[str]], rest_share: float) -> dict[str, float]:
    """The question's term weights for one part: its own words whole, the other parts' words (the shared subject) at
    `rest_share`."""
    own = set(terms_of(part))
    return {t: w if t in own else w * rest_share for t, w in weights.items() if t in own or rest_share > 0}


def part_sentences(
    units: Sequence[Scored],
    chosen: Sequence[Scored],
    question: str,
    weights: dict[str, float],
    terms_of: Callable[[str], list[str]],
    rest_share: float,
    similar: Callable[[frozenset[str], frozenset[str]], bool],
) -> list[Scored]:
    """For each part of a multi-part question that no chosen sentence answers (its own words and, if it asks one, its
    kind of answer), the best sentence for that part; [] for a simple question."""
    parts = question_parts(question)
    if len(parts) < 2:
        return []
    added: list[Scored] = []
    part_terms = [{t for t in terms_of(part) if t in weights} for part in parts]
    for i, part in enumerate(parts):
        own = part_terms[i]
        others = set().union(*(terms for j, terms in enumerate(part_terms) if j != i))
        distinct = {t: weights[t] for t in own - others} or {t: weights[t] for t in own}
        kinds = asked_types(part)
        if not own:
            continue
        need = sum(distinct.values()) * PART_MIN_SHARE

        def loose(unit: Scored, distinct=distinct, need=need, kinds=kinds) -> bool:
            """It writes enough of what only this part asks about, and the part's kind of answer if it asks one."""
            met = sum(w for t, w in distinct.items() if t in unit.terms)
            return met > 0 and met >= need and (not kinds or holds_any(kinds, unit.text))

        # "… und wie viele Jugendliche nahmen daran teil?": a number that counts what the part asks ("104 Jugendlichen")
        # answers it, not any number beside its words ("Beschluss 7/2024-4: Der Stadtjugendrat …") — when one does
        counted = {t for t in own if not t[:1].isdigit()}
        strict = "count" in kinds and any(loose(u) and counts_asked(u.text, counted, terms_of) for u in units)

        def answers(unit: Scored, counted=counted, strict=strict, loose=loose) -> bool:
            return loose(unit) and (not strict or counts_asked(unit.text, counted, terms_of))

        if any(answers(c) for c in [*chosen, *added]):
            continue
        taken = [*chosen, *added]
        near = _beside_the_subject(units, taken, part, kinds, counted if strict else None, terms_of, similar)
        if near is not None:  # "… und wann hat dieses Angebot angefangen?": the sentence around the one naming it
            added.append(near)
            continue
        pw = part_weights(part, weights, terms_of, rest_share)
        total = sum(pw.values()) or 1.0
        candidates = [u for u in units if u not in taken and answers(u) and not any(similar(u.terms, c.terms) for c in taken)]
        if not candidates:
            continue

        def part_score(unit: Scored, pw=pw, total=total, kinds=kinds) -> float:
            cov = sum(w for t, w in pw.items() if t in unit.terms) / total
            return W_PART_COVERAGE * cov + W_PART_SCORE * unit.score + W_PART_KIND * holds_any(kinds, unit.text)

        added.append(max(candidates, key=part_score))
    return added


def _beside_the_subject(
    units: Sequence[Scored],
    taken: Sequence[Scored],
    part: str,
    kinds: set[str],
    counted: set[str] | None,
    terms_of: Callable[[str], list[str]],
    similar: Callable[[frozenset[str], frozenset[str]], bool],
) -> Scored | None:
    """For a part that points back ("dieses Angebot", "daran") and asks a kind of answer: the nearest sentence at most
    NEIGHBOUR_SPAN before or after a chosen one in its passage that holds that kind (a count only when it counts the
    part's word); None otherwise. What the part points to is what the chosen sentence names, not what another passage
    with the part's words is about ("Seit: 2008" of the Tafel for the Sprechstunde the Tafel sends people to)."""
    if not kinds or not refers_back(part):
        return None
    near = [
        (min(abs(u.order - c.order) for c in taken if c.passage_index == u.passage_index), u)
        for u in units
        if u not in taken and holds_any(kinds, u.text) and not any(similar(u.terms, c.terms) for c in taken)
        and any(c.passage_index == u.passage_index and 0 < abs(u.order - c.order) <= NEIGHBOUR_SPAN for c in taken)
        and (counted is None or counts_asked(u.text, counted, terms_of))
    ]
    return min(near, key=lambda pair: (pair[0], pair[1].order))[1] if near else None
