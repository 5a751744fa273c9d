"""Age bands in indicator labels ("0 bis unter 3", "80 und aelter", "unter 18", "65+", "u18 %") and how a
question's age range is tiled by them (sums only when the bands add up exactly)."""

from __future__ import annotations

import re

from assistant.text import normalize

Band = tuple[float, float]
INF = float("inf")

BAND_PATTERNS = [
    (r"(\d{1,2})\s*bis\s*unter\s*(\d{1,2})", "range"),
    (r"(\d{1,2})\s*[-–—]\s*(?:unter\s*)?(\d{1,2})(?!\d)", "range"),
    (r"(\d{1,2})\s*(?:jahre\s*|-?\s*jaehrige\w*\s*)?(?:und|u\.|oder)\s*(?:aelter\w*|mehr|darueber)", "from"),
    (r"(\d{1,2})\s*(?:\+|plus(?![a-z]))", "from"),
    (r"ab\s*(\d{1,2})", "from"),
    (r"(?:unter|u)\s*(\d{1,2})(?!\d)", "under"),
]


def label_band(label: str) -> tuple[Band, str] | None:
    """The age band a label names and the label without it (its group), or None."""
    text = normalize(label)
    for pattern, kind in BAND_PATTERNS:
        match = re.search(r"(?<![\w])" + pattern, text)
        if not match:
            continue
        numbers = [float(g) for g in match.groups()]
        if kind == "range":
            band = (numbers[0], numbers[1])
            if band[0] >= band[1]:
                continue
        elif kind == "from":
            band = (numbers[0], INF)
        else:
            band = (0.0, numbers[0])
        rest = (text[: match.start()] + " " + text[match.end():]).strip(" :-–")
        return band, re.sub(r"\s+", " ", rest)
    return None


def tiling(target: Band, bands: dict[str, Band]) -> list[str] | None:
    """Keys whose bands cover `target` exactly, without gaps or overlaps (in age order); None when impossible."""
    start, end = target
    chosen: list[str] = []
    position = start
    by_start: dict[float, list[tuple[str, Band]]] = {}
    for key, band in bands.items():
        by_start.setdefault(band[0], []).append((key, band))
    while position < end:
        options = [(k, b) for k, b in by_start.get(position, []) if b[1] <= end]
        if not options:
            return None
        key, band = max(options, key=lambda item: item[1][1])
        chosen.append(key)
        position = band[1]
    return chosen if position == end else None


def band_text(band: Band) -> str:
    """(0, 6) → "unter 6 Jahren"; (65, inf) → "65 Jahre und älter"; (6, 18) → "6 bis unter 18 Jahren"."""
    low, high = band
    if high == INF:
        return f"{low:g} Jahre und älter"
    if low == 0:
        return f"unter {high:g} Jahren"
    return f"{low:g} bis unter {high:g} Jahren"
