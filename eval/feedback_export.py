"""Thumbs-down feedback becomes draft eval cases: the question and what went wrong are kept, a planner fills in
the right answer (facts), the gold source and the category, then moves the case into eval/questions.yaml
and runs `python -m eval.build_dataset`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from assistant.services.feedback import FeedbackEntry
from eval.dataset import CATEGORIES

TODO = "TODO"


def draft_case(entry: FeedbackEntry, number: int) -> dict:
    """One draft case; every field a planner must decide is TODO, the evidence the user saw is a comment."""
    cited = [
        {
            "doc": c.get("doc_id", ""),
            **({"page": c["page"]} if c.get("page") is not None else {}),
            **({"row": c["row"]} if c.get("row") is not None else {}),
        }
        for c in entry.citations
    ]
    return {
        "id": f"feedback-{entry.entry_id if entry.entry_id is not None else number:04d}",
        "question": entry.question,
        "category": TODO
        + f" ({'|'.join(CATEGORIES)})",
        "answerable": TODO + " (true|false)",
        "facts": [TODO + ": Fakten, die eine richtige Antwort enthalten muss"],
        "sources": [{"doc": TODO, "page": TODO}],
        "note": "Aus negativer Rückmeldung vom " + (entry.created_at or "?") + (f": {entry.comment}" if entry.comment else ""),
        "feedback": {"answer_given": entry.answer[:2000], "cited": cited, "level": entry.level, "source": entry.source},
    }


def drafts_yaml(entries: Iterable[FeedbackEntry]) -> tuple[str, int]:
    """YAML text with the drafts of all thumbs-down entries, and how many."""
    drafts = [draft_case(e, i) for i, e in enumerate(entries, start=1) if e.rating == "down"]
    header = (
        "# Entwürfe von Eval-Fällen aus negativen Rückmeldungen (planwissen eval --from-feedback).\n"
        "# Alle TODO-Felder ausfüllen, `feedback:` löschen und die Fälle unter `questions:` in eval/questions.yaml einfügen,\n"
        "# dann `python -m eval.build_dataset` ausführen.\n"
    )
    body = yaml.safe_dump({"questions": drafts}, allow_unicode=True, sort_keys=False, width=120)
    return header + body, len(drafts)


def export_drafts(data_dir: Path, target: Path) -> tuple[int, Path] | None:
    """Write drafts for the feedback in <data_dir>/feedback.sqlite to target (a file, or a folder to put
    feedback-drafts.yaml in); (count, file written), or None when there is no feedback file."""
    from assistant.adapters.sqlite_feedback import sqlite_feedback_service
    from assistant.core.data_dir import DataDir

    if not DataDir(data_dir).feedback.is_file():
        return None
    entries = sqlite_feedback_service(data_dir).list(rating="down")
    text, count = drafts_yaml(entries)
    target = Path(target)
    if target.is_dir() or not target.suffix:
        target.mkdir(parents=True, exist_ok=True)
        target = target / "feedback-drafts.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return count, target
