"""The table benchmark's inputs and report, without the embedder (the measurement itself runs in `planwissen bench`)."""

from __future__ import annotations

from assistant.core.settings import IngestSettings
from bench.run import SECTIONS
from bench.tables_bench import markdown
from bench.tables_sheet import write_wide_sheet
from ingest.loaders import load_file


def test_wide_sheet_is_100_by_70_with_grouped_headers_and_compact_passages(tmp_path):
    parsed = load_file(write_wide_sheet(tmp_path / "wide.xlsx"), IngestSettings())
    (table,) = parsed.tables
    assert len(table.columns) == 70 and len(table.value_columns) == 68
    assert table.header_rows == 3 and table.title
    assert table.value_columns[0].label.startswith("Einwohner nach Altersgruppen: ")
    rows = [block for block in parsed.blocks if block.kind == "table_row"]
    assert len(rows) == 101  # 100 Stadtteile + the city total
    assert all(len(block.text) < 200 for block in rows) and all(len(block.record) >= 69 for block in rows)  # empty cells are not recorded
    assert {fact.place_level for fact in table.facts} == {"stadtteil", "stadt"}


def test_report_lists_each_file_against_its_target():
    section = {"wide_xlsx": {"file": "w.xlsx", "rows": 101, "facts": 6868, "chunks_embedded": 103, "seconds": 12.0,
                             "full_rows_embed_s": 90.0, "ratio_to_full_rows": 0.13, "target_s": 20.0, "within_target": True}}
    text = "\n".join(markdown(section))
    assert "`w.xlsx`" in text and "12.0 s" in text and "≤ 20 s ✓" in text
    assert "tables" in SECTIONS


def test_probe_questions_come_from_the_files_own_facts_and_the_engine_answers_them(tmp_path):
    from assistant.bootstrap import build_services
    from assistant.core.settings import Settings
    from assistant.testing.fakes import FakeEmbedder
    from bench.tables_bench import engine_queries

    folder = tmp_path / "docs"
    folder.mkdir()
    write_wide_sheet(folder / "wide.xlsx", rows=20, value_columns=7)
    services = build_services(Settings(data_dir=tmp_path / "data"), embedder=FakeEmbedder(dim=64))
    services.ingestion.ingest([folder])
    queries = engine_queries(services)
    assert len(queries["questions"]) == 6 and all("Stadtteil" in q for q in queries["questions"][:2])
    assert queries["answered"] >= 5  # rank, lookup and threshold questions over the sheet's own indicator
    assert queries["p50_ms"] <= queries["p95_ms"]


def test_report_shows_the_warm_engine_timing():
    section = {"kiel_csv": {"file": "k.csv", "rows": 330, "facts": 990, "chunks_embedded": 30, "seconds": 5.0,
                            "full_rows_embed_s": 20.0, "ratio_to_full_rows": 0.25, "target_s": 10.0, "within_target": True,
                            "queries": {"questions": ["a", "b"], "answered": 2, "p50_ms": 12.0, "p95_ms": 40.0,
                                        "target_ms": 100.0, "within_target": True}}}
    text = "\n".join(markdown(section))
    assert "12.0 ms" in text and "40.0 ms" in text and "≤ 100 ms ✓" in text
