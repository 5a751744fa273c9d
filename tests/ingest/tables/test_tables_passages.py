"""A wide statistics row is embedded as a compact text: its place, parent, period and topic, nothing per cell."""

from __future__ import annotations

from assistant.core.settings import IngestSettings
from bench.tables_sheet import write_wide_sheet
from ingest.loaders import load_file
from ingest.tables.header import kind
from ingest.tables.values import looks_numeric


def test_wide_row_text_is_place_period_and_topic_only(tmp_path):
    parsed = load_file(write_wide_sheet(tmp_path / "wide.xlsx", rows=12, value_columns=30), IngestSettings())
    rows = [block for block in parsed.blocks if block.kind == "table_row"]
    first = rows[0].text
    head, _, topic = first.partition(": ")
    assert head.startswith("Stadtteil 001") and "2023-12-31" in head
    assert topic.startswith("Einwohner nach Altersgruppen")
    # no cell count ("(30 Werte)"): it retrieves nothing and costs every row's embedding tokens
    assert "Werte" not in first and not any(ch.isdigit() for ch in topic)
    assert len(rows[0].record) >= 30  # the values stay in the record and the fact store


def test_cell_kinds_are_cached_pure_functions():
    """Header inference asks every cell's kind several times: the answers are memoised, and stay right."""
    assert kind("1.234") == "n" and kind("–") == "n" and kind("Altstadt") == "t" and kind("") == "e"
    assert looks_numeric("19,6 %") and not looks_numeric("Bezirk 1")
    assert kind.cache_info().hits + kind.cache_info().misses > 0
    kind("1.234")
    assert kind.cache_info().hits >= 1
