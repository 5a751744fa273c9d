"""Answers that are a list in the documents: the members, tasks or kinds a question asks for, complete.

"Wer sitzt in der Steuerungsgruppe?" is answered by the block under "Mitglieder:" in the Planungskonzept, "Welche
Aufgaben hat …" by the block under "Auftrag:"/"Aufgaben" (or the section so named), "Welche Beteiligungsformate
nutzt …" by the rows of the table whose first column names that kind of thing. Sentence scoring would pick a few
of the items, or the document's meta sentences ("Diese Übersicht beschreibt …"); here the whole block is quoted.
Offer/partner questions are not answered here: they go to the inventory route (services/tables.py) — but only
they do (asks_for_rows), so "Was macht ein Sozialraumteam?" is not answered with offer rows.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from assistant.core.types import Answer, Chunk, Passage
from assistant.services.extractive import citation_for, key_found, looks_like_instruction, passage_terms
from assistant.services.query_understanding import QueryAnalysis
from assistant.services.retrieval import CorpusSnapshot
from assistant.services.sentence_context import following_chunk
from assistant.text import fold, stem

_STEMS = lambda words: frozenset(stem(fold(w)) for w in words.split())  # noqa: E731
#: Labels of a member list and of a task list, as documents write them.
MEMBER_LABELS = _STEMS("Mitglieder Mitglied Zusammensetzung Besetzung Teilnehmende Teilnehmer Regelbesetzung Kern")
TASK_LABELS = _STEMS("Aufgaben Aufgabe Auftrag Aufträge Zuständigkeiten Tätigkeiten Ziele Zweck")
#: Question cues: membership ("wer sitzt in", "wer gehört zu"), tasks ("was macht", "welche Aufgaben").
_ASKS_MEMBERS = re.compile(r"\bwer\b.{0,40}\b(?:sitzt|sitzen|gehört|gehören|nimmt|nehmen|ist\s+alles|sind\s+alles|dabei|mitglied\w*)", re.I)
_ASKS_TASKS = re.compile(
    r"^\s*(?:was\s+(?:macht|machen|tut|tun)\b|welche\s+aufgaben\b|wof[üu]r\s+(?:ist|sind)\s+.*zust[äa]ndig|"
    r"wozu\s+(?:gibt\s+es|dient|dienen|braucht\s+man|ist|sind)\b|welchen\s+zweck\b|was\s+(?:ist|sind)\s+(?:die\s+)?aufgabe)", re.I)
#: Offer verbs: a who/where question with one of them asks for inventory rows ("Wer bietet in Haspe … an?").
_OFFER_VERBS = re.compile(
    r"\b(?:biet\w*|anbiet\w*|hilf\w*|helf\w*|unterstütz\w*|berät|berat\w*|angebot\w*|aktiv|gemeldet|arbeite\w*)\b", re.I
)
#: "Welche Beteiligungsformate …" (plural): the kinds of a thing; "Welcher Sozialraum …" asks for one, superlatives compare.
_ASKS_KINDS = re.compile(r"\bwelche\s", re.I)
_COMPARES = re.compile(
    r"\b(?:am\s+\w+sten|\w+ste[nr]?\b.*\b(?:kinderarmut|quote|anteil|wert)|höher|niedriger|mehr\s+als|weniger\s+als)", re.I
)
#: Nouns that name places, documents or the inventory itself, not a kind of thing the documents list.
GENERIC_NOUNS = _STEMS("Stadtbezirk Stadtbezirke Bezirk Sozialraum Sozialräume Stadtteil Stadtteile Dokument Dokumente Thema Themen Jahr")
_ITEM_MARK = re.compile(r"^\s*(?:[-–•*]|\(?\d+[.)]|[a-z]\))\s*")
MAX_ITEMS = 20
#: The header of a protocol's list of action items, within its first lines.
_ACTION_ITEMS = re.compile(r"\b(?:verantwortlich|bis\s+wann|erledigt\s+bis)\b", re.I)
ACTION_HEADER_LINES = 3
ITEM_CHARS = 220
#: Passages (best first) that may hold the list, and how many of their documents are searched whole for it.
LIST_PASSAGES = 5
LIST_DOCUMENTS = 3
#: A label line: a short line or an intro sentence ending with ":" ("Mitglieder:", "… hat folgende Aufgaben:").
LABEL_MAX_WORDS = 30


def asks_for_rows(analysis: QueryAnalysis) -> bool:
    """True when a list question asks for inventory rows (offers, partners), not for members, tasks or a role."""
    question = analysis.question
    if _ASKS_MEMBERS.search(question) or (_ASKS_TASKS.search(question) and not analysis.partners):
        return False
    if analysis.asked in ("wer", "wo"):
        return bool(_OFFER_VERBS.search(question))
    return True


@dataclass
class Block:
    """A labelled list in a passage: its label line, its items, the passage and the chunks it spans."""

    label: str
    items: list[str]
    passage: Passage
    #: Where the list stands, for the answer's first line (default: the passage's section).
    where: str = ""


def wanted_labels(analysis: QueryAnalysis) -> frozenset[str] | None:
    """The label stems of the list the question asks for, or None when it asks for no such list."""
    question = analysis.question
    if _ASKS_MEMBERS.search(question):
        return MEMBER_LABELS
    if _ASKS_TASKS.search(question):
        return TASK_LABELS
    if analysis.intent == "list" and _ASKS_KINDS.search(question) and not _COMPARES.search(question):
        if analysis.asked and analysis.asked not in ("wer", "wo") and analysis.asked not in GENERIC_NOUNS:
            return frozenset({analysis.asked})
    return None


def compose_list(question: str, analysis: QueryAnalysis, passages: list[Passage], snapshot: CorpusSnapshot) -> Answer | None:
    """The complete list the question asks for, cited; None when no passage holds one (the caller composes sentences)."""
    labels = wanted_labels(analysis)
    if labels is None:
        return None
    typed = {token.term for token in snapshot.analyzer.tokens(analysis.question)}
    topic = {t for t in key_found(analysis, frozenset(analysis.key_terms)) if t not in labels and t in typed}
    by_heading = labels in (MEMBER_LABELS, TASK_LABELS)
    for passage in _candidates(passages, snapshot):
        if topic and not topic <= (passage_terms(passage, snapshot) | _section_terms(passage, snapshot)):
            continue  # a list of another body's members
        block = _labelled_block(passage, labels, snapshot, by_heading, topic)
        if block is None and not by_heading:
            block = _subsections(passage, labels, snapshot) or _table_block(passage, labels, snapshot)
        if block is not None:
            return _answer(question, block, passages)
    return None


def _candidates(passages: list[Passage], snapshot: CorpusSnapshot) -> list[Passage]:
    """The best passages, then every chunk of their best documents in document order (the list may sit next to them)."""
    found = list(passages[:LIST_PASSAGES])
    docs: list[str] = []
    for passage in passages:
        if passage.document.doc_id not in docs:
            docs.append(passage.document.doc_id)
    seen = {p.chunk.chunk_id for p in found}
    for doc_id in docs[:LIST_DOCUMENTS]:
        document = snapshot.documents.get(doc_id)
        if document is None:
            continue
        chunks = sorted((c for c in snapshot.chunks.values() if c.doc_id == doc_id and c.chunk_id not in seen), key=lambda c: c.ordinal)
        found.extend(Passage(c, document, 0.0) for c in chunks)
    return found


def _section_terms(passage: Passage, snapshot: CorpusSnapshot) -> frozenset[str]:
    return frozenset(snapshot.analyzer.terms(f"{passage.document.title}\n{passage.chunk.section}"))


def _following(chunk: Chunk, snapshot: CorpusSnapshot) -> Chunk | None:
    """The next chunk of the same section (a list may run on into it)."""
    return following_chunk(chunk, snapshot.chunks.values())


def _is_label(line: str) -> bool:
    return line.endswith(":") and len(line.split()) <= LABEL_MAX_WORDS


def _words(text: str, snapshot: CorpusSnapshot) -> set[str]:
    """Terms of the words themselves (no compound parts: "Aufgabenteilung" is no "Aufgabe")."""
    return {t.term for t in snapshot.analyzer.tokens(text)}


def _labelled_block(
    passage: Passage, labels: frozenset[str], snapshot: CorpusSnapshot, by_heading: bool, topic: set[str]
) -> Block | None:
    """A line "Mitglieder:" (or, for members and tasks, a section "§ 4 Aufgaben") with a wanted label, and the lines below.
    The label line or the section names the asked body ("Sozialraumteam …", "5.3 Steuerungsgruppe")."""
    chunk = passage.chunk
    if chunk.kind == "table_row":
        return None
    heading_terms = set(snapshot.analyzer.terms(chunk.section.split(">")[-1]))
    lines = [line.strip() for line in chunk.text.splitlines() if line.strip()]
    start, label = None, ""
    for index, line in enumerate(lines):
        last = re.split(r"(?<=[.!?])\s+", line)[-1]
        names_topic = not topic or topic & (heading_terms | set(snapshot.analyzer.terms(line)))
        if _is_label(line) and _words(last, snapshot) & labels and names_topic:
            start, label = index + 1, _ITEM_MARK.sub("", last).rstrip(":")
            break
    if start is None:
        heading = chunk.section.split(">")[-1].strip()
        if not by_heading or not _words(heading, snapshot) & labels or (topic and not topic & _section_terms(passage, snapshot)):
            return None
        start, label = 0, heading
    items = _items(lines[start:])
    if start and len(items) == len(lines) - start:  # the block reaches the chunk's end: it may run on
        following = _following(chunk, snapshot)
        if following is not None:
            more = [line.strip() for line in following.text.splitlines() if line.strip()]
            items += _items(more)
    items = [i for i in items if not looks_like_instruction(i)][:MAX_ITEMS]
    if labels == TASK_LABELS and any(_ACTION_ITEMS.search(i) for i in items[:ACTION_HEADER_LINES]):
        return None  # a protocol's "Aufgaben" (Nr., Aufgabe, Verantwortlich, Termin): who does what by when, no duties
    return Block(label, items, passage) if len(items) >= 2 else None


def _items(lines: list[str]) -> list[str]:
    """The lines of a block up to the next label (or a paragraph that starts one: "Arbeitsweise: Die …")."""
    items = []
    for line in lines:
        if _is_label(line) or re.match(r"^[A-ZÄÖÜ][\w-]+:\s+\S", line) and len(line) > 120:
            break
        items.append(_short(_ITEM_MARK.sub("", line).rstrip(",;")))
    return items


def _short(item: str) -> str:
    """A long item cut to its first sentences (at most ITEM_CHARS): the list stays readable, the quote keeps the rest."""
    if len(item) <= ITEM_CHARS:
        return item
    kept = ""
    for sentence in re.split(r"(?<=[.!?])\s+", item):
        if kept and len(kept) + len(sentence) > ITEM_CHARS:
            break
        kept = f"{kept} {sentence}".strip()
    return kept if len(kept) <= ITEM_CHARS else kept[: ITEM_CHARS - 1].rsplit(" ", 1)[0] + " …"


def _subsections(passage: Passage, labels: frozenset[str], snapshot: CorpusSnapshot) -> Block | None:
    """The deepest section of the passage's document named for the asked kind ("Die vier festen Beteiligungsformate")
    with at least two sub-sections: their headings are the items."""
    chunks = sorted((c for c in snapshot.chunks.values() if c.doc_id == passage.chunk.doc_id), key=lambda c: c.ordinal)
    paths = [[p.strip() for p in c.section.split(">")] for c in chunks]
    best: tuple[int, str, list[str], Chunk] | None = None
    for chunk, path in zip(chunks, paths, strict=True):
        for depth, name in enumerate(path[:-1]):
            if (best is not None and depth <= best[0]) or not set(snapshot.analyzer.terms(name)) & labels:
                continue
            prefix = path[: depth + 1]
            children = list(dict.fromkeys(p[depth + 1] for p in paths if p[: depth + 1] == prefix and len(p) > depth + 1))
            if len(children) >= 2:
                best = (depth, name, children, chunk)
    if best is None:
        return None
    _, name, children, anchor = best
    return Block(name, children[:MAX_ITEMS], Passage(anchor, passage.document, passage.score), passage.document.title)


def _table_block(passage: Passage, labels: frozenset[str], snapshot: CorpusSnapshot) -> Block | None:
    """The rows of a table whose first column names the asked kind ("Format" for Beteiligungsformate), all of them."""
    chunk = passage.chunk
    if chunk.kind != "table_row" or not chunk.record:
        return None
    headers = list(chunk.record)
    first = set(snapshot.analyzer.terms(headers[0]))
    asked_parts = set(labels) | {p for label in labels for p in _parts(label, snapshot)}
    heads = {h for h in first if len(h) >= 4 and any(label.endswith(h) for label in labels)}  # "Format" heads "Beteiligungsformat"
    if not first & asked_parts and not heads:
        return None
    rows = sorted(
        (c for c in snapshot.chunks.values() if c.doc_id == chunk.doc_id and c.section == chunk.section and c.kind == "table_row"),
        key=lambda c: c.ordinal,
    )
    if len(rows) > MAX_ITEMS:
        return None  # a register of offers is no list of kinds: the inventory route filters its rows by the question
    items = []
    for row in rows:
        record = row.record or {}
        values = [str(record.get(h, "")).strip() for h in headers[:2]]
        items.append(f"{values[0]} ({values[1]})" if len(values) > 1 and values[1] else values[0])
    return Block(headers[0], items, passage) if len(items) >= 2 else None


def _parts(term: str, snapshot: CorpusSnapshot) -> list[str]:
    splitter = snapshot.analyzer.splitter
    return [stem(p) for p in splitter.split(term)] if splitter is not None else []


def _answer(question: str, block: Block, passages: list[Passage]) -> Answer:
    where = block.where or block.passage.chunk.section.split(">")[-1].strip() or block.passage.document.title
    head = block.label if where in block.label else f"{block.label} ({where})"
    lines = [f"{head}: [1]", *(f"- {item}" for item in block.items)]
    citation = citation_for(1, block.passage, " … ".join([block.label + ":", *block.items]))
    return Answer(question=question, text="\n".join(lines), citations=[citation], passages=passages)


def combine(first: Answer, listed: Answer) -> Answer:
    """A two-part answer ("Was sind Sozialraumteams und wer sitzt darin?"): the sentences, then the list, one numbering."""
    if first.refused:
        return listed
    citation = listed.citations[0]
    same = next((c for c in first.citations if c.chunk_id == citation.chunk_id), None)
    number = same.number if same else len(first.citations) + 1
    text = listed.text.replace("[1]", f"[{number}]", 1)
    citations = list(first.citations) if same else [*first.citations, dataclasses.replace(citation, number=number)]
    return Answer(question=first.question, text=f"{first.text}\n{text}", citations=citations, notes=first.notes, passages=first.passages)
