"""The structured query a figure question becomes: resolved indicator keys, places, level, periods and operation.
It is run on the FactStore through FactQuery (parameterised); no user text ever reaches SQL."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.services.kennzahlen.bands import Band
from assistant.services.kennzahlen.intent import FigureIntent, Threshold
from assistant.services.kennzahlen.places import PlaceRef


@dataclass
class KennzahlPlan:
    """What to fetch and how to aggregate it."""

    intent: FigureIntent
    indicator_keys: list[str]
    indicator_label: str
    unit: str = ""
    band_keys: list[str] = field(default_factory=list)
    band: Band | None = None
    places: list[PlaceRef] = field(default_factory=list)
    level: str | None = None
    #: Asked places the tables name only as a parent column → their child places (for sums of counts).
    rollups: dict[str, set[str]] = field(default_factory=dict)
    #: The documents the question names ("laut Sozialbericht 2019"): values are read from them only (or, for "seit dem
    #: Sozialbericht 2019", the development starts at their figure). Empty: every document.
    doc_ids: frozenset[str] = frozenset()
    #: The places were not named: the city as a whole was assumed (said in the answer).
    assumed_city: bool = False
    #: The indicator keys are parts of a whole the tables hold no total of (IndicatorMatch.parts).
    parts: bool = False

    @property
    def op(self) -> str:
        return self.intent.op

    @property
    def threshold(self) -> Threshold | None:
        return self.intent.threshold

    @property
    def all_keys(self) -> list[str]:
        return list(dict.fromkeys([*self.indicator_keys, *self.band_keys]))
