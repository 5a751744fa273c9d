"""External checks on text nobody on the team wrote (`planwissen eval --external`).

- XQuAD-de (google-deepmind/xquad, CC BY-SA 4.0): the 240 German paragraphs ingested as 240 documents into a
  temporary planwissen index; for all 1,190 questions: recall@1/@5 and MRR@10 of the paragraph holding the
  answer — planwissen's hybrid retrieval vs. the dense-only LlamaIndex baseline with the same embedder.
- The SGB II/VIII/XII statutes (bundestag/gesetze, public domain): ingested into a temporary index, asked
  questions of our own with the § as gold section; hit@1/@5 and MRR.

Both run in temporary data directories, so the user's index is never touched.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.core.settings import Settings
from eval.dataset import GoldSource
from eval.metrics import source_matches
from eval.records import Located

XQUAD_FILE = Path("external/xquad-de/xquad.de.json")
STATUTE_FILES = {
    "sgb2": "external/bundesrecht_sgb_2.md",
    "sgb8": "external/bundesrecht_sgb_8.md",
    "sgb12": "external/bundesrecht_sgb_12.md",
}
XQUAD_CITATION = (
    "XQuAD (Artetxe, Ruder, Yogatama 2020, 'On the Cross-lingual Transferability of Monolingual Representations'), "
    "google-deepmind/xquad, German split, CC BY-SA 4.0"
)


@dataclass(frozen=True)
class StatuteQuestion:
    """A question of our own about a statute, with the § that answers it."""

    id: str
    question: str
    law: str  # key of STATUTE_FILES
    section: str  # e.g. "§ 80"


STATUTE_QUESTIONS: tuple[StatuteQuestion, ...] = (
    StatuteQuestion(
        "sgb8-80", "Was muss der Träger der öffentlichen Jugendhilfe im Rahmen seiner Planungsverantwortung tun?", "sgb8", "§ 80"
    ),
    StatuteQuestion(
        "sgb8-80b",
        "Wie sollen Einrichtungen und Dienste der Jugendhilfe geplant werden, damit Kontakte im sozialen Umfeld erhalten bleiben?",
        "sgb8",
        "§ 80",
    ),
    StatuteQuestion(
        "sgb2-16a",
        "Welche kommunalen Leistungen zur Eingliederung in Arbeit gibt es, etwa Schuldnerberatung oder Suchtberatung?",
        "sgb2",
        "§ 16a",
    ),
    StatuteQuestion("sgb12-71", "Welche Leistungen kommen als Altenhilfe für alte Menschen in Betracht?", "sgb12", "§ 71"),
    StatuteQuestion("sgb12-71b", "Wird Altenhilfe unabhängig von Einkommen und Vermögen geleistet?", "sgb12", "§ 71"),
    StatuteQuestion(
        "sgb8-8", "Wie sind Kinder und Jugendliche an Entscheidungen der öffentlichen Jugendhilfe zu beteiligen?", "sgb8", "§ 8"
    ),
    StatuteQuestion(
        "sgb8-8a",
        "Was muss das Jugendamt tun, wenn gewichtige Anhaltspunkte für die Gefährdung eines Kindes bekannt werden?",
        "sgb8",
        "§ 8a",
    ),
    StatuteQuestion("sgb8-13a", "Was umfasst Schulsozialarbeit und mit wem arbeiten ihre Träger zusammen?", "sgb8", "§ 13a"),
    StatuteQuestion("sgb8-71", "Wer gehört dem Jugendhilfeausschuss als stimmberechtigtes Mitglied an?", "sgb8", "§ 71"),
    StatuteQuestion(
        "sgb8-81",
        "Mit welchen Stellen muss die Jugendhilfe strukturell zusammenarbeiten, zum Beispiel mit Schulen oder Gerichten?",
        "sgb8",
        "§ 81",
    ),
    StatuteQuestion("sgb2-16b", "Für wie viele Monate wird das Einstiegsgeld höchstens gezahlt?", "sgb2", "§ 16b"),
    StatuteQuestion("sgb12-74", "Wann übernimmt die Sozialhilfe die Kosten einer Bestattung?", "sgb12", "§ 74"),
    StatuteQuestion("sgb12-2", "Wer erhält nach dem Nachranggrundsatz keine Sozialhilfe?", "sgb12", "§ 2"),
)


# -- helpers ---------------------------------------------------------------------------------------


def load_xquad(path: Path) -> tuple[list[str], list[tuple[str, str, int]]]:
    """(paragraphs, [(question id, question, index of its paragraph)]) from a SQuAD-format file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    paragraphs: list[str] = []
    questions: list[tuple[str, str, int]] = []
    for article in data["data"]:
        for paragraph in article["paragraphs"]:
            index = len(paragraphs)
            paragraphs.append(paragraph["context"])
            for qa in paragraph["qas"]:
                questions.append((qa["id"], qa["question"], index))
    return paragraphs, questions


def distinct_docs(passages: Sequence[Located]) -> list[str]:
    """Document ids in rank order, each once (several chunks of one paragraph count as one hit)."""
    seen: list[str] = []
    for p in passages:
        if p.doc_id not in seen:
            seen.append(p.doc_id)
    return seen


def rank_scores(ranks: Sequence[int | None], ks: Sequence[int] = (1, 5), cutoff: int = 10) -> dict[str, float]:
    """recall@k for each k and MRR@cutoff from 1-based ranks (None = not found)."""
    n = max(len(ranks), 1)
    scores = {f"recall@{k}": sum(1 for r in ranks if r is not None and r <= k) / n for k in ks}
    scores[f"mrr@{cutoff}"] = sum(1.0 / r for r in ranks if r is not None and r <= cutoff) / n
    scores["n"] = len(ranks)
    return scores


def _temp_services(settings: Settings, root: Path, embedder):
    from assistant.bootstrap import build_services

    chroma = settings.chroma.model_copy(update={"mode": "embedded", "path": None})
    return build_services(settings.model_copy(update={"data_dir": root / "data", "chroma": chroma}), embedder=embedder)


def _planwissen_search(services) -> Callable[[str, int], list[Located]]:
    from assistant.core.types import QueryFilters
    from eval.systems import passage_located

    filters = QueryFilters(max_confidentiality="internal")
    return lambda q, k: [passage_located(p) for p in services.retrieval.search(q, filters=filters, k=k)]


# -- XQuAD ---------------------------------------------------------------------------------------


def xquad_check(settings: Settings, embedder, xquad_path: Path, baseline: bool = True, limit: int | None = None, log=print) -> dict:
    """Paragraph recall@1/@5 and MRR@10 over the XQuAD-de questions for planwissen and the dense-only baseline."""
    from eval.baseline import LlamaIndexBaseline

    paragraphs, questions = load_xquad(xquad_path)
    if limit:
        questions = questions[:limit]
    result: dict = {"paragraphs": len(paragraphs), "questions": len(questions), "source": XQUAD_CITATION}
    with tempfile.TemporaryDirectory(prefix="planwissen-xquad-") as tmp:
        root = Path(tmp)
        folder = root / "xquad"
        folder.mkdir()
        for index, text in enumerate(paragraphs):
            (folder / f"xquad-{index:03d}.txt").write_text(text + "\n", encoding="utf-8")
        services = _temp_services(settings, root, embedder)
        started = time.perf_counter()
        report = services.ingestion.ingest([folder])
        result["planwissen_ingest_s"] = round(time.perf_counter() - started, 1)
        if report.failed:
            result["ingest_failed"] = [f.message for f in report.failed]
        index_of = {doc.doc_id: int(Path(doc.source_path).stem.split("-")[-1]) for doc in services.store.documents()}
        log(f"XQuAD: {len(index_of)} Absätze in planwissen eingelesen ({result['planwissen_ingest_s']} s)")
        search = _planwissen_search(services)
        systems: dict[str, Callable[[str, int], list[Located]]] = {"planwissen": search}
        if baseline:
            base = LlamaIndexBaseline(embedder)
            stats = base.build_from_texts([(f"p{i}", text) for i, text in enumerate(paragraphs)])
            result["baseline_build_s"] = round(stats.seconds, 1)
            log(f"XQuAD: Baseline aufgebaut ({stats.chunks} Chunks, {result['baseline_build_s']} s)")
            index_of.update({f"p{i}": i for i in range(len(paragraphs))})
            systems["baseline"] = base.retrieve
        for name, retrieve in systems.items():
            ranks: list[int | None] = []
            started = time.perf_counter()
            for _qid, question, gold in questions:
                docs = distinct_docs(retrieve(question, 20))[:10]
                found = [i for i, d in enumerate(docs, start=1) if index_of.get(d) == gold]
                ranks.append(found[0] if found else None)
            result[name] = rank_scores(ranks)
            result[name]["ms_per_question"] = round((time.perf_counter() - started) * 1000 / max(len(questions), 1), 1)
            log(f"XQuAD {name}: {result[name]}")
    return result


# -- statutes ------------------------------------------------------------------------------------


def statute_check(
    settings: Settings,
    embedder,
    shared_dir: Path,
    baseline: bool = True,
    log=print,
    questions: Sequence[StatuteQuestion] = STATUTE_QUESTIONS,
) -> dict:
    """hit@1/@5 and MRR@10 of the gold § for our statute questions, planwissen vs baseline."""
    from eval.baseline import LlamaIndexBaseline, discover_files

    result: dict = {"questions": len(questions), "per_question": {}}
    with tempfile.TemporaryDirectory(prefix="planwissen-sgb-") as tmp:
        root = Path(tmp)
        folder = root / "sgb"
        folder.mkdir()
        for law, rel in STATUTE_FILES.items():
            shutil.copy(shared_dir / rel, folder / f"{law}.md")
        doc_ids = {Path(path).stem: doc_id for path, doc_id in discover_files([folder])}
        services = _temp_services(settings, root, embedder)
        started = time.perf_counter()
        report = services.ingestion.ingest([folder])
        result["planwissen_ingest_s"] = round(time.perf_counter() - started, 1)
        result["planwissen_chunks"] = services.store.count()
        if report.failed:
            result["ingest_failed"] = [f.message for f in report.failed]
        log(f"SGB: {result['planwissen_chunks']} Chunks in planwissen ({result['planwissen_ingest_s']} s)")
        systems: dict[str, Callable[[str, int], list[Located]]] = {"planwissen": _planwissen_search(services)}
        if baseline:
            base = LlamaIndexBaseline(embedder)
            stats = base.build([folder], settings.ingest)
            result["baseline_build_s"] = round(stats.seconds, 1)
            result["baseline_chunks"] = stats.chunks
            log(f"SGB: Baseline {stats.chunks} Chunks ({result['baseline_build_s']} s)")
            systems["baseline"] = base.retrieve
        for name, retrieve in systems.items():
            ranks: list[int | None] = []
            for q in questions:
                gold = GoldSource(doc=doc_ids[q.law], section=q.section)
                passages = retrieve(q.question, 10)
                found = [i for i, p in enumerate(passages, start=1) if source_matches(p, gold)]
                rank = found[0] if found else None
                ranks.append(rank)
                result["per_question"].setdefault(q.id, {"question": q.question, "gold": f"{q.law} {q.section}"})[name] = rank
            scores = rank_scores(ranks)
            result[name] = {("hit@" + k.split("@")[1] if k.startswith("recall@") else k): v for k, v in scores.items()}
            log(f"SGB {name}: {result[name]}")
    return result


# -- command ---------------------------------------------------------------------------------------


def markdown(result: dict) -> str:
    lines = ["# planwissen eval --external", ""]
    x = result.get("xquad")
    if x:
        lines += [
            f"## XQuAD-de — {x['paragraphs']} Absätze, {x['questions']} Fragen",
            "",
            f"Quelle: {x['source']}.",
            "",
            "| System | recall@1 | recall@5 | MRR@10 | ms/Frage |",
            "|---|---|---|---|---|",
        ]
        for name in ("planwissen", "baseline"):
            if name in x:
                s = x[name]
                lines.append(f"| {name} | {s['recall@1']:.3f} | {s['recall@5']:.3f} | {s['mrr@10']:.3f} | {s['ms_per_question']} |")
        lines.append("")
    s = result.get("statutes")
    if s:
        lines += [
            f"## SGB II / VIII / XII — {s['questions']} eigene Fragen",
            "",
            "| System | hit@1 | hit@5 | MRR@10 |",
            "|---|---|---|---|",
        ]
        for name in ("planwissen", "baseline"):
            if name in s:
                lines.append(f"| {name} | {s[name]['hit@1']:.3f} | {s[name]['hit@5']:.3f} | {s[name]['mrr@10']:.3f} |")
        lines += ["", "| Frage | Gold | Rang planwissen | Rang Baseline |", "|---|---|---|---|"]
        for q in s["per_question"].values():
            lines.append(f"| {q['question']} | {q['gold']} | {q.get('planwissen') or '—'} | {q.get('baseline') or '—'} |")
        lines.append("")
    return "\n".join(lines)


def run_external_checks(
    settings: Settings,
    *,
    shared_dir: Path,
    out_dir: Path,
    xquad: bool = True,
    statutes: bool = True,
    baseline: bool = True,
    limit: int | None = None,
    console=None,
) -> int:
    """Run both checks, print and write results/<timestamp>/external.{json,md}; 0 also when skipped (no ../shared)."""
    from assistant.bootstrap import build_embedder
    from eval.report import timestamp_dir

    say = console.print if console is not None else print
    if not (shared_dir / XQUAD_FILE).is_file() and not all((shared_dir / rel).is_file() for rel in STATUTE_FILES.values()):
        say(f"Externe Prüfungen übersprungen: {shared_dir} mit XQuAD-de und den SGB-Texten ist nicht vorhanden.")
        return 0
    embedder = build_embedder(settings)
    result: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "embedder": embedder.name}
    if xquad and (shared_dir / XQUAD_FILE).is_file():
        result["xquad"] = xquad_check(settings, embedder, shared_dir / XQUAD_FILE, baseline=baseline, limit=limit, log=say)
    elif xquad:
        say("XQuAD-de fehlt – übersprungen.")
    if statutes and all((shared_dir / rel).is_file() for rel in STATUTE_FILES.values()):
        result["statutes"] = statute_check(settings, embedder, shared_dir, baseline=baseline, log=say)
    elif statutes:
        say("SGB-Texte fehlen – übersprungen.")
    out = timestamp_dir(out_dir)
    (out / "external.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    text = markdown(result)
    (out / "external.md").write_text(text, encoding="utf-8")
    say(text)
    say(f"Bericht: {out / 'external.md'}")
    return 0
