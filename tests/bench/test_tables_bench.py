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
