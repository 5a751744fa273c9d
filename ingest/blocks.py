"""What a loader hands to chunking: the document's text as ordered, located blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ingest.tables.facts import NormalisedTable

BlockKind = Literal["heading", "paragraph", "list_item", "table_row", "table"]


@dataclass(frozen=True)
class Block:
    """A structural unit of a document: a heading, a paragraph, a list item or a table row.

    `section` is the heading path above the block; `page` (1-based, PDFs) or `row` (1-based data row,
    tables) locate it; `char_start`/`char_end` are offsets into the page text (PDF) or the document text.
    """

    text: str
    kind: BlockKind = "paragraph"
    section: tuple[str, ...] = ()
    page: int | None = None
    row: int | None = None
    char_start: int = 0
    char_end: int = 0
    record: dict[str, str] | None = None
    table: str = ""
    level: int = 0


@dataclass
class ParsedDocument:
    """A loader's result: title (if the file has one), blocks in reading order, page count for PDFs, tables as data.

    `metadata` carries what the file says about itself (Markdown YAML front matter: id, kind, date,
    districts, topics, confidentiality …) so the pipeline can use it when no manifest entry exists.
    """

    format: str
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, object] = field(default_factory=dict)
    #: Every table of the document as data (facts and raw rows, without document id yet), see ingest/tables.
    tables: list[NormalisedTable] = field(default_factory=list)
