"""A tiny corpus with internal documents, ingested through the REAL services (Chroma, BM25, ingestion, retrieval,
answering; only the embedder is the fake), so leak tests exercise the filters users actually rely on.

Internal content carries words that appear nowhere else (INTERNAL_MARKERS): a public caller who sees one of them
anywhere — passage, quote, citation title, hint, document list, prompt sent to the LLM — has found a leak.
"""

from __future__ import annotations

from pathlib import Path

from assistant.core.settings import Settings
from assistant.services.container import Services

#: Words that only internal documents contain (text, table rows, title).
INTERNAL_MARKERS = ("Zebrastreifenfonds", "Nordlicht", "Nordstern")

#: Questions aimed at internal content by every way in: rare word, table list, title, paraphrase.
PROBES = (
    "Was ist der Zebrastreifenfonds?",
    "Zebrastreifenfonds",
    "Welche Träger arbeiten zum Thema Armut in Haspe?",
    "Nordlicht gGmbH",
    "Was beschloss der Lenkungskreis Nordstern zu den Quartiersmitteln in Haspe?",
    "Quartiersmittel Haspe kürzen Steuerungsgruppe",
)

PUBLIC_FILES = {
    "beteiligung.md": "# Beteiligung in Haspe\n\nDie Sozialplanung nutzt in Haspe Stadtteilkonferenzen und Bürgerbefragungen. "
                      "Die Quartiersmittel für Haspe werden jährlich im Sozialausschuss beraten.\n",
    "angebote.csv": "Angebot;Träger;Stadtbezirk;Themen\nSozialberatung;AWO Hagen;Haspe;Armut\n"
                    "Tafel-Ausgabe;Hagener Tafel e.V.;Haspe;Armut\nSeniorentreff;DRK Hagen;Hohenlimburg;Alter\n",
}
INTERNAL_FILES = {
    "protokoll-lenkungskreis-nordstern.md": "# Protokoll Lenkungskreis Nordstern\n\nDer Lenkungskreis beschloss, die Quartiersmittel in "
                                           "Haspe um 40.000 Euro zu kürzen und den Zebrastreifenfonds aufzulösen. "
                                           "Die Steuerungsgruppe wird im Mai informiert.\n",
    "partner-intern.csv": "Angebot;Träger;Stadtbezirk;Themen\nSchuldenhilfe plus;Nordlicht gGmbH;Haspe;Armut\n"
                          "Notfallfonds;Nordlicht gGmbH;Haspe;Armut\n",
}


def contains_internal(text: str) -> list[str]:
    """The internal markers found in a text (empty: nothing leaked)."""
    return [marker for marker in INTERNAL_MARKERS if marker.lower() in (text or "").lower()]


def write_trust_corpus(folder: Path) -> tuple[Path, Path]:
    """Write public and internal files into two sub-folders; returns (public, internal)."""
    public, internal = Path(folder) / "oeffentlich", Path(folder) / "intern"
    for target, files in ((public, PUBLIC_FILES), (internal, INTERNAL_FILES)):
        target.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (target / name).write_text(text, encoding="utf-8")
    return public, internal


def build_trust_services(data_dir: Path, *, chat=None, **settings) -> Services:
    """Real services on `data_dir` (fake embedder, optional fake chat) with the trust corpus ingested."""
    from assistant.bootstrap import build_services
    from assistant.testing.fakes import FakeEmbedder

    services = build_services(Settings(data_dir=data_dir, **settings), embedder=FakeEmbedder(dim=128))
    if chat is not None:
        services.chat = chat
        services.answering.chat = chat
    public, internal = write_trust_corpus(Path(data_dir) / "corpus")
    services.ingestion.ingest([public], overrides={"confidentiality": "public"})
    services.ingestion.ingest([internal], overrides={"confidentiality": "internal"})
    return services
