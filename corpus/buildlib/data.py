"""Access to the corpus source data: geography, indicators and placeholders.

All figures in the corpus come from src/data/indikatoren.csv; prose documents
refer to them with placeholders so that a text and its tables never disagree.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SRC = Path(__file__).resolve().parent.parent / "src"
DATA = SRC / "data"

TOPICS = {
    "armut": "Armut",
    "bildung": "Bildung",
    "alter-und-pflege": "Alter und Pflege",
    "gesundheit": "Gesundheit",
    "integration-migration": "Integration und Migration",
    "jugend": "Jugend",
    "schulden": "Schulden",
    "wohnen": "Wohnen",
    "sucht": "Sucht",
    "beschaeftigung": "Beschäftigung",
    "beteiligung": "Beteiligung",
    "sicherheit": "Sicherheit",
    "ehrenamt": "Ehrenamt",
    "organisation": "Organisation",
    "familie": "Familie",
    "kinder": "Kinder",
}

MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember"]


class BuildError(Exception):
    """A problem in the corpus sources that must stop the build."""


def fmt_int(value: float) -> str:
    """German thousands separator: 31163 -> '31.163'."""
    text = f"{round(value):,}".replace(",", ".")
    return text


def fmt_dec(value: float, digits: int = 1) -> str:
    """German decimal comma: 17.3 -> '17,3'."""
    return f"{value:.{digits}f}".replace(".", ",")


def fmt_signed(value: float, digits: int = 1) -> str:
    """Signed German number for changes: '+1,2', '-0,4', '±0,0'."""
    if round(value, digits) == 0:
        return "±" + fmt_dec(0, digits) if digits else "±0"
    sign = "+" if value > 0 else "-"
    body = fmt_dec(abs(value), digits) if digits else fmt_int(abs(value))
    return sign + body


def fmt_date(iso: str) -> str:
    """'2024-05-31' -> '31. Mai 2024'."""
    y, m, d = (int(p) for p in iso.split("-"))
    return f"{d}. {MONTHS[m - 1]} {y}"


@dataclass
class Raum:
    """A Sozialraum, Stadtbezirk or the city as a whole."""

    id: str
    name: str
    ebene: str  # "stadt", "bezirk" or "sozialraum"
    bezirk: str | None = None
    nummer: int | None = None
    flaeche_km2: float | None = None
    teile: list[str] = field(default_factory=list)
    varianten: list[str] = field(default_factory=list)


class Corpusdata:
    """Geography plus indicator table, loaded once per build."""

    def __init__(self, data_dir: Path = DATA):
        self.data_dir = data_dir
        geo = yaml.safe_load((data_dir / "geography.yaml").read_text(encoding="utf-8"))
        meta = yaml.safe_load((data_dir / "indikatoren_meta.yaml").read_text(encoding="utf-8"))
        self.meta: dict[str, dict] = meta["indikatoren"]
        self.raeume: dict[str, Raum] = {}
        stadt = geo["stadt"]
        self.raeume[stadt["id"]] = Raum(stadt["id"], stadt["name"], "stadt",
                                        flaeche_km2=stadt["flaeche_km2"])
        for b in geo["stadtbezirke"]:
            self.raeume[b["id"]] = Raum(b["id"], b["name"], "bezirk", nummer=b["nummer"],
                                        flaeche_km2=b["flaeche_km2"], teile=b["stadtteile"],
                                        varianten=b.get("varianten", []))
        for s in geo["sozialraeume"]:
            self.raeume[s["id"]] = Raum(s["id"], s["name"], "sozialraum", bezirk=s["bezirk"],
                                        teile=s.get("ortsteile", []),
                                        varianten=s.get("varianten", []))
        self.werte: dict[tuple[str, int, str], float] = {}
        with open(data_dir / "indikatoren.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                key = (row["raum"], int(row["jahr"]), row["indikator"])
                self.werte[key] = float(row["wert"])
        self.jahre = sorted({k[1] for k in self.werte})
        self._by_name = {r.name: r.id for r in self.raeume.values()}

    # --- geography -------------------------------------------------------
    @property
    def bezirke(self) -> list[Raum]:
        """Stadtbezirke in official order."""
        return sorted((r for r in self.raeume.values() if r.ebene == "bezirk"),
                      key=lambda r: r.nummer)

    def sozialraeume(self, bezirk: str | None = None) -> list[Raum]:
        """Sozialräume in file order, optionally of one Bezirk."""
        return [r for r in self.raeume.values()
                if r.ebene == "sozialraum" and (bezirk is None or r.bezirk == bezirk)]

    def raum(self, key: str) -> Raum:
        """Look up a Raum by id or canonical name."""
        key = key.strip()
        if key in self.raeume:
            return self.raeume[key]
        if key in self._by_name:
            return self.raeume[self._by_name[key]]
        raise KeyError(key)

    def bezirk_name(self, raum_id: str) -> str:
        """Canonical name of the Stadtbezirk a Raum belongs to."""
        r = self.raum(raum_id)
        return self.raeume[r.bezirk].name if r.ebene == "sozialraum" else r.name

    # --- indicators ------------------------------------------------------
    def wert(self, indikator: str, raum: str, jahr: int) -> float:
        """Raw value; KeyError if the combination is not in the CSV."""
        rid = self.raum(raum).id
        return self.werte[(rid, int(jahr), indikator)]

    def is_percent(self, indikator: str) -> bool:
        """Whether an indicator is a percentage (else a count)."""
        return self.meta[indikator]["einheit"] == "%"

    def fmt(self, indikator: str, raum: str, jahr: int, unit: bool = True) -> str:
        """German-formatted value: '17,3 %' or '31.163'."""
        v = self.wert(indikator, raum, jahr)
        if self.is_percent(indikator):
            return fmt_dec(v) + (" %" if unit else "")
        return fmt_int(v)

    def delta(self, indikator: str, raum: str, j1: int, j2: int) -> str:
        """Change between two years: '+1,2 Prozentpunkte' or '+1.234'."""
        d = self.wert(indikator, raum, j2) - self.wert(indikator, raum, j1)
        if self.is_percent(indikator):
            return fmt_signed(d) + " Prozentpunkte"
        return fmt_signed(d, 0)

    def rang(self, indikator: str, raum: str, jahr: int) -> int:
        """Rank of a Sozialraum among all Sozialräume (1 = highest value)."""
        vals = sorted(((self.wert(indikator, s.id, jahr), s.id) for s in self.sozialraeume()),
                      key=lambda t: (-t[0], t[1]))
        return [sid for _v, sid in vals].index(self.raum(raum).id) + 1


PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)


def resolve_placeholders(text: str, data: Corpusdata, source: str) -> str:
    """Replace every {{ ... }} in text; unknown keys stop the build."""

    def repl(m: re.Match) -> str:
        parts = [p.strip() for p in m.group(1).split("|")]
        try:
            return _resolve(parts, data)
        except (KeyError, ValueError, IndexError) as exc:
            raise BuildError(
                f"{source}: Platzhalter '{m.group(0)}' nicht auflösbar "
                f"(unbekannter Schlüssel: {exc})") from None

    return PLACEHOLDER.sub(repl, text)


def _resolve(parts: list[str], data: Corpusdata) -> str:
    """Interpret the fields of one placeholder (see corpus/README.md)."""
    head = parts[0]
    if head == "name" and len(parts) == 2:
        return data.raum(parts[1]).name
    if head == "bezirk" and len(parts) == 2:
        return data.bezirk_name(parts[1])
    if head == "veraenderung" and len(parts) == 5:
        _check_ind(parts[1], data)
        return data.delta(parts[1], parts[2], int(parts[3]), int(parts[4]))
    if head == "rang" and len(parts) == 4:
        _check_ind(parts[1], data)
        if data.raum(parts[2]).ebene != "sozialraum":
            raise KeyError(f"rang nur für Sozialräume: {parts[2]}")
        return str(data.rang(parts[1], parts[2], int(parts[3])))
    if len(parts) in (3, 4):
        _check_ind(head, data)
        data.raum(parts[1])
        unit = not (len(parts) == 4 and parts[3] == "zahl")
        if len(parts) == 4 and parts[3] != "zahl":
            raise KeyError(parts[3])
        try:
            return data.fmt(head, parts[1], int(parts[2]), unit=unit)
        except KeyError:
            raise KeyError(f"{head}/{parts[1]}/{parts[2]}") from None
    raise KeyError(" | ".join(parts))


def _check_ind(ind: str, data: Corpusdata) -> None:
    """Raise KeyError for unknown indicator ids."""
    if ind not in data.meta:
        raise KeyError(ind)
