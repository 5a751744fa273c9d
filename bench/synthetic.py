"""Synthetic corpora of 10,000 / 100,000 chunks for the scale benchmarks, built from the real demo chunks.

Each copy is the demo corpus "moved" to an invented city: Hagen, its Stadtbezirke and Sozialräume are
replaced by invented names, so texts differ between copies (BM25 sees different words). Embedding 100,000
chunks with the bundled model would take hours on 2 cores, so the copies' VECTORS ARE DERIVED from the real
chunk vectors: Gaussian noise added, then renormalised (cosine to the original ≈ 0.95). The reports say so.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from assistant.core.types import Chunk, DocumentMeta

#: Names in the demo corpus that a copy replaces (longest first, so "Hagen-Mitte" goes before "Hagen").
DEMO_PLACES = (
    "Altenhagen/Eckesey-Süd",
    "Wehringhausen/Villa Post",
    "Eilpe/Delstern/Selbecke",
    "Dahl/Priorei/Rummenohl",
    "Haspe-West/Westerbauer",
    "Hohenlimburg-Zentrum",
    "Zentrum/Remberg",
    "Quambusch/Baukloh",
    "Henkhausen/Reh",
    "Hochschulviertel",
    "Haspe-Zentrum",
    "Eckesey-Nord",
    "Helfe/Fley",
    "Boele/Kabel",
    "Hohenlimburg",
    "Hagen-Mitte",
    "Hagen-Nord",
    "Eilpe/Dahl",
    "Lennetal",
    "Vorhalle",
    "Elsey",
    "Emst",
    "Haspe",
    "Hagen",
)
_SYLLABLES = (
    "ber",
    "wal",
    "den",
    "hau",
    "sen",
    "lin",
    "ro",
    "feld",
    "mar",
    "kir",
    "hol",
    "stein",
    "au",
    "dorf",
    "lo",
    "ham",
    "ter",
    "bach",
    "win",
    "gel",
    "ra",
    "ne",
    "mün",
    "tal",
    "bro",
    "ek",
    "hüt",
    "ke",
    "lan",
    "wer",
)
NOISE_NORM = 0.33  # expected norm of the added noise: cosine(original, copy) ≈ 1/sqrt(1 + 0.33²) ≈ 0.95


def invented_name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def city_names(copy: int) -> dict[str, str]:
    """Replacement of every demo place name for copy number `copy` (deterministic)."""
    rng = random.Random(f"planwissen-synthetic-{copy}")
    city = invented_name(rng, 3)
    mapping = {"Hagen": city}
    for place in DEMO_PLACES:
        if place != "Hagen":
            mapping[place] = f"{city}-{invented_name(rng, 2)}" if place.startswith("Hagen-") else invented_name(rng, 2 + rng.randint(0, 1))
    return mapping


def reword(text: str, mapping: dict[str, str]) -> str:
    if not text:
        return text
    pattern = re.compile("|".join(re.escape(p) for p in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group(0)], text)


@dataclass
class SeedCorpus:
    """The real demo corpus as the scale benchmarks start from it: documents, chunks and their vectors."""

    documents: list[DocumentMeta]
    chunks: list[Chunk]
    vectors: np.ndarray  # (len(chunks), dim), unit length

    def save(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path.with_suffix(".npy"), self.vectors.astype(np.float32))
        data = {"documents": [asdict(d) for d in self.documents], "chunks": [asdict(c) for c in self.chunks]}
        path.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> SeedCorpus:
        path = Path(path)
        data = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        docs = [
            DocumentMeta(
                **{**d, "districts": tuple(d["districts"]), "sozialraeume": tuple(d["sozialraeume"]), "topics": tuple(d["topics"])}
            )
            for d in data["documents"]
        ]
        chunks = [Chunk(**c) for c in data["chunks"]]
        return cls(docs, chunks, np.load(path.with_suffix(".npy")))

    @classmethod
    def from_store(cls, store) -> SeedCorpus:
        """Every committed chunk of a planwissen store with its stored vector (nothing is embedded)."""
        stored = list(store.iter_chunks())
        vectors_by_hash = store.vectors_for_text_hashes(sorted({s.text_hash for s in stored}))
        stored = [s for s in stored if s.text_hash in vectors_by_hash]
        return cls(
            store.documents(), [s.chunk for s in stored], np.stack([vectors_by_hash[s.text_hash] for s in stored]).astype(np.float32)
        )


@dataclass
class SyntheticDoc:
    doc: DocumentMeta
    chunks: list[Chunk]
    vectors: np.ndarray


def _hash(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def synthetic_documents(seed: SeedCorpus, target_chunks: int, noise_norm: float = NOISE_NORM) -> Iterator[SyntheticDoc]:
    """Copies of the seed documents for invented cities until `target_chunks` chunks exist (the last copy is cut short)."""
    by_doc: dict[str, list[int]] = {}
    for index, chunk in enumerate(seed.chunks):
        by_doc.setdefault(chunk.doc_id, []).append(index)
    docs = [d for d in seed.documents if d.doc_id in by_doc]
    dim = seed.vectors.shape[1]
    produced = 0
    copy = 0
    while produced < target_chunks:
        mapping = city_names(copy)
        rng = np.random.default_rng(copy)
        for doc in docs:
            if produced >= target_chunks:
                return
            indices = by_doc[doc.doc_id][: target_chunks - produced]
            doc_id = f"{doc.doc_id}--syn{copy:04d}"
            content_hash = _hash(doc.content_hash, str(copy))
            new_doc = replace(
                doc,
                doc_id=doc_id,
                title=reword(doc.title, mapping),
                content_hash=content_hash,
                districts=tuple(reword(d, mapping) for d in doc.districts),
                sozialraeume=tuple(reword(s, mapping) for s in doc.sozialraeume),
                chunk_count=len(indices),
            )
            chunks = []
            for i in indices:
                original = seed.chunks[i]
                text = reword(original.text, mapping)
                record = {k: reword(v, mapping) for k, v in original.record.items()} if original.record else None
                chunks.append(
                    replace(
                        original,
                        chunk_id=_hash(doc_id, content_hash, str(original.ordinal), text),
                        doc_id=doc_id,
                        text=text,
                        section=reword(original.section, mapping),
                        record=record,
                    )
                )
            noise = rng.standard_normal((len(indices), dim)).astype(np.float32) * (noise_norm / np.sqrt(dim))
            vectors = seed.vectors[indices] + noise
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            produced += len(indices)
            yield SyntheticDoc(new_doc, chunks, vectors)
        copy += 1
