"""The extractive answer composer: the sentences of the evidence that answer the question, each cited.

No language model: sentences are scored against the question (idf-weighted overlap of stems and compound
parts, the asked places, years and numbers) and weighted by how well their passage ranked; the best are
ordered, deduplicated and cited [n] with title, page or row and the quoted sentence. When two documents
give a figure for the same thing, the newer one leads and the answer notes that an older figure exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.core.settings import AnsweringSettings
from assistant.core.types import Answer, Citation, Passage
from assistant.services.compose_parts import (
    QUESTION_WORD,
    counts_asked,
    holds_any,
    kind_leader,
    neighbour_with_kind,
    part_sentences,
    preferred_kinds,
    question_parts,
)
from assistant.services.named_entities import asked_names, other_named_things
from assistant.services.place_columns import place_column
from assistant.services.query_understanding import QueryAnalysis
from assistant.services.question_types import (
    FINDING,
    METHOD,
    Deed,
    asked_deed,
    asked_types,
    asks_findings,
    asks_ranking,
    holds,
    states_deed,
)
from assistant.services.retrieval import CorpusSnapshot
from assistant.services.sentence_context import antecedent_order, faq_question, run_on_items
from assistant.services.word_families import adjective_base, word_family
from assistant.text import split_sentences
from assistant.text.headwords import headword

REFUSAL_TEXT = "Dazu finde ich in den Dokumenten nichts."
#: The tuned constants when the caller passes none (the defaults of settings.answering, calibrated on the dev split).
DEFAULT_PARAMS = AnsweringSettings()

#: Sentence score = coverage of the question's terms + passage rank + entity bonus + share of the key terms the
#: sentence (read with its title and section) covers (weights sum to 1).
W_COVERAGE, W_PASSAGE, W_BONUS, W_KEY = 0.45, 0.25, 0.20, 0.10
MAX_SENTENCES = {"explain": 5, "list": 6, "fact": 3, "other": 4}
MAX_PER_PASSAGE = 2
#: Questions for a figure: only there an older document's different figure is worth a note.
FIGURE_INTENTS = frozenset({"fact", "other"})
_YEARLIKE = re.compile(r"^(?:19|20)\d\d$")
_YEARS_IN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
MAX_LIST_ITEMS = 10
#: A figure question is answered by the best sentence plus at most one more that covers the key terms as well.
MAX_FIGURE_SENTENCES = 3
#: Table rows with more cells than this are quoted with only the cells the figure question asks for.
ROW_TRIM_MIN_CELLS = 4
_DEFINING = re.compile(
    r"\b(?:ist|sind|bezeichnet|bezeichnen|bedeutet|meint|heißt|umfasst|versteht\s+man|arbeiten|gehören|besteht|bestehen)\b|\s[–-]\s|:\s",
    re.IGNORECASE,
)
#: A sentence that gives what it describes a name: "… werden im Folgenden als Schwerpunkträume bezeichnet".
DESIGNATION = re.compile(
    r"\b(?:werden|wird)\s+(?:im\s+folgenden\s+|hier\s+|künftig\s+|kurz\s+)?als\s+(?P<term>.{1,60}?)\s+(?:bezeichnet|genannt)\b",
    re.IGNORECASE,
)


#: A line that ends by dating something with a preposition ("… seit 1997", "… ab 2021"): a statement, no heading.
_DATED_LINE = re.compile(r"\b(?:seit|ab|bis)\s+(?:(?:dem\s+)?\d{1,2}\.\s?(?:\d{1,2}\.|\w+)\s*)?(?:19|20)\d\d\s*$", re.IGNORECASE)
DATED_LINE_MIN_WORDS = 5
_LEAD_MARK = re.compile(r"^\s*(?:\(\d+\)|\d+[.)]|[-–•*]|definition:)\s*", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
#: Captions and headings carry no statement: "Tabelle 4: Pflegebedürftige …", "Handlungsfeld 4: Sozialraumteams".
_CAPTION = re.compile(r"^\s*(?:tabelle|abbildung|abb\.|grafik|karte|übersicht|anlage|kapitel|teil)\s*\d", re.IGNORECASE)
#: An agenda item's heading ("TOP 5 Jugendforum 2024"): a heading although it holds a year.
_AGENDA_ITEM = re.compile(r"^\s*TOP\s*\d+\b", re.IGNORECASE)
#: A line of a result table under a survey question ("ein Treffpunkt am Wochenende 64 %", "… (88 Prozent)").
_RESULT_LINE = re.compile(r"\d+(?:,\d+)?\s*(?:%|prozent)\)?\.?\s*$", re.IGNORECASE)
#: Header cells a result table may start with before its lines ("Was fehlt im Stadtteil?", "Anteil").
RESULT_HEADER_LINES = 3
#: A sentence that states the survey question its result table answers ("Die wichtigste Frage war: „Was fehlt …?“").
_STATES_QUESTION = re.compile(r"\bfrage\b", re.IGNORECASE)
#: Captions, headings and agenda items carry no statement: "Tabelle 4: Pflegebedürftige …", "TOP 6 Jugendliche in Haspe: …".
_CAPTION = re.compile(r"^\s*(?:tabelle|abbildung|abb\.|grafik|karte|übersicht|anlage|kapitel|teil|top)\s*\d", re.IGNORECASE)
_QUESTION_WORD = re.compile(rf"(?:^|[,;]|\bund|\bsowie)\s*{QUESTION_WORD}", re.IGNORECASE)
#: Sentences about the document itself, not about its subject: never the answer ("Diese Übersicht beschreibt, wozu …").
META_SENTENCE = re.compile(
    r"^\s*(?:diese[rs]?|der\s+vorliegende|die\s+vorliegende|das\s+vorliegende)\s+(?:übersicht|bericht|dokument|zusammenfassung|auswertung|"
    r"leitfaden|kapitel|abschnitt|broschüre|papier|dokumentation|handbuch|text|beitrag|vorlage)\b"
    r"|^\s*(?:sie|er|es)\s+richtet\s+sich\s+an\b|^\s*im\s+folgenden\s+(?:werden|wird)\b"
    # pointers to another document: "Die ausführlichen Ergebnisse … sind im Bericht „…“ dokumentiert", "Hier ist nachzulesen, …"
    r"|\b(?:ist|sind)\s+(?:im|in\s+de[rmn])\s+(?:bericht|dokument|protokoll|anhang|anlage)\b.{0,160}?\b(?:dokumentiert|nachzulesen|"
    r"beschrieben|dargestellt)\b|^\s*(?:hier|dort)\s+(?:ist|sind|kann\s+man)\s+nachzulesen\b"
    # imprint and credit lines: who published it, not what it says
    r"|^\s*(?:herausgegeben\s+von|herausgeber\w*\s*:|erstellt\s+von|impressum\b)"
    r"|^\s*stadt\s+[\w-]+\s*,\s*(?:fachbereich|amt|ressort|dezernat|fb\s*\d+)\b"
    # a document's date line alone ("Stand: 22. Januar 2025"): when it was written, not when anything happens
    r"|^\s*(?:stand|datenstand)\s*:\s*\d{1,2}\.\s*(?:[^\W\d]+|\d{1,2}\.)\s*\d{4}\s*\.?\s*$",
    re.IGNORECASE | re.DOTALL,
)
#: A leading label of a list line or a field ("Projektbericht „Zusammen im Quartier“ (2021): Hier ist nachzulesen, …").
_LEADING_LABEL = re.compile(r"^[^:]{1,80}:\s+(?=\S)")


def is_meta(text: str) -> bool:
    """True for a sentence about a document rather than its subject, also after a leading label (a reading list's
    "Projektbericht (2021): Hier ist nachzulesen, wie …" says where to read, not what)."""
    return bool(META_SENTENCE.search(text) or META_SENTENCE.search(_LEADING_LABEL.sub("", text, count=1)))


#: The head of a glossary entry ("Mindestsicherungsquote – …", "AsylbLG (Asylbewerberleistungsgesetz) – …").
_ENTRY_HEAD = re.compile(r"^\s*\S+(?:\s+\S+){0,4}\s+[–-]\s")
_LIST_ITEM = re.compile(r"^\s*(?:[-–•*]|\d+[.)])\s+")
#: Text that addresses a language model rather than a reader: quoted never, obeyed never.
INSTRUCTION_LIKE = re.compile(
    r"(ignorier|vergiss|missacht|überschreib)\w*\b.{0,60}\b(anweisung|instruktion|vorgabe|regel|prompt)"
    r"|\bantworte\s+(nur|ausschließlich)\s+mit\b|\bignore\b.{0,40}\binstructions?\b|\bsystem\s*prompt\b|\byou are now\b",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class Unit:
    """A sentence (with any list items it introduces) from one passage, and its scores."""

    passage_index: int
    text: str
    order: int
    terms: frozenset[str]
    coverage: float
    score: float
    has_number: bool
    items: list[str] = field(default_factory=list)
    #: Idf-weighted share of the question's key terms the sentence (with title and section) covers.
    key: float = 1.0
    #: The parts of the question this sentence answers: key terms, asked places, asked years it contains.
    aspects: frozenset[str] = frozenset()
    #: The places the sentence names (canonical names).
    places: frozenset[str] = frozenset()
    #: It is on another place or level than the asked one (penalised): it never answers a figure question alone.
    off_place: bool = False


#: A line of a list of facts: a short label, a colon and at least two words of value.
_LABELLED_LINE = re.compile(r"^[^:]{3,60}:\s+\S+(?:\s+\S+)+$")


def looks_like_heading(text: str, passage: Passage) -> bool:
    """True for captions, headings and title lines: no sentence punctuation and no figure, or a table/figure caption,
    or the document title or a section heading repeated in the text."""
    stripped = text.strip()
    if _CAPTION.match(stripped):
        return True
    names = {passage.document.title.strip().lower(), *(part.strip().lower() for part in passage.chunk.section.split(">"))}
    if stripped.rstrip(".:").lower() in names or any(name and name.startswith(stripped.rstrip(".:").lower()) for name in names):
        return True
    if _AGENDA_ITEM.match(stripped) and len(stripped.split()) < 12:
        return True
    if _DATED_LINE.search(stripped) and len(stripped.split()) >= DATED_LINE_MIN_WORDS:
        return False  # a record's line "Förderung durch die Stadt Hagen seit 1997" states since when
    if _LABELLED_LINE.match(stripped):
        return False  # "Vorlagen für Ausschüsse: mindestens sechs Wochen Vorlauf": a label and what it says
    return stripped[-1:] not in '.!?:;)"“”' and not any(ch.isdigit() for ch in _YEARS_IN.sub("", stripped)) and len(stripped.split()) < 12


def looks_like_instruction(text: str) -> bool:
    """True for sentences that try to instruct an assistant ("Ignoriere alle vorherigen Anweisungen …")."""
    return bool(INSTRUCTION_LIKE.search(text))


def query_weights(analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> dict[str, float]:
    """Each distinct query term with its idf (years and numbers count like rare words)."""
    return {term: snapshot.idf(term) for term in dict.fromkeys(analysis.terms)}


def coverage(weights: dict[str, float], terms: set[str] | frozenset[str]) -> float:
    """Share of the question's idf weight that a text contains (0 … 1)."""
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in terms) / total if total else 0.0


def passage_terms(passage: Passage, snapshot: CorpusSnapshot) -> frozenset[str]:
    """Terms of a passage including its title and section (what the refusal check compares with)."""
    text = "\n".join(p for p in (passage.document.title, passage.chunk.section, passage.chunk.text) if p)
    return frozenset(snapshot.analyzer.terms(text))


def evidence_strength(analysis: QueryAnalysis, passages: list[Passage], snapshot: CorpusSnapshot) -> float:
    """Best idf-weighted term coverage of the question by one passage (the lexical half of the refusal check)."""
    weights = query_weights(analysis, snapshot)
    return max((coverage(weights, passage_terms(p, snapshot)) for p in passages), default=0.0)


def key_support(analysis: QueryAnalysis, passages: list[Passage], snapshot: CorpusSnapshot, k: int = 5) -> float:
    """How well the best single sentence (read with its document title and section) covers the question's key terms,
    idf-weighted (0 … 1; 1.0 when the question has no key terms). A term counts when it or all its compound parts occur.

    Topical similarity is not enough: "Wie viele Kita-Plätze gibt es in Emst?" finds sentences on Emst and on
    Plätze in Begegnungsstätten, but none on Kita-Plätze — that is the refusal case.
    """
    keys = analysis.key_terms
    if not keys:
        return 1.0
    weights = {term: snapshot.idf(term) for term in keys}
    synonyms = synonym_terms(keys, snapshot)
    best = 0.0
    for passage in passages[:k]:
        context = frozenset(snapshot.analyzer.terms(f"{passage.document.title}\n{passage.chunk.section}"))
        chunk = passage.chunk
        pieces = [chunk.text] if chunk.kind == "table_row" else [s.text for s in split_sentences(chunk.text)]
        for piece in pieces:
            terms = context | frozenset(snapshot.analyzer.terms(piece))
            terms |= {t for t, alternatives in synonyms.items() if any(a <= terms for a in alternatives)}
            best = max(best, _key_share(keys, weights, terms))
    return best


def synonym_terms(terms, snapshot: CorpusSnapshot) -> dict[str, list[frozenset[str]]]:
    """For each of the terms with document words in the alias file's "synonyms": the search terms of those words
    ("leut" → [{einwohn}, {befragt}, …]), so "Wie viele Leute …" is judged by what the documents say."""
    found: dict[str, list[frozenset[str]]] = {}
    for term in terms:
        words = snapshot.vocabulary.synonyms.get(term, ())
        alternatives = [frozenset(snapshot.analyzer.terms(w)) for w in words]
        if alternatives := [a for a in alternatives if a]:
            found[term] = alternatives
    return found


def _key_share(keys: dict[str, frozenset[str]], weights: dict[str, float], terms: frozenset[str]) -> float:
    """Idf-weighted share of the key terms a text has (a compound counts when all its parts are there)."""
    total = sum(weights.values())
    return sum(w for t, w in weights.items() if t in terms or (keys[t] and keys[t] <= terms)) / total if total else 1.0


def missing_years(analysis: QueryAnalysis, passages: list[Passage], snapshot: CorpusSnapshot) -> list[str]:
    """Years the question asks about that none of the passages mentions (the documents do not cover that time)."""
    years = [t for t in analysis.key_terms if t.isdigit()]
    if not years:
        return []
    found: set[str] = set()
    for passage in passages:
        found |= passage_terms(passage, snapshot)
    return [y for y in years if y not in found]


def _units(
    passages: list[Passage], analysis: QueryAnalysis, snapshot: CorpusSnapshot, params: AnsweringSettings = DEFAULT_PARAMS
) -> list[Unit]:
    weights = query_weights(analysis, snapshot)
    key_weights = {term: snapshot.idf(term) for term in analysis.key_terms}
    years = {str(y) for y in analysis.years}
    numbers = set(analysis.numbers)
    place_names = {p.name for p in analysis.places}
    city_asked = asks_city(analysis, snapshot)
    kinds = asked_types(analysis.question)
    findings = asks_findings(analysis.question)
    ranking = asks_ranking(analysis.original or analysis.question)
    # a survey's figure asked with no place is its respondents' as a whole: one place's share is no answer to it
    whole_survey = findings and analysis.intent == "fact" and not analysis.places
    # the best passage, not the first: widened evidence is ordered by key support, and a rank share above 1 would drown
    # every other part of the score
    top = max((p.score for p in passages), default=1.0)
    # a sentence with the documents' word for an asked one ("Mahlzeit" for "Mittagessen") covers that word, in part
    equivalents = synonym_terms(set(weights), snapshot) if params.equivalent_share > 0 else {}
    asked_words = set(weights) - place_terms(analysis, snapshot)
    deed = asked_deed(analysis.original or analysis.question)  # "Wer leitet …": the typed verb, not its rewrite
    led = _led_terms(analysis, snapshot) if deed is not None else {}
    # a sentence that states the role covers the asked verb, in whatever word ("Vorsitz" for "leitet")
    role_terms = frozenset(snapshot.analyzer.terms(_verbs(analysis))) if deed is not None else frozenset()
    # verbs of the question as written ("fördert", "gefördert"; not the attributive "geförderten"): their nouns count
    families = {word_family(t.term): t.term for t in snapshot.analyzer.tokens(analysis.question)
                if t.surface.lower().endswith("t") and t.term in weights and word_family(t.term) != t.term}
    # "Wann tagt das Sozialraumteam Haspe?": a sentence on another named thing ("Die Stadtteilkonferenz Haspe tagt …")
    asked_things = asked_names(analysis.original or analysis.question, snapshot, params.name_max_doc_freq,
                               params.named_head_min_names) if kinds and params.other_named_factor < 1 else []
    units: list[Unit] = []
    for index, passage in enumerate(passages):
        chunk = passage.chunk
        prior = passage.score / top if top else 0.0
        context = frozenset(snapshot.analyzer.terms(f"{passage.document.title}\n{chunk.section}")) if key_weights else frozenset()
        title_years = years & set(_YEARS_IN.findall(passage.document.title))
        if chunk.kind == "table_row":
            text = chunk.text.strip()
            pieces = [trim_row(text, analysis, snapshot) if analysis.intent == "fact" else text]
        else:
            pieces = with_item_bodies([s.text for s in split_sentences(chunk.text)])
        for order, text in enumerate(pieces):
            if len(text) < 15 or len(text.split()) < 3 or looks_like_instruction(text):
                continue
            # "… 52 % 44 % 49 % 37 % …" under "Kennwert Mitte Nord …": the asked place's column, a line of its own
            column = place_column(pieces, order, place_names, snapshot.vocabulary.places) if place_names else None
            text = column or text
            if deed is not None and not _states_role(deed, led, sorted(place_names), text, passage, snapshot):
                continue
            if chunk.kind != "table_row" and (looks_like_heading(text, passage) or text.rstrip().endswith("?")):
                continue  # headings and questions ("Was ist ein Sozialraumteam?") state nothing
            items = list_items(pieces, order) if chunk.kind != "table_row" and column is None else []
            if items and order + len(items) == len(pieces) - 1 and len(items) < MAX_LIST_ITEMS:  # the list runs on
                items += run_on_items(chunk, snapshot.chunks.values(), _LIST_ITEM.match, least=1)[: MAX_LIST_ITEMS - len(items)]
            headers: list[str] = []
            if not items and chunk.kind != "table_row" and column is None and introduces_results(text, findings, ranking):
                headers, items = result_block(pieces, order)
            if not items and chunk.kind != "table_row" and column is None and order == len(pieces) - 1 and text.rstrip().endswith(":"):
                items = run_on_items(chunk, snapshot.chunks.values())  # the list runs on in the section's next chunk
            table = bool(items) and chunk.kind != "table_row" and all(_RESULT_LINE.search(i) for i in items)
            if not items and text.rstrip().endswith(":") and not _NUMBER.search(text):
                continue  # an intro whose list is elsewhere ("Bitte lesen Sie in dieser Reihenfolge:") states nothing
            # a FAQ's answer is about its question's words ("Wer entscheidet über neue Mitglieder …? Das Team selbst …");
            # a result table's header cells ("Gemiedener Ort (Nennungen)") say what its lines are: they count as words
            asked_before = faq_question(order, pieces) if chunk.kind != "table_row" else ""
            terms = frozenset(snapshot.analyzer.terms(" ".join([asked_before, text, *headers, *items]))) | role_terms
            if order and kinds and PRONOUN_START.match(text) and any(holds(kind, text) for kind in kinds):
                # "… sechs Stadtteilkonferenzen … Sie tagen etwa vierteljährlich": the pronoun is the thing named before
                terms |= frozenset(snapshot.analyzer.terms(pieces[order - 1]))
            terms |= {families[f] for f in map(word_family, terms) if f in families}  # "Förderung" for "gefördert"
            terms |= {b for b in map(adjective_base, terms) if b in weights}  # "städtisch" for "Stadt"
            cov = coverage(weights, terms)
            stands_for = {t for t, alternatives in equivalents.items() if t not in terms and any(a <= terms for a in alternatives)}
            cov += params.equivalent_share * coverage(weights, stands_for)
            if cov <= 0 and not (context & set(weights) and any(holds(kind, text) for kind in kinds)):
                continue  # no asked word; unless it holds the asked kind under a heading that names it ("2 Öffnungszeiten")
            cov += params.context_share * coverage(weights, context - terms)  # "Seine 24 Mitglieder …" under "Stadtjugendrat"
            bonus = penalty = 0.0
            has_number = bool(_NUMBER.search(text))
            text_years = set(_YEARS_IN.findall(text))
            if years and (text_years & years or (title_years and not text_years)):
                bonus += 0.5  # the year is in the sentence, or names the document ("laut der Befragung 2022")
            elif years and text_years and analysis.intent in FIGURE_INTENTS:
                penalty += params.year_other_penalty  # a figure for another year than the asked one
            if numbers and any(n in text for n in numbers):
                bonus += 0.3
            mentioned = snapshot.places_in_text(text, sentence=True)
            fit = place_fit(mentioned, analysis, snapshot, city_asked or whole_survey, params)
            if not mentioned and _on_asked_place(passage, place_names, snapshot):
                fit = params.place_exact_bonus / 2  # "Teilnehmende: 47 Personen" in the protocol of the asked place's conference
            if fit > 0 and _about_a_part(text, passage, analysis, snapshot):
                fit = -params.sub_level_penalty  # "Der Sozialraum gehört zum Stadtbezirk Haspe und umfasst 14.524 …"
            elif fit >= 0 and analysis.intent == "fact" and _part_document(passage, analysis, snapshot):
                fit -= params.part_document_penalty  # a Sozialraum's Steckbrief: its lines lead with the part's figure
            if fit > 0 and not terms & asked_words:
                fit *= params.place_alone_share  # only the place is named: nothing on what is asked about it
            bonus, penalty = bonus + max(fit, 0.0), penalty - min(fit, 0.0)
            if analysis.intent == "fact" and has_number:
                bonus += 0.3
            key = _key_share(analysis.key_terms, key_weights, terms | context) if key_weights else 1.0
            score = W_COVERAGE * cov + W_PASSAGE * prior + W_BONUS * (min(bonus, 1.0) - penalty) + W_KEY * key
            aspects = frozenset(
                key_found(analysis, terms | context) | (mentioned & place_names) | (text_years & years) | (set(weights) & terms)
            )
            if analysis.intent == "explain" and chunk.kind != "table_row" and defines(text, analysis, snapshot):
                score += params.definition_bonus
                if headword_definition(text, analysis, snapshot):
                    score += params.definition_bonus  # "Sozialraum – Planungsraum …" before "Der Sozialraum umfasst …"
            if is_meta(text):
                score *= params.meta_sentence_factor  # about the document, not its subject
            if asked_things and other_named_things(text, asked_things, snapshot, params.name_max_doc_freq, params.named_head_min_names):
                score *= params.other_named_factor
            # "Wie oft … und wie lange …?": each sentence that holds an asked kind of answer counts more
            score += params.answer_kind_bonus * sum(1 for kind in kinds if holds(kind, text))
            if ranking and table and _names_asked_topic(analysis, terms, passage, snapshot):
                score += params.ranking_table_bonus  # "am häufigsten …": the result table's lines rank it
            if findings and METHOD.search(text) and not FINDING.search(" ".join([text, *items])):
                score *= params.survey_method_factor  # a survey question wants the findings, not the method
            units.append(Unit(index, text, order, terms, cov, score, has_number, items, key, aspects, mentioned, fit < 0))
    return units


def _names_asked_topic(analysis: QueryAnalysis, terms: frozenset[str], passage: Passage, snapshot: CorpusSnapshot) -> bool:
    """True when a result table (its intro, header cells and lines) names an asked key word that its document's title
    does not: "Warum engagieren sich die Ehrenamtlichen …?" is not answered by any table of "Befragung der
    Ehrenamtlichen"; "Welche Orte meiden …" by the one headed "Gemiedener Ort"."""
    title = set(snapshot.analyzer.terms(passage.document.title))
    return any(
        not term.isdigit() and term not in title and not (parts and parts <= title) and (term in terms or (parts and parts <= terms))
        for term, parts in analysis.key_terms.items()
    )


#: A field line of a record ("Vorsitz: Fachbereichsleitung …", a table row): it describes the document's subject.
_FIELD_LINE = re.compile(r"^\s*[A-ZÄÖÜ][\w./ -]{0,40}:\s")
_FIELD = re.compile(r"(?:^|;)\s*([^:;]{1,40}):\s+([^;]*)")
#: A role word with its own genitive object ("Leitung des ASD", "Moderation der Stadtteilkonferenz").
_ROLE_OF = re.compile(r"\b\w*(?:leitung|vorsitz|moderation|koordination|federführung)\s+(?:des|der)\s", re.IGNORECASE)


def _verbs(analysis: QueryAnalysis) -> str:
    """The role verbs of the question as typed and as rewritten ("leitet", "moderiert")."""
    deeds = [asked_deed(q) for q in (analysis.original, analysis.question) if q]
    return " ".join(d.clause.split()[-1] for d in deeds if d is not None)


def _led_terms(analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> dict[str, frozenset[str]]:
    """What a "Wer leitet …" question asks to be led: its key terms without places and years."""
    places = place_terms(analysis, snapshot)
    return {t: parts for t, parts in analysis.key_terms.items() if t not in places and not t.isdigit()}


def _states_role(
    deed: Deed, led: dict[str, frozenset[str]], places: list[str], text: str, passage: Passage, snapshot: CorpusSnapshot
) -> bool:
    """True when the sentence states the asked role ("Vorsitz", "moderiert") of the asked body: the body named in the
    sentence or its section, or in the title when the sentence is a field of that document's record. "In Hagen bestehen
    sechs Stadtteilkonferenzen (moderiert vom …)" under the title "Planungskonzept Sozialplanung" says nothing on who
    leads the Sozialplanung."""
    if not states_deed(deed.stems, text):
        return False
    # the asked place ("… in Boele") named by the sentence, its section or its document: the moderation of another
    # Stadtteil's conference answers nothing for it
    where = f"{passage.document.title}\n{passage.chunk.section}\n{text}"
    if places and not set(places) <= set(snapshot.places_in_text(where)):
        return False
    if not led:
        return True

    def names_led(terms: frozenset[str]) -> bool:
        return all(t in terms or (parts and parts <= terms) for t, parts in led.items())

    own = frozenset(snapshot.analyzer.terms(text))
    if names_led(own):
        return True
    if _ROLE_OF.search(text):  # "Leitung des Allgemeinen Sozialen Dienstes" in a list under the asked body's heading
        return False
    context = own | frozenset(snapshot.analyzer.terms(passage.chunk.section))
    if not (passage.chunk.kind == "table_row" or _FIELD_LINE.match(text)):
        return names_led(context)
    # a field of the record its section or title names: its label or key states the role ("Vorsitz: …", "Funktion:
    # AGW-Vorsitz"), not a later value ("Nr.: 1; Aufgabe: … rotierende Moderation")
    fields = _FIELD.findall(text)
    keyed = " ".join([label for label, _ in fields] + [value for _, value in fields[:1]])
    return states_deed(deed.stems, keyed) and names_led(context | frozenset(snapshot.analyzer.terms(passage.document.title)))


def place_terms(analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> set[str]:
    """The search terms of the asked places' names (what a sentence writes when it merely names the place)."""
    return {t for place in analysis.places for t in snapshot.analyzer.terms(place.name)}


def definition_sequels(
    units: list[Unit], chosen: list[Unit], passages: list[Passage], analysis: QueryAnalysis, snapshot: CorpusSnapshot, count: int
) -> list[Unit]:
    """The sentences right after a chosen definition of an asked term, in its passage: a definition's first sentence
    names the genus ("Anteil der Empfänger*innen …"), the next ones its scope ("Dazu zählen …"), which the question
    ("Was umfasst …?") wants although they repeat none of its words."""
    if count <= 0 or analysis.intent != "explain":
        return []
    taken = {(u.passage_index, u.order) for u in chosen}
    known = {(u.passage_index, u.order): u for u in units}
    added: list[Unit] = []
    for unit in chosen:
        chunk = passages[unit.passage_index].chunk
        if chunk.kind == "table_row" or unit.items or not defines(unit.text, analysis, snapshot):
            continue
        pieces = [s.text for s in split_sentences(chunk.text)]
        if unit.order >= len(pieces) or pieces[unit.order] != unit.text:
            continue
        for order in range(unit.order + 1, min(unit.order + 1 + count, len(pieces))):
            text = pieces[order]
            if ((unit.passage_index, order) in taken or looks_like_heading(text, passages[unit.passage_index])
                    or _LIST_ITEM.match(text) or _ENTRY_HEAD.match(text)):
                break  # the definition ends: a heading, a list, the next glossary entry
            sequel = known.get((unit.passage_index, order)) or Unit(
                unit.passage_index, text, order, frozenset(snapshot.analyzer.terms(text)), 0.0, unit.score,
                bool(_NUMBER.search(text)), key=unit.key, aspects=unit.aspects, places=unit.places,
            )
            added.append(sequel)
            taken.add((unit.passage_index, order))
    return added


def antecedents(units: list[Unit], chosen: list[Unit], passages: list[Passage], snapshot: CorpusSnapshot) -> list[Unit]:
    """The sentence before each chosen one that points back to it ("Das entspricht rund 95 Vollzeitstellen." after
    "… etwa 15.000 Stunden im Monat."; "Sie legt die Arbeitsschwerpunkte fest" after the entry that names "sie")."""
    known = {(u.passage_index, u.order): u for u in units}
    taken = {(u.passage_index, u.order) for u in chosen}
    added: list[Unit] = []
    for unit in chosen:
        passage = passages[unit.passage_index]
        if passage.chunk.kind == "table_row":
            continue
        pieces = [s.text for s in split_sentences(passage.chunk.text)]
        if unit.order >= len(pieces) or pieces[unit.order] != unit.text:
            continue
        own = {order for index, order in taken if index == unit.passage_index}
        before = antecedent_order(unit.order, pieces, own, lambda text, p=passage: looks_like_heading(text, p))
        if before is None:
            continue
        text = pieces[before]
        added.append(known.get((unit.passage_index, before)) or Unit(
            unit.passage_index, text, before, frozenset(snapshot.analyzer.terms(text)), 0.0, unit.score,
            bool(_NUMBER.search(text)), key=unit.key, aspects=unit.aspects, places=unit.places,
        ))
        taken.add((unit.passage_index, before))
    return added


def key_found(analysis: QueryAnalysis, terms: frozenset[str]) -> set[str]:
    """The question's key terms (no years) a text has; a compound counts when all its parts are there."""
    keys = analysis.key_terms
    return {t for t in keys if not t.isdigit() and (t in terms or (keys[t] and keys[t] <= terms))}


def asks_city(analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> bool:
    """True when the question names the city itself ("in Hagen") and no place inside it: it asks the citywide figure."""
    if analysis.places:
        return False
    words = set(re.findall(r"[^\W\d_]+", analysis.question.lower()))
    return bool(words & snapshot.vocabulary.city_keys)


def place_fit(
    mentioned: frozenset[str],
    analysis: QueryAnalysis,
    snapshot: CorpusSnapshot,
    city_asked: bool,
    params: AnsweringSettings = DEFAULT_PARAMS,
) -> float:
    """How exactly a sentence's places match the question's places at the asked level (a bonus, or a penalty).

    A Stadtbezirk question is not answered by a row on one of its Sozialräume ("Sozialraum: Vorhalle; Stadtbezirk:
    Hagen-Nord"), a Sozialraum question not by another Sozialraum, a question on the whole city not by a district.
    """
    places = snapshot.vocabulary.places
    if not analysis.places:
        return -params.place_level_penalty if city_asked and mentioned and analysis.intent in FIGURE_INTENTS else 0.0
    asked = {p.name for p in analysis.places}
    if not mentioned:
        return 0.0
    if not mentioned & asked:
        return -params.place_level_penalty
    levels = {p.level for p in analysis.places}
    others = {m for m in mentioned - asked if m in places}
    if "sozialraum" not in levels and any(places[m].level == "sozialraum" for m in others):
        if asked_types(analysis.question) & _NOT_FIGURES:
            return params.place_exact_bonus / 2  # since when in Haspe-Zentrum is since when in Haspe
        return -params.sub_level_penalty  # the figure is about a part of the asked Bezirk
    if any(places[m].level in levels for m in others):
        return params.place_exact_bonus / 2  # several places of the asked level: the figure may belong to another one
    return params.place_exact_bonus


def _on_asked_place(passage: Passage, asked: set[str], snapshot: CorpusSnapshot) -> bool:
    """True when the document's title names asked places only: its sentences are about them, named or not."""
    named = snapshot.places_in_text(passage.document.title)
    return bool(asked) and bool(named) and named <= asked


#: Asked kinds that are no figure: a part of the asked Bezirk answers them for the Bezirk.
_NOT_FIGURES = frozenset({"time", "since", "frequency", "hours"})
#: A sentence that opens with a pronoun for what the one before named ("Sie tagen …", "Dort …").
PRONOUN_START = re.compile(r"^\s*(?:sie|er|es|diese[rsm]?|dieses\s+\w+|das\s+gremium|dort)\b", re.I)

_PART_SUBJECT = re.compile(r"^\s*(?:der|dieser|unser)\s+sozialraum\b", re.IGNORECASE)


def _part_document(passage: Passage, analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> bool:
    """A document on one Sozialraum (its title names it) when only Stadtbezirke are asked."""
    if not analysis.places or any(p.level != "bezirk" for p in analysis.places):
        return False
    places = snapshot.vocabulary.places
    return any(places[m].level == "sozialraum" for m in snapshot.places_in_text(passage.document.title) if m in places)


def _about_a_part(text: str, passage: Passage, analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> bool:
    """A sentence whose subject is "der Sozialraum" of a Sozialraum's document when a Stadtbezirk is asked."""
    if not analysis.places or any(p.level != "bezirk" for p in analysis.places) or not _PART_SUBJECT.search(text):
        return False
    places = snapshot.vocabulary.places
    return any(places[m].level == "sozialraum" for m in snapshot.places_in_text(passage.document.title) if m in places)


#: Words of a numbered item's title ("3. Licht und Sauberkeit.") at most: its statement is the sentence after it.
ITEM_TITLE_WORDS = 6


def with_item_bodies(pieces: list[str]) -> list[str]:
    """The sentences with each numbered item's short title joined to the sentence that states it ("3. Licht und
    Sauberkeit. Bessere Beleuchtung am Busbahnhof …"): the title alone names a topic, not what is said about it."""
    joined: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        nxt = pieces[index + 1] if index + 1 < len(pieces) else ""
        title = _LIST_ITEM.match(piece) and len(piece.split()) <= ITEM_TITLE_WORDS and piece.rstrip().endswith(".")
        if title and nxt[:1].isupper() and not _LIST_ITEM.match(nxt):
            joined.append(f"{piece.rstrip()} {nxt.lstrip()}")
            index += 2
            continue
        joined.append(piece)
        index += 1
    return joined


def list_items(pieces: list[str], order: int) -> list[str]:
    """The list items a sentence introduces: it ends with ":" (or breaks off without punctuation) and the next
    lines are bullets or lowercase continuations ("die Sozialplanung (…),")."""
    intro = pieces[order].rstrip()
    if not intro.endswith(":") and intro[-1:] in '.!?;)"“”':
        return []
    items: list[str] = []
    for piece in pieces[order + 1 : order + 1 + MAX_LIST_ITEMS]:
        if looks_like_instruction(piece) or not (_LIST_ITEM.match(piece) or piece[:1].islower()):
            break
        items.append(piece)
    return items


def introduces_results(text: str, findings: bool, ranking: bool = False) -> bool:
    """True for a line a result table may follow: an intro ending with ":" or, when a survey's findings are asked,
    a sentence stating the question that was asked, or, when the top of a ranking is asked, any sentence right before
    the table ("Drei Bedarfe stehen deutlich im Vordergrund: …") — never a result line itself."""
    if _RESULT_LINE.search(text):
        return False
    return text.rstrip().endswith(":") or (findings and bool(_STATES_QUESTION.search(text))) or ranking


def result_lines(pieces: list[str], order: int) -> list[str]:
    """The lines of a result table right after a sentence ("Die wichtigste Frage war: …", "Am häufigsten genannt:"): at most
    RESULT_HEADER_LINES header cells, then every line that ends with a share ("ein Treffpunkt am Wochenende 64 %")."""
    return result_block(pieces, order)[1]


def result_block(pieces: list[str], order: int) -> tuple[list[str], list[str]]:
    """The header cells and the lines (at least two) of a result table right after a sentence; ([], []) for none."""
    items: list[str] = []
    headers: list[str] = []
    for piece in pieces[order + 1 : order + 1 + RESULT_HEADER_LINES + MAX_LIST_ITEMS]:
        if looks_like_instruction(piece):
            break
        if _RESULT_LINE.search(piece) and len(piece.split()) <= 20:
            items.append(piece)
        elif (items or len(headers) >= RESULT_HEADER_LINES or _NUMBER.search(piece) or len(piece.split()) > 8
              or piece.rstrip().endswith(":")):
            break
        else:
            headers.append(piece)
    return (headers, items) if len(items) >= 2 else ([], [])


def defines(text: str, analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> bool:
    """True for a sentence that defines a key term of the question: the term opens the sentence and a defining verb,
    a dash or a colon follows soon ("Sozialraumteams sind …", "Kinderarmut – Anteil …", "In den Sozialraumteams arbeiten …")."""
    # a term the whole corpus is about ("Sozialraum") is no key term, but still what "Was ist ein Sozialraum?" asks
    keys = {k for k in (analysis.key_terms or analysis.terms) if not k.isdigit()}
    if not keys:
        return False
    body = _LEAD_MARK.sub("", text)
    head = body[:90]
    opening = " ".join(body.split()[:5])
    # the term itself opens the sentence, not a compound on it ("Ein Sozialraumteam ist …" defines no Sozialraum)
    if keys & {token.term for token in snapshot.analyzer.tokens(opening)} and _DEFINING.search(head):
        return True
    named = DESIGNATION.search(body)  # "Die fünf Sozialräume werden im Folgenden als Schwerpunkträume bezeichnet."
    return bool(named and keys & set(snapshot.analyzer.terms(named.group("term"))))


def headword_definition(text: str, analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> bool:
    """True when the sentence is a glossary entry of an asked term: the term itself (no compound on it) before the dash."""
    term = headword(_LEAD_MARK.sub("", text))
    keys = {k for k in (analysis.key_terms or analysis.terms) if not k.isdigit()}
    return bool(term) and bool(keys & {token.term for token in snapshot.analyzer.tokens(term)})


def trim_row(text: str, analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> str:
    """A table row reduced to the cells a figure question asks for: the row's name (first cell), the cells that
    share a word with the question and a year cell with the asked year. Short rows stay whole."""
    cells = [c.strip() for c in text.rstrip(".").split("; ") if c.strip()]
    if len(cells) <= ROW_TRIM_MIN_CELLS:
        return text
    asked = {t for t in analysis.terms if not t.isdigit()}
    years = {str(y) for y in analysis.years}
    kept = [cells[0]]
    for cell in cells[1:]:
        value = cell.split(":", 1)[-1].strip()
        if set(snapshot.analyzer.terms(cell)) & asked or value in years:
            kept.append(cell)
    if len(kept) == 1:
        return text
    return "; ".join(kept) + "."


def _follows(unit: Unit, chosen: list[Unit], analysis: QueryAnalysis, weights: dict[str, float], params: AnsweringSettings) -> bool:
    """Whether a sentence may join the answer after the leading one: a figure question takes at most
    MAX_FIGURE_SENTENCES figures; a sentence from a passage not yet cited must cover most of the leader's key terms
    (a weakly related passage is not cited) and, in a question that asks one thing, add to the answer: an asked kind of
    answer, key term, place or year the chosen sentences lack, or enough of the question's words (term_gain_min for a
    figure question, source_gain_min for the others)."""
    leader = chosen[0]
    if analysis.intent == "fact" and unit.has_number:
        if _complete(leader, analysis, params) or sum(1 for c in chosen if c.has_number) >= MAX_FIGURE_SENTENCES:
            return False
        if unit.off_place and not leader.off_place and not analysis.places:
            return False  # the whole is asked: one place's figure beside it ("… für Wehringhausen/Villa Post …: 51 Prozent")
    if any(c.passage_index == unit.passage_index for c in chosen):
        return True
    if unit.key < params.key_follow_share * leader.key:
        return False
    if multi_part(analysis.question):
        return True  # each part may need its own source
    figure = analysis.intent == "fact"
    if figure and unit.has_number and not any(c.has_number for c in chosen):
        return True  # the first figure
    gain_min = params.term_gain_min if figure else params.source_gain_min
    if not figure:
        if gain_min <= 0 or leader.key < 0.999 or unit.score >= params.source_tie_share * leader.score:
            return True  # off; or a leader missing an asked key term, or only tying with this one, may be the wrong passage
        if any(holds(kind, unit.text) for kind in asked_types(analysis.question)):
            return True  # it holds the asked kind of answer ("wann" → a date)
    # a further source must answer a part of the question the chosen sentences leave open: another passage on the
    # same words only repeats the topic ("Die Ergebnisse wurden beim Jugendforum vorgestellt" beside the leader)
    covered = frozenset().union(*(c.aspects for c in chosen))
    new = unit.aspects - covered
    return bool(new & _asked_aspects(analysis)) or _term_gain(new, analysis, weights) >= gain_min


def _repeats_items(unit: Unit, other: Unit) -> bool:
    """True when two sentences of one passage quote the same list or table lines (one is a line of the other's list)."""
    if unit.passage_index != other.passage_index:
        return False
    return unit.text in other.items or other.text in unit.items or bool(set(unit.items) & set(other.items))


def multi_part(question: str) -> bool:
    """True for a question that asks two things ("Was ist X, und wie viel …?", "… seit wann …, und wie viele …?")."""
    return len(_QUESTION_WORD.findall(question)) > 1


def _asked_aspects(analysis: QueryAnalysis) -> frozenset[str]:
    """The parts every complete answer names: key terms, asked places and years."""
    keys = {t for t in analysis.key_terms if not t.isdigit()}
    return frozenset(keys | {p.name for p in analysis.places} | {str(y) for y in analysis.years})


def _term_gain(new: frozenset[str], analysis: QueryAnalysis, weights: dict[str, float]) -> float:
    """Idf-weighted share of the question's words that a sentence adds to the answer."""
    total = sum(weights.values())
    return sum(weights.get(t, 0.0) for t in new) / total if total else 0.0


def _complete(unit: Unit, analysis: QueryAnalysis, params: AnsweringSettings = DEFAULT_PARAMS) -> bool:
    """A figure sentence that answers a figure question on its own: a number, every key term (place, indicator),
    most of the other question words, and the asked year in the sentence itself."""
    if analysis.intent != "fact" or not unit.has_number or unit.key < 0.999 or unit.coverage < params.complete_coverage:
        return False
    if unit.off_place:
        return False  # "… zeigt für Wehringhausen/Villa Post …, mit der Nachbarschaft 51 Prozent" asked for the whole survey
    return not analysis.years or any(str(y) in unit.text for y in analysis.years)


def _answers_alone(leader: Unit, kinds: set[str], analysis: QueryAnalysis) -> bool:
    """A question asking one specific thing ("Was kostet …", "Wie viele …", "Wann …") whose leading sentence holds
    that kind of answer and names every key term: its passage answers it; other passages add no answer, only padding
    cited as if it were one."""
    if not kinds or multi_part(analysis.question) or len(question_parts(analysis.question)) > 1:
        return False
    # a leader missing an asked word may be the wrong sentence: another passage may hold the answer
    return not leader.off_place and leader.key >= 0.999 and holds_any(kinds, leader.text)


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= 0.6


def _figure_key(unit: Unit, analysis: QueryAnalysis) -> frozenset[str]:
    """The question words a numeric sentence shares with the question (its 'indicator and place')."""
    return frozenset(t for t in unit.terms & set(analysis.terms) if not t[:1].isdigit())


def compose_extractive(
    question: str, analysis: QueryAnalysis, passages: list[Passage], snapshot: CorpusSnapshot, params: AnsweringSettings | None = None
) -> Answer:
    """The cited extractive answer from the passages (the caller has already decided that there is evidence).

    `params` are the tuned constants (settings.answering); default: their calibrated defaults."""
    params = params or DEFAULT_PARAMS
    units = sorted(
        _units(passages, analysis, snapshot, params), key=lambda u: (not _complete(u, analysis, params), -u.score, u.passage_index, u.order)
    )
    if not units:
        deed = asked_deed(analysis.original or analysis.question)
        text = f"Wer {deed.clause}, steht nicht in den Dokumenten." if deed is not None else REFUSAL_TEXT
        return Answer(question=question, text=text, refused=True, passages=passages)
    limit = MAX_SENTENCES.get(analysis.intent, 4)
    weights = query_weights(analysis, snapshot)
    kinds = preferred_kinds(analysis.question) if not multi_part(analysis.question) else set()
    leader = kind_leader(units, kinds, params.kind_lead_share, _kind_focus(analysis, snapshot, kinds))
    if leader is not None:  # "wie viele Leute …": the sentence with the count leads, not the one repeating the words
        units.remove(leader)
        units.insert(0, leader)
    best = units[0].score
    one_source = _answers_alone(units[0], kinds, analysis)
    chosen: list[Unit] = []
    per_passage: dict[int, int] = {}
    notes: list[str] = []
    for unit in units:
        if len(chosen) >= limit or unit.score < params.relative_cutoff * best:
            break
        if per_passage.get(unit.passage_index, 0) >= MAX_PER_PASSAGE or any(_similar(unit.terms, c.terms) for c in chosen):
            continue
        if any(_repeats_items(unit, c) for c in chosen):
            continue  # a line of a result table already quoted with its intro, or the intro of one already quoted
        if chosen and one_source and unit.passage_index != chosen[0].passage_index:
            continue  # the asked fact is in the leading passage: another passage's sentence only pads (and mis-cites)
        if chosen and not _follows(unit, chosen, analysis, weights, params):
            continue
        older = _older_figure(unit, chosen, passages, analysis)
        if older is not None:
            if older:
                notes.append(older)
            continue
        chosen.append(unit)
        per_passage[unit.passage_index] = per_passage.get(unit.passage_index, 0) + 1
    neighbour = neighbour_with_kind(units, chosen, kinds)
    if neighbour is not None:
        chosen.append(neighbour)
    chosen.extend(
        part_sentences(units, chosen, analysis.question, weights, snapshot.analyzer.terms, params.part_rest_share, _similar)
    )
    chosen.extend(definition_sequels(units, chosen, passages, analysis, snapshot, params.definition_sequels))
    chosen.extend(antecedents(units, chosen, passages, snapshot))
    if analysis.intent in FIGURE_INTENTS:
        notes.extend(_older_elsewhere(chosen, units, passages, analysis, notes))

    # Passages in the order of their best sentence; sentences of one passage in document order.
    first_seen: dict[int, int] = {}
    for unit in chosen:
        first_seen.setdefault(unit.passage_index, len(first_seen))
    chosen.sort(key=lambda u: (first_seen[u.passage_index], u.order))
    citations: list[Citation] = []
    number_of: dict[int, int] = {}
    quotes: dict[int, list[str]] = {}
    parts: list[str] = []
    for unit in chosen:
        if unit.passage_index not in number_of:
            number_of[unit.passage_index] = len(number_of) + 1
            quotes[unit.passage_index] = []
        n = number_of[unit.passage_index]
        quotes[unit.passage_index].append(unit.text)
        sentence = unit.text if unit.text.rstrip()[-1:] in ".!?:" else unit.text.rstrip() + "."
        parts.append(f"{sentence} [{n}]")
        for item in unit.items:
            parts.append(f"\n{item}")
            quotes[unit.passage_index].append(item)
    for index, n in sorted(number_of.items(), key=lambda item: item[1]):
        citations.append(citation_for(n, passages[index], " … ".join(quotes[index])))
    text = " ".join(parts).replace(" \n", "\n").strip()
    documents = {passages[u.passage_index].document.doc_id for u in chosen}
    if len(documents) >= 2 and analysis.intent != "fact" and not any(u.items for u in chosen):
        text = per_source_lines(chosen, passages, number_of)
    return Answer(question=question, text=text, citations=citations, notes=notes, passages=passages)


def _kind_focus(analysis: QueryAnalysis, snapshot: CorpusSnapshot, kinds: set[str]):
    """How much of the asked thing a sentence names itself (its share of the key terms, without title and section),
    plus a whole point when a count in it counts an asked word ("17 Jugendliche"): for choosing among sentences that
    hold the asked kind of answer."""
    key_weights = {term: snapshot.idf(term) for term in analysis.key_terms}
    asked = {t for t in analysis.terms if not t[:1].isdigit()}
    for alternatives in synonym_terms(asked, snapshot).values():
        asked |= {next(iter(a)) for a in alternatives if len(a) == 1}

    def focus(unit) -> float:
        share = _key_share(analysis.key_terms, key_weights, unit.terms) if key_weights else 0.0
        counted = "count" in kinds and counts_asked(unit.text, asked, snapshot.analyzer.terms)
        return share + (1.0 if counted else 0.0)

    return focus


def per_source_lines(chosen: list[Unit], passages: list[Passage], number_of: dict[int, int]) -> str:
    """A multi-document answer as one labelled line per source: „Title“: its sentences [n]."""
    lines: dict[int, list[str]] = {}
    for unit in chosen:
        sentence = unit.text if unit.text.rstrip()[-1:] in ".!?:" else unit.text.rstrip() + "."
        lines.setdefault(unit.passage_index, []).append(sentence)
    return "\n".join(
        f"{passages[index].document.title}: {' '.join(sentences)} [{number_of[index]}]"
        for index, sentences in sorted(lines.items(), key=lambda item: number_of[item[0]])
    )


def citation_for(number: int, passage: Passage, quote: str) -> Citation:
    """A citation of a passage with the quoted span."""
    chunk, doc = passage.chunk, passage.document
    return Citation(
        number=number,
        doc_id=doc.doc_id,
        title=doc.title,
        quote=quote,
        page=chunk.page,
        row=chunk.row,
        section=chunk.section,
        source_path=doc.source_path,
        chunk_id=chunk.chunk_id,
        date=doc.date,
    )


def _date(passages: list[Passage], unit: Unit) -> str:
    return passages[unit.passage_index].document.date


def _older_figure(unit: Unit, chosen: list[Unit], passages: list[Passage], analysis: QueryAnalysis) -> str | None:
    """A note instead of the sentence when it gives an older, different figure for what a chosen sentence already gives;
    "" when it only repeats the chosen figure (left out silently); None when it stands on its own."""
    if not unit.has_number or analysis.intent not in FIGURE_INTENTS:
        return None
    key = _figure_key(unit, analysis)
    for other in chosen:
        if not other.has_number or passages[other.passage_index].document.doc_id == passages[unit.passage_index].document.doc_id:
            continue
        if _same_figure(unit, other, key, analysis) and _date(passages, unit) < _date(passages, other):
            if (
                analysis.years
                and any(str(y) in unit.text for y in analysis.years)
                and not any(str(y) in other.text for y in analysis.years)
            ):
                return None  # the older document has the asked year, the newer one does not
            if not figures(unit.text) or figures(unit.text) & figures(other.text):
                return ""  # no figure of its own (a header line), or the same figure, only older
            return older_note(passages[unit.passage_index], unit.text)
    return None


def _older_elsewhere(
    chosen: list[Unit], units: list[Unit], passages: list[Passage], analysis: QueryAnalysis, notes: list[str]
) -> list[str]:
    """Older documents among the candidates that give a figure for the same thing as a chosen sentence."""
    found: list[str] = []
    seen_docs = {passages[u.passage_index].document.doc_id for u in chosen}
    for top in chosen[:2]:
        if not top.has_number:
            continue
        key = _figure_key(top, analysis)
        for unit in units:
            doc = passages[unit.passage_index].document
            if unit in chosen or not unit.has_number or doc.doc_id in seen_docs or not doc.date or doc.date >= _date(passages, top):
                continue
            if _same_figure(unit, top, key, analysis) and figures(unit.text) and not figures(unit.text) & figures(top.text):
                note = older_note(passages[unit.passage_index], unit.text)
                if note not in notes and note not in found:
                    found.append(note)
                    seen_docs.add(doc.doc_id)
    return found[:2]


def _same_figure(unit: Unit, other: Unit, key: frozenset[str], analysis: QueryAnalysis) -> bool:
    """Two figure sentences on the same indicator (most question words shared) for the same place (same places named)."""
    return len(key & _figure_key(other, analysis)) >= max(2, len(key) - 1) and unit.places == other.places


def figures(text: str) -> set[str]:
    """The numbers of a text that are no years ("11,6", "4.395")."""
    return {n for n in _NUMBER.findall(text) if not _YEARLIKE.match(n)}


def older_note(passage: Passage, text: str) -> str:
    """'Älterer Stand: …' with the older document's title, date and place."""
    doc, chunk = passage.document, passage.chunk
    where = f", S. {chunk.page}" if chunk.page else (f", Zeile {chunk.row}" if chunk.row else "")
    return f"Älterer Stand in „{doc.title}“ ({doc.date[:4] or 'ohne Datum'}{where}): „{text}“"


def nearest_documents(passages: list[Passage], limit: int = 3) -> list[str]:
    """Titles of the best-ranked documents, for 'Vielleicht hilfreich:' under a refusal."""
    titles: list[str] = []
    for passage in passages:
        if passage.document.title not in titles:
            titles.append(passage.document.title)
        if len(titles) >= limit:
            break
    return titles
