""""Was hat die Befragung … ergeben?": a survey's results as the report itself sums them up.

A question about a survey's results in general (nothing asked beyond the survey: "Was kam bei der Bürgerbefragung
raus?") is answered from the report's own summary ("Das Wichtigste in Kürze", "Zusammenfassung", "Fazit"), or else
from the first finding of each of its result sections ("3.1 Wohnen", "3.2 Gesundheit …"). Sentences that merely
repeat the survey's name (its title page, its method) answer nothing of that. A question on one topic of the survey
("… zur Sicherheit", "… in Eilpe/Dahl") goes the usual way.
"""

from __future__ import annotations

import re

from assistant.core.types import Answer, Chunk, Passage
from assistant.services.extractive import citation_for
from assistant.services.query_understanding import QueryAnalysis
from assistant.services.question_types import FINDING, METHOD, asks_findings
from assistant.services.retrieval import CorpusSnapshot
from assistant.text import split_sentences

#: A survey report by its title (also inside compounds: "Bürgerbefragung", "Jugendbefragung").
_SURVEY_TITLE = re.compile(r"befragung|umfrage|interviews", re.IGNORECASE)
#: The report's own summary of its results, strongest first.
_SUMMARY = re.compile(r"wichtigste|in\s+kürze|auf\s+einen\s+blick|zusammenfassung|kernergebnis|zentrale\s+ergebnis|überblick|fazit",
                      re.IGNORECASE)
_RESULTS = re.compile(r"ergebnis", re.IGNORECASE)
#: Words that ask for the results in general, not for one topic of them.
_GENERAL = frozenset(
    "ergebnis ergebnisse ergeben ergab wichtigste wichtigsten zentrale zentralen kernergebnisse zusammenfassung fazit kurz "
    "raus rauskommen herausgekommen rausgekommen kam kamen gezeigt zeigt zeigen befund befunde umfrage befragung befragungen "
    "studie auswertung gesamt insgesamt kurzfassung ueberblick".split()
)
_ITEM = re.compile(r"^\s*(?:[-–•*]|\d+[.)])\s+")
#: Sections on how the survey was done, or around it: no results.
_NOT_FINDINGS = re.compile(
    r"vorwort|vorbemerkung|einleitung|anlass|ziel|method|anlage|vorgehen|so\s+haben\s+wir|mitgemacht|rücklauf|stichprobe|"
    r"einordnung|grenzen|anhang|weitergeht|ausblick|impressum|inhalt|quellen|rohdaten|freitext",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)*\.?\s")
SURVEY_RANK = 5
#: The question asks for the results as such ("Was hat … ergeben?", "Was kam … raus?", "die wichtigsten Ergebnisse").
_OVERVIEW_CUE = re.compile(
    r"\b(?:ergeben|ergab|ergebnis\w*|raus(?:gekommen|kommen)?|heraus(?:gekommen|kommen)|gezeigt|befund\w*|kernaussage\w*|fazit)\b",
    re.IGNORECASE,
)
#: … but not one finding in particular ("am häufigsten", "wie viele", "welche Orte").
_PARTICULAR_CUE = re.compile(
    r"\bam\s+(?:häufigsten|meisten|wichtigsten|stärksten|liebsten|größten|besten|schlechtesten)\b|\bwie\s+viele?\b|\bwie\s+hoch\b|"
    r"\bwelche[rsnm]?\s+(?!ergebnis)\w+|\bwer\b|\bwo\b|\bwann\b|\bwarum\b",
    re.IGNORECASE,
)
_METHOD_WORDS = re.compile(r"rücklauf|stichprobe|fragebögen|ausgefüllt|befragt\b", re.IGNORECASE)
_RAW = re.compile(r"rohdaten|freitext|fragebogen", re.IGNORECASE)
#: A list line that is a table row ("ein Treffpunkt am Wochenende 64 %"): a figure without its question.
_RESULT_LINE = re.compile(r"\d+(?:,\d+)?\s*%\s*$")
HEADING_CHARS = 80
MIN_WORDS = 5
MAX_ITEMS = 6
ITEM_CHARS = 320


def findings_overview(analysis: QueryAnalysis, passages: list[Passage], snapshot: CorpusSnapshot, question: str) -> Answer | None:
    """The cited summary of the survey the question names, or None when the question asks something in particular."""
    asked = analysis.original or analysis.question
    if not asks_findings(asked) or METHOD.search(asked) or not _OVERVIEW_CUE.search(asked) or _PARTICULAR_CUE.search(asked):
        return None
    picked, survey = [], None
    for survey in _named_surveys(analysis, passages, snapshot):
        if _asks_in_particular(analysis, survey.title, snapshot):
            return None
        chunks = _text_chunks_by_document(snapshot).get(survey.doc_id, [])
        picked = _summary_items(chunks) or _section_findings(chunks)
        if picked:
            break
    if not picked or survey is None:
        return None
    numbers: dict[str, int] = {}
    quotes: dict[str, list[str]] = {}
    lines = []
    for chunk, text in picked:
        number = numbers.setdefault(chunk.chunk_id, len(numbers) + 1)
        quotes.setdefault(chunk.chunk_id, []).append(text)
        lines.append(f"- {text} [{number}]")
    by_id = {c.chunk_id: c for c, _ in picked}
    citations = [citation_for(n, Passage(by_id[cid], survey, 1.0), " … ".join(quotes[cid])) for cid, n in numbers.items()]
    text = f"Zentrale Ergebnisse laut „{survey.title}“:\n" + "\n".join(lines)
    return Answer(question=question, text=text, citations=citations, passages=passages)


def _text_chunks_by_document(snapshot: CorpusSnapshot) -> dict[str, list[Chunk]]:
    """Each document's text chunks in reading order, built once per corpus version (not per question)."""

    def build() -> dict[str, list[Chunk]]:
        by_doc: dict[str, list[Chunk]] = {}
        for chunk in snapshot.chunks.values():
            if chunk.kind != "table_row":
                by_doc.setdefault(chunk.doc_id, []).append(chunk)
        return {doc_id: sorted(chunks, key=lambda c: c.ordinal) for doc_id, chunks in by_doc.items()}

    return snapshot.derived("text_chunks_by_document", build)


def _named_surveys(analysis: QueryAnalysis, passages: list[Passage], snapshot: CorpusSnapshot) -> list:
    """The survey reports among the top passages, those whose title shares most of the question's words first
    ("Bürgerbefragung"), a report of results before a file of raw answers."""
    keys = set(analysis.key_terms) | {p for parts in analysis.key_terms.values() for p in parts}
    surveys = list({p.document.doc_id: p.document for p in passages[:SURVEY_RANK] if _SURVEY_TITLE.search(p.document.title)}.values())
    return sorted(surveys, key=lambda d: (-len(keys & set(snapshot.analyzer.terms(d.title))), bool(_RAW.search(d.title))))


def _asks_in_particular(analysis: QueryAnalysis, title: str, snapshot: CorpusSnapshot) -> bool:
    """True when the question names something besides the survey and its results (a topic, a place, a year not in its title)."""
    title_terms = set(snapshot.analyzer.terms(title))
    general = {t for w in _GENERAL for t in snapshot.analyzer.terms(w)} | _GENERAL
    if analysis.places and not any(p.name.lower() in title.lower() for p in analysis.places):
        return True
    return any(t not in title_terms and t not in general and not _in_title(parts, title_terms)
               for t, parts in analysis.key_terms.items())


def _in_title(parts: frozenset[str], title_terms: set[str]) -> bool:
    return bool(parts) and parts <= title_terms


def _summary_items(chunks: list[Chunk]) -> list[tuple[Chunk, str]]:
    """The list items (else the sentences with a finding) of the report's summary section."""
    summary = [c for c in chunks if _SUMMARY.search(c.section.split(">")[-1])]
    for chunk in summary:
        lines = [line.strip() for line in chunk.text.splitlines()]
        items = [_ITEM.sub("", line) for line in lines if _ITEM.match(line)]
        if not items:
            items = [s.text for s in split_sentences(chunk.text) if _finding(s.text)]
        items = [_short(i) for i in items if i and not _about_method(i) and len(i.split()) >= MIN_WORDS and not _RESULT_LINE.search(i)]
        if items:
            return [(chunk, item) for item in items[:MAX_ITEMS]]
    return []


def _section_findings(chunks: list[Chunk]) -> list[tuple[Chunk, str]]:
    """The first finding of each numbered result section ("3.1 Wohnen", "4 Sicherheit"), in the report's order;
    under a chapter "Ergebnisse" each of its subsections counts."""
    found: list[tuple[Chunk, str]] = []
    seen: set[str] = set()
    for chunk in chunks:
        parts = [p.strip() for p in chunk.section.split(">") if _NUMBERED.match(p.strip())]
        if not parts or any(_NOT_FINDINGS.search(p) for p in parts):
            continue
        key = parts[-1] if _RESULTS.search(parts[0]) else parts[0]
        if key in seen:
            continue
        sentence = next((s.text for s in split_sentences(chunk.text) if _finding(s.text)), None)
        if sentence:
            seen.add(key)
            found.append((chunk, _short(sentence)))
        if len(found) >= MAX_ITEMS:
            break
    return found


def _finding(text: str) -> bool:
    """A sentence that reports a result: a share or a count of answers, not a heading or a method note."""
    if _NUMBERED.match(text) and len(text) < HEADING_CHARS:
        return False
    if not text.rstrip().endswith((".", "!")):
        return False  # a table line ("Hagen-Mitte 131 44 % 15 …") or an intro to a list ("Am häufigsten genannt:")
    return bool(FINDING.search(text)) and not _about_method(text) and len(text.split()) >= MIN_WORDS


def _about_method(text: str) -> bool:
    """How the survey was done ("Die Rücklaufquote liegt bei 36,4 Prozent", "… wurden befragt"), not what it found."""
    return bool(METHOD.search(text) or _METHOD_WORDS.search(text))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= ITEM_CHARS else text[: ITEM_CHARS - 1].rsplit(" ", 1)[0] + " …"
