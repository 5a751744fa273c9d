"""What a system under evaluation hands back, in one shape for planwissen and the baseline alike."""

from __future__ import annotations

from dataclasses import dataclass, field

#: The name the llama-index baseline reports under (here, so that callers need not import llama-index to compare).
BASELINE_NAME = "baseline"


@dataclass(frozen=True)
class Located:
    """A retrieved or cited passage: its document, the text, and where it sits (pages, data rows, sections)."""

    doc_id: str
    text: str = ""
    pages: frozenset[int] = frozenset()
    rows: frozenset[int] = frozenset()
    sections: tuple[str, ...] = ()


@dataclass
class SystemAnswer:
    """An answer: the text the user reads, what it cites, and whether it declined to answer."""

    text: str
    citations: list[Located] = field(default_factory=list)
    refused: bool = False
    #: How the system understood a follow-up ("Wie hoch ist die Kinderarmut in Hohenlimburg?"), if it says so.
    understood_as: str = ""


@dataclass
class CaseOutput:
    """Everything one system produced for one question."""

    case_id: str
    retrieved: list[Located] = field(default_factory=list)
    answer: SystemAnswer | None = None
    search_ms: float = 0.0
    ask_ms: float = 0.0
    error: str = ""
