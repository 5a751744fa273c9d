"""Which sentences are worth quoting in a draft: complete sentences first, usable list items second, never headings.

Chunks of PDFs and Markdown carry headings ("2.3 Aktuelle Schwerpunkte", "TOP 10 Arbeitsschwerpunkte 2025"),
address lines and half list items ("Geschäftsführung der Steuerungsgruppe …,") beside real sentences; quoted on
their own they say nothing. The rules look only at the shape of the text (punctuation, numbering, word count),
never at particular documents.
"""

from __future__ import annotations

import re

#: Shape ranks: higher is better; REJECT is never quoted.
COMPLETE, FRAGMENT, REJECT = 2, 1, 0
MIN_WORDS = 5
#: Words a list item without a closing period needs to say something on its own.
MIN_FRAGMENT_WORDS = 6

#: Articles, prepositions and conjunctions: lower-case words that do not make a title a statement.
FUNCTION_WORDS = frozenset("""der die das des dem den ein eine einer eines einem einen und oder sowie bzw als wie bis in im am an auf aus
bei mit nach von vom vor zu zur zum für über unter durch gegen ohne um zwischen je pro ab seit""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CLOSED = re.compile(r"[.!?…][\"'“”»«)\]]*$")
_OPEN_END = re.compile(r"[,;:–—\-/(&]$|\b(und|oder|sowie|bzw|der|die|das|des|den|dem|mit|von|für|zu|in|im|am|an|auf|bei)$", re.IGNORECASE)
_NUMBERED = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.|[A-Z]\)|\d+\))\s")
_AGENDA = re.compile(r"^(?:TOP|Top|Punkt|Kapitel|Abschnitt|Anlage|Tabelle|Abbildung|Abb\.|Tab\.)\s*\d", re.UNICODE)
_POSTCODE = re.compile(r"\b\d{5}\s+[A-ZÄÖÜ]")
_BULLET = re.compile(r"^[-•*–]\s+")
#: Openings that point back to the previous sentence; quoted alone the reader does not know who or what is meant.
_ANAPHOR = re.compile(r"^(?:Sie|Er|Es|Dies|Diese[rsmn]?|Dabei|Dazu|Daher|Damit|Dort|Hierzu|Hierbei|Deshalb|Deswegen|Außerdem|Zudem|"
                      r"Ebenso|Darüber hinaus)\b")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def shape(text: str, headings: tuple[str, ...] = ()) -> int:
    """COMPLETE for a whole sentence, FRAGMENT for a list item that stands on its own, REJECT for headings and pieces.

    `headings` are texts known to be titles (the chunk's section path, the document title): a sentence equal
    to one of them is a heading, whatever its punctuation.
    """
    text = " ".join(text.split())
    body = _BULLET.sub("", text)
    if not body or len(words(body)) < MIN_WORDS:
        return REJECT
    if body.rstrip(".").casefold() in {h.strip().rstrip(".").casefold() for h in headings if h}:
        return REJECT
    first = body[0]
    if first.islower() or first in ",;:)]–—":
        return REJECT  # the tail of a sentence cut by a line break
    if _OPEN_END.search(body.rstrip()):
        return REJECT  # a list item or line that continues elsewhere
    closed = bool(_CLOSED.search(body))
    if _AGENDA.match(body) or (_NUMBERED.match(body) and not closed):
        return REJECT  # numbered headings, agenda items, captions
    if closed:
        if not _has_predicate(body):
            return REJECT
        return FRAGMENT if _ANAPHOR.match(body) else COMPLETE  # "Sie führt …" needs the sentence before it
    if _POSTCODE.search(body):
        return REJECT  # address lines
    if len(words(body)) >= MIN_FRAGMENT_WORDS and _has_clause(body):
        return FRAGMENT
    return REJECT


def strip_bullet(text: str) -> str:
    """A list item without its bullet (the rest stands verbatim in the source)."""
    return _BULLET.sub("", text.strip())


def _has_predicate(text: str) -> bool:
    """A title ("Jahresbericht der Sozialplanung 2024 (bis März 2025).") has no lower-case word beside articles,
    prepositions and conjunctions; a sentence has at least one (its verb, an adjective)."""
    return any(w[0].islower() and w.casefold() not in FUNCTION_WORDS for w in words(text))


def _has_clause(text: str) -> bool:
    """A list item that states something has at least two lower-case content words ("ist noch ungeklärt");
    a to-do ("Interviewtermine … organisieren") or a label has fewer."""
    return sum(1 for w in words(text) if w[0].islower() and w.casefold() not in FUNCTION_WORDS) >= 2
