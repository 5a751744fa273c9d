"""What a quoted sentence needs from its surroundings to answer: its antecedent, the rest of its list, its FAQ question.

The extractive composer quotes single sentences, but a document does not always say a thing in one sentence:
- "Das entspricht rechnerisch rund 95 Vollzeitstellen." or "Sie legt die Arbeitsschwerpunkte fest …" points back to the
  sentence before it ("… etwa 15.000 Stunden im Monat", "Steuerungsgruppe Sozialplanung – …"): quoted alone, the answer
  lacks what "das" or "sie" stands for, so the sentence before is quoted with it (`antecedent_order`);
- "Die Aufgabenteilung ist wie folgt geregelt:" may end its chunk and the list run on in the next chunk of the section,
  whose PDF text has lost the bullets: the next chunk's lines are the items (`run_on_items`);
- "Die fünf Sozialräume werden im Folgenden als Schwerpunkträume bezeichnet." names what a sentence a few lines up
  describes; that sentence comes with it (`antecedent_order` via the designation's subject words);
- a FAQ answers its own question: "Wer entscheidet über neue Mitglieder …? Das Team selbst, …" — the answer repeats
  none of the question's words, so it is read together with the question it answers (`faq_question`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.core.types import Chunk

#: A sentence that opens with a pronoun or a demonstrative standing for what the sentence before said: "Das entspricht",
#: "Dies zeigt", "Damit", "Sie legt … fest", "Diese Bedarfe …". "Das Team …" (an article before a noun) is no such opener,
#: nor the expletive "Es gibt …".
_POINTS_BACK = re.compile(
    r"^\s*(?:(?:Das|Dies)\s+(?!\w+e[nmrs]?\s+[A-ZÄÖÜ])[a-zäöüß]"  # "Das entspricht", "Dies zeigt"; not "Das neue Team"
    r"|(?:Damit|Dadurch|Daher|Deshalb|Somit|Demnach)\b"
    r"|(?:Sie|Er)\s+[a-zäöüß]"  # "Sie legt … fest", "Er wird … fortgeschrieben"
    r"|Diese[rsnm]?\s+[A-ZÄÖÜ]"  # "Diese Bedarfe lassen sich …"
    r"|Beide[n]?\b"  # "Beide Planungen nutzen dieselbe Gliederung …", "Beide stimmen die Tagesordnung ab."
    # a counted set with the definite article was introduced before: "Die fünf Sozialräume, die …", "Die beiden Teams …"
    r"|(?:Die|Der|Das)\s+(?:beiden|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|\d+)\s+[A-ZÄÖÜ])"
)
#: Formal address ("Sie werden schnell merken …", "Sie brauchen …") in guides: "Sie" is the reader, not the sentence before.
_ADDRESS = re.compile(r"^\s*Sie\s+(?:werden|können|sollten|müssen|brauchen|finden|erhalten|haben|dürfen)\b")
_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s")
#: Lines of a run-on list: at most this many.
MAX_RUN_ON = 10
#: A line longer than this is a paragraph, not a list item.
ITEM_MAX_CHARS = 400


#: A sentence that names what the text just described: "Die fünf Sozialräume werden im Folgenden als Schwerpunkträume
#: bezeichnet." — the sentence before says which five.
_NAMES_THE_ABOVE = re.compile(r"\b(?:werden|wird)\s+(?:im\s+Folgenden|hier|künftig|kurz)\s+als\s+.{1,60}?\s+(?:bezeichnet|genannt)\b")


#: Sentences a designation may look back for what it names.
NAMED_SPAN = 4
_WORDS = re.compile(r"[^\W\d_]+")
_ARTICLES = frozenset("der die das den dem des diese dieser dieses ein eine einer".split())


def _named_above(order: int, pieces: list[str]) -> int | None:
    """For "Die fünf Sozialräume werden im Folgenden als Schwerpunkträume bezeichnet.": the nearest sentence before it
    (at most NAMED_SPAN back) that writes its subject's words ("… fünf Sozialräume als besonders belastet ausgewiesen:
    Zentrum/Remberg, …"), compared by their first six letters (singular and plural); None when it is no designation."""
    match = _NAMES_THE_ABOVE.search(pieces[order])
    if not match:
        return None
    subject = [w.lower()[:6] for w in _WORDS.findall(pieces[order][: match.start()]) if w.lower() not in _ARTICLES]
    if not subject:
        return None
    for before in range(order - 1, max(order - 1 - NAMED_SPAN, -1), -1):
        words = {w.lower()[:6] for w in _WORDS.findall(pieces[before])}
        if set(subject) <= words:
            return before
    return None


def points_back(text: str) -> bool:
    """True when the sentence opens with a word that stands for what the sentence before it said, or names it."""
    return (bool(_POINTS_BACK.match(text)) and not _ADDRESS.match(text)) or bool(_NAMES_THE_ABOVE.search(text))


def antecedent_order(order: int, pieces: list[str], taken: set[int], is_heading) -> int | None:
    """The index of the sentence that a sentence at `order` needs before it (in its chunk): the FAQ question it answers,
    or what it points back to; None when it needs none, opens the chunk, or the one before is quoted already, a heading,
    an intro or another question."""
    if order <= 0 or order >= len(pieces):
        return None
    named = _named_above(order, pieces)
    if named is not None:
        return None if named in taken or is_heading(pieces[named]) else named
    if order - 1 in taken:
        return None
    if faq_question(order, pieces):
        return None if is_heading(pieces[order - 1]) else order - 1
    if not points_back(pieces[order]):
        return None
    before = pieces[order - 1]
    if is_heading(before) or before.rstrip().endswith(("?", ":")):
        return None
    return order - 1


def following_chunk(chunk: Chunk, chunks) -> Chunk | None:
    """The next chunk of the same document and section (a list may run on into it); `chunks`: all chunks of the corpus."""
    for other in chunks:
        if other.doc_id == chunk.doc_id and other.ordinal == chunk.ordinal + 1 and other.section == chunk.section:
            return other
    return None


def run_on_items(chunk: Chunk, chunks, is_item: Callable[[str], bool] | None = None, least: int = 2) -> list[str]:
    """The lines that open the next chunk of the section, as the items of a list that reaches the end of this chunk:
    every line up to a label line ("Arbeitsweise:") or a paragraph too long to be an item; with `is_item` (a list
    already begun: "1. …", "2. …") only the lines it accepts; a result table's rows when the section goes on in them.
    Fewer than `least` lines are no list."""
    following = following_chunk(chunk, chunks)
    if following is None or (following.kind == "table_row" and is_item is not None):
        return []
    if following.kind == "table_row":  # "… fünf Gruppen zuordnen (Mehrfachnennungen):" and the result table's rows
        rows: list[str] = []
        while following is not None and following.kind == "table_row" and len(rows) < MAX_RUN_ON:
            rows.append(" ".join(following.text.split()))
            following = following_chunk(following, chunks)
        return rows if len(rows) >= least else []
    items: list[str] = []
    for line in (line.strip() for line in following.text.splitlines()):
        if not line:
            continue
        if line.endswith(":") or len(line) > ITEM_MAX_CHARS or len(items) >= MAX_RUN_ON or (is_item and not is_item(line)):
            break
        items.append(line)
    return items if len(items) >= least else []


def faq_question(order: int, pieces: list[str]) -> str:
    """The question a sentence answers when it follows one in the text ("Wer lädt …? Die Sozialplanung …"), else ""."""
    if order <= 0:
        return ""
    before = pieces[order - 1].strip()
    if _NUMBERED.match(before):  # "3.1 Was fehlt am meisten?" is a numbered heading, not a FAQ entry
        return ""
    return before if before.endswith("?") and len(before.split()) >= 3 else ""
