"""The demo corpus's indicator tables (PDF profiles, Steckbriefe, the Sozialbericht, the population CSV) read as data
agree with the ground truth the corpus was generated from (corpus/src/data/indikatoren.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from assistant.core.settings import IngestSettings
from assistant.text.normalize import simple_key
from ingest.loaders import load_file

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "corpus" / "documents"
TRUTH = ROOT / "corpus" / "src" / "data" / "indikatoren.csv"
#: How the tables label the indicators of the ground truth (test-only mapping of the corpus's own column names).
LABELS = {"einwohner": "einwohner", "einwohnerinnen und einwohner": "einwohner", "sgb ii": "sgb2_quote", "sgb ii quote": "sgb2_quote",
          "kinderarmut": "kinderarmut", "kinderarmut minderjaehrige in sgb ii bedarfsgemeinschaften": "kinderarmut",
          "arbeitslose": "arbeitslosenquote", "arbeitslosenquote kleinraeumig": "arbeitslosenquote", "u18": "anteil_unter_18",
          "anteil u18": "anteil_unter_18", "65": "anteil_65_plus", "anteil 65": "anteil_65_plus", "zuwanderung": "migration",
          "pflegebeduerftige geschaetzt": "pflegebeduerftige", "unter 18": "einwohner_unter_18"}


def _truth() -> dict[tuple[str, str, str], float]:
    with TRUTH.open(encoding="utf-8") as handle:
        return {(row["raum"], row["jahr"], row["indikator"]): float(row["wert"]) for row in csv.DictReader(handle)}


@pytest.mark.parametrize("pattern", ["sozialraumprofil-*.pdf", "steckbrief-*.pdf", "sozialbericht-2024.pdf",
                                     "bevoelkerung-sozialraeume-2018-2024.csv"])
def test_indicator_tables_match_the_ground_truth(pattern):
    truth = _truth()
    compared, wrong = 0, []
    for path in sorted(DOCS.glob(pattern)):
        for table in load_file(path, IngestSettings()).tables:
            for fact in table.facts:
                indicator = LABELS.get(fact.indicator_key)
                if fact.indicator_key == "65" and fact.unit != "%":
                    indicator = "einwohner_65_plus"  # '65+' counts people, '65+ %' is their share
                key = (simple_key(fact.place).replace(" ", "-"), fact.period, indicator)
                if indicator is None or key not in truth or fact.value is None:
                    continue
                compared += 1
                if abs(truth[key] - fact.value) > 0.051:
                    wrong.append((path.name, table.name, fact.place, fact.indicator, fact.period, fact.value, truth[key]))
    assert compared >= 50, compared
    assert len(wrong) <= compared * 0.01, wrong[:10]
