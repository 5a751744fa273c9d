"""Question cues and the kind of answer they ask for; survey questions want findings, not the method."""

from __future__ import annotations

from assistant.services.question_types import FINDING, METHOD, asked_types, asks_findings, holds, holds_count


def test_cues_of_a_two_part_question_are_both_recognised():
    assert asked_types("Wie oft tagen die Sozialraumteams und wie lange dauert eine Sitzung?") == {"frequency", "duration"}
    assert asked_types("Wann tagt die Steuerungsgruppe?") == {"time"}
    assert asked_types("Wer moderiert die Stadtteilkonferenz in Haspe?") == {"person"}
    assert asked_types("Was ist ein Sozialraumteam?") == set()


def test_sentences_that_hold_the_asked_kind():
    assert holds("frequency", "Die Teams tagen alle acht Wochen.")
    assert holds("frequency", "Die Steuerungsgruppe tagt vierteljährlich.")
    assert not holds("frequency", "Die Teams sind fachliche Arbeitsgremien.")
    assert holds("duration", "Eine Sitzung dauert in der Regel zwei Stunden.")
    assert holds("time", "Die Sprechstunde ist donnerstags von 9:00 bis 12:00 Uhr.")


def test_survey_questions_want_findings_unless_they_ask_about_the_method():
    assert asks_findings("Was wünschen sich die Ehrenamtlichen laut der Befragung 2022 am häufigsten?")
    assert not asks_findings("Wie viele Leute haben bei der Umfrage 2023 teilgenommen?")
    assert METHOD.search("Vom 6. bis 24. März 2023 wurden 14 Fachkräfte aus 7 Rollen befragt.")
    assert FINDING.search("40 Prozent halten Gewalt in ihrem Stadtteil für ein großes Problem.")


def test_age_and_source_questions_want_an_age_or_a_source():
    assert asked_types("Wie alt muss man sein, um im Stadtjugendrat mitzumachen?") == {"age"}
    assert holds("age", "24 Jugendliche im Alter von 14 bis 21 Jahren.")
    assert holds("age", "Angebote für Kinder unter 3 Jahren.")
    assert not holds("age", "Der Stadtjugendrat tagt monatlich.")
    assert asked_types("Woher kommt das Geld für den Verfügungsfonds?") == {"source"}
    assert holds("source", "Je zur Hälfte aus Städtebaufördermitteln und aus kommunalen Mitteln.")
    assert not holds("source", "Der Beirat tagte 2023 sechsmal.")


def test_counts_and_sums_of_money_are_kinds_of_their_own():
    assert asked_types("wie viele leute waren bei der konferenz") == {"count"}
    assert asked_types("wie viel zuschuss gibt es im fonds") == {"amount"}
    assert "amount" in asked_types("Wie hoch ist der Zuschuss für den Treff?")
    assert holds("count", "Teilnehmende: 44 Personen.")
    assert not holds("count", "Die Konferenz tagte am 12.02.2025 um 17:00 Uhr im Jahr 2025.")
    assert not holds("count", "Seit dem 09.–11.04.2024 in der Altenhagener Straße 88, 58097 Hagen.")
    assert holds("amount", "Im Fonds stehen jährlich 30.000 Euro zur Verfügung.")
    assert holds("amount", "Betrag: 1.400 €")
    assert not holds("amount", "Es wurden 18 Projekte gefördert.")
    assert holds("amount", "Für wen: alle Einwohner*innen, ohne Termin, kostenfrei") and holds("amount", "Die Teilnahme ist kostenlos.")


def test_a_question_on_what_was_decided_wants_the_decision_not_the_discussion():
    assert "decision" in asked_types("Was hat die Stadtteilkonferenz zum Einkaufsbus beschlossen?")
    assert "decision" in asked_types("Was wurde mit der Caritas vereinbart?")
    assert "decision" not in asked_types("Was hat die Stadtteilkonferenz besprochen?")
    assert holds("decision", "Beschluss: Die Stadtteilkonferenz bittet die Bezirksvertretung, die Weiterfinanzierung zu prüfen.")
    assert holds("decision", "Der Stadtjugendrat stimmt dem Termin und dem Programmentwurf zu.")
    assert not holds("decision", "Das DRK berichtet, dass der Einkaufsbus von neun Fahrgästen je Fahrt genutzt wird.")


def test_a_place_is_where_something_is_not_when():
    assert holds("place", "Das Team tagt viermal im Jahr im Dorftreff Dahl.")
    assert holds("place", "Die Sprechstunde findet in der Begegnungsstätte statt.")
    assert not holds("place", "Das Team soll im zweiten Quartal 2025 eingerichtet werden.")
    assert not holds("place", "Eine Sitzung dauert in der Regel zwei Stunden.")


def test_a_duration_in_the_singular_and_asked_as_an_amount_of_time():
    assert holds("duration", "Arbeitsgruppen lösen sich spätestens nach einem Jahr auf.")
    assert holds("duration", "Das Protokoll wird binnen einer Woche versandt.")
    assert not holds("duration", "Im Jahr 2023 tagte das Team sechsmal.")
    assert not holds("duration", "Das Team tagt alle acht Wochen.")  # a rhythm, not a duration
    assert asked_types("Wie viel Vorlauf muss ich für den Ausschuss einplanen?") == {"duration"}
    assert "duration" in asked_types("Wie viel Zeit braucht eine Vorlage?")
    assert asked_types("Wie viel Geld bekommt die Begegnungsstätte?") == {"amount"}


def test_opening_hours_are_asked_and_held_as_a_time_span():
    assert "hours" in asked_types("wann hat das cafe auf zeit in henkhausen auf")
    assert "hours" in asked_types("Welche Öffnungszeiten hat die Begegnungsstätte Eilpe?")
    assert "hours" in asked_types("Wann hat die Begegnungsstätte in Eilpe auf?")
    assert "hours" not in asked_types("Ab wann hat ein Kind Anspruch auf einen Kitaplatz?")  # a right, no opening hours
    assert holds("hours", "Regulär von Montag bis Freitag, 10:00–16:30 Uhr.")
    assert holds("hours", "an jedem ersten Dienstag im Monat von 14:30 bis 17:00 Uhr")
    assert not holds("hours", "Mittwoch, 04.12.2024, 18:00 Uhr, Treffpunkt Oege.")  # one clock time is a meeting


def test_reference_numbers_count_nothing():
    from assistant.services.question_types import holds_count

    assert not holds_count("Beschluss 8/2024-3: Die Sprechstunden werden 2025 fortgeführt.")
    assert not holds_count("TOP 5 Jugendforum 2024")
    assert holds_count("532 Kontakte an 35 Terminen")


def test_since_when_is_answered_by_seit_and_a_date():
    assert "since" in asked_types("seit wann fördert die stadt die begegnungsstätte")
    assert holds("since", "In der städtischen Förderung seit 1987")
    assert holds("since", "Seit dem 04.06.2024 findet ein Café statt.") and holds("since", "seit Herbst 2019 geöffnet")
    assert not holds("since", "Die Begegnungsstätte ist seitdem beliebt.")
    assert "since" in asked_types("Ab wann gilt die Geschäftsordnung?") and holds("since", "Gültig ab 1. Oktober 2023.")
    assert not holds("since", "Angebote ab sofort im Stadtteil.")


def test_a_count_of_past_meetings_is_no_rhythm():
    from assistant.services.question_types import holds

    assert holds("frequency", "Die Konferenz tagt zweimal im Jahr.")
    assert holds("frequency", "Die Gruppe trifft sich dreimal wöchentlich.")
    assert not holds("frequency", "Das Team hat seit Oktober 2023 dreimal getagt.")


def test_a_list_item_number_holds_no_count():
    assert not holds_count("5. Sitzbänke: An steilen Wegen sollen zusätzliche Bänke aufgestellt werden.")
    assert holds_count("Im Schnitt kamen 17 Jugendliche.")


def test_wie_oft_in_the_perfect_tense_asks_how_many_times():
    assert asked_types("Wie oft hat die AG Kurzzeitpflege bis zum Herbst 2024 getagt?") == {"times"}
    assert asked_types("Wie oft wurde 2024 ein Projekt geändert?") == {"times"}
    assert "frequency" in asked_types("Wie oft tagt die Konferenz Alter und Pflege?")
    assert holds("times", "Die Arbeitsgruppe hat seit Juli 2023 sechsmal getagt.") and holds("times", "zusammen 24-mal getagt")
    assert not holds("times", "Die Konferenz tagt zweimal im Jahr.")  # a rhythm, no count of times
