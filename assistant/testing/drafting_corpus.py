"""A small Sozialraumprofil with year tables (as PDF text arrives) added to the sample corpus, for drafting tests.

The profile has a broken table row (one value short) and an indicator label split over two chunks, as real
PDF extraction produces them; FakeChart stands in for the matplotlib adapter.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

from assistant.core.types import Chunk, DocumentMeta
from assistant.testing.fake_lexical import FakeLexicalIndex
from assistant.testing.fakes import FakeEmbedder, InMemoryVectorStore
from assistant.testing.sample_corpus import fill_store, sample_documents

PROFILE_PAGES = [
    (4, "Soziale Lage", "Tabelle 4: SGB-II-Quote 2019–2024 (%)\n\nRaum 2019 2020 2021 2022 2023 2024\n"
                        "Haspe 18,6 18,8 18,6 19,1 19,5 19,6\nHaspe-Zentrum 26,1 26,5 26,1 26,7 27,4 27,6\n"
                        "Quambusch/Baukloh 13,5 13,7 13,3 13,7 13,9 13,8\nHagen 17,5 17,7 17,3 17,8 18,2 18,4"),
    (4, "Soziale Lage", "Tabelle 5: Kinderarmut – Minderjährige in SGB-II-Bedarfsgemeinschaften 2019–2024 (%)\n\n"
                        "Raum 2019 2020 2021 2022 2023 2024\nHaspe 30,9 31,3 31,9 32,4 33,0 32,8\n"
                        "Haspe-Zentrum 44,5 45,2 45,9 46,4 47,2\n"  # one value short: a broken line must be skipped
                        "Hagen 27,1 27,6 27,9 28,4 28,8 28,7"),
    (5, "Bevölkerung", "Tabelle 6: Einwohnerinnen und Einwohner 2019–2024\n\nRaum 2019 2020 2021 2022 2023 2024\n"
                       "Haspe 30.941 31.064 31.225 31.509 31.551 31.574\nHagen 194.763 195.220 195.498 197.667 197.775 198.121"),
    (7, "Sozialraum Haspe-Zentrum", "Tabelle 10: Indikatoren Haspe-Zentrum 2019–2024\n\nIndikator 2019 2020 2021 2022 2023 2024\n"
                                    "Einwohner 13.872 13.949 14.095 14.386 14.469 14.524\nSGB-II-Quote (%) 26,1 26,5 26,1 26,7 27,4 27,6\n"
                                    "Grundsicherung"),
    (7, "Sozialraum Haspe-Zentrum", "65+ (%) 8,7 9,1 9,5 10,0 10,5 10,9\nPflegebedürftige 612 656 693 747 776 807"),
    (8, "Befragung", "Gewalt wird in Haspe deutlich höher eingeschätzt, als es die registrierten Fallzahlen zeigen. "
                     "Ob die Beratung in Haspe-Zentrum ausreicht, ist noch nicht geklärt."),
]


def profile_document() -> tuple[DocumentMeta, list[Chunk]]:
    content_hash = hashlib.sha256(repr(PROFILE_PAGES).encode()).hexdigest()[:16]
    doc = DocumentMeta(doc_id="sozialraumprofil-haspe", title="Sozialraumprofil Haspe 2024", source_path="/corpus/profil.pdf",
                       content_hash=content_hash, format="pdf", kind="sozialraumprofil", date="2024-11-15", districts=("Haspe",),
                       sozialraeume=("Haspe-Zentrum", "Quambusch/Baukloh"), topics=("armut",), chunk_count=len(PROFILE_PAGES))
    chunks = [Chunk(chunk_id=f"profil-{i}", doc_id=doc.doc_id, ordinal=i, text=text, section=section, page=page)
              for i, (page, section, text) in enumerate(PROFILE_PAGES)]
    return doc, chunks


def drafting_documents() -> list[tuple[DocumentMeta, list[Chunk]]]:
    """The sample corpus plus the profile: what drafting tests (and the front test services) draft from."""
    return [*sample_documents(), profile_document()]


def _tiny_png(width: int = 8, height: int = 4) -> bytes:
    """A valid grey PNG (Word and browsers open it), built without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    pixels = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")


class FakeChart:
    """Records the chart specs it was asked for; returns a small valid PNG."""

    PNG = _tiny_png()

    def __init__(self):
        self.specs = []

    def __call__(self, spec):
        self.specs.append(spec)
        return self.PNG


def build_drafting(chat=None, chart=None):
    """DraftingService over the sample corpus plus the profile (fake store, embedder and lexical index)."""
    from assistant.core.settings import RetrievalSettings
    from assistant.services.drafting.draft import DraftingService
    from assistant.services.retrieval import RetrievalService

    embedder = FakeEmbedder(dim=256)
    store = InMemoryVectorStore()
    fill_store(store, embedder, drafting_documents())
    retrieval = RetrievalService(embedder, store, FakeLexicalIndex(), RetrievalSettings(min_dense_score=0.5), check_interval_s=0.0)
    from assistant.adapters.docx_writer import docx_bytes

    return DraftingService(retrieval, chat, chart_renderer=chart, docx_renderer=docx_bytes)
