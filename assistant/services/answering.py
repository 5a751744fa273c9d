"""The answering service: complete table answers, cited extractive answers, optional checked LLM prose.

Order of decisions for a question:
1. A list question ("welche Partner … in Haspe") with criteria that table rows can be filtered by is
   answered from ALL matching rows (services/tables.py) — in both modes: completeness beats prose.
2. Otherwise the retrieved evidence is judged: if the best dense similarity is below the calibrated
   threshold and the best passage covers too little of the question's (idf-weighted) terms, the answer
   is "Dazu finde ich in den Dokumenten nichts." with the nearest documents as hints.
3. Without a chat model (default) the extractive composer quotes the answering sentences; with one,
   the model writes prose from numbered evidence and the reply is checked (services/generative.py).
   If the model is unreachable, or its reply cites nothing, the extractive answer is given with a note.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterator, Sequence

from assistant.core.errors import InvalidInputError, LLMUnavailableError
from assistant.core.interfaces import ChatModel
from assistant.core.settings import AnsweringSettings, RetrievalSettings, Settings
from assistant.core.types import Answer, Passage, QueryFilters, StreamEvent, Turn
from assistant.core.validation import MAX_QUESTION_CHARS
from assistant.services.answer_type import (
    KIND_LABELS,
    asked_holder,
    counts_asked_thing,
    missing_kind,
    narrowed_group_missing,
    passage_holds,
    rhythm_with_the_verb,
    states_price,
)
from assistant.services.compose_lists import asks_for_rows, combine, compose_list
from assistant.services.compose_parts import question_parts, refers_back
from assistant.services.constraints import (
    Check,
    Constraint,
    asked_constraints,
    focus_terms,
    missing_institution,
    nearest_label,
    refusal_text,
    unknown_area,
    writes_whole_focus,
    year_unstated,
)
from assistant.services.constraints import check as check_constraints
from assistant.services.contrast import contrast_answer, contrasted_terms
from assistant.services.extractive import (
    REFUSAL_TEXT,
    citation_for,
    compose_extractive,
    figures,
    key_support,
    missing_years,
    multi_part,
    nearest_documents,
)
from assistant.services.findings import findings_overview
from assistant.services.follow_up import FollowUpResolver, Resolution
from assistant.services.generative import build_messages, check_reply
from assistant.services.kennzahlen.band_gap import states_band
from assistant.services.kennzahlen.intent import parse_intent
from assistant.services.kennzahlen.routing import figure_answer
from assistant.services.kennzahlen.sex_gap import states_sex_figure
from assistant.services.named_entities import asked_names, hyphenated_words
from assistant.services.paragraph_content import headed_section, paragraph_content
from assistant.services.place_compounds import unknown_compounds
from assistant.services.question_types import asked_event
from assistant.services.retrieval import RetrievalResult, RetrievalService
from assistant.services.tables import compose_table_answer
from assistant.text import fold
from assistant.text.sentences import split_sentences

log = logging.getLogger(__name__)

#: Unmet constraints and lacking kinds for which the answer looks below the top passages (a specific section).
WIDENED = frozenset({"paragraph", "phone", "email", "hours", "clock", "frequency", "focus", "money", "number"})
#: Lacking kinds whose widened passage must count the asked thing itself ("36 Personen"): any row holds some number.
WIDENED_COUNTED = frozenset({"number"})
#: The lacking kinds a widened search ranks up the passages holding (answer_type.passage_holds names them so).
HELD_KINDS = {"frequency": "frequency", "money": "amount", "number": "count"}
#: A later part of a question naming fewer key words than this is searched together with the first part.
PART_MIN_KEYS = 2
#: Unmet constraints that a question asking several things may meet part by part (each part's year in its own sources).
PART_JUDGED = frozenset({"year", "focus"})
#: Passages of each part's own search that answer a multi-part question judged part by part.
PART_ALONE_PASSAGES = 3
#: Passages a refusal looks at to name an asked year the documents lack.
SUPPORT_HINTS = 5


NOTE_LLM_DOWN = "Das Sprachmodell ist nicht erreichbar; die Antwort ist aus den Dokumenten zusammengestellt."
NOTE_LLM_UNSUPPORTED = "Die Antwort des Sprachmodells enthielt keine gültigen Belege; stattdessen die belegten Textstellen."
NOTE_REMOVED = "Nicht vorhandene Belegnummern wurden aus der Antwort entfernt: {numbers}."
NOTE_UNSUPPORTED = "Sätze mit „(ohne Beleg)“ sind durch keinen Beleg gestützt."


class AnsweringService:
    """Answers questions with citations.

    Args:
        retrieval: the RetrievalService (hybrid search, corpus snapshot, table rows).
        chat: an optional ChatModel; None means extractive answers only.
        settings: the full Settings (uses .retrieval and .answering), or RetrievalSettings; default: the retrieval service's.
        answering: the tuned constants of the answer step (default: settings.answering, else their calibrated defaults).
    """

    def __init__(
        self,
        retrieval: RetrievalService,
        chat: ChatModel | None = None,
        settings: Settings | RetrievalSettings | None = None,
        answering: AnsweringSettings | None = None,
        kennzahlen=None,
    ):
        self.retrieval = retrieval
        self.chat = chat
        #: Optional KennzahlenService: figure questions are answered from the fact store first (both modes).
        self.kennzahlen = kennzahlen
        if isinstance(settings, Settings):
            answering = answering or settings.answering
            settings = settings.retrieval
        self.settings: RetrievalSettings = settings or retrieval.settings
        self.params: AnsweringSettings = answering or AnsweringSettings()

    # --- public ---------------------------------------------------------------------------------------------

    def ask(self, question: str, filters: QueryFilters | None = None, history: Sequence[Turn] | None = None) -> Answer:
        """The answer to a question (never raises for 'no answer': that is Answer.refused).

        With `history` (earlier turns of the conversation) a follow-up is resolved first and the resolved question is
        answered; `Answer.understood_as` says how it was understood, `Answer.question` stays what was typed.
        """
        typed = self._check(question)
        resolution = self.understand(typed, history)
        return _understood(self._ask(resolution.question, filters), typed, resolution)

    def ask_stream(
        self, question: str, filters: QueryFilters | None = None, history: Sequence[Turn] | None = None
    ) -> Iterator[StreamEvent]:
        """Text deltas as they come, then one final event with the checked Answer (replace the deltas with it)."""
        typed = self._check(question)
        resolution = self.understand(typed, history)
        for event in self._ask_stream(resolution.question, filters):
            if event.answer is not None:
                _understood(event.answer, typed, resolution)
            yield event

    def understand(self, question: str, history: Sequence[Turn] | None = None) -> Resolution:
        """The question resolved against the conversation (see services/follow_up.py); unchanged without history."""
        if not history:
            return Resolution(question)
        snapshot = self.retrieval.snapshot()
        try:
            return FollowUpResolver(snapshot.understanding.analyze, snapshot.vocabulary).resolve(question, history)
        except Exception:  # a flaw in resolving must not cost the answer: the question is then taken as typed
            log.exception("follow-up resolution failed")
            return Resolution(question)

    # --- steps ----------------------------------------------------------------------------------------------

    def _ask(self, question: str, filters: QueryFilters | None) -> Answer:
        terms = contrasted_terms(question)
        if terms is not None and not self._plans_figure(question, filters):
            # "Unterschied zwischen Sozialraum und Stadtbezirk": each term's own explanation (but "Um wie viel
            # unterscheidet sich die Kinderarmut in Haspe und Hohenlimburg?" compares two places' figures)
            contrasted = contrast_answer(question, terms, lambda part: self._ask(part, filters))
            if contrasted is not None:
                return contrasted
        result = self.retrieval.retrieve(question, filters)
        decided = self._decide(question, result, filters)
        if decided is not None:
            return decided
        if self.chat is None:
            return self._extractive(question, result, filters)
        return self._generative(question, result)

    def _ask_stream(self, question: str, filters: QueryFilters | None) -> Iterator[StreamEvent]:
        result = self.retrieval.retrieve(question, filters)
        answer = self._decide(question, result, filters)
        if answer is None and self.chat is not None:
            messages = build_messages(question, result.passages)
            pieces: list[str] = []
            try:
                for delta in self.chat.stream(messages):
                    pieces.append(delta)
                    yield StreamEvent(kind="delta", text=delta)
                answer = self._checked(question, result, "".join(pieces))
            except LLMUnavailableError as error:
                log.warning("LLM unavailable while streaming: %s", error.detail)
                answer = self._fallback(question, result, NOTE_LLM_DOWN)
        if answer is None:
            answer = self._extractive(question, result, filters)
            for line in answer.text.splitlines(keepends=True):
                yield StreamEvent(kind="delta", text=line)
        yield StreamEvent(kind="final", text=answer.text, answer=answer)

    @staticmethod
    def _check(question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise InvalidInputError("", message_de="Bitte eine Frage eingeben.", message_en="Please enter a question.")
        if len(question) > MAX_QUESTION_CHARS:
            raise InvalidInputError(
                f"{len(question)} > {MAX_QUESTION_CHARS}", message_de="Die Frage ist zu lang", message_en="The question is too long"
            )
        return question

    def _plans_figure(self, question: str, filters: QueryFilters | None) -> bool:
        """True when the figure engine reads the question as a figure question (a comparison of places' values)."""
        if self.kennzahlen is None:
            return False
        return self.kennzahlen.plan(question, filters, self.retrieval.snapshot().vocabulary) is not None

    def _figure_words(self, question: str, filters: QueryFilters | None) -> frozenset[str]:
        """The folded words of the indicator the figure engine reads the question as asking ("alleinerziehende")."""
        if self.kennzahlen is None:
            return frozenset()
        plan = self.kennzahlen.plan(question, filters, self.retrieval.snapshot().vocabulary)
        return frozenset(fold(w) for w in re.findall(r"\w+", plan.indicator_label)) if plan is not None else frozenset()

    def _unknown_compound(self, result: RetrievalResult, filters: QueryFilters | None) -> str:
        """The refusal for a hyphenated place name that neither the tables nor the texts write ("Kiel-Mitte", "Hagen-Süd"),
        else "": a figure of its known part ("Kiel", "Hagen") is no answer for it. Known parts are the tables' areas and
        the vocabulary's places."""
        question, places = result.analysis.question, result.snapshot.vocabulary.place_keys
        names = unknown_compounds(question, places.__contains__, places.__contains__)
        if self.kennzahlen is not None:
            names += self.kennzahlen.unknown_compounds(question, filters, result.snapshot.vocabulary)
        written = hyphenated_words(result.snapshot)
        unknown = [name for name in names if fold(name) not in written]
        return refusal_text(Constraint("named", unknown[0])) if unknown else ""

    def _decide(self, question: str, result: RetrievalResult, filters: QueryFilters | None) -> Answer | None:
        """A table answer or a refusal when one applies; None means: compose from the passages."""
        p = self.params
        absent = missing_institution(result.analysis, result.snapshot, p.name_max_doc_freq, p.named_head_min_names,
                                     lambda: self._figure_words(result.analysis.question or question, filters))
        absent = absent or unknown_area(result.analysis, result.snapshot) or self._unknown_compound(result, filters)
        if absent:  # "Begegnungsstätte Boele": no figure of the Sozialraum Boele/Kabel answers for it
            return self.refusal(question, result, absent)
        # the figure engine reads the question in the corpus's words ("anteil zuwanderer" → "… zuwanderungsgeschichte")
        figure = figure_answer(self.kennzahlen, result.analysis.question or question, result, filters)
        cited = [f"{c.title}\n{c.section}\n{c.quote}" for c in figure.citations] if figure is not None else []
        if figure is not None and not figure.refused and not narrowed_group_missing(result.analysis, cited, result.snapshot):
            return figure
        if figure is not None and not figure.refused:
            figure = None  # a figure on everyone is no answer for the asked group; the text checks decide
        # The tables lack the asked year or place: a text passage may still state it (checked below); else the
        # engine's refusal, which names what the tables do hold, is the more precise one.
        analysis, snapshot = result.analysis, result.snapshot
        headed = headed_section(question, analysis.key_terms, result.passages, snapshot) is not None
        if analysis.intent == "list" and analysis.has_row_criteria and asks_for_rows(analysis) and not headed:
            matches = snapshot.tables.match(analysis, snapshot.vocabulary, filters)
            if matches:
                answer = compose_table_answer(question, analysis, matches, snapshot.vocabulary)
                answer.passages = result.passages
                return answer
        checked, gap = self._judged(result, result.passages)
        if (checked.unmet in WIDENED or gap in WIDENED) and len(result.candidates) > len(result.passages):
            # the one section that states it may rank below the top ("§ 9 Dokumentation", "2 Öffnungszeiten"): look
            # further down, but only a single passage that meets everything on its own counts
            wider, wider_gap = self._judged(result, self._widened(result, HELD_KINDS.get(gap or "")))
            alone = [w for w in wider.passages if self._answers_alone(result, w)] if not wider.refusal and wider_gap is None else []
            if gap in WIDENED_COUNTED:  # only the passages that count the asked thing are its answer
                alone = [w for w in alone if counts_asked_thing(analysis, snapshot, w)]
                wider = dataclasses.replace(wider, passages=alone)
            if gap == "money":  # only the passages that name the asked thing's price are its answer, in a sentence
                alone = [w for w in alone if states_price(analysis, snapshot, w)] or alone  # not a budget line
                wider = dataclasses.replace(wider, passages=alone)
            if gap == "frequency":  # "Sie tagen etwa vierteljährlich" before "Zweimal im Jahr findet eine Sitzung statt"
                alone = [w for w in alone if rhythm_with_the_verb(analysis, w, snapshot)] or alone
                wider = dataclasses.replace(wider, passages=alone)  # only passages that give the thing's rhythm
            if checked.unmet == "focus":  # far down the ranking, a passage must write all that is asked of the place
                alone = [w for w in alone if self._whole_focus(result, w)]
                wider = dataclasses.replace(wider, passages=alone)
            if alone:
                checked, gap = wider, None
        if checked.refusal and checked.unmet in PART_JUDGED and multi_part(analysis.question):
            parted = self._parts_answered(result, filters)
            if parted:  # each part's year or focus is stated in its own sources: answered part by part
                result.passages = parted
                return None
        if checked.refusal:
            return figure or self.refusal(question, result, checked.refusal, checked.cited, checked.quote)
        if gap is not None:
            named = [t.label for t in asked_names(result.analysis.question, result.snapshot, p.name_max_doc_freq, 1)]
            holder = asked_holder(result.analysis, result.snapshot) if gap in ("number", "money") else ""
            named = [holder] if holder else named  # "Für „Tagespflege der AWO in Haspe“ nennen die Dokumente keine Zahl."
            return figure or self.refusal(question, result, kind_refusal(gap, named or checked.labels, result.analysis.question))
        if figure is not None and figure.refused and not self._states_asked_band(result, checked.passages, filters):
            return figure  # "Kinder unter 6": no table holds that age range, and no passage states it
        if figure is not None and figure.refused and _rows_read(figure, checked.passages[: self.params.support_passages]):
            return figure  # the text has only the rows the engine read ("Wert: –" for 2022): it knows no more
        if figure is not None and figure.refused and not _states_year_figure(question, checked.passages, figure):
            # "Kinderarmut 2025": a report dated 2025 that states no figure of 2025 knows no more either; any passage the
            # answer may cite counts ("… sind es 2030 rund 16.537" in a report's summary, below its tables)
            return figure
        result.passages = checked.passages  # passages that miss an asked name, place or role are never cited
        return None

    def _states_asked_band(self, result: RetrievalResult, passages: list[Passage], filters: QueryFilters | None) -> bool:
        """True unless the question asks an age range, or one sex, that none of the passages the answer would cite
        gives (a sex: with a figure for the asked place)."""
        question = result.analysis.question or ""
        band = parse_intent(question).age_band
        top = passages[: self.params.support_passages]
        if band is not None and not any(states_band(p.chunk.text, band) for p in top):
            return False
        if self.kennzahlen is None:
            return True
        catalog = self.kennzahlen.catalog(filters, result.snapshot.vocabulary)  # the cached one of this access level
        return any(states_sex_figure(p.chunk.text, question, catalog) for p in top) if top else True

    def _judged(self, result: RetrievalResult, passages: list[Passage]) -> tuple[Check, str | None]:
        """The constraint check of these passages and the evidence gap of the ones it keeps."""
        p = self.params
        checked = check_constraints(
            result.analysis, passages, result.snapshot, p.name_max_doc_freq, p.named_head_min_names, p.focus_support_min
        )
        return checked, (None if checked.refusal else self.evidence_gap(result, checked.passages))

    def _whole_focus(self, result: RetrievalResult, passage: Passage) -> bool:
        """True when the passage writes every term the question asks about its place or name ("Jugendbefragung" of
        "Wie viele Jugendliche aus Eckesey-Nord haben bei der Jugendbefragung mitgemacht?", not only "Jugend")."""
        analysis, snapshot = result.analysis, result.snapshot
        constraints = asked_constraints(analysis, snapshot, self.params.name_max_doc_freq, self.params.named_head_min_names)
        focus = {t: parts for t, parts in focus_terms(analysis, constraints, snapshot).items() if t in analysis.key_terms}
        return writes_whole_focus(focus, passage, snapshot)

    def _answers_alone(self, result: RetrievalResult, passage: Passage) -> bool:
        """True when this one passage meets every constraint and holds the asked kind of answer by itself."""
        checked, gap = self._judged(result, [passage])
        return not checked.refusal and gap is None

    def _widened(self, result: RetrievalResult, kind: str | None = None) -> list[Passage]:
        """All fused candidates (already filtered for the caller), those covering the question's key terms best first
        and among them those holding the missing kind of answer (a rhythm), as many as the answer would otherwise see."""
        analysis, snapshot = result.analysis, result.snapshot
        ranked = sorted(result.candidates, key=lambda c: (-key_support(analysis, [c], snapshot),
                                                          not (kind and passage_holds(kind, c))))
        constrained = check_constraints(
            analysis, ranked, snapshot, self.params.name_max_doc_freq, self.params.named_head_min_names
        ).passages
        return constrained[: max(len(result.passages), self.params.support_passages)]

    def has_evidence(self, result: RetrievalResult, passages: list[Passage] | None = None) -> bool:
        """The calibrated refusal rule: similar text is not enough, the key terms must be there (see evidence_gap)."""
        return self.evidence_gap(result, passages) is None

    def evidence_gap(self, result: RetrievalResult, passages: list[Passage] | None = None) -> str | None:
        """None when the evidence answers; else "" or the kind of answer it lacks ("phone", "number", …).

        Judged on `passages` — the ones the answer may cite (those meeting the question's constraints; default: all
        retrieved): the best sentence must cover at least `key_support_min` of the question's key terms (idf-weighted),
        unless the dense match is at least `dense_strong`; an asked year that no top passage mentions means the
        documents do not cover that time; the asked kind of answer must be there. Below settings.min_dense_score nothing
        counts as evidence (all calibrated on the dev split)."""
        candidates = result.passages if passages is None else passages
        if not candidates:
            return ""
        dense = result.best_dense if result.best_dense is not None else 0.0
        if dense < self.settings.min_dense_score:
            return ""
        p = self.params
        top = candidates[: p.support_passages]
        if missing_years(result.analysis, top, result.snapshot):
            return ""
        kind = missing_kind(result.analysis, top, result.snapshot, p)
        if kind:
            return kind
        return None if dense >= p.dense_strong or key_support(result.analysis, top, result.snapshot) >= p.key_support_min else ""

    @staticmethod
    def refusal(question: str, result: RetrievalResult, text: str = "", cited: list[Passage] | None = None, quote: str = "") -> Answer:
        """'Dazu finde ich in den Dokumenten nichts.' (or the text naming what is missing: a place, a year) with the
        nearest documents as hints; `cited` passages explain the refusal ("… ist für 2026 geplant [1]")."""
        if not text:
            years = missing_years(result.analysis, result.passages[:SUPPORT_HINTS], result.snapshot)
            text = f"Für {', '.join(years)} enthalten die Dokumente keine Angaben." if years else REFUSAL_TEXT
        hints = nearest_documents(result.passages)
        notes = ["Vielleicht hilfreich: " + "; ".join(f"„{t}“" for t in hints)] if hints else []
        citations = [citation_for(n, p, quote or p.chunk.text) for n, p in enumerate(cited or [], 1)]
        return Answer(question=question, text=text, refused=True, notes=notes, passages=result.passages, citations=citations)

    def _extractive(self, question: str, result: RetrievalResult, filters: QueryFilters | None = None) -> Answer:
        overview = findings_overview(result.analysis, result.passages, result.snapshot, question)
        if overview is not None:
            return overview  # "Was hat die Befragung ergeben?": the report's own summary, not its title page
        content = paragraph_content(question, result.passages, result.snapshot)
        if content is not None:
            return content  # "Was regelt § 22?": the section headed by that §, from its beginning
        content = headed_section(question, result.analysis.key_terms, result.passages, result.snapshot)
        if content is not None:
            return content  # "Welche Aufgaben hat die Geschäftsführung …": the section "§ 5 Geschäftsführung"
        listed = compose_list(question, result.analysis, result.passages, result.snapshot)
        if listed is not None and not multi_part(question):
            return listed  # members, tasks or kinds the documents list: the whole list
        passages = self._part_evidence(result, filters) if multi_part(question) else result.passages
        answer = compose_extractive(question, result.analysis, passages, result.snapshot, self.params)
        unstated = year_unstated(answer, result.analysis)
        if unstated:  # every cited figure is dated to another year than the asked one
            return self.refusal(question, result, unstated)
        answer = nearest_label(answer, result.analysis)
        if listed is not None:
            answer = combine(answer, listed)
        if answer.refused:
            return self.refusal(question, result)
        return answer

    def _part_evidence(self, result: RetrievalResult, filters: QueryFilters | None) -> list[Passage]:
        """The passages for a question that asks two things, with those that answer each part on its own appended.

        One search for "Wie viele Haushalte versorgt die Tafel, und wie viele Ehrenamtliche fühlen sich überlastet?"
        finds the first part's document; the second part is searched by itself (with the first part when it names
        too little to be searched alone or points back to it: "… und was ist daraus geworden?", "… nahmen daran teil?"),
        and with first_part_passages the first part too (the later parts' words can drown it). Its passages count only when they pass the
        same constraint and evidence checks as any answer's; they rank below the question's own passages."""
        parts = question_parts(result.analysis.question)
        passages = list(result.passages)
        if len(parts) < 2 or not passages:
            return passages
        seen = {p.chunk.chunk_id for p in passages}
        floor = min(p.score for p in passages)
        keys = {t for t in result.analysis.key_terms if not t.isdigit()}
        for index, part in enumerate(parts):
            named = keys & set(result.snapshot.analyzer.terms(part))
            take = self.params.part_passages if index else self.params.first_part_passages
            if take <= 0 or (index == 0 and len(named) < PART_MIN_KEYS):
                continue  # the first part is searched alone only when it names enough to be searched alone
            checked, gap = self._judged_part(parts, index, len(named) >= PART_MIN_KEYS, filters)
            if checked.refusal or gap is not None:
                continue
            for passage in checked.passages[:take]:
                if passage.chunk.chunk_id not in seen:
                    seen.add(passage.chunk.chunk_id)
                    passages.append(dataclasses.replace(passage, score=min(passage.score, floor)))
        return passages

    def _judged_part(self, parts: list[str], index: int, names_enough: bool, filters: QueryFilters | None) -> tuple[Check, str | None]:
        """One part searched (with the first part when it names too little or points back to it) and judged by what this
        part asks: the first part's "Stadtteilkonferenz" need not be named where "… wie viele Mängel wurden dabei …"."""
        part = parts[index]
        alone = names_enough and (index == 0 or not refers_back(part))
        sub = self.retrieval.retrieve(part if alone else f"{parts[0]}, {part}", filters)
        if not alone:
            sub = dataclasses.replace(sub, analysis=sub.snapshot.understanding.analyze(part))
        return self._judged(sub, sub.passages)

    def _parts_answered(self, result: RetrievalResult, filters: QueryFilters | None) -> list[Passage]:
        """For a multi-part question the whole of which no passage set meets ("… Tafel-Kunden 2022 …, und wen … seit
        Oktober 2023 …?"): each part's checked passages when every part is met by its own; [] when one part is not."""
        parts = question_parts(result.analysis.question)
        if len(parts) < 2:
            return []
        keys = {t for t in result.analysis.key_terms if not t.isdigit()}
        found: dict[str, Passage] = {}
        for index, part in enumerate(parts):
            names_enough = len(keys & set(result.snapshot.analyzer.terms(part))) >= PART_MIN_KEYS
            checked, gap = self._judged_part(parts, index, names_enough or index == 0, filters)
            if checked.refusal or gap is not None or not checked.passages:
                return []
            found.update((p.chunk.chunk_id, p) for p in checked.passages[:PART_ALONE_PASSAGES] if p.chunk.chunk_id not in found)
        return list(found.values())

    def _fallback(self, question: str, result: RetrievalResult, note: str) -> Answer:
        answer = self._extractive(question, result)
        answer.notes.insert(0, note)
        return answer

    def _generative(self, question: str, result: RetrievalResult) -> Answer:
        assert self.chat is not None
        try:
            reply = self.chat.complete(build_messages(question, result.passages))
        except LLMUnavailableError as error:
            log.warning("LLM unavailable: %s", error.detail)
            return self._fallback(question, result, NOTE_LLM_DOWN)
        return self._checked(question, result, reply)

    def _checked(self, question: str, result: RetrievalResult, reply: str) -> Answer:
        checked = check_reply(reply, result.passages)
        if checked.refused:
            answer = self.refusal(question, result)
            answer.mode = "generative"
            return answer
        if not checked.supported:
            return self._fallback(question, result, NOTE_LLM_UNSUPPORTED)
        notes = []
        if checked.removed_numbers:
            notes.append(NOTE_REMOVED.format(numbers=", ".join(f"[{n}]" for n in sorted(set(checked.removed_numbers)))))
        if checked.unsupported_sentences:
            notes.append(NOTE_UNSUPPORTED)
        return Answer(
            question=question, text=checked.text, citations=checked.citations, mode="generative", notes=notes, passages=result.passages
        )


def kind_refusal(kind: str, labels: Sequence[str], question: str = "") -> str:
    """"Für „Begegnungsstätte Eilpe“ nennen die Dokumente keine Telefonnummer." ("" for the general refusal);
    an asked event by its clause: "Wann das Seniorencafé Henkhausen eröffnet wurde, steht nicht in den Dokumenten."."""
    event = asked_event(question) if kind == "event" else None
    if event is not None:
        return f"Wann {event.clause}, steht nicht in den Dokumenten."
    if kind not in KIND_LABELS:
        return ""
    where = ", ".join(f"„{label}“" for label in labels)
    return f"Für {where} nennen die Dokumente {KIND_LABELS[kind]}." if where else f"Die Dokumente nennen dazu {KIND_LABELS[kind]}."


def _understood(answer: Answer, typed: str, resolution: Resolution) -> Answer:
    """The answer under the question as typed, carrying the question it answered."""
    answer.question = typed
    answer.understood_as = resolution.question
    return answer


def _states_year_figure(question: str, passages: list[Passage], figure: Answer | None = None) -> bool:
    """True unless the question asks a year and no sentence of the passages holds that year next to a figure: the
    engine's "no value for 2025" stands against text that only mentions the year (a title, a plan). Rows of the tables
    the engine's refusal cites count not: it has read them (their "x" for 2021 is why it refused)."""
    years = {str(y) for y in parse_intent(question).years}
    if not years:
        return True
    read = {c.doc_id for c in figure.citations} if figure is not None else set()
    for passage in passages:
        if passage.chunk.kind == "table_row" and passage.document.doc_id in read:
            continue
        pieces = [passage.chunk.text] if passage.chunk.kind == "table_row" else [s.text for s in split_sentences(passage.chunk.text)]
        if any(any(y in piece for y in years) and figures(piece) for piece in pieces):
            return True
    return False


def _rows_read(figure: Answer, passages: list[Passage]) -> bool:
    """True when every passage is a table row of a table the figure's refusal cites: the engine has read them."""
    tables = {c.doc_id for c in figure.citations}
    return bool(passages) and bool(tables) and all(p.chunk.kind == "table_row" and p.document.doc_id in tables for p in passages)
