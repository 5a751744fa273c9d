"""Periods as statistics offices write them: '2023_12_31', '31_12_2023', '31.12.2023', '2023-12-31', '2023', '12/2023',
'Dezember 2023', 'Dez. 2023', '4. Quartal 2023', 'Q4 2023', '31.12.23'.

A period is an ISO date or a year ("2024"). An impossible date ('2020_12_32') keeps its year and is reported.
"""

from __future__ import annotations

import datetime as dt
import re

_YMD = re.compile(r"^(\d{4})[_\-./](\d{1,2})[_\-./](\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[_\-./](\d{1,2})[_\-./](\d{4})$")
_MY = re.compile(r"^(\d{1,2})[_\-./](\d{4})$")
#: A German date with a two-digit year ('31.12.23'): dots only, so no decimal number reads as a date.
_DMY_SHORT = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_STATUS_MARK = re.compile(r"(?<=\d)\s?(?:[prsev]|\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹]+\)?)$"
                          # written out, also in brackets: "2023 (vorläufig)", "2022 geschätzt", "2021 (Schätzung)"
                          r"|(?<=\d)\s*\(?(?:vorl(?:ä|ae)ufig|vorl\.|gesch(?:ä|ae)tzt|sch(?:ä|ae)tzung|berichtigt|revidiert|"
                          r"vorl(?:ä|ae)ufige\s+werte|p|r|s|v)\)?$", re.IGNORECASE)  # a "(Prognose)" year stays unread
#: German month names as statistics offices write them ('Dezember 2023', 'Dez. 2023', 'Dez 23' is too ambiguous).
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "maer": 3, "apr": 4, "mai": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "okt": 10,
           "nov": 11, "dez": 12}
_MONTH_YEAR = re.compile(r"^([A-Za-zÄÖÜäöü]{3,9})\.?\s+(\d{4})$")
_QUARTER = re.compile(r"^(?:([1-4])\.\s*Quartal|Q([1-4]))\s+(\d{4})$|^(\d{4})\s*[-/ ]?\s*Q([1-4])$", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(r"^(\d{4})\s*/\s*(\d{2}|\d{4})$")
#: A year inside a longer label ("Einwohner 2024", "u18 % 2019", "Stand 31.12.2023").
_YEAR_IN_TEXT = re.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d.,]\d)")
_DATE_IN_TEXT = re.compile(
    r"(?<!\d)(\d{1,2}\.\d{1,2}\.(?:19|20)\d\d|(?:19|20)\d\d[-_]\d{1,2}[-_]\d{1,2}|\d{1,2}_\d{1,2}_(?:19|20)\d\d)(?!\d)"
)


_SINCE = re.compile(r"\b(seit|ab|bis|gegenüber|ggü\.?|vs\.?|zu|von|vor)\s*$", re.IGNORECASE)


_FULL_MONTHS = {"januar", "jaenner", "februar", "maerz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
                "dezember"}


def plausible_year(year: int) -> bool:
    return 1900 <= year <= 2100


def parse_period(raw: str) -> tuple[str | None, str | None]:
    """(period, warning): ('2023-12-31', None), ('2020', 'impossible date …'), (None, None) when it is no period."""
    text = _STATUS_MARK.sub("", raw.strip())  # "2023p" (vorläufig), "2022 r", "2021¹": the year with a status mark
    if not text:
        return None, None
    match = _YEAR.match(text)
    if match:
        return (text, None) if plausible_year(int(text)) else (None, None)
    match = _YMD.match(text)
    if match:
        return _date(int(match.group(1)), int(match.group(2)), int(match.group(3)), text)
    match = _DMY.match(text)
    if match:
        return _date(int(match.group(3)), int(match.group(2)), int(match.group(1)), text)
    match = _DMY_SHORT.match(text)
    if match and 1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(1)) <= 31:
        short = int(match.group(3))
        return _date(2000 + short if short < 70 else 1900 + short, int(match.group(2)), int(match.group(1)), text)
    match = _MY.match(text)
    if match and 1 <= int(match.group(1)) <= 12 and plausible_year(int(match.group(2))):
        return f"{match.group(2)}-{int(match.group(1)):02d}", None
    match = _MONTH_YEAR.match(text)
    if match and plausible_year(int(match.group(2))):
        name = match.group(1).lower().replace("ä", "ae")
        month = next((number for prefix, number in _MONTHS.items() if name.startswith(prefix)), None)
        if month and (len(name) <= 4 or name in _FULL_MONTHS):
            return f"{match.group(2)}-{month:02d}", None
    match = _QUARTER.match(text)
    if match:
        quarter = match.group(1) or match.group(2) or match.group(5)
        year = match.group(3) or match.group(4)
        if plausible_year(int(year)):
            return f"{year}-Q{quarter}", None
    match = _SCHOOL_YEAR.match(text)
    if match and plausible_year(int(match.group(1))):
        return f"{match.group(1)}/{match.group(2)[-2:]}", None
    return None, None


def _date(year: int, month: int, day: int, raw: str) -> tuple[str | None, str | None]:
    if not plausible_year(year):
        return None, None
    try:
        return dt.date(year, month, day).isoformat(), None
    except ValueError:
        return str(year), f"unmögliches Datum „{raw}“ (nur das Jahr {year} übernommen)"


def year_in(text: str) -> tuple[str, str] | None:
    """(period, text without it) for a label holding one date or year ('Einwohner 2024' → ('2024', 'Einwohner'))."""
    date = _DATE_IN_TEXT.search(text)
    if date:
        period, _ = parse_period(date.group(1))
        if period:
            return period, _remove(text, date.start(), date.end())
    years = _YEAR_IN_TEXT.findall(text)
    if len(years) == 1:
        match = _YEAR_IN_TEXT.search(text)
        assert match is not None
        if _SINCE.search(text[: match.start()]):
            return None  # 'Veränderung seit 2019' names a change, not a period
        return years[0], _remove(text, match.start(), match.end())
    return None


_MONTH_IN_TEXT = re.compile(r"(?<![\wÄÖÜäöü])([A-Za-zÄÖÜäöü]{3,9}\.?\s+(?:19|20)\d\d)(?!\d)")
#: Title lines that date the file or its territory, not the figures ('Erstellungsdatum: 03.07.2024', 'Gebietsstand: …').
_NOT_THE_PERIOD = re.compile(r"^\s*(erstellungsdatum|erstellt|abrufdatum|abgerufen|druckdatum|gedruckt|gebietsstand|"
                             r"veröffentlicht|ver\u00f6ffentlichung|aktualisiert)\b", re.IGNORECASE)


def period_of_title(text: str) -> str | None:
    """The period a title or 'Berichtsmonat' line names: a month ('Berichtsmonat: Juni 2024' → '2024-06') before a year;
    None for lines that date the file or territory ('Erstellungsdatum: …', 'Gebietsstand: …')."""
    if _NOT_THE_PERIOD.match(text):
        return None
    for match in _MONTH_IN_TEXT.finditer(text):
        if re.search(r"\d\.\s*$", text[: match.start()]):
            continue  # '1. März 2023' is a Stichtag: its year is the period, as for other dates in titles
        period, _ = parse_period(match.group(1))
        if period:
            return period
    found = year_in(text)
    return found[0] if found else None


#: Words left dangling where a date was cut from a label ("Bevölkerung am 31.12.2022" → "Bevölkerung").
_DANGLING = re.compile(r"\s+(?:am|zum|vom|per|stand|stand am|stichtag|jahr|im jahr|ende|jahresende)\s*$", re.IGNORECASE)


def _remove(text: str, start: int, end: int) -> str:
    rest = (_DANGLING.sub("", text[:start]) + " " + text[end:]).replace("()", " ")
    return " ".join(rest.split()).strip(" :,-–(")


def is_period_label(text: str) -> bool:
    """A header cell that is nothing but a period ('2024', '31.12.2023')."""
    period, _ = parse_period(text)
    return period is not None
