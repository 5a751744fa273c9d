"""The guided start for new colleagues: an overview of the department, the glossary, next questions, reading lists.

Each overview part is the best matching sentences of the corpus for a plain question (quoted, with source);
the glossary comes from documents of kind "glossar" (one entry per section); the reading list ranks whole
documents by the retrieval scores of their passages.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from assistant.core.types import QueryFilters
from assistant.services.drafting.evidence import EvidenceCollector, ref_for
from assistant.services.drafting.quotable import REJECT, shape
from assistant.services.drafting.sections import quote_statement
from assistant.services.drafting.types import Draft, Section, SourceRef, Statement
from assistant.text import split_sentences

#: The parts of the overview and the question each is answered from.
OVERVIEW = (
    ("Aufgaben", "Welche Aufgaben hat die Sozialplanung?"),
    ("Organisation", "Wie ist die Sozialplanung organisiert, welche Gremien und Zuständigkeiten gibt es?"),
    ("Instrumente", "Welche Instrumente nutzt die Sozialplanung, etwa Sozialraummonitoring, Sozialraumprofile und Berichte?"),
    ("Beteiligungsformate", "Welche Beteiligungsformate gibt es?"),
    ("Partner", "Mit welchen Partnern und Trägern arbeitet die Sozialplanung zusammen?"),
    ("Schwerpunkte heute und künftig", "Welche Schwerpunkte und Ziele hat die Sozialplanung für die nächsten Jahre?"),
)
GLOSSARY_KINDS = ("glossar",)
#: A glossary paragraph 'Begriff – Erklärung': a short term without sentence punctuation, a dash, the explanation.
_DASH_ENTRY = re.compile(r"^(?P<term>[^\n.!?:–—]{2,80}?)\s+[–—]\s+(?P<body>\S.*)$", re.DOTALL)
MAX_TERM_WORDS = 8


@dataclass
class ReadingItem:
    """A document to read first about a topic, with why (its best passage)."""

    doc_id: str
    title: str
    kind: str
    date: str
    reason: Statement


def overview(collector: EvidenceCollector, filters: QueryFilters, per_part: int = 3) -> Draft:
    draft = Draft(title="Einstieg in die Sozialplanung", subtitle="Überblick aus den Dokumenten – jede Aussage mit Quelle")
    quoted: set[str] = set()  # each sentence once, in the first part that finds it
    for title, question in OVERVIEW:
        section = Section(title)
        for quote in collector.quotes(question, filters, None, limit=per_part, k=12, exclude=quoted):
            section.statements.append(quote_statement(quote, "text"))
            quoted.add(quote.text)
        if not section.statements:
            section.intro = "Dazu wurde in den Dokumenten nichts gefunden."
        draft.sections.append(section)
    draft.sections.append(next_questions_section(collector, filters))
    return draft


def glossary(collector: EvidenceCollector, filters: QueryFilters) -> list[Statement]:
    """'Begriff: Erklärung' from glossary documents.

    Entries written as 'Begriff – Erklärung …' paragraphs are taken as they stand (several per chunk, under letter
    headings A, B, …); otherwise the section title is the term and the chunk's first sentence its definition.
    """
    snapshot = collector.snapshot()
    entries: list[Statement] = []
    docs = {d.doc_id: d for d in snapshot.documents.values() if d.kind in GLOSSARY_KINDS and filters.allows(d)}
    chunks = sorted((c for c in snapshot.chunks.values() if c.doc_id in docs and c.kind == "text"), key=lambda c: (c.doc_id, c.ordinal))
    seen: set[str] = set()
    for chunk in chunks:
        pairs = _dash_entries(chunk.text) or _section_entry(chunk, docs[chunk.doc_id].title)
        for term, definition in pairs:
            if term in seen:
                continue
            seen.add(term)
            entries.append(Statement(text=f"{term}: {definition}", sources=[ref_for(chunk, docs[chunk.doc_id])],
                                     anchors=[term, definition], kind="text"))
    return entries


def _first_sentence(text: str) -> str:
    """The first sentence that can stand as a definition (a byline or subtitle after a dash cannot)."""
    first = next((s.text.strip() for s in split_sentences(text) if len(s.text.strip()) >= 20), "")
    return first if first and shape(first) != REJECT else ""


def _dash_entries(text: str) -> list[tuple[str, str]]:
    """'Begriff – Erklärung. Mehr.' paragraphs: (term, first sentence of the explanation)."""
    pairs = []
    for paragraph in re.split(r"\n\s*\n", text):
        match = _DASH_ENTRY.match(paragraph.strip())
        if match and len(match.group("term").split()) <= MAX_TERM_WORDS:
            definition = _first_sentence(match.group("body"))
            if definition:
                pairs.append((match.group("term").strip(), definition))
    return pairs


def _section_entry(chunk, title: str) -> list[tuple[str, str]]:
    """The section title as term (a letter heading like 'A' is no term), the first sentence of the text as definition."""
    term = chunk.section.split(" > ")[-1].strip()
    head = chunk.text[len(term):len(term) + 1]
    body = chunk.text[len(term):].strip(" :\n") if chunk.text.startswith(term) and head in ("\n", ":") else chunk.text
    definition = _first_sentence(body)
    if len(term) < 2 or term == title or not definition:
        return []
    return [(term, definition)]


def next_questions_section(collector: EvidenceCollector, filters: QueryFilters, limit: int = 8) -> Section:
    section = Section("Mögliche nächste Fragen")
    section.intro = "\n".join(f"- {q}" for q in next_questions(collector, filters, limit))
    return section


def next_questions(collector: EvidenceCollector, filters: QueryFilters, limit: int = 8) -> list[str]:
    """Questions built from the vocabulary: the most documented topics, the Stadtbezirke, the glossary's terms."""
    snapshot = collector.snapshot()
    vocab = snapshot.vocabulary
    counts: dict[str, int] = defaultdict(int)
    for doc in snapshot.documents.values():
        if filters.allows(doc):
            for topic in doc.topics:
                counts[topic] += 1
    topics = [vocab.topic_labels.get(t, t) for t, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:3]]
    bezirke = sorted(p.name for p in vocab.places.values() if p.level == "bezirk")
    terms = [s.text.split(":")[0] for s in glossary(collector, filters)[:2]]
    questions = []
    for i, topic in enumerate(topics):
        where = bezirke[i % len(bezirke)] if bezirke else ""
        in_where = f" in {where}" if where else ""
        questions.append(f"Welche Angebote zum Thema {topic} gibt es{in_where}?")
    questions += [f"Was bedeutet „{t}“?" for t in terms]
    questions += ["Welche Beteiligungsformate gibt es?", "Was sollte ich zuerst lesen?"]
    if bezirke:
        questions.append(f"Steckbrief {bezirke[0]}")
    return questions[:limit]


def reading_list(collector: EvidenceCollector, topic: str, filters: QueryFilters, limit: int = 5) -> list[ReadingItem]:
    """The documents to read first about a topic: ranked by their best passage (a long table must not win by size)."""
    passages = collector.retrieval.search(topic, filters, k=40)
    scores: dict[str, float] = defaultdict(float)
    best = {}
    for p in passages:
        scores[p.document.doc_id] = max(scores[p.document.doc_id], p.score)
        best.setdefault(p.document.doc_id, p)
    items = []
    for doc_id, _ in sorted(scores.items(), key=lambda item: -item[1])[:limit]:
        p = best[doc_id]
        sentence = next((s.text.strip() for s in split_sentences(p.chunk.text) if len(s.text.strip()) >= 30), p.chunk.text.strip()[:200])
        ref: SourceRef = ref_for(p.chunk, p.document)
        reason = Statement(text=f"„{sentence}“", sources=[ref], anchors=[sentence], kind="text")
        items.append(ReadingItem(doc_id, p.document.title, p.document.kind, p.document.date, reason))
    return items


def reading_draft(items: list[ReadingItem], topic: str) -> Draft:
    section = Section(f"Zuerst lesen: {topic}")
    for i, item in enumerate(items, 1):
        label = f"{i}. {item.title} ({item.kind}, {item.date[:4]})" if item.date else f"{i}. {item.title}"
        section.statements.append(Statement(text=item.reason.text, sources=item.reason.sources, anchors=item.reason.anchors,
                                            kind="text", label=label))
    if not items:
        section.intro = "Dazu wurden keine Dokumente gefunden."
    return Draft(title=f"Was sollte ich zuerst lesen über {topic}?", sections=[section])

