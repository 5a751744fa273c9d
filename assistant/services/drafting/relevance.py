"""What belongs to a draft's topic: indicator groups of the Kennzahlen engine, not a hand list.

The request's own words are matched against the engine's synonym groups (assistant/resources/indicator_synonyms.yaml);
a request that names a figure ("Kinderarmut") is scoped to that figure's group. A request that names only a topic
("Alter und Pflege") takes the groups its topic phrases (aliases.yaml) name. An indicator label — from
FactStore.indicators() or a table in a text — belongs to the topic when its words hit one of those groups; a quoted
sentence when it contains one of the groups' phrases or of the topic's own phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.services.kennzahlen.indicators import SynonymGroups, default_synonyms, terms
from assistant.services.vocabulary import Vocabulary

#: The name of a body ("Ausschuss für Soziales, Integration und Demographie") lists its remit, not what a sentence is about.
_BODY_NAME = re.compile(r"\b(?:Ausschuss|Ausschusses|Beirat|Beirats|Arbeitskreis|Arbeitskreises|Fachbereich|Fachbereichs|Amt|Amtes|"
                        r"Dezernat|Dezernats)\s+für\s+(?:[A-ZÄÖÜ][\w-]*(?:,\s*|\s+und\s+|\s+|$))+")


@dataclass
class TopicScope:
    """The indicator groups and text phrases (stemmed term tuples) of one draft's topic."""

    groups: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    synonyms: SynonymGroups = field(repr=False, default_factory=SynonymGroups)
    #: Indicator labels of the engine's vocabulary that fall in the scope (for reports and the facts path).
    indicators: tuple[str, ...] = ()

    def has_indicator(self, label: str) -> bool:
        """Does the indicator label name a figure of the topic?"""
        return bool(self.synonyms.groups_in(terms(label)) & self.groups)

    def groups_of(self, label: str) -> frozenset[str]:
        """The scope's groups an indicator label names (one figure under different labels shares them)."""
        return frozenset(self.synonyms.groups_in(terms(label)) & self.groups)

    def has_text(self, text: str) -> bool:
        """Does a sentence speak about the topic (one of its phrases, as consecutive words)?"""
        joined = " " + " ".join(terms(_BODY_NAME.sub(" ", text))) + " "
        return any(" " + " ".join(p) + " " in joined for p in self.phrases)


def topic_scope(request: str, topics: list[str], vocab: Vocabulary, indicator_labels: Iterable[str] = (),
                synonyms: SynonymGroups | None = None) -> TopicScope:
    """The scope of a request like 'Abschnitt Kinderarmut in Haspe für den Sozialbericht 2025'."""
    synonyms = synonyms or default_synonyms()
    request_terms = " " + " ".join(terms(request)) + " "
    named = synonyms.groups_in(terms(request)) - synonyms.generic
    # A topic the request names by its own label ("Alter und Pflege", "Armut") spans all its groups;
    # a topic only inferred from a figure's name ("Kinderarmut" → armut) does not.
    spelled = [t for t in topics if " " + " ".join(terms(vocab.topic_labels.get(t, t))) + " " in request_terms]
    chosen = spelled if (spelled or named) else topics
    topic_words = [" ".join(p) for t in chosen for p in vocab.topics.get(t, [])] + [vocab.topic_labels.get(t, t) for t in chosen]
    groups = set(named)
    for word in topic_words:
        groups |= synonyms.groups_in(terms(word)) - synonyms.generic
    extra = [tuple(terms(w)) for w in topic_words]
    phrases = {p for p, owner in synonyms.phrases.items() if owner & groups}
    phrases |= {p for p in extra if p}
    scope = TopicScope(frozenset(groups), tuple(sorted(phrases)), synonyms)
    scope.indicators = tuple(sorted({label for label in indicator_labels if scope.has_indicator(label)}))
    return scope
