"""Periods and values written as a reader of German statistics expects them."""

from __future__ import annotations

from assistant.services.kennzahlen.numbers import format_period


def test_periods_are_written_as_dates_months_and_quarters():
    assert format_period("2023-12-31") == "31.12.2023"
    assert format_period("2023-12") == "12/2023"
    assert format_period("2023-Q4") == "4. Quartal 2023"
    assert format_period("2024") == "2024"
