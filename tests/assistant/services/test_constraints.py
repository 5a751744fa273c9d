"""A constraint the evidence cannot meet refuses with a text that names it; passages that miss one are never cited."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

from assistant.core.types import Answer, Chunk, Citation, DocumentMeta, Passage
from assistant.services.constraints import asked_constraints, check, nearest_label
from assistant.services.named_entities import compound_noun
from assistant.testing.sample_corpus import sample_setup

DOC = DocumentMeta(doc_id="d", title="Sozialbericht 2024", source_path="d.md", content_hash="h", format="md", date="2024-06-01")


def passage(text: str, n: int = 0, title: str = "Sozialbericht 2024") -> Passage:
    doc = dataclasses.replace(DOC, doc_id=f"d{n}", title=title)
    return Passage(Chunk(chunk_id=f"c{n}", doc_id=doc.doc_id, ordinal=n, text=text), doc, 1.0 - n / 10)


@pytest.fixture(scope="module")
def snapshot():
    return sample_setup().retrieval.snapshot()


def test_a_town_the_documents_lack_is_named_in_the_refusal(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch ist die SGB-II-Quote in Gevelsberg?")
    passages = [passage("Die SGB-II-Quote ist der Anteil der Leistungsberechtigten an der Bevölkerung unter 65 Jahren.")]
    result = check(analysis, passages, snapshot, 5)
    assert result.refusal == "Zu Gevelsberg enthalten die Dokumente nichts."


def test_a_named_town_in_the_evidence_keeps_only_the_passages_that_name_it(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Besucher kamen aus Gevelsberg?")
    on_it = passage("Einige Besucher kamen aus Gevelsberg und Ennepetal.", 1)
    other = passage("Die Begegnungsstätte hatte 2023 insgesamt 4.000 Besuchskontakte.", 2)
    result = check(analysis, [other, on_it], snapshot, 5)
    assert not result.refusal and result.passages == [on_it]


def test_a_town_mentioned_in_passing_beside_another_places_figures_gives_no_figure_for_it(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch ist der Anteil der über 65-Jährigen in Gevelsberg?")
    neighbour = passage("Westerbauer bildet den westlichen Rand Hagens zur Nachbarstadt Gevelsberg. Der Sozialraum "
                        "umfasst 8.735 Einwohnerinnen und Einwohner, davon 2.297 Menschen ab 65 Jahren.", 3)
    assert check(analysis, [neighbour], snapshot, 5).refusal == "Zu Gevelsberg enthalten die Dokumente keine Angaben."
    stated = passage("In Gevelsberg sind 24,1 % der Einwohner 65 Jahre und älter.", 4)
    assert not check(analysis, [neighbour, stated], snapshot, 5).refusal
    headed = passage("Anteil ab 65 Jahren: 24,1 %.", 5, title="Sozialbericht Gevelsberg 2024")
    assert not check(analysis, [headed], snapshot, 5).refusal


def test_a_figure_question_cites_only_passages_on_the_asked_place(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch ist die Kinderarmut in Haspe?")
    assert [c.kind for c in asked_constraints(analysis, snapshot, 5)] == ["place"]
    on_place = passage("Die Kinderarmut in Haspe lag 2024 bei 30,1 %.", 1)
    elsewhere = passage("Die Kinderarmut in Hohenlimburg lag 2024 bei 17,2 %.", 2)
    assert check(analysis, [elsewhere, on_place], snapshot, 5).passages == [on_place]
    refused = check(analysis, [elsewhere], snapshot, 5)
    assert refused.refusal == "Zu Haspe enthalten die Dokumente nichts."


def test_how_often_or_when_something_happens_in_a_place_is_answered_only_for_that_place(snapshot):
    analysis = snapshot.understanding.analyze("Wie oft tagt die Stadtteilkonferenz in Haspe?")
    assert "place" in [c.kind for c in asked_constraints(analysis, snapshot, 5)]
    elsewhere = passage("Die Stadtteilkonferenz in Hohenlimburg tagt viermal im Jahr.", 91, title="Sachstandsbericht")
    # ids of their own: places are cached per chunk
    on_place = passage("Die Stadtteilkonferenz in Haspe tagt vierteljährlich.", 92, title="Sachstandsbericht")
    assert check(analysis, [elsewhere, on_place], snapshot, 5).passages == [on_place]


def test_a_comparison_keeps_passages_on_either_place(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch ist die Kinderarmut in Haspe und in Hohenlimburg?")
    haspe = passage("Die Kinderarmut in Haspe lag 2024 bei 30,1 %.", 1)
    holi = passage("Die Kinderarmut in Hohenlimburg lag 2024 bei 17,2 %.", 2)
    assert check(analysis, [haspe, holi], snapshot, 5).passages == [haspe, holi]


def test_a_role_is_not_met_by_one_of_its_compound_parts(snapshot):
    analysis = snapshot.understanding.analyze("Wer ist der Armutsbeauftragte?")
    assert [c.kind for c in asked_constraints(analysis, snapshot, 5)] == ["role"]
    only_part = passage("Anwesend: 9 Fachkräfte zur Armut und zwei Beauftragte der Verwaltung.", 1)
    assert check(analysis, [only_part], snapshot, 5).refusal == "Zu „Armutsbeauftragte“ enthalten die Dokumente nichts."
    named = passage("Armutsbeauftragte der Stadt ist Frau Beispiel.", 2)
    assert check(analysis, [only_part, named], snapshot, 5).passages == [named]


def test_a_year_that_is_only_planned_refuses_with_the_plan(snapshot):
    latest = snapshot.years[1] if snapshot.years else 2024
    year = latest + 2
    analysis = snapshot.understanding.analyze(f"Welche Ergebnisse hat die Befragung {year}?")
    plan = passage(f"Die Befragung soll {year} wiederholt werden.")
    result = check(analysis, [plan], snapshot, 5)
    assert result.refusal == f"Für {year} gibt es noch keine Ergebnisse; die Befragung soll {year} wiederholt werden. [1]"
    assert result.cited == [plan]
    # another thing's date of that year beside the plan does not hide it; a noun opening the plan keeps its capital
    other = passage(f"Die Beratung im Ausschuss folgt im ersten Quartal {year}.", 1)
    listed = passage(f"Befragung mit Fragebögen, zuletzt {latest}; Wiederholung {year} geplant.", 2)
    result = check(analysis, [other, listed], snapshot, 5)
    assert result.refusal == f"Für {year} gibt es noch keine Ergebnisse; Befragung mit Fragebögen, zuletzt {latest}; " \
                             f"Wiederholung {year} geplant. [1]"


def test_the_plan_of_another_thing_is_no_plan_of_the_asked_one(snapshot):
    latest = snapshot.years[1] if snapshot.years else 2024
    year = latest + 2
    analysis = snapshot.understanding.analyze(f"Welche Ergebnisse hat die Befragung {year}?")
    other = passage(f"Der Neubau der Kita soll {year} fertiggestellt werden.")
    assert "noch keine Ergebnisse" not in (check(analysis, [other], snapshot, 5).refusal or "")


def test_a_question_without_constraints_keeps_every_passage(snapshot):
    analysis = snapshot.understanding.analyze("Was ist ein Sozialraumteam?")
    passages = [passage("Ein Sozialraumteam ist ein Arbeitsgremium.", 1), passage("Die Teams tagen alle acht Wochen.", 2)]
    assert check(analysis, passages, snapshot, 5).passages == passages


def test_a_bezirk_question_prefers_bezirk_rows_over_rows_of_its_sozialraeume(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Einwohner hatte der Stadtbezirk Haspe 2023?")
    part = dataclasses.replace(passage("Sozialraum: Haspe-Zentrum; Stadtbezirk: Haspe; Jahr: 2023; Einwohner: 14469.", 11))
    part = Passage(dataclasses.replace(part.chunk, kind="table_row"), part.document, part.score)
    whole = passage("Im Stadtbezirk Haspe lebten 2023 31.551 Menschen.", 12)
    assert check(analysis, [part, whole], snapshot, 5).passages == [whole]
    assert check(analysis, [part], snapshot, 5).passages == [part]  # nothing at the asked level: the part is still shown


def test_a_figure_for_another_year_is_labelled_as_the_nearest_fact(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Einwohner hatte Haspe im Jahr 2023?")
    other_year = Answer(question="q", text="Einwohnerinnen und Einwohner 2024 31.574. [1]",
                        citations=[Citation(number=1, doc_id="p", title="Sozialraumprofil Haspe", quote="…")])
    labelled = nearest_label(other_year, analysis)
    assert labelled.text.startswith("Für 2023 nennen die Dokumente keinen eigenen Wert; nächstliegende Angaben:\n")
    same_year = dataclasses.replace(other_year, text="Im Jahr 2023 lebten 31.551 Menschen in Haspe. [1]")
    assert nearest_label(same_year, analysis).text == same_year.text


def test_a_name_after_an_area_word_must_be_written_by_the_passage(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch ist die Arbeitslosenquote im Sozialraum Hasperbruch?")
    assert [c.label for c in asked_constraints(analysis, snapshot, 5) if c.kind == "name"] == ["Hasperbruch"]
    other = passage("Die Arbeitslosenquote lag 2024 im Sozialraum Haspe-Zentrum bei 15,1 %.", 1)
    assert check(analysis, [other], snapshot, 5).refusal == "Zu Hasperbruch enthalten die Dokumente nichts."
    on_it = passage("Im Sozialraum Hasperbruch lag die Arbeitslosenquote bei 9,0 %.", 2)
    assert check(analysis, [other, on_it], snapshot, 5).passages == [on_it]


def test_a_town_is_no_compound_of_short_words(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch ist die SGB-II-Quote in Dortmund?")
    passages = [passage("Die SGB-II-Quote lag 2024 in Hohenlimburg bei 14,2 %.")]
    assert check(analysis, passages, snapshot, 5).refusal == "Zu Dortmund enthalten die Dokumente nichts."
    split_as = {"dortmund": ["dort", "mund"], "iserlohn": ["iser", "lohn"], "seniorenwohnanlagen": ["senioren", "wohnanlagen"]}
    splitter = SimpleNamespace(split=lambda word: split_as.get(word, []))
    fake = SimpleNamespace(analyzer=SimpleNamespace(splitter=splitter))
    assert not compound_noun("dortmund", fake) and not compound_noun("iserlohn", fake)  # short parts: a name
    assert compound_noun("seniorenwohnanlagen", fake)


def test_the_asked_year_must_be_in_a_passage_on_the_asked_place(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch war die Kinderarmut in Haspe im Jahr 2012?")
    haspe = passage("Die Kinderarmut in Haspe lag 2024 bei 30,1 %.", 1)
    year_elsewhere = passage("Die Kinderarmut in Hohenlimburg lag 2012 bei 15,0 %.", 2)
    assert check(analysis, [haspe, year_elsewhere], snapshot, 5).refusal == "Für 2012 enthalten die Dokumente keine Angaben."
    both = passage("Die Kinderarmut in Haspe lag 2012 bei 25,0 %.", 3)
    assert check(analysis, [haspe, year_elsewhere, both], snapshot, 5).passages == [haspe, both]


def test_what_is_asked_about_a_named_place_must_be_in_a_passage_on_it(snapshot):
    analysis = snapshot.understanding.analyze("Welche Öffnungszeiten hat die Schuldnerberatung in Gevelsberg?")
    on_it = passage("Die Schuldnerberatung in Gevelsberg berät überschuldete Haushalte.", 1)
    elsewhere = passage("Die Öffnungszeiten der Schuldnerberatung in Haspe: dienstags 10 bis 12 Uhr.", 2)
    refused = check(analysis, [on_it, elsewhere], snapshot, 5, focus_min=0.5)
    assert refused.refusal == "Zu „Öffnungszeiten“ (Gevelsberg) enthalten die Dokumente nichts."
    answered = passage("Die Öffnungszeiten der Schuldnerberatung in Gevelsberg: montags 9 bis 12 Uhr.", 3)
    assert check(analysis, [on_it, elsewhere, answered], snapshot, 5, focus_min=0.5).passages == [on_it, answered]
    assert not check(analysis, [on_it, elsewhere], snapshot, 5, focus_min=0.0).refusal  # 0 switches the focus check off


def test_an_asked_statute_paragraph_must_be_the_very_number(snapshot):
    analysis = snapshot.understanding.analyze("Was regelt § 4b der Geschäftsordnung?")
    assert [c.label for c in asked_constraints(analysis, snapshot, 5) if c.kind == "paragraph"] == ["§ 4b"]
    near = [passage("§ 4a Rechte und Pflichten der Mitglieder: (1) Die Mitglieder nehmen teil.", 1), passage("§ 14 Schluss.", 2)]
    assert check(analysis, near, snapshot, 5).refusal == "Zu § 4b enthalten die Dokumente nichts."
    on_it = passage("§ 4b Vertretung: (1) Jedes Mitglied benennt eine Vertretung.", 3)
    assert check(analysis, [*near, on_it], snapshot, 5).passages == [on_it]


def test_an_institution_the_corpus_never_names_refuses_before_any_figure(snapshot):
    from assistant.services.constraints import missing_institution

    analysis = snapshot.understanding.analyze("Wie viele Plätze hat die Schuldnerberatung Boele?")
    assert missing_institution(analysis, snapshot, 5, 1) == "Zu „Schuldnerberatung Boele“ enthalten die Dokumente nichts."
    known = snapshot.understanding.analyze("Wie viele Plätze hat die Schuldnerberatung Haspe?")
    assert missing_institution(known, snapshot, 5, 1) == ""


def test_a_head_that_names_the_asked_figure_is_no_institution(snapshot):
    from assistant.services.constraints import missing_institution

    analysis = snapshot.understanding.analyze("Trend Schuldnerberatung Boele")
    assert missing_institution(analysis, snapshot, 5, 1)  # read as an institution ...
    # ... unless the tables hold a figure of that name for the place ("Trend Alleinerziehende Haspe")
    assert missing_institution(analysis, snapshot, 5, 1, lambda: frozenset({"schuldnerberatung"})) == ""


def test_an_asked_year_elsewhere_in_the_passage_is_no_statement_about_the_asked_thing(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch war die Kinderarmut in Haspe im Jahr 2012?")
    aside = passage("Die Kinderarmut in Haspe lag 2024 bei 30,1 %. " + "Weitere Angaben folgen im Anhang des Berichts. " * 3
                    + "Der Bericht erscheint seit 2012.", 1)
    assert check(analysis, [aside], snapshot, 5).refusal == "Für 2012 enthalten die Dokumente keine Angaben."
    stated = passage("Die Kinderarmut in Haspe lag 2012 bei 25,0 %.", 2)
    assert check(analysis, [aside, stated], snapshot, 5).passages == [aside, stated]


def test_the_year_of_a_named_survey_is_that_surveys_year(snapshot):
    """"… 2023 an der Jugendbefragung": the Bürgerbefragung 2023 near "Jugendliche", or a protocol of the term
    2023–2025 with a TOP on the Jugendbefragung 2024, does not date the Jugendbefragung."""
    analysis = snapshot.understanding.analyze("Wie viele Jugendliche haben 2023 an der Jugendbefragung teilgenommen?")
    other = passage("Die Bürgerbefragung 2023 zeigte: Angebote für Jugendliche wurden schlecht bewertet.", 1)
    term = dataclasses.replace(passage("1.386 Jugendliche haben teilgenommen.", 2),
                               chunk=Chunk(chunk_id="c2", doc_id="d2", ordinal=2, text="1.386 Jugendliche haben teilgenommen.",
                                           section="Protokoll der Wahlperiode 2023–2025 > TOP 2 Jugendbefragung 2024"))
    assert check(analysis, [other, term], snapshot, 5).refusal == "Für 2023 enthalten die Dokumente keine Angaben."
    analysis = snapshot.understanding.analyze("Wie viele Jugendliche haben 2024 an der Jugendbefragung teilgenommen?")
    assert not check(analysis, [other, term], snapshot, 5).refusal
    # a general survey word stands for its synonyms ("Umfrage" ~ "Befragung"): the Bürgerbefragung 2023 is one
    analysis = snapshot.understanding.analyze("Wie viele Leute haben 2023 bei der Umfrage mitgemacht?")
    survey = passage("An der Befragung 2023 nahmen 2.184 Bürgerinnen und Bürger teil.", 3)
    assert not check(analysis, [survey], snapshot, 5).refusal


def test_the_focus_must_be_in_a_passage_with_the_asked_year(snapshot):
    analysis = snapshot.understanding.analyze("Welche Öffnungszeiten hatte die Schuldnerberatung 2023 in Gevelsberg?")
    hours_2024 = passage("Die Öffnungszeiten der Schuldnerberatung in Gevelsberg 2024: montags 9 bis 12 Uhr.", 1)
    other_2023 = passage("In Gevelsberg wurde 2023 ein neues Rathaus eröffnet.", 2)
    refused = check(analysis, [hours_2024, other_2023], snapshot, 5, focus_min=0.5)
    assert refused.refusal == "Für 2023 enthalten die Dokumente keine Angaben." and refused.unmet == "year"


def test_a_proper_name_phrase_is_met_only_as_that_phrase():
    from assistant.services.constraints import Constraint, combination_refusal, meets

    phrase = Constraint("phrase", "Soziale Stadt", frozenset({"sozial", "stadt"}))
    written = passage("Wehringhausen ist Fördergebiet des Programms „Soziale Stadt“.", 1)
    apart = passage("Die soziale Lage der Stadt hat sich verbessert.", 2)
    fake = SimpleNamespace(places_in=lambda chunk: frozenset())
    assert meets(phrase, written, fake) and not meets(phrase, apart, fake)
    haspe = Constraint("place", "Haspe")
    assert combination_refusal([phrase, haspe]) == "Zu „Soziale Stadt“ in Haspe enthalten die Dokumente nichts."


def test_how_a_figure_is_asked_is_no_focus_the_passage_must_write(snapshot):
    from assistant.services.constraints import focus_terms

    analysis = snapshot.understanding.analyze("wieviele plaetze kriegt die neue schuldnerberatung in gevelsberg")
    focus = focus_terms(analysis, asked_constraints(analysis, snapshot, 5), snapshot)
    assert not {"bekommt", "bekomm", "neu", "neue"} & set(focus)
    stated = passage("Die Schuldnerberatung in Gevelsberg hat 12 Plätze.", 31)
    assert not check(analysis, [stated], snapshot, 5, focus_min=0.5).refusal
    typed = snapshot.understanding.analyze("Wie viele Plätze bekommt die neue Schuldnerberatung in Gevelsberg?")
    missing = passage("Die Schuldnerberatung in Gevelsberg berät überschuldete Haushalte.", 32)
    assert check(typed, [missing], snapshot, 5, focus_min=0.5).unmet == "focus"  # the asked Plätze still count
    assert not check(typed, [stated], snapshot, 5, focus_min=0.5).refusal


def test_a_sozialraum_the_geography_lacks_refuses_before_any_figure(snapshot):
    from assistant.services.constraints import unknown_area

    oege = snapshot.understanding.analyze("Wie hoch ist die Kinderarmut im Sozialraum Oege?")
    assert unknown_area(oege, snapshot) == "Zu Sozialraum Oege enthalten die Dokumente nichts."
    for known in ("Wie hoch ist die Kinderarmut im Sozialraum Eilpe/Delstern/Selbecke?", "Wie viele leben im Stadtbezirk Haspe?"):
        assert unknown_area(snapshot.understanding.analyze(known), snapshot) == ""


def test_an_asked_provider_of_a_figure_must_be_named_by_the_passage(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Plätze hat die Tagespflege der Caritas in Haspe?")
    assert ("partner", "Caritas") in [(c.kind, c.label) for c in asked_constraints(analysis, snapshot, 5)]
    other = passage("Die Diakonie plant in Haspe eine Tagespflege mit 12 Plätzen.", 41)  # ids of their own: terms are cached
    refused = check(analysis, [other], snapshot, 5)
    assert refused.unmet == "partner" and "Caritas" in refused.refusal
    stated = passage("Der Caritasverband betreibt in Haspe eine Tagespflege mit 14 Plätzen.", 42)
    assert check(analysis, [other, stated], snapshot, 5).passages == [stated]


def test_a_parenthesised_year_dates_the_name_before_it(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Gäste hatte der Treffpunkt Oege im Jahr 2021?")
    listing = passage("Neu aufgenommen: Nachbarschaftscafé Quambusch (2021), Nachbarschaftstreff Helfe (2019), Treffpunkt Oege (2023).", 51)
    assert check(analysis, [listing], snapshot, 5).unmet == "year"
    inner = passage("Neu sind das Café Quambusch (Der Paritätische, 2021) und der Treffpunkt Oege (Der Paritätische, 2023).", 53)
    assert check(analysis, [inner], snapshot, 5).unmet == "year"
    dated = snapshot.understanding.analyze("Wie viele Gäste hatte der Treffpunkt Oege im Jahr 2023?")
    assert not check(dated, [listing], snapshot, 5).refusal
    trend = snapshot.understanding.analyze("Wie hoch war die Kinderarmut in Haspe 2024?")
    rising = passage("Die Kinderarmut in Haspe stieg von 25,1 % (2019) auf 30,1 % (2024).", 52)
    assert not check(trend, [rising], snapshot, 5).refusal


def test_a_partner_made_up_by_a_spelling_correction_is_no_asked_provider(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Plätze hat die Tagespflege der Caritas in Haspe?")
    corrected = dataclasses.replace(analysis, original="Wie viele Plätze hat die Tagespflege der Carits in Haspe?")
    assert "partner" not in [c.kind for c in asked_constraints(corrected, snapshot, 5)]


def test_a_document_cannot_report_figures_of_a_year_after_it_was_written(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Teilnehmende hatte die Stadtteilkonferenz in Haspe im Jahr 2024?")
    announced = dataclasses.replace(
        passage("Teilnehmende: 33 Personen. Im Jahr 2024 soll die Stadtteilkonferenz in Haspe ein Sozialraumteam erhalten.", 61),
        document=dataclasses.replace(DOC, doc_id="d61", date="2023-05-10"),
    )
    assert check(analysis, [announced], snapshot, 5).unmet == "year"
    reported = dataclasses.replace(announced, document=dataclasses.replace(DOC, doc_id="d62", date="2025-11-03"))
    assert not check(analysis, [reported], snapshot, 5).refusal
    # a forecast is what a question for an expected figure asks: the report of 2023 may state the year after it
    expected = snapshot.understanding.analyze("Wie viele Teilnehmende werden in Haspe im Jahr 2024 erwartet?")
    forecast = dataclasses.replace(
        passage("Für die Stadtteilkonferenz in Haspe werden im Jahr 2024 rund 60 Teilnehmende erwartet.", 63),
        document=dataclasses.replace(DOC, doc_id="d63", date="2023-05-10"),
    )
    assert check(expected, [forecast], snapshot, 5).unmet != "year"



def test_a_figure_dated_to_another_year_is_no_answer_for_the_asked_one():
    from assistant.core.types import Answer, Citation
    from assistant.services.constraints import year_unstated
    from assistant.services.query_understanding import QueryAnalysis

    analysis = QueryAnalysis(question="Wie viele Besuche hatte das Café 2023?", intent="fact", years=[2023])

    def answer(quote: str, row: int | None = None) -> Answer:
        return Answer(question="q", text=quote, citations=[Citation(number=1, doc_id="d", title="Protokoll 2023", quote=quote, row=row)])

    assert year_unstated(answer("Das Café hatte 2022 rund 1.280 Besuche."), analysis) == "Für 2023 enthalten die Dokumente keine Angaben."
    assert year_unstated(answer("Das Café hatte 2023 rund 1.280 Besuche."), analysis) == ""
    assert year_unstated(answer("Das Café hatte rund 1.280 Besuche."), analysis) == ""  # undated: the title may date it
    assert year_unstated(answer("Café; 2022: 1.280", row=3), analysis) == ""  # a row's year is a column
    # an undated count in a document written before the asked year, beside a sentence that only mentions that year
    later = QueryAnalysis(question="Wie viele Teilnehmende hatte die Konferenz 2025?", intent="fact", years=[2025])
    old = Citation(number=1, doc_id="p", title="Protokoll der Stadtteilkonferenz am 13. März 2024", quote="Teilnehmende: 47 Personen")
    date = Citation(number=2, doc_id="q", title="Protokoll 2025", quote="Die Konferenz tagt am 12.03.2025.")
    refused = year_unstated(Answer(question="q", text="…", citations=[old, date]), later)
    assert refused == "Für 2025 enthalten die Dokumente keine Angaben."


def test_a_phrase_that_governs_a_genitive_names_no_place(snapshot):
    phrase = snapshot.understanding.analyze("Was bedeutet Kinderarmut im Sinne des Indikatorenhandbuchs?")
    assert not [c for c in asked_constraints(phrase, snapshot, 5) if c.label == "Sinne"]
    town = snapshot.understanding.analyze("Was bedeutet Kinderarmut in Gevelsberg?")
    assert [c for c in asked_constraints(town, snapshot, 5) if c.label == "Gevelsberg"]


def test_a_price_asked_for_a_place_is_not_met_by_the_price_of_another(snapshot):
    analysis = snapshot.understanding.analyze("was kostet das mittagessen in der begegnungsstätte haspe?")
    assert ("place", "Haspe") in [(c.kind, c.label) for c in asked_constraints(analysis, snapshot, 5)]



def test_a_year_beside_another_thing_of_the_asked_kind_dates_that_thing(snapshot):
    """ "… in der Begegnungsstätte Westerbauer wurde der Wert von 2019 übertroffen" gives no 2019 of the Begegnungsstätte
    Elsey; a sentence on Elsey itself, or one naming no such thing, still dates what is asked."""
    from assistant.services.constraints import _named_pair, states_year

    named = frozenset({_named_pair("Begegnungsstätte", "Elsey")})
    anchors = frozenset(snapshot.analyzer.terms("Besuchszahlen Begegnungsstätte"))
    other = passage("Die Besuchszahlen stiegen; in der AWO-Begegnungsstätte Westerbauer wurde der Wert von 2019 übertroffen.", 61)
    assert not states_year("2019", other, anchors, snapshot, named=named)
    assert states_year("2019", other, anchors, snapshot)  # without an asked name the year counts as before
    own = passage("Die Besuchszahlen der Begegnungsstätte Elsey lagen 2019 bei 6.000.", 62)
    assert states_year("2019", own, anchors, snapshot, named=named)
