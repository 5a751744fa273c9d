"""Chunking: one section and one page per chunk, token bounds, sentence splits with overlap, rows stay rows."""

from __future__ import annotations

import hashlib

import pytest

from assistant.core.settings import ChunkingSettings
from ingest.blocks import Block, ParsedDocument
from ingest.chunking import chunk_document, chunk_id, split_sentences


def words(text: str) -> int:
    """Token counter for tests: one token per whitespace-separated word."""
    return len(text.split())


class CountingWords:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, text: str) -> int:
        self.calls += 1
        return words(text)


def sentence(topic: str, n: int = 10) -> str:
    """A sentence of exactly n words."""
    return " ".join([topic] + [f"wort{i}" for i in range(n - 2)] + ["Ende."])


def paragraph(topic: str, sentences: int, n: int = 10) -> str:
    return " ".join(sentence(f"{topic}{i}", n) for i in range(sentences))


def doc(*blocks: Block, fmt: str = "pdf") -> ParsedDocument:
    return ParsedDocument(format=fmt, blocks=list(blocks))


def settings(max_tokens: int = 60, min_tokens: int = 0, overlap: int = 1) -> ChunkingSettings:
    return ChunkingSettings(max_tokens=max_tokens, min_tokens=min_tokens, overlap_sentences=overlap)


def test_chunks_never_mix_sections_or_pages():
    parsed = doc(
        Block("Einleitung", kind="heading", section=("1 Einleitung",), page=1),
        Block(sentence("eins"), section=("1 Einleitung",), page=1),
        Block(sentence("zwei"), section=("1 Einleitung",), page=2),
        Block("Methode", kind="heading", section=("1 Einleitung", "1.1 Methode"), page=2),
        Block(sentence("drei"), section=("1 Einleitung", "1.1 Methode"), page=2),
    )
    chunks = chunk_document("bericht", "v1", parsed, words, settings(max_tokens=200))
    assert [(chunk.page, chunk.section) for chunk in chunks] == [
        (1, "1 Einleitung"),
        (2, "1 Einleitung"),
        (2, "1 Einleitung > 1.1 Methode"),
    ]
    assert chunks[0].text == "Einleitung\n\n" + sentence("eins")  # the heading leads its section's first chunk
    assert chunks[1].text == sentence("zwei")
    assert chunks[2].text.startswith("Methode\n\n")


def test_paragraphs_are_packed_up_to_max_tokens():
    blocks = [Block(sentence(f"absatz{i}"), section=("A",)) for i in range(10)]
    chunks = chunk_document("d", "h", doc(*blocks, fmt="md"), words, settings(max_tokens=35))
    assert [words(chunk.text) for chunk in chunks] == [30, 30, 30, 10]
    assert chunks[0].text == "\n\n".join(block.text for block in blocks[:3])
    assert all(chunk.kind == "text" and chunk.page is None for chunk in chunks)


def test_every_chunk_respects_max_tokens_and_keeps_all_text():
    blocks = [Block(paragraph(f"p{i}", sentences=i + 1), section=("A",), page=1) for i in range(8)]
    chunks = chunk_document("d", "h", doc(*blocks), words, settings(max_tokens=40, overlap=0))
    assert all(words(chunk.text) <= 40 for chunk in chunks)
    joined = " ".join(chunk.text for chunk in chunks).split()
    assert joined == " ".join(block.text for block in blocks).split()  # nothing lost, nothing repeated


def test_long_paragraph_splits_at_sentences_with_overlap():
    text = paragraph("Satz", sentences=9)  # 90 words; sentences start upper case, as German ones do
    chunks = chunk_document("d", "h", doc(Block(text, section=("A",), page=3)), words, settings(max_tokens=40, overlap=1))
    pieces = [chunk.text for chunk in chunks]
    assert all(words(piece) <= 40 for piece in pieces)
    assert all(piece.endswith("Ende.") for piece in pieces)
    assert pieces[0].split(". ")[-1] == pieces[1].split(". ")[0] + "."  # the last sentence repeats
    assert pieces[0].startswith("Satz0") and pieces[-1].endswith(sentence("Satz8"))
    assert {chunk.page for chunk in chunks} == {3}


def test_split_respects_german_abbreviations():
    text = (
        "Die Stadt fördert z. B. Mittagstische, d. h. warme Mahlzeiten für Ältere. "
        "Laut S. 4 des Berichts wohnen ca. 300 Menschen bzw. 120 Haushalte im Quartier Nr. 5. "
        "Am 1. Januar 2024 begann das Projekt. Danach folgte die Auswertung im Jahr 2025. Das war gut."
    )
    found = [text[start:end] for start, end in split_sentences(text)]
    assert found == [
        "Die Stadt fördert z. B. Mittagstische, d. h. warme Mahlzeiten für Ältere.",
        "Laut S. 4 des Berichts wohnen ca. 300 Menschen bzw. 120 Haushalte im Quartier Nr. 5.",
        "Am 1. Januar 2024 begann das Projekt.",
        "Danach folgte die Auswertung im Jahr 2025.",
        "Das war gut.",
    ]


def test_sentence_without_end_is_cut_at_words():
    text = " ".join(f"Träger{i}" for i in range(100))
    chunks = chunk_document("d", "h", doc(Block(text, section=("Liste",))), words, settings(max_tokens=40, overlap=0))
    assert all(words(chunk.text) <= 40 for chunk in chunks)
    assert " ".join(chunk.text for chunk in chunks) == text


def test_a_word_longer_than_max_tokens_is_cut_by_characters():
    blob = "x" * 1000

    def four_chars_per_token(text: str) -> int:
        return len(text) // 4 + 1

    chunks = chunk_document("d", "h", doc(Block(f"Anhang: {blob}", section=("A",))), four_chars_per_token, settings(max_tokens=60))
    assert all(four_chars_per_token(chunk.text) <= 60 for chunk in chunks)
    assert "".join(chunk.text for chunk in chunks).replace(" ", "") == f"Anhang:{blob}"


def test_table_rows_are_one_chunk_each_with_record():
    rows = [
        Block(
            f"Angebot: Treff {i}; Träger: AWO; Ort: Haspe",
            kind="table_row",
            section=("Angebote",),
            row=i,
            record={"Angebot": f"Treff {i}", "Träger": "AWO", "Ort": "Haspe"},
            table="Tabelle 1",
        )
        for i in range(1, 4)
    ]
    parsed = doc(Block(sentence("vorher"), section=("Angebote",)), *rows, Block(sentence("nachher"), section=("Angebote",)), fmt="docx")
    chunks = chunk_document("d", "h", parsed, words, settings(max_tokens=200, min_tokens=50))
    assert [chunk.kind for chunk in chunks] == ["text", "table_row", "table_row", "table_row", "text"]
    row = chunks[2]
    assert (row.row, row.table, row.section) == (2, "Tabelle 1", "Angebote")
    assert row.record == {"Angebot": "Treff 2", "Träger": "AWO", "Ort": "Haspe"}
    assert row.text == "Angebot: Treff 2; Träger: AWO; Ort: Haspe"
    assert chunks[0].record is None and chunks[0].row is None


def test_tiny_chunk_takes_context_from_its_neighbour():
    blocks = [Block(sentence(name, 20), section=("A",), page=1) for name in ("eins", "zwei")] + [
        Block("Die Konferenz stimmt zu.", section=("A",), page=1)
    ]
    chunks = chunk_document("d", "h", doc(*blocks), words, settings(max_tokens=42, min_tokens=10))
    assert [chunk.text for chunk in chunks] == [blocks[0].text, blocks[1].text + "\n\n" + blocks[2].text]


def test_tiny_chunk_stays_alone_rather_than_cross_a_page():
    blocks = [Block(sentence("eins", 30), section=("A",), page=1), Block("Kurz.", section=("A",), page=2)]
    chunks = chunk_document("d", "h", doc(*blocks), words, settings(max_tokens=100, min_tokens=20))
    assert [(chunk.page, chunk.text) for chunk in chunks] == [(1, blocks[0].text), (2, "Kurz.")]


def test_heading_without_own_text_adds_no_chunk():
    parsed = doc(
        Block("2 Lage", kind="heading", section=("2 Lage",), page=1),
        Block("2.1 Armut", kind="heading", section=("2 Lage", "2.1 Armut"), page=1),
        Block(sentence("armut"), section=("2 Lage", "2.1 Armut"), page=1),
    )
    chunks = chunk_document("d", "h", parsed, words, settings())
    assert [(chunk.section, chunk.text) for chunk in chunks] == [("2 Lage > 2.1 Armut", "2.1 Armut\n\n" + sentence("armut"))]


def test_list_items_join_with_single_line_breaks():
    parsed = doc(
        Block("Mitglieder:", section=("A",)),
        Block("Sozialplanung", kind="list_item", section=("A",)),
        Block("Jugendhilfeplanung", kind="list_item", section=("A",)),
        fmt="md",
    )
    assert chunk_document("d", "h", parsed, words, settings())[0].text == "Mitglieder:\n\nSozialplanung\nJugendhilfeplanung"


def test_offsets_and_ids():
    parsed = doc(
        Block("Erster Absatz.", section=("A",), char_start=10, char_end=24),
        Block("Zweiter Absatz.", section=("A",), char_start=26, char_end=41),
        fmt="md",
    )
    chunk = chunk_document("konzept-md", "abc123", parsed, words, settings())[0]
    assert (chunk.char_start, chunk.char_end) == (10, 41)
    expected = hashlib.sha256(f"konzept-md|abc123|0|{chunk.text}".encode()).hexdigest()[:32]
    assert chunk.chunk_id == expected == chunk_id("konzept-md", "abc123", 0, chunk.text)
    again = chunk_document("konzept-md", "abc123", parsed, words, settings())[0]
    assert again.chunk_id == chunk.chunk_id
    assert chunk_document("konzept-md", "def456", parsed, words, settings())[0].chunk_id != chunk.chunk_id


def test_ordinals_run_through_the_document():
    blocks = [Block(sentence(f"s{i}"), section=(f"S{i}",)) for i in range(5)]
    chunks = chunk_document("d", "h", doc(*blocks, fmt="md"), words, settings())
    assert [chunk.ordinal for chunk in chunks] == list(range(5))
    assert len({chunk.chunk_id for chunk in chunks}) == 5


def test_token_counter_is_called_sparingly():
    blocks = [Block(sentence(f"b{i}"), section=("A",), page=1) for i in range(200)]
    counter = CountingWords()
    chunks = chunk_document("d", "h", doc(*blocks), counter, settings(max_tokens=200))
    assert len(chunks) == 10
    assert counter.calls <= len(blocks) + 8 * len(chunks)  # once per block, a few checks near each chunk's limit


@pytest.mark.parametrize("empty", [[], [Block("   ", section=("A",))]])
def test_nothing_to_chunk(empty):
    assert chunk_document("d", "h", doc(*empty), words, settings()) == []
