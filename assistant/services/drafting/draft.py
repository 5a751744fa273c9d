"""DraftingService: section drafts, fact sheets, the onboarding overview and reading lists, all with sources.

Without a chat model a draft is German report prose from templates (report_prose.py), scoped to the request's
topic (relevance.py), every sentence with its footnote. With one, the model smooths the statements into prose;
the prose is kept only if every footnote survives and it adds no number
(prose.check_prose), otherwise the extractive draft is returned with a note.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from assistant.core.errors import ConfigurationError, InvalidInputError, LLMUnavailableError
from assistant.core.interfaces import ChatModel, FactStore
from assistant.core.types import QueryFilters
from assistant.services.drafting import onboarding as onb
from assistant.services.drafting import report_prose as rp
from assistant.services.drafting import sections as sec
from assistant.services.drafting.evidence import VOICE_KINDS, EvidenceCollector
from assistant.services.drafting.fact_figures import FactFigures
from assistant.services.drafting.factsheet import build_factsheet
from assistant.services.drafting.prose import build_messages, check_prose
from assistant.services.drafting.relevance import TopicScope, topic_scope
from assistant.services.drafting.types import ChartSpec, Draft, Section
from assistant.services.drafting.verify import VerificationReport, verify_draft
from assistant.services.retrieval import RetrievalService
from assistant.services.vocabulary import Place

log = logging.getLogger(__name__)

MAX_REQUEST_CHARS = 500
NOTE_PROSE_REJECTED = "Der Fließtext des Sprachmodells wurde verworfen ({why}); hier der belegte Entwurf."
NOTE_LLM_DOWN = "Das Sprachmodell ist nicht erreichbar; hier der belegte Entwurf ohne Fließtext."


class PlaceRequiredError(InvalidInputError):
    """A draft needs a Stadtbezirk or Sozialraum; the request named none (a stable code for clients)."""

    code = "place_required"
    message_de = "Bitte einen Stadtbezirk oder Sozialraum nennen (z. B. „… in Haspe“)."
    message_en = "Please name a Stadtbezirk or Sozialraum."


class UnknownPlaceError(InvalidInputError):
    """The named place is neither a Stadtbezirk nor a Sozialraum of the corpus."""

    code = "unknown_place"
    message_de = "Unbekannter Stadtbezirk oder Sozialraum."
    message_en = "Unknown Stadtbezirk or Sozialraum."


class DraftingService:
    """Builds drafts from sourced evidence.

    Args:
        retrieval: the RetrievalService (corpus snapshot, table rows, hybrid search).
        chat: optional ChatModel for prose; None means extractive drafts.
        chart_renderer: turns a ChartSpec into PNG bytes (adapters/chart_png.py); None means no chart.
        facts: the Kennzahlen fact store; its indicator vocabulary scopes a draft's topic (None: tables in texts only).
    """

    def __init__(self, retrieval: RetrievalService, chat: ChatModel | None = None,
                 chart_renderer: Callable[[ChartSpec], bytes] | None = None, facts: FactStore | None = None,
                 docx_renderer: Callable[[Draft], bytes] | None = None):
        self.evidence = EvidenceCollector(retrieval, FactFigures(facts) if facts is not None else None)
        self.facts = facts
        self.chat = chat
        self.chart_renderer = chart_renderer
        self.docx_renderer = docx_renderer

    def docx(self, draft: Draft) -> bytes:
        """The draft as a Word file (footnotes with the sources), for the API, the UI and `--out x.docx`."""
        if self.docx_renderer is None:
            raise ConfigurationError("docx", message_de="DOCX-Ausgabe ist in dieser Installation nicht eingerichtet.",
                                     message_en="DOCX output is not configured.")
        return self.docx_renderer(draft)

    # --- drafts -------------------------------------------------------------------------------------------

    def draft(self, request: str, *, place: str | None = None, max_confidentiality: str = "public", prose: bool = True) -> Draft:
        """A section draft for a request like 'Abschnitt Kinderarmut in Haspe für den Sozialbericht 2025'."""
        request = _check(request)
        filters = QueryFilters(max_confidentiality=max_confidentiality)
        analysis = self.evidence.analyze(request)
        where = self._place(place) if place else (analysis.places[0] if analysis.places else None)
        if where is None:
            raise PlaceRequiredError(request)
        vocab = self.evidence.snapshot().vocabulary
        topic_text = " ".join(vocab.topic_labels.get(t, t) for t in analysis.topics) or request
        scope = topic_scope(request, analysis.topics, vocab, self._indicator_labels(max_confidentiality))
        series = sec.select_series(self.evidence, where, filters, analysis.topics, set(analysis.terms), scope)
        matches = self.evidence.offers(where, filters, analysis.table_topics or analysis.topics)
        level = "Stadtbezirk" if where.level == "bezirk" else "Sozialraum"
        draft = Draft(title=request, subtitle=f"Entwurf für {level} {where.name} – aus den Dokumenten formuliert, jede Aussage mit Fußnote")
        quotes = self.evidence.quotes(f"{topic_text} {where.name}", filters, where, kinds=self._voice_kinds(), limit=12)
        quotes = [q for q in quotes if not scope.groups or scope.has_text(q.text)][:5]
        quoted = {q.text for q in quotes}
        development = rp.development(self.evidence, series, filters)

        def alike(figure, s) -> bool:  # the same figure of the topic under another label (another report's table)
            return bool(scope.groups) and scope.groups_of(figure.indicator) == scope.groups_of(s.indicator) != frozenset()

        self._chart(development, series, where)
        draft.sections = [
            rp.situation(self.evidence, where, series, filters, alike),
            development,
            rp.comparison(self.evidence, where, series, filters, alike=alike),
            rp.voices(quotes),
            rp.offers_summary(self.evidence, where, matches),
            sec.offers_list(self.evidence, matches),
            sec.open_points(self.evidence, where, topic_text, filters, quoted),
        ]
        _keep_in_scope(draft.sections[-1], scope)
        if prose and self.chat is not None:
            self._add_prose(draft, request)
        return draft

    def _add_prose(self, draft: Draft, purpose: str) -> None:
        assert self.chat is not None
        try:
            reply = self.chat.complete(build_messages(draft, purpose))
        except LLMUnavailableError as error:
            log.warning("LLM unavailable for draft: %s", error.detail)
            draft.notes.append(NOTE_LLM_DOWN)
            return
        check = check_prose(reply, draft)
        if check.ok:
            draft.prose, draft.mode = reply.strip(), "generative"
            return
        why = []
        if check.missing:
            why.append("fehlende Fußnoten " + ", ".join(f"[{n}]" for n in check.missing[:8]))
        if check.unknown:
            why.append("unbekannte Fußnoten " + ", ".join(f"[{n}]" for n in check.unknown[:8]))
        if check.new_numbers:
            why.append("nicht belegte Zahlen " + ", ".join(check.new_numbers[:8]))
        draft.notes.append(NOTE_PROSE_REJECTED.format(why="; ".join(why) or "leere Antwort"))

    def _indicator_labels(self, level: str) -> list[str]:
        """The engine's indicator vocabulary (FactStore.indicators()) plus the labels of tables in texts."""
        labels = [f.indicator for f in self.evidence.all_figures()]
        # all_figures() are the engine's facts when the store holds any; its vocabulary may hold more labels
        if self.facts is not None:
            labels += list(self.facts.indicators(level).values())
        return labels

    def _voice_kinds(self) -> tuple[str, ...]:
        kinds = self.evidence.snapshot().vocabulary.kinds
        return tuple(k for k in VOICE_KINDS if k in kinds) or VOICE_KINDS

    def _chart(self, section: Section, series: list, where) -> None:
        """A small line chart of the developments described in the section (same unit as the first series)."""
        if self.chart_renderer is None or not section.statements:
            return
        lines = [s for s in series if len(s.points) >= 2 and s.unit == series[0].unit][:3]
        if not lines:
            return
        spec = ChartSpec(f"Entwicklung in {where.name}", lines[0].unit,
                         [(s.indicator, [(y, f.number) for y, f in sorted(s.points.items()) if f.number is not None]) for s in lines])
        section.chart_png = self.chart_renderer(spec)
        names = ", ".join(s.indicator for s in lines)
        section.chart_caption = f"Abbildung: Entwicklung in {where.name} ({names}); Werte aus den zitierten Tabellen."

    # --- fact sheets, onboarding ----------------------------------------------------------------------------

    def steckbrief(self, place: str, *, max_confidentiality: str = "public") -> Draft:
        """One-page profile of a Stadtbezirk or Sozialraum."""
        filters = QueryFilters(max_confidentiality=max_confidentiality)
        return build_factsheet(self.evidence, self._place(place), filters, self.chart_renderer)

    def onboarding(self, *, max_confidentiality: str = "public") -> Draft:
        """Overview of the department for new colleagues, with suggested next questions."""
        return onb.overview(self.evidence, QueryFilters(max_confidentiality=max_confidentiality))

    def glossary(self, *, max_confidentiality: str = "public") -> Draft:
        section = Section("Glossar", statements=onb.glossary(self.evidence, QueryFilters(max_confidentiality=max_confidentiality)))
        if not section.statements:
            section.intro = "Es ist kein Glossar eingelesen."
        return Draft(title="Glossar der Sozialplanung", sections=[section])

    def reading_list(self, topic: str, *, max_confidentiality: str = "public") -> Draft:
        """'What should I read first about X': the best documents, each with the passage that makes it relevant."""
        topic = _check(topic)
        return onb.reading_draft(onb.reading_list(self.evidence, topic, QueryFilters(max_confidentiality=max_confidentiality)), topic)

    def next_questions(self, *, max_confidentiality: str = "public") -> list[str]:
        return onb.next_questions(self.evidence, QueryFilters(max_confidentiality=max_confidentiality))

    # --- checks -----------------------------------------------------------------------------------------------

    def verify(self, draft: Draft) -> VerificationReport:
        """Which statements stand in their cited sources (numbers, names, page/row)."""
        return verify_draft(draft, self.evidence.snapshot().chunks)

    def places(self) -> list[Place]:
        """Stadtbezirke and Sozialräume the corpus knows (for pickers in the UI)."""
        vocab = self.evidence.snapshot().vocabulary
        return sorted(vocab.places.values(), key=lambda p: (p.level != "bezirk", p.district, p.name))

    def _place(self, text: str) -> Place:
        place = self.evidence.place(_check(text))
        if place is None:
            raise UnknownPlaceError(message_de=f"„{text}“ ist kein bekannter Stadtbezirk oder Sozialraum.",
                                    message_en=f"'{text}' is no known Stadtbezirk or Sozialraum.")
        return place


def _keep_in_scope(section: Section, scope: TopicScope) -> None:
    """Quoted open points stay only when they speak about the topic; contradicting figures only for its indicators.

    A topic without indicator groups (Sicherheit) keeps what the cue search found: there is nothing to scope by.
    """
    if not scope.groups:
        return
    kept = []
    for s in section.statements:
        if s.kind == "contradiction" and s.anchors == []:
            kept += [s] if scope.has_indicator(s.text) else []
        elif scope.has_text(s.text):
            kept.append(s)
    section.statements = kept
    if not kept:
        section.intro = "Zum Thema wurden keine offenen Punkte oder Widersprüche gefunden."


def _check(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInputError("", message_de="Bitte einen Text eingeben.", message_en="Please enter a text.")
    if len(text) > MAX_REQUEST_CHARS:
        raise InvalidInputError(f"{len(text)} > {MAX_REQUEST_CHARS}", message_de="Die Eingabe ist zu lang",
                                message_en="The input is too long")
    return text
