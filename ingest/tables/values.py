"""Cell values as statistics offices write them: German number formats, missing and secret markers, units.

"1.234,5" and "1 675" are German; "4.0" in a column of "12.0", "520.0" is an English decimal point (the
column decides, see `dot_is_decimal`). Markers for missing or secret values become None with the raw text kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Cells that say "no value here" in German official statistics (nothing, unknown, secret, not applicable).
MISSING_MARKERS = frozenset(
    {"-", "–", "—", "‒", ".", "..", "...", "…", "x", "X", "*", "/", "k.A.", "k. A.", "n.v.", "n. v.", "n.a.", "?", "(x)", "•"}
)

#: An optional sign: "+0,2", "-0,3", "−0,3", "±0,0" (a change of zero, as reports write it).
_NUMBER = re.compile(r"^[+\-−–±]?\d[\d.,' \u00a0\u202f\u2009]*$")
_UNIT_SUFFIX = re.compile(r"\s*(%|€|EUR|Euro|‰|km²|ha|Prozent)\s*$", re.IGNORECASE)
#: A footnote mark after a number: '12*', '7,1¹', '8 020¹)', '12 710 1)' (a digit and ')' after a space), '3,2 a)'.
#: A statistics office's status letter after it counts as such a mark: '421 p' (vorläufig), '12,3 r' (berichtigt), '88 s'
#: (geschätzt), '5e' (estimated).
_FOOTNOTE_MARK = re.compile(r"(?<=\d)(\s*\*+|\s*[¹²³⁴⁵⁶⁷⁸⁹]+\)?|\s+\d{1,2}\)|\s*\)\d?|\s*[a-e]\)|\s?[prsev])$")
_DOT_DECIMAL = re.compile(r"^[+\-−–]?\d+\.(\d{1,2}|\d{4,})$")


_LABEL_MARK = re.compile(r"(?<=\S)\s*⁽?[¹²³⁴⁵⁶⁷⁸⁹⁰]+[)⁾]?$|(?<=[^\s*])\*{1,3}$")
_LABEL_NUMBER_MARK = re.compile(r"(?<=\S)\s+\d\)$")


def strip_footnote_mark(text: str) -> str:
    """A header or row label without its footnote mark: '2021¹)' → '2021', 'Kirchberg 2)' → 'Kirchberg', 'Westend*' →
    'Westend'. ' 6)' is kept where the label opens a bracket ('Kinder (0 - 6)')."""
    stripped = _LABEL_MARK.sub("", text)
    if "(" not in stripped:
        stripped = _LABEL_NUMBER_MARK.sub("", stripped)
    return stripped.strip() or text


def is_missing(raw: str) -> bool:
    """True for a marker of a missing or secret value, or a formula whose value the file does not hold ('=SUMME(B2:B9)')."""
    text = raw.strip()
    return text in MISSING_MARKERS or text.startswith("=")


@lru_cache(maxsize=65536)
def split_unit(raw: str) -> tuple[str, str]:
    """('19,6', '%') for '19,6 %'; ('1.200', '€') for '1.200 €'; (raw, '') otherwise."""
    match = _UNIT_SUFFIX.search(raw)
    if not match or match.start() == 0:
        return raw, ""
    unit = match.group(1)
    unit = "%" if unit.lower() == "prozent" else ("€" if unit.lower() in ("eur", "euro") else unit)
    return raw[: match.start()], unit


@lru_cache(maxsize=65536)
def looks_numeric(raw: str) -> bool:
    """A number in any of the accepted spellings (with or without a unit sign)."""
    text, _ = split_unit(raw.strip())
    text = _FOOTNOTE_MARK.sub("", text)
    return bool(_NUMBER.match(text))


def dot_is_decimal(samples: list[str]) -> bool:
    """True when the column writes decimals with a point ('4.0', '520.0', '54.3232694'), not German thousands."""
    dotted = [s for s in samples if "." in s and "," not in s]
    if not dotted:
        return False
    return any(_DOT_DECIMAL.match(split_unit(s.strip())[0].strip()) for s in dotted)


def parse_number(raw: str, *, dot_decimal: bool = False) -> float | None:
    """The number a cell shows, or None (missing marker, text). German by default: '1.234,5' → 1234.5."""
    text, _ = split_unit(raw.strip())
    text = _FOOTNOTE_MARK.sub("", text).strip()
    if not text or not _NUMBER.match(text):
        return None
    negative = text[0] in "-−–"
    text = text.lstrip("+-−–±")
    text = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "").replace("'", "")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        parts = text.split(",")
        if len(parts) > 2:  # '1,234,567': English grouping
            text = text.replace(",", "")
        else:
            text = text.replace(",", ".")
    elif "." in text and not dot_decimal:
        parts = text.split(".")
        if all(len(part) == 3 for part in parts[1:]):
            text = text.replace(".", "")  # German thousands '31.574'
        elif len(parts) > 2:
            return None
    try:
        value = float(text)
    except ValueError:
        return None
    return -value if negative else value


# --- units from headers ------------------------------------------------------------------------------------

_HEADER_UNITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"prozentpunkt|\bpp\b|%-punkt", re.IGNORECASE), "Prozentpunkte"),
    (re.compile(r"\(\s*(in\s+)?%\s*\)|\bin\s*%|(?<![\w])%(?![\w])|\bin\s+prozent\b|\(\s*prozent\s*\)", re.IGNORECASE), "%"),
    (re.compile(r"‰|\bje\s+1\.?000\b|\bpro\s+1\.?000\b", re.IGNORECASE), "je 1.000"),
    (re.compile(r"€|\beuro\b|\beur\b", re.IGNORECASE), "€"),
    (re.compile(r"km²|qkm", re.IGNORECASE), "km²"),
    (re.compile(r"\(\s*anzahl\s*\)|\banzahl\b", re.IGNORECASE), "Anzahl"),
    (re.compile(r"\babsolut\b|\babs\.", re.IGNORECASE), "Anzahl"),  # 'Veränderung: absolut' beside 'in %'
)
#: Unit markers removed from an indicator label ("Anteil unter 18 (%)" → "Anteil unter 18").
_UNIT_IN_LABEL = re.compile(
    r"\s*(\((in\s+)?(%|€|Anzahl|Prozent|Prozentpunkten|EUR|Euro|‰)\)|\bin\s+(%|€|Prozentpunkten|Prozent|Euro)(?!\w)|(?<![\w])%(?![\w]))\s*",
    re.IGNORECASE
)


def unit_of(label: str) -> str:
    """The unit a header names: '%', '€', 'je 1.000', 'km²', 'Anzahl' or ''."""
    for pattern, unit in _HEADER_UNITS:
        if pattern.search(label):
            return unit
    return ""


def strip_unit(label: str) -> str:
    """The label without its unit marker; the label itself when nothing else would remain."""
    stripped = " ".join(_UNIT_IN_LABEL.sub(" ", label).split()).strip(" :,-–")
    return stripped or label


def is_unit_only(text: str) -> bool:
    """A header cell that only names a unit ('%', 'in %', 'Anzahl', '€', 'Personen') — a unit row, not a label."""
    cleaned = text.strip().strip("()[]").strip().lower()
    return cleaned in {"%", "in %", "prozent", "anzahl", "€", "in €", "euro", "eur", "personen", "abs.", "absolut", "‰",
                       "je 1.000", "je 1000", "km²", "in tsd.", "tsd.", "1.000", "zahl", "n"}


def unit_of_unit_cell(text: str) -> str:
    """The unit a unit-row cell names: 'in %' → '%', 'absolut' → 'Anzahl' (an absolute change counts, it is no unit word)."""
    if text.strip().strip("()[]").strip().lower() in {"abs.", "absolut", "zahl", "n"}:
        return "Anzahl"
    return unit_of(text) or text


_SHORT_GROUPED = re.compile(r"^(\d{1,3})\.(\d{1,3})$")


def integral_column(samples: list[str]) -> bool:
    """A column of counts written as floats ('520.0', '3218.0', '8'): most values whole (a column of shares has few)."""
    numbers = [s.strip() for s in samples if s.strip()]
    whole = sum(1 for s in numbers if re.fullmatch(r"[+\-]?\d+(\.0+)?", s))
    return bool(numbers) and whole >= 0.6 * len(numbers) and any(s.endswith(".0") for s in numbers)


def grouped_count(raw: str) -> float | None:
    """'3.536' → 3536 and '1.37' → 1370 in a column of counts: German thousands whose trailing zeros a float export dropped."""
    match = _SHORT_GROUPED.match(raw.strip())
    if not match:
        return None
    return float(int(match.group(1)) * 1000 + int(match.group(2).ljust(3, "0")))
