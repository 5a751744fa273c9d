"""Checks that every statement of a draft stands in its cited sources: numbers, names and the cited page or row.

A number counts as sourced only if the text of a cited chunk contains it as written (same digits and
separators); labelled calculation results are listed in `Statement.derived` and exempt, their inputs not.
A `Calculation` (difference, rank) is re-done from its inputs, which must stand in the cited sources.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from assistant.core.types import Chunk
from assistant.services.drafting.types import Calculation, Draft, SourceRef, Statement, parse_number

_NUMBER = re.compile(r"(?<![\w])\d+(?:[.,]\d+)*")


def numbers_in(text: str) -> list[str]:
    """Numbers as written ('31.574', '19,6', '2024'); a trailing separator is not part of the number."""
    return [m.group(0) for m in _NUMBER.finditer(text)]


def contains_number(text: str, number: str) -> bool:
    """True when `number` occurs in `text` as a whole number (not a part of a longer one)."""
    return re.search(rf"(?<![\d])(?<![\d][.,]){re.escape(number)}(?![\d]|[.,]\d)", text) is not None


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class StatementCheck:
    statement: Statement
    ok: bool
    reasons: list[str] = field(default_factory=list)


@dataclass
class VerificationReport:
    """Per-statement results; `share` is the part of statements whose sources hold what they say."""

    checks: list[StatementCheck]

    @property
    def total(self) -> int:
        return len(self.checks)

    @property
    def verified(self) -> int:
        return sum(1 for c in self.checks if c.ok)

    @property
    def share(self) -> float:
        return self.verified / self.total if self.total else 1.0

    def failures(self) -> list[StatementCheck]:
        return [c for c in self.checks if not c.ok]


def source_text(ref: SourceRef, chunks: Mapping[str, Chunk]) -> tuple[str, list[str]]:
    """The cited text (all chunks of the ref) and problems with the citation itself (missing chunk, wrong page/row)."""
    problems, parts = [], []
    for chunk_id in ref.chunk_ids:
        chunk = chunks.get(chunk_id)
        if chunk is None or chunk.doc_id != ref.doc_id:
            problems.append(f"Passage {chunk_id} nicht in {ref.doc_id}")
            continue
        if ref.page is not None and chunk.page != ref.page:
            problems.append(f"{ref.doc_id}: Passage auf S. {chunk.page}, zitiert S. {ref.page}")
        if ref.rows and chunk.row not in ref.rows:
            problems.append(f"{ref.doc_id}: Zeile {chunk.row} nicht unter {ref.rows}")
        parts.append(f"{chunk.section}\n{chunk.text}")
    return "\n".join(parts), problems


def check_statement(statement: Statement, chunks: Mapping[str, Chunk]) -> StatementCheck:
    """Is every number and anchor of the statement in its cited chunks, at the cited page or row?"""
    if not statement.sources:
        return StatementCheck(statement, False, ["ohne Quelle"])
    reasons: list[str] = []
    texts = []
    for ref in statement.sources:
        text, problems = source_text(ref, chunks)
        reasons += problems
        texts.append(text)
    combined = "\n".join(texts)
    derived = set(statement.derived)
    for calc in statement.calcs:
        reasons += check_calculation(calc, combined)
        derived |= {calc.result, calc.of} - {""}
    for number in numbers_in(statement.text):
        if number not in derived and not contains_number(combined, number):
            reasons.append(f"Zahl {number} steht nicht in der Quelle")
    squashed = _squash(combined)
    for anchor in statement.anchors:
        if _squash(anchor) not in squashed:
            reasons.append(f"„{anchor[:60]}“ steht nicht in der Quelle")
    if (statement.derived or statement.calcs) and "berechn" not in statement.text.lower() and "gezählt" not in statement.text.lower():
        reasons.append("Berechnung nicht gekennzeichnet")
    return StatementCheck(statement, not reasons, reasons)


def _decimals(number: str) -> int:
    return len(number.split(",")[1]) if "," in number else 0


def check_calculation(calc: Calculation, cited: str) -> list[str]:
    """Problems with a labelled calculation: an input not in the cited text, or a result that does not follow."""
    problems = [f"Rechengröße {n} steht nicht in der Quelle" for n in calc.inputs if not contains_number(cited, n)]
    values = [parse_number(n) for n in calc.inputs]
    if any(v is None for v in values) or not values:
        return [*problems, f"Berechnung {calc.op} ohne lesbare Zahlen"]
    if calc.op == "diff" and len(values) == 2:
        decimals = max(_decimals(n) for n in calc.inputs)
        expected = f"{abs(values[1] - values[0]):,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".")
        if expected != calc.result:
            problems.append(f"Differenz {calc.result} ≠ {expected}")
    elif calc.op == "rank":
        expected_rank = 1 + sum(1 for v in values[1:] if v > values[0])
        if str(expected_rank) != calc.result or (calc.of and calc.of != str(len(values))):
            problems.append(f"Rang {calc.result} von {calc.of or '?'} ≠ {expected_rank} von {len(values)}")
    else:
        problems.append(f"unbekannte Berechnung {calc.op}")
    return problems


def verify_draft(draft: Draft, chunks: Mapping[str, Chunk]) -> VerificationReport:
    """Checks every statement and every cell of the figure table."""
    checks = [check_statement(s, chunks) for s in draft.statements()]
    if draft.table:
        for _, cells in draft.table.rows:
            for year, fig in cells.items():
                cell = Statement(text=f"{year}: {fig.value}", sources=[fig.source], kind="figure")
                checks.append(check_statement(cell, chunks))
    return VerificationReport(checks)
