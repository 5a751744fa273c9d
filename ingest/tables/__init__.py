"""Tables as data: a loader's table grid becomes normalised facts (place × indicator × period → value) and raw rows.

`grid.TableGrid` is what loaders hand over; `facts.normalise_table` turns it into a `NormalisedTable`.
Small modules, one job each: value parsing, periods, places and levels, header inference, column roles.
"""

from ingest.tables.facts import NormalisedTable, normalise_table
from ingest.tables.grid import TableGrid

#: Version of the table parsing; part of what decides "unchanged" at ingestion, so improved parsing re-reads documents.
TABLE_PARSER_VERSION = "19"

__all__ = ["TABLE_PARSER_VERSION", "NormalisedTable", "TableGrid", "normalise_table"]
