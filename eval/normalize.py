"""Text normalisation shared by every metric, so "Bürger", "Buerger" and "BÜRGER" count as the same word
and "17,3" in an answer matches the fact 17.3 in the eval set."""

from __future__ import annotations

import re
import unicodedata

_UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
# 31.551 / 1.234.567 (German thousands) — not followed by a decimal comma part handled separately
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+)(?![\d.]|,\d)")
_THOUSANDS_WITH_DECIMAL = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+),(\d+)")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_NARROW_SPACES = re.compile(r"(?<=\d)[\u202f\u2009](?=\d{3}(?!\d))")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Casefold, fold umlauts and ß to their two-letter forms, drop other accents, unify dashes and spaces."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    for umlaut, plain in _UMLAUTS.items():
        text = text.replace(umlaut, plain)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    for dash in _DASHES:
        text = text.replace(dash, "-")
    return _SPACES.sub(" ", text).strip()


def canonical_numbers(text: str) -> str:
    """German number formats to one canonical form: '31.551' -> '31551', '17,3' -> '17.3', '1.234,5' -> '1234.5'."""
    text = _THOUSANDS_WITH_DECIMAL.sub(lambda m: m.group(1).replace(".", "") + "." + m.group(2), text)
    text = _THOUSANDS.sub(lambda m: m.group(1).replace(".", ""), text)
    return _DECIMAL_COMMA.sub(".", text)


def normalize(text: str) -> str:
    """Fold and canonicalise numbers: the form every comparison works on."""
    return canonical_numbers(fold(_NARROW_SPACES.sub("", str(text))))


def fact_text(fact) -> str:
    """A fact from the eval set (string, int or float) as normalised text; 17.30 -> '17.3', 5.0 -> '5'."""
    if isinstance(fact, bool):
        return str(fact).casefold()
    if isinstance(fact, int):
        return str(fact)
    if isinstance(fact, float):
        return f"{fact:.6f}".rstrip("0").rstrip(".")
    return normalize(str(fact))


_NUMERIC = re.compile(r"^-?\d+(?:\.\d+)?$")


def is_number(text: str) -> bool:
    return bool(_NUMERIC.match(text))


def contains(haystack_normalized: str, needle: str) -> bool:
    """True when the (already normalised) needle occurs in the normalised haystack.

    Numbers must stand alone (19.6 does not match 119.65 or 19.65); words may be followed by inflection
    ("Sozialraumteam" matches "Sozialraumteams") but must start at a word boundary.
    """
    if not needle:
        return False
    if is_number(needle):
        pattern = r"(?<![\d.])" + re.escape(needle) + r"(?!\.?\d)"
        if "." in needle:
            return re.search(pattern, haystack_normalized) is not None
        # an integer fact may also be written with a trailing decimal zero: "12" matches "12.0"
        return re.search(r"(?<![\d.])" + re.escape(needle) + r"(?:\.0+)?(?!\.?\d)", haystack_normalized) is not None
    start = r"(?<![0-9a-z])" if needle[0].isalnum() else ""
    return re.search(start + re.escape(needle), haystack_normalized) is not None
