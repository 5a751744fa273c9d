"""German number formats for figure answers: 32,8 % · 1.234 · 31.12.2023."""

from __future__ import annotations

import re


def format_number(value: float, decimals: int | None = None) -> str:
    """1234 → "1.234", 32.8 → "32,8"; `decimals` None keeps what the value needs (at most 2)."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else (1 if round(value, 1) == round(value, 2) else 2)
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def decimals_of(raw: str) -> int | None:
    """Decimal places as the table wrote the cell ("32,8" → 1, "1.234" → 0), None when unknown."""
    raw = (raw or "").strip()
    match = re.fullmatch(r"[-+]?[\d. \u00a0]*[,](\d+)\s*%?", raw)
    if match:
        return len(match.group(1))
    if re.fullmatch(r"[-+]?\d+\.0+", raw):  # "520.0": a machine export's float column of whole numbers (counts)
        return 0
    if re.fullmatch(r"[-+]?\d+\.(\d{1,2})\s*%?", raw):  # "4.5" or "4.0 %" written with a decimal point
        return len(raw.split(".")[1].rstrip("% "))
    if re.fullmatch(r"[-+]?[\d. \u00a0]+%?", raw):
        return 0
    return None


def format_value(value: float, unit: str = "", raw: str = "") -> str:
    """The value with its unit, written as the table wrote it: "46,9 %", "31.551"."""
    decimals = decimals_of(raw)
    if unit == "%" and decimals is None:
        decimals = 1
    text = format_number(value, decimals)
    if unit == "%":
        return f"{text} %"
    if unit and unit.lower() not in ("anzahl", "personen", "einwohner"):
        return f"{text} {unit}"
    return text


def format_delta(value: float, unit: str = "", decimals: int | None = None) -> str:
    """A change with its sign: "+2,4 Prozentpunkte", "−1.203"."""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    if decimals is None and unit == "%":
        decimals = 1
    text = format_number(abs(round(value, 6)), decimals)
    if unit == "%":
        return f"{sign}{text} Prozentpunkte"
    return f"{sign}{text}"


def format_period(period: str) -> str:
    """"2023-12-31" → "31.12.2023", "2023-12" → "12/2023", "2023-Q4" → "4. Quartal 2023"; a year stays a year."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", period or "")
    if match:
        return f"{match.group(3)}.{match.group(2)}.{match.group(1)}"
    month = re.fullmatch(r"(\d{4})-(\d{2})", period or "")
    if month:  # "2023-12" → "12/2023" (a Berichtsmonat)
        return f"{month.group(2)}/{month.group(1)}"
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", period or "")
    if quarter:
        return f"{quarter.group(2)}. Quartal {quarter.group(1)}"
    return period


def parse_number(text: str) -> float | None:
    """A number as a user writes it: "10", "10,5", "1.234", "20 000", "1.234,5"."""
    text = text.strip().replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[. ]\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "").replace(" ", "")
    text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None
