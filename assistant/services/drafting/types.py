"""Value types of drafts, fact sheets and the onboarding overview: statements that carry their sources.

A statement never stands without the place it came from; numbers in its text must be found in the
cited chunks (see verify.py). Calculations are kept apart and labelled, never mixed into quoted figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceRef:
    """A place in a document: the chunks that hold the evidence, with page, rows or section for the reader."""

    doc_id: str
    title: str
    chunk_ids: tuple[str, ...]
    page: int | None = None
    rows: tuple[int, ...] = ()
    section: str = ""
    date: str = ""

    @property
    def location(self) -> str:
        """'S. 4', 'Zeile 17', 'Zeilen 3, 5' or the section."""
        if self.page is not None:
            return f"S. {self.page}"
        if self.rows:
            return ("Zeile " if len(self.rows) == 1 else "Zeilen ") + ", ".join(str(r) for r in self.rows)
        return f"Abschnitt „{self.section}“" if self.section else ""

    @property
    def key(self) -> tuple:
        """Two refs with the same key are one footnote."""
        return (self.doc_id, self.page, self.rows, self.section if self.page is None and not self.rows else "")

    def merged(self, other: SourceRef) -> SourceRef:
        """The same footnote, with the chunks of both."""
        ids = tuple(dict.fromkeys((*self.chunk_ids, *other.chunk_ids)))
        return SourceRef(self.doc_id, self.title, ids, self.page, self.rows, self.section, self.date)


@dataclass(frozen=True)
class Figure:
    """One number as it stands in a source: indicator, place, year, the value's text and unit."""

    indicator: str
    place: str
    year: int | None
    value: str
    unit: str
    source: SourceRef
    #: Key to compare the same indicator across documents ("sgb ii quote").
    key: str = ""

    @property
    def number(self) -> float | None:
        """The value as a float (German notation), for charts and comparisons only."""
        return parse_number(self.value)


def parse_number(text: str) -> float | None:
    """'31.574' → 31574.0, '19,6' → 19.6; None for anything else."""
    text = text.strip().replace("\u202f", "").replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") >= 1 and all(len(part) == 3 for part in text.split(".")[1:]):
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Calculation:
    """A labelled calculation from cited numbers, re-done by the verifier.

    op "diff": result = |inputs[1] − inputs[0]| (same decimals); op "rank": result = position of inputs[0]
    among all inputs, highest first, and `of` (if given) the number of inputs. Numbers as written in the text.
    """

    op: str
    result: str
    inputs: tuple[str, ...]
    of: str = ""


@dataclass
class Statement:
    """One sentence or list item of a draft with its sources.

    `anchors` are phrases (names of offers, partners) that must also be found in the cited text.
    `derived` lists numbers that are the result of a labelled calculation (not looked up in sources).
    """

    text: str
    sources: list[SourceRef] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    derived: list[str] = field(default_factory=list)
    #: Calculations whose results stand in the text; their inputs must stand in the cited sources.
    calcs: list[Calculation] = field(default_factory=list)
    #: A heading shown before the text (a document title, "Befragung"): metadata, not a claim, so not verified.
    label: str = ""
    kind: str = "text"  # figure | development | calculation | voice | offer | partner | format | open | contradiction | text


@dataclass
class Section:
    """A titled part of a draft; `intro` is plain text without claims (e.g. 'Keine Angaben gefunden.')."""

    title: str
    statements: list[Statement] = field(default_factory=list)
    intro: str = ""
    #: "list": one item per statement; "prose": the statements are sentences of running text (one paragraph).
    layout: str = "list"
    #: A small chart shown after the section (a development described in it), PNG bytes, with its caption.
    chart_png: bytes | None = None
    chart_caption: str = ""


@dataclass
class FigureTable:
    """Key figures over time: rows are indicators, columns years; each cell keeps its figure (and so its source)."""

    place: str
    years: list[int]
    rows: list[tuple[str, dict[int, Figure]]]


@dataclass
class Draft:
    """A section draft, fact sheet or onboarding overview, ready to render as Markdown or DOCX."""

    title: str
    subtitle: str = ""
    sections: list[Section] = field(default_factory=list)
    table: FigureTable | None = None
    chart_png: bytes | None = None
    chart_caption: str = ""
    notes: list[str] = field(default_factory=list)
    mode: str = "extractive"  # extractive | generative
    #: Prose written by a chat model (footnote markers [n] refer to `footnotes()` order); empty for extractive drafts.
    prose: str = ""

    def statements(self) -> list[Statement]:
        return [s for section in self.sections for s in section.statements]

    def footnotes(self) -> list[SourceRef]:
        """Every distinct source in order of first use (merging refs to the same place)."""
        merged: dict[tuple, SourceRef] = {}
        for ref in self._all_refs():
            merged[ref.key] = merged[ref.key].merged(ref) if ref.key in merged else ref
        return list(merged.values())

    def footnote_number(self, ref: SourceRef) -> int:
        keys = [f.key for f in self.footnotes()]
        return keys.index(ref.key) + 1

    def _all_refs(self) -> list[SourceRef]:
        refs = [ref for s in self.statements() for ref in s.sources]
        if self.table:
            refs += [fig.source for _, cells in self.table.rows for fig in cells.values()]
        return refs


@dataclass
class ChartSpec:
    """A small line chart: one line per label, values by year (numbers parsed from sourced figures)."""

    title: str
    unit: str
    lines: list[tuple[str, list[tuple[int, float]]]]
