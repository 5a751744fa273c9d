""""Was regelt § 22 SGB II?", "Was steht in § 9 der Geschäftsordnung?": the section headed by that § answers, from
its own beginning — its heading and first sentences, cited — rather than sentences of other §§ that refer to it
(the constraint check has already kept only the passages in that section). So does the section headed by the asked
thing for "Welche Aufgaben hat die Geschäftsführung eines Sozialraumteams?" ("§ 5 Geschäftsführung" of the
Geschäftsordnung der Sozialraumteams): a rule document's section on it says what it does."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.core.types import Answer, Passage
from assistant.services.constraints import PARAGRAPH_REF, Constraint, heads_paragraph
from assistant.services.extractive import citation_for
from assistant.services.retrieval import CorpusSnapshot
from assistant.text import split_sentences

_ASKS_CONTENT = re.compile(
    r"\b(?:was\s+(?:regelt|regeln|steht\s+in|steht\s+im|besagt|beinhaltet|sagt|bestimmt)|worum\s+geht\s+es\s+in|"
    r"wovon\s+handelt|was\s+ist\s+(?:in|im)\s+(?:§|paragra))", re.I)
#: "Welche Aufgaben hat …", "Was macht …", "Wofür ist … zuständig": what a body or role does.
_ASKS_DUTIES = re.compile(
    r"\b(?:welche\s+aufgaben|was\s+(?:macht|machen|tut|tun)\b|wofür\s+(?:ist|sind)|wofuer\s+(?:ist|sind)|wozu\s+dient|"
    r"was\s+gehört\s+zu\s+den\s+aufgaben|wofür\s+zuständig|was\s+sind\s+die\s+aufgaben)", re.I)
#: Words of the duties cue, which name no subject of a section ("§ 4 Aufgaben" is no section on the Geschäftsführung).
_DUTY_WORDS = "aufgabe aufgaben zuständig zuständigkeit macht machen tut dient"
#: A heading's numbering ("§ 5", "5.3", "2)") before its words.
_NUMBERING = re.compile(r"^\s*(?:§+\s*\d+[a-z]?(?=\s|$)|\d+(?:\.\d+)*\.?\)?)\s*", re.I)
#: Passages (best first) whose section heading may name the asked thing.
HEADED_PASSAGES = 8
#: How much of the section's beginning is quoted.
MAX_CHARS = 700


def paragraph_content(question: str, passages: list[Passage], snapshot: CorpusSnapshot) -> Answer | None:
    """The beginning of the section headed by the asked §, or None (not such a question, or no such section kept)."""
    asked = PARAGRAPH_REF.findall(question)
    if len(asked) != 1 or not _ASKS_CONTENT.search(question):
        return None
    constraint = Constraint("paragraph", "§ " + asked[0].replace(" ", ""))
    documents = list(dict.fromkeys(p.document.doc_id for p in passages if heads_paragraph(constraint, p)))
    if not documents:
        return None
    if len(documents) > 1:
        return _which_document(question, constraint, passages, documents)
    headed = next(p for p in passages if heads_paragraph(constraint, p))
    return _section_beginning(question, headed, passages, snapshot)


def headed_section(question: str, key_terms: Iterable[str], passages: list[Passage], snapshot: CorpusSnapshot) -> Answer | None:
    """The beginning of the section headed by the asked thing, for a question on its duties; or None.

    The heading's words (past its numbering) must all be asked, and not only the cue's ("Aufgaben"); the asked words
    it lacks must be in its document's title ("Sozialraumteams" in "Geschäftsordnung der Sozialraumteams")."""
    if not _ASKS_DUTIES.search(question):
        return None
    keys = set(key_terms)
    cue = set(snapshot.analyzer.terms(_DUTY_WORDS))
    for passage in passages[:HEADED_PASSAGES]:
        heading = _NUMBERING.sub("", passage.chunk.section.split(">")[-1]).strip()
        words = set(snapshot.analyzer.terms(heading)) - cue
        if not words or not words <= keys:
            continue
        if (keys - words - cue) <= set(snapshot.analyzer.terms(passage.document.title)):
            return _section_beginning(question, passage, passages, snapshot)
    return None


def _section_beginning(question: str, headed: Passage, passages: list[Passage], snapshot: CorpusSnapshot) -> Answer | None:
    """The heading and first sentences of the section `headed` is in, cited to its first chunk."""
    chunk = headed.chunk
    section = [c for c in snapshot.chunks.values() if c.doc_id == chunk.doc_id and c.section == chunk.section]
    first = min(section or [chunk], key=lambda c: c.ordinal)
    heading = first.section.split(">")[-1].strip()
    sentences, size = [], 0
    for sentence in split_sentences(first.text):
        text = sentence.text.strip()
        if not text or text == heading:
            continue
        sentences.append(text)
        size += len(text)
        if size >= MAX_CHARS:
            break
    if not sentences:
        return None
    start = Passage(first, headed.document, headed.score)
    quote = " ".join(sentences)
    citation = citation_for(1, start, quote)
    return Answer(question=question, text=f"{heading} ({headed.document.title}): {quote} [1]", citations=[citation],
                  passages=passages)


def _which_document(question: str, constraint: Constraint, passages: list[Passage], documents: list[str]) -> Answer:
    """ "Was regelt § 22?" with three statutes indexed: each one's § 22 by its heading, cited, and the ask to name one."""
    lines, citations = [], []
    for number, doc_id in enumerate(documents, 1):
        first = next(p for p in passages if p.document.doc_id == doc_id and heads_paragraph(constraint, p))
        heading = first.chunk.section.split(">")[-1].strip()
        lines.append(f"- {heading} ({first.document.title}) [{number}]")
        citations.append(citation_for(number, first, heading))
    head = f"{constraint.label} steht in mehreren Dokumenten; bitte das gemeinte nennen:"
    return Answer(question=question, text="\n".join([head, *lines]), citations=citations, passages=passages)
