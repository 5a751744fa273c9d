"""The asked place's value in a result table with one column per place, flattened to lines of shares.

A survey report's table "Kennwert | Mitte | Nord | Hohenlimburg | Eilpe/Dahl | Haspe | alle" reaches the index as a
header line and lines like "zufrieden mit Angeboten vor Ort 52 % 44 % 49 % 37 % 46 % 45 %": the figure for Eilpe/Dahl
is in the line, but which one only the header says. For a question on one place the line is read at that place's column
("zufrieden mit Angeboten vor Ort, Eilpe/Dahl: 37 %"). Columns are read only when every column of the header is a
known place (or its short form: "Mitte" for "Hagen-Mitte") or the whole city, so a shifted column never gives another
place's figure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_SHARE = re.compile(r"(?<![\d,])(\d+(?:,\d+)?)\s*%")
#: Column heads for the whole city.
WHOLE = frozenset({"alle", "gesamt", "gesamtstadt", "insgesamt", "hagen", "stadt", "summe"})
#: Lines above a row in which its header is looked for.
MAX_ROWS_ABOVE = 12


def place_column(pieces: list[str], order: int, asked: set[str], places: Mapping[str, object]) -> str | None:
    """The row at `order` read at the column of an asked place ("Angebote insgesamt, Eilpe/Dahl: 37 %"); None when the
    piece is no row of shares or no header above it names the asked place in a column."""
    row = pieces[order].strip()
    shares = _SHARE.findall(row)
    first = _SHARE.search(row)
    if len(shares) < 2 or first is None or not row.endswith("%"):
        return None
    label = row[: first.start()].strip()
    if not label:
        return None
    for above in reversed(pieces[max(0, order - MAX_ROWS_ABOVE) : order]):
        if _SHARE.search(above):
            continue  # another row of the table
        names = column_places(above, len(shares), places)
        if names is None:
            return None
        for name, share in zip(names, shares, strict=True):
            if name in asked:
                return f"{label}, {name}: {share} %"
        return None
    return None


def column_places(header: str, count: int, places: Mapping[str, object]) -> list[str] | None:
    """The places of a header's last `count` words ("" for the whole city), or None unless each of them is one."""
    words = header.split()
    if len(words) <= count:
        return None  # a header names what its rows are before its columns
    names: list[str] = []
    for word in words[-count:]:
        if word.lower() in WHOLE:
            names.append("")
            continue
        name = place_named(word, places)
        if name is None:
            return None
        names.append(name)
    return names


def place_named(word: str, places: Mapping[str, object]) -> str | None:
    """The place a column head names: its name, or the one Stadtbezirk whose name ends in "-<word>" ("Mitte")."""
    if word in places:
        return word
    short = [name for name, place in places.items() if name.endswith(f"-{word}") and getattr(place, "level", "") == "bezirk"]
    return short[0] if len(short) == 1 else None
