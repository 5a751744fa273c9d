"""The kind of answer a question asks for must be in the evidence: a phone number, opening hours, a person's name."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.answer_type import missing_kind, narrowed_group_missing
from assistant.testing.sample_corpus import sample_setup

DOC = DocumentMeta(doc_id="d", title="Qualitätsbericht 2023", source_path="d.md", content_hash="h", format="md", date="2024-03-01")


def passage(text: str, n: int = 0, section: str = "") -> Passage:
    doc = dataclasses.replace(DOC, doc_id=f"d{n}")
    return Passage(Chunk(chunk_id=f"c{n}", doc_id=doc.doc_id, ordinal=n, text=text, section=section), doc, 1.0 - n / 10)


@pytest.fixture(scope="module")
def snapshot():
    return sample_setup().retrieval.snapshot()


def test_a_phone_question_needs_a_phone_number(snapshot):
    analysis = snapshot.understanding.analyze("Unter welcher Telefonnummer erreiche ich die Schuldnerberatung Haspe?")
    assert missing_kind(analysis, [passage("Die Schuldnerberatung Haspe berät überschuldete Haushalte.")], snapshot) == "phone"
    assert not missing_kind(analysis, [passage("Die Schuldnerberatung Haspe ist unter 02331 207-3344 erreichbar.")], snapshot)


def test_an_opening_hours_question_needs_clock_times(snapshot):
    analysis = snapshot.understanding.analyze("Welche Öffnungszeiten hat der Seniorentreff Haspe?")
    days = passage("Der Seniorentreff Haspe hat an vier Tagen in der Woche geöffnet.")
    assert missing_kind(analysis, [days], snapshot) == "hours"
    elsewhere = passage("Die Tafel in Hohenlimburg öffnet Montag bis Freitag, 10:00–16:30 Uhr.")
    assert missing_kind(analysis, [days, elsewhere], snapshot) == "hours"  # another institution's hours answer nothing
    on_it = passage("Montag bis Freitag, 10:00–16:30 Uhr.", 1, section="Seniorentreff Haspe > Öffnungszeiten")
    assert not missing_kind(analysis, [days, elsewhere, on_it], snapshot)
    colloquial = snapshot.understanding.analyze("wann hat der seniorentreff haspe auf")
    assert missing_kind(colloquial, [days], snapshot) == "hours" and not missing_kind(colloquial, [on_it], snapshot)


def test_a_clock_time_question_needs_a_time_of_the_asked_place(snapshot):
    analysis = snapshot.understanding.analyze("Um wie viel Uhr beginnt die Sprechstunde in Hohenlimburg-Zentrum?")
    other = passage("Die Sprechstunde in Wehringhausen ist mittwochs um 14 Uhr. Hohenlimburg-Zentrum folgt ab Mai 2025.")
    assert missing_kind(analysis, [other], snapshot) == "clock"  # no count of "Uhr", and not another place's time
    # a PDF table split into lines: the place three lines up still owns the time
    split = passage("Altenhagen/Eckesey-Süd\n\nSeniorenbegegnung, Altenhagener Straße 88\n\ndonnerstags 9:00\n\n12:00 Uhr", 1)
    assert missing_kind(analysis, [split], snapshot) == "clock"
    own = passage("Die Sprechstunde in Hohenlimburg-Zentrum beginnt montags um 9:30 Uhr.", 2)
    assert not missing_kind(analysis, [other, own], snapshot)


def test_a_question_for_an_office_holder_needs_a_persons_name(snapshot):
    analysis = snapshot.understanding.analyze("Wer ist der Bezirksbürgermeister von Hohenlimburg?")
    function_only = passage("Der Bezirksbürgermeister unterstützt den Vorschlag der Stadtteilkonferenz.")
    assert missing_kind(analysis, [function_only], snapshot) == "person"
    named = passage("Bezirksbürgermeister von Hohenlimburg ist Herr Beispielmann.")
    assert not missing_kind(analysis, [named], snapshot)


def test_an_organisation_may_answer_who_when_no_person_is_asked(snapshot):
    analysis = snapshot.understanding.analyze("Wer ist Träger der Schuldnerberatung Haspe?")
    assert not missing_kind(analysis, [passage("Träger der Schuldnerberatung Haspe ist der Caritasverband Hagen e.V.")], snapshot)


def test_a_count_narrowed_by_a_rare_adjective_is_not_answered_by_a_figure_on_everyone(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele wohnungslose Menschen leben in Hagen?")
    rare = dataclasses.replace(snapshot, doc_freq=snapshot.doc_freq + Counter({"mensch": 100, "wohnungslos": 1}))
    assert narrowed_group_missing(analysis, ["Einwohner – Hagen, 2024: 198.121"], rare)
    assert not narrowed_group_missing(analysis, ["In Hagen leben rund 400 wohnungslose Menschen."], rare)


def test_a_count_for_a_named_institution_must_be_written_with_its_name(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Kinder besuchen die Hausaufgabenhilfe Eilpe?")
    other = passage("In Eilpe besuchen 120 Kinder die Grundschule.", 1)
    assert missing_kind(analysis, [other], snapshot) == "number"
    on_it = passage("Die Hausaufgabenhilfe Eilpe besuchen 35 Kinder.", 2)
    assert not missing_kind(analysis, [other, on_it], snapshot)


def test_a_name_asked_for_a_function_needs_a_persons_name(snapshot):
    analysis = snapshot.understanding.analyze("Wie heißt die neue Teamleitung des Jobcenters Haspe?")
    function_only = passage("Die Moderation begrüßt die neue Teamleitung des Jobcenters Haspe.")
    assert missing_kind(analysis, [function_only], snapshot) == "person"
    assert not missing_kind(analysis, [passage("Die Teamleitung des Jobcenters Haspe hat Frau Beispiel übernommen.")], snapshot)
    organisation = snapshot.understanding.analyze("Wer ist die Leitung der Schuldnerberatung Haspe?")
    assert missing_kind(organisation, [passage("Die Leitung der Schuldnerberatung Haspe hat der Caritasverband.")], snapshot) != "person"


def test_a_question_for_a_sum_of_money_needs_an_amount_not_any_figure(snapshot):
    analysis = snapshot.understanding.analyze("Wie viel Zuschuss bekommt der Seniorentreff Haspe?")
    plans = passage("Der Seniorentreff Haspe soll 2025 in den Bericht aufgenommen werden (Empfehlung 5).")
    assert missing_kind(analysis, [plans], snapshot) == "money"  # a year and a number, but no sum
    amount = passage("Der Seniorentreff Haspe erhält einen Zuschuss von 4.500 Euro im Jahr.", 1)
    assert not missing_kind(analysis, [plans, amount], snapshot)


def test_a_sum_is_for_what_its_passage_is_about_and_a_time_adverbial_is_no_asked_thing(snapshot):
    analysis = snapshot.understanding.analyze("Wie viel Zuschuss gibt es in Haspe jedes Jahr für Projekte von Bewohnern?")
    fund = passage("Gefördert werden Projekte von Bewohner:innen. Im Fonds stehen jährlich 30.000 Euro zur Verfügung.")
    assert not missing_kind(analysis, [fund], snapshot)
    assert missing_kind(analysis, [passage("Im Fonds stehen jährlich 30.000 Euro für Vereine zur Verfügung.")], snapshot) == "money"


def test_a_year_is_no_figure_and_the_money_word_itself_may_be_the_asked_thing(snapshot):
    doc_freq = Counter(snapshot.doc_freq)
    doc_freq.update(snapshot.analyzer.terms("Zuschuss Plätze Tagespflege"))  # words the small sample corpus lacks
    snapshot = dataclasses.replace(snapshot, doc_freq=doc_freq)
    grant = snapshot.understanding.analyze("Wie hoch ist der Zuschuss in Haspe?")
    plan = passage("In Haspe soll der Zuschuss steigen (vgl. Bericht 2023).")
    assert missing_kind(grant, [plan], snapshot) == "money"
    assert not missing_kind(grant, [passage("Der Zuschuss in Haspe beträgt 6.200 Euro im Jahr.", 1)], snapshot)
    count = snapshot.understanding.analyze("Wie viele Plätze hat die Tagespflege in Haspe?")
    assert missing_kind(count, [passage("Die Tagespflege in Haspe hat seit 2019 mehr Plätze.")], snapshot) == "number"


def test_a_how_often_question_needs_a_rhythm_stated_for_the_asked_thing(snapshot):
    analysis = snapshot.understanding.analyze("Wie oft tagt der Seniorentreff Haspe?")
    dated = passage("Der Seniorentreff Haspe tagt am 12.03.2025 im Rathaus.")
    vague = passage("Der Seniorentreff Haspe arbeitet regelmäßig mit der Tafel zusammen.", 1)
    assert missing_kind(analysis, [dated, vague], snapshot) == "frequency"  # a date or "regelmäßig" says not how often
    other = passage("Die Bürgersprechstunde findet jeden zweiten Montag im Monat statt.", 2, section="Seniorentreff Haspe > TOP 7")
    assert missing_kind(analysis, [dated, other], snapshot) == "frequency"  # another thing's rhythm under its heading
    stated = passage("Im Seniorentreff Haspe kommen viele zusammen. Sie treffen sich alle zwei Wochen.", 3)
    assert not missing_kind(analysis, [dated, stated], snapshot)  # "Sie …" continues the sentence that names it
    typed = snapshot.understanding.analyze("wie oft trifft sich der seniorentreff haspe")
    assert not missing_kind(typed, [stated], snapshot)  # the verb of a lower-case question is no part of the thing


def test_a_table_description_with_export_dates_and_a_row_count_holds_no_figure(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Einwohner hat Haspe?")
    described = passage("Haspe: Einwohner insgesamt – insgesamt, maennlich, weiblich (2014-12-31 … 2023-12-31, 11 Zeilen)")
    wide = passage("Haspe, 2023_12_31: Einwohner nach Altersgruppen", 1)
    assert missing_kind(analysis, [described, wide], snapshot) == "number"
    stated = passage("Haspe: Einwohner insgesamt: 35.012; Stichtag: 2023-12-31", 2)
    assert not missing_kind(analysis, [described, stated], snapshot)


def test_a_passage_that_describes_table_rows_for_search_states_no_value(snapshot):
    from assistant.services.answer_type import states_values

    described = Chunk(chunk_id="g", doc_id="k", ordinal=0, kind="table_row",
                      text="Gaarden-Ost: Einwohner nach Altersgruppen – 0 bis unter 3, 3 bis unter 6 (2014-12-31 … 2023-12-31, 10 Zeilen)",
                      record={"Stadtteil": "Gaarden-Ost", "Werte": "0 bis unter 3, 3 bis unter 6", "Zeilen": "10"})
    wide = Chunk(chunk_id="w", doc_id="k", ordinal=1, kind="table_row", text="Gaarden-Ost, 2023_12_31: Einwohner nach Altersgruppen",
                 record={"Stadtteil": "Gaarden-Ost", "Datum": "2023_12_31", "0 bis unter 3": "630", "3 bis unter 6": "540"})
    narrow = Chunk(chunk_id="n", doc_id="k", ordinal=2, kind="table_row", text="Stadtteil: Gaarden-Ost; insgesamt: 19229",
                   record={"Stadtteil": "Gaarden-Ost", "insgesamt": "19229"})
    assert not states_values(described) and not states_values(wide) and states_values(narrow)
    analysis = snapshot.understanding.analyze("Wie viele Kinder unter 3 wohnen in Gaarden-Ost?")
    as_passages = [Passage(c, DOC, 1.0) for c in (described, wide)]
    assert missing_kind(analysis, as_passages, snapshot) == "number"


def test_a_count_of_a_named_holder_needs_the_holder_in_its_sentence(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Haushalte hat die Schuldnerberatung in Haspe?")
    other = passage("In Haspe versorgt die Tafel 120 Haushalte.", section="Haspe")
    assert missing_kind(analysis, [other], snapshot) == "number"
    own = passage("Die Schuldnerberatung in Haspe berät 45 Haushalte.", 1, section="Haspe")
    assert not missing_kind(analysis, [other, own], snapshot)


def test_a_time_asked_of_an_event_needs_that_event(snapshot):
    analysis = snapshot.understanding.analyze("Wann wurde die Schuldnerberatung Haspe eröffnet?")
    closed = passage("Die Schuldnerberatung Haspe wurde Ende 2022 geschlossen.")
    assert missing_kind(analysis, [closed], snapshot) == "event"
    opened = passage("Die Schuldnerberatung Haspe wurde 2019 eröffnet.", 1)
    assert not missing_kind(analysis, [closed, opened], snapshot)


def test_a_count_for_a_place_is_not_answered_by_a_count_of_other_places(snapshot):
    analysis = snapshot.understanding.analyze("wie viele kinder besuchen die hausaufgabenhilfe in eilpe?")
    assert [p.name for p in analysis.places] == ["Eilpe/Dahl"]  # a short name that is no word counts in lower case
    others = passage("TOP 5 Hausaufgabenhilfe Eilpe\n\nBerichtet wird über die Hausaufgabenhilfe in Haspe-Zentrum. "
                     "Dort kommen zurzeit 24 Kinder.")
    assert missing_kind(analysis, [others], snapshot) == "number"  # "TOP 5" is no figure, the 24 are Haspe's
    own = passage("Die Hausaufgabenhilfe in Eilpe besuchen 18 Kinder.", 1)
    assert not missing_kind(analysis, [others, own], snapshot)


def test_a_figure_sentence_may_name_the_figure_for_the_place_of_the_next(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch war die SGB-II-Quote in Haspe 2024?")
    both = passage("Die SGB-II-Quote lag 2024 in Hohenlimburg bei 14,2 %. In Haspe lag sie im selben Jahr bei 19,6 %.")
    assert not missing_kind(analysis, [both], snapshot)


def test_a_rhythm_said_with_the_asked_verb_is_the_things_own():
    from assistant.services.answer_type import rhythm_with_the_verb

    snapshot = sample_setup().retrieval.snapshot()
    analysis = snapshot.understanding.analyze("Wie oft tagt der Beirat?")
    assert rhythm_with_the_verb(analysis, passage("Die sechs Beiräte bestehen seit 2019. Sie tagen etwa vierteljährlich."), snapshot)
    assert not rhythm_with_the_verb(analysis, passage("Zweimal im Jahr findet eine gemeinsame Sitzung statt."), snapshot)


def test_a_price_is_written_in_a_sentence_not_as_a_budget_line(snapshot):
    from assistant.services.answer_type import states_price

    analysis = snapshot.understanding.analyze("Was kostet der Eintritt?")
    assert states_price(analysis, snapshot, passage("Der Eintritt betrug in der Regel 3 Euro."))
    assert not states_price(analysis, snapshot, passage("Kursgebühren, Eintritte, Mittagstisch 41.600 €."))


def test_a_part_of_the_respondents_is_answered_by_their_share(snapshot):
    known = dataclasses.replace(snapshot, doc_freq=snapshot.doc_freq + Counter({"jahrig": 5, "notfall": 3, "befragt": 9}))
    analysis = known.understanding.analyze("Wie viele der befragten über 75-Jährigen haben im Notfall niemanden, der hilft?")
    share = passage("12 Prozent aller Befragten haben niemanden, der ihnen im Notfall helfen würde.")
    assert not missing_kind(analysis, [share], known)  # who was asked ("75-Jährige") is no thing the sentence must name
    other = passage("12 Prozent aller Befragten leben allein.")
    assert missing_kind(analysis, [other], known) == "number"


def test_what_a_thing_costs_is_no_line_of_a_budget(snapshot):
    """ "Was kostet die Schuldnerberatung?" is not answered by a budget that lists its income, nor by another line of
    that budget written in words; a sentence naming the price is."""
    analysis = snapshot.understanding.analyze("Was kostet die Schuldnerberatung?")
    budget = passage("Finanzierung 2023\nZuschuss der Stadt (anteilig gekürzt wegen eingeschränkten Betriebs) 33.200 €\n"
                     "Gebühren Schuldnerberatung 8.900 €\nPersonalkosten 45.100 €\nSumme Ausgaben 64.000 €\n"
                     "Die Schuldnerberatung ist gut besucht.", 71)
    assert missing_kind(analysis, [budget], snapshot) == "money"
    price = passage("Die Schuldnerberatung kostet 25 Euro je Termin.", 72)
    assert not missing_kind(analysis, [budget, price], snapshot)


def test_what_a_free_thing_costs_is_answered_by_its_being_free(snapshot):
    analysis = snapshot.understanding.analyze("Was kostet die Schuldnerberatung?")
    free = passage("Die Schuldnerberatung ist kostenfrei und vertraulich.", 73)
    assert not missing_kind(analysis, [free], snapshot)
    assert missing_kind(analysis, [passage("Die Schuldnerberatung ist vertraulich.", 74)], snapshot) == "money"
