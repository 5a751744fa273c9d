""""Was ist der Unterschied zwischen Sozialraum und Stadtbezirk?": each term explained on its own, side by side.

No single sentence of the documents compares two terms, so a search for the whole question finds whichever sentence
happens to name both. Asking "Was ist ein Sozialraum?" and "Was ist ein Stadtbezirk?" finds each definition; the
answer puts them together under the two terms, one citation numbering, and says which one the documents do not explain.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from assistant.core.types import Answer

_ARTICLE = r"(?:(?:de[mnrs]|die|das|eine[mnrs]?|ein)\s+)?"
_CONTRAST = re.compile(
    r"\b(?:unterschied\w*|unterscheid\w*)\s+(?:sich\s+)?(?:zwischen\s+)?" + _ARTICLE + r"(?P<a>[\w\-/ ]+?)\s+(?:und|von)\s+"
    + _ARTICLE + r"(?P<b>[\w\-/ ]+?)\s*\??\s*$",
    re.IGNORECASE,
)
_MAX_WORDS = 4


def contrasted_terms(question: str) -> tuple[str, str] | None:
    """The two terms a "Unterschied zwischen A und B" question contrasts, or None."""
    match = _CONTRAST.search(question.strip())
    if not match:
        return None
    a, b = match.group("a").strip(), match.group("b").strip()
    if not a or not b or len(a.split()) > _MAX_WORDS or len(b.split()) > _MAX_WORDS:
        return None
    return a, b


def contrast_answer(question: str, terms: tuple[str, str], ask: Callable[[str], Answer]) -> Answer | None:
    """Both terms explained ("Was ist A?", "Was ist B?") in one answer; None when the documents explain neither."""
    answers = [ask(f"Was ist {term}?") for term in terms]
    if all(a.refused for a in answers):
        return None
    lines: list[str] = []
    citations = []
    notes: list[str] = []
    for term, answer in zip(terms, answers, strict=True):
        if answer.refused:
            lines.append(f"**{term}:** Dazu finde ich in den Dokumenten keine Erklärung.")
            continue
        offset = len(citations)
        text = re.sub(r"\[(\d+)\]", lambda m, shift=offset: f"[{int(m.group(1)) + shift}]", answer.text)
        citations += [dataclasses.replace(c, number=c.number + offset) for c in answer.citations]
        notes += answer.notes
        lines.append(f"**{term}:** {text}")
    passages = [p for a in answers for p in a.passages]
    return Answer(question=question, text="\n\n".join(lines), citations=citations, notes=notes, passages=passages)
