"""The Kennzahlen engine on questions worded by other people: colloquial, lower case, typos, no place, no year,
document years, the city average as a threshold, named places ranked among themselves (values from
corpus/src/data/indikatoren.csv)."""

from __future__ import annotations

from kennzahlen_fake_store import MemoryFactStore, age_band_store, ask, first_line, indicator_store

from assistant.core.types import DocumentMeta, Fact, TableRow
from assistant.services.kennzahlen.service import KennzahlenService
from assistant.services.vocabulary import build_vocabulary, default_aliases
from assistant.text import simple_key


def understood(answer):
    return next(line for line in answer.text.splitlines() if line.startswith("Verstanden als:"))


def test_every_figure_answer_says_how_it_was_understood(engine):
    lookup = ask(engine, "Wie hoch war die SGB-II-Quote in Haspe 2024?")
    assert understood(lookup) == "Verstanden als: SGB-II-Quote (Anteil in %) · Haspe (Stadtbezirk) · 2024."
    newest = understood(ask(engine, "Wie viele Einwohner hat Emst?"))
    assert "Emst (Sozialraum)" in newest and "2024, neuester Stand (kein Jahr genannt)" in newest and "(Anzahl)" in newest
    assert "18 Sozialräume" in understood(ask(engine, "Wo ist die Kinderarmut am niedrigsten?"))
    assert "2019–2024" in understood(ask(engine, "Wie hat sich die Kinderarmut in Haspe seit 2019 entwickelt?"))
    missing = ask(engine, "Wie hoch war die SGB-II-Quote in Haspe 2030?")
    assert missing.refused and "· 2030." in understood(missing)


def test_colloquial_lower_case_and_typos(engine):
    assert "31.574" in first_line(ask(engine, "wie viele leute wohnen in haspe"))
    assert "17,2 %" in first_line(ask(engine, "kinderarmut hohenlimbrug"))  # lower case and a typo in the place
    assert "46,9 %" in first_line(ask(engine, "Wie hoch ist die Kinderarmutt in Haspe-Zentrum?"))  # typo in the figure
    assert "16,3 %" in first_line(ask(engine, "Arbeitslosenqoute Wehringhausen 2024"))
    assert "29.013" in first_line(ask(engine, "Wie viele Einwohner*innen hat Hohenlimburg?"))


def test_no_place_means_the_city_and_the_answer_says_so(engine):
    answer = ask(engine, "Wie hoch ist die SGB-II-Quote?")
    assert "18,4 %" in first_line(answer) and "Hagen" in first_line(answer)
    assert "gesamte Stadt; kein Ort genannt" in understood(answer)
    trend = ask(engine, "Wie hat sich die Kinderarmut seit 2019 entwickelt?")
    assert "27,1 %" in first_line(trend) and "28,7 %" in first_line(trend)
    assert ask(engine, "Was ist die SGB-II-Quote?") is None


def test_a_missing_year_offers_the_nearest_one_labelled_and_refuses(engine):
    answer = ask(engine, "Wie hoch war die SGB-II-Quote in Haspe 2030?")
    assert answer.refused and "Für 2030 enthalten die Tabellen keine Werte" in answer.text
    assert "Nächstliegendes Jahr (nicht das gefragte): 2024" in answer.text and "19,6 %" in answer.text


def test_city_average_as_threshold(engine):
    answer = ask(engine, "Welche Sozialräume liegen bei der Kinderarmut über dem städtischen Durchschnitt?")
    line = first_line(answer)
    assert line.startswith("5 von 18 Sozialräumen") and "Hagen 28,7 %" in line and "Eckesey-Nord" in line and "Vorhalle" not in line
    count = ask(engine, "Wie viele Stadtbezirke haben eine überdurchschnittliche SGB-II-Quote?")
    assert first_line(count).startswith("2 von 5 Stadtbezirken") and "Hagen-Mitte" in first_line(count)
    below = first_line(ask(engine, "Welche Stadtbezirke haben eine niedrigere Kinderarmut als die Gesamtstadt?"))
    assert "Hagen-Nord" in below and "Hagen-Mitte" not in below.split(":", 1)[1]


def test_city_average_without_a_city_value_refuses():
    store = indicator_store(only={"kinderarmut"})
    store.facts = {d: [f for f in fs if f.place_level != "stadt"] for d, fs in store.facts.items()}
    answer = KennzahlenService(store, store.document).answer("Welche Sozialräume liegen bei der Kinderarmut über dem Durchschnitt?",
                                                             vocabulary=build_vocabulary([], default_aliases()))
    assert answer.refused and "keinen Wert der Gesamtstadt" in answer.text


def test_range_threshold_and_top_n(engine):
    line = first_line(ask(engine, "Welche Sozialraume haben eine Kinderarmut zwischen 20 und 30 %?"))
    assert line.startswith("4 von 18") and "Vorhalle 22,7 %" in line and "Eckesey-Nord" not in line
    top = first_line(ask(engine, "top 3 kinderarmut"))
    assert top.index("Wehringhausen/Villa Post") < top.index("Haspe-Zentrum") < top.index("Altenhagen/Eckesey-Süd")


def test_two_named_places_are_compared_and_ranked_among_themselves(engine):
    compare = ask(engine, "Haspe oder Hohenlimburg – wo ist die Kinderarmut höher?")
    assert "Höher ist der Wert in Haspe" in compare.text
    rank = first_line(ask(engine, "Wo ist die SGB-II-Quote am höchsten: in Haspe oder in Hohenlimburg?"))
    assert "Haspe" in rank and "Hagen-Mitte" not in rank and "2 Stadtbezirken" in rank


def test_last_years_and_missing_start_year(engine):
    trend = first_line(ask(engine, "Wie hat sich die SGB-II-Quote in Hagen in den letzten drei Jahren entwickelt?"))
    assert "2021" in trend and "2024" in trend
    missing = ask(engine, "Wie hat sich die Kinderarmut in Haspe zwischen 2015 und 2023 entwickelt?")
    assert missing.refused and "Für 2015" in missing.text


def _two_reports():
    """The same table in a 2019 report (data of 2018) and a 2024 report (data to 2024), with one changed value."""
    new = indicator_store(doc_id="sozialbericht-2024", date="2024-11-01", only={"sgb2_quote"})
    old = indicator_store(doc_id="sozialbericht-2019", date="2019-10-01", only={"sgb2_quote"})
    facts = [f for f in old.facts["sozialbericht-2019"] if f.period == "2018"]
    facts = [type(f)(**{**f.__dict__, "value": 17.9, "raw": "17,9"}) if f.place == "Hagen" else f for f in facts]
    new.replace_document(old.docs["sozialbericht-2019"], facts, old.row_lists["sozialbericht-2019"])
    return KennzahlenService(new, new.document), build_vocabulary([], default_aliases())


def test_a_named_document_is_where_to_read_not_the_period():
    service, vocab = _two_reports()
    answer = service.answer("Wie hoch war die SGB-II-Quote in Hagen laut Sozialbericht 2019?", vocabulary=vocab)
    assert "17,9 %" in first_line(answer) and "2018" in first_line(answer)
    assert {c.doc_id for c in answer.citations} == {"sozialbericht-2019"}
    since = service.answer("Wie hat sich die SGB-II-Quote der Gesamtstadt seit dem Sozialbericht 2019 entwickelt?", vocabulary=vocab)
    assert "2018 17,9 %" in first_line(since) and "2024 18,4 %" in first_line(since)
    # a document the tables do not hold: the engine does not answer (its text may)
    assert service.answer("Wie hoch war die SGB-II-Quote in Hagen laut Armutsbericht 2025?", vocabulary=vocab) is None


def test_a_population_narrowed_to_a_group_no_table_counts_is_not_answered_with_the_total(engine):
    assert ask(engine, "Wie viele wohnungslose Menschen leben in Hagen?") is None
    assert ask(engine, "Wie viele arme Leute wohnen in Haspe?") is None
    assert "10.269" in first_line(ask(engine, "Wie viele Menschen leben eigentlich in Vorhalle?"))
    assert "194.776" in first_line(ask(engine, "Ist die Bevölkerung in Hagen seit 2018 gewachsen?"))
    # where the counted come from narrows no group: "kamen aus Vorhalle" is the place
    assert "10.269" in first_line(ask(engine, "Wie viele Einwohner kamen aus Vorhalle?"))


def test_a_column_named_by_an_inventory_topic_counts_offers_and_answers_no_figure():
    from assistant.core.types import DocumentMeta, Fact

    store = indicator_store(only={"einwohner"})
    offers = [Fact(doc_id="angebote", table="Übersicht", place=p, place_level="bezirk", indicator=topic,
                   indicator_key=topic.lower(), period="2024", value=v, raw=str(int(v)), unit="", row=i + 2)
              for i, (p, v) in enumerate([("Haspe", 17.0), ("Hohenlimburg", 14.0)]) for topic in ("Armut", "Wohnen")]
    store.replace_document(DocumentMeta(doc_id="angebote", title="Angebote 2024", source_path="a.xlsx", content_hash="o",
                                        format="xlsx", date="2024-06-01"), offers, [])
    service, vocab = KennzahlenService(store, store.document), build_vocabulary([], default_aliases())
    assert service.answer("Wie hoch ist die Armut in Haspe?", vocabulary=vocab) is None
    people = service.answer("wie viele leute wohnen in haspe", vocabulary=vocab)
    assert "31.574" in first_line(people) and "Wohnen" not in people.text and "17" not in first_line(people)


def test_which_of_two_places_has_more_is_a_comparison(engine):
    answer = ask(engine, "Welcher Stadtbezirk hat mehr Einwohner: Haspe oder Hohenlimburg?")
    assert "31.574" in first_line(answer) and "29.013" in first_line(answer) and "Höher ist der Wert in Haspe" in first_line(answer)


def test_the_answer_names_the_figure_as_the_question_does():
    store = indicator_store(only={"sgb2_quote"})
    store.facts = {d: [type(f)(**{**f.__dict__, "indicator": "SGB II", "indicator_key": "sgb ii"}) if f.place_level == "sozialraum" else f
                       for f in fs] for d, fs in store.facts.items()}
    answer = KennzahlenService(store, store.document).answer("Top 3 Sozialräume bei der SGB-II-Quote",
                                                             vocabulary=build_vocabulary([], default_aliases()))
    assert "höchsten Werten bei „SGB-II-Quote“" in first_line(answer)


def test_a_count_asked_where_the_tables_give_a_share_says_so(engine):
    answer = ask(engine, "Wie viele Menschen mit Zuwanderungsgeschichte leben in Haspe?")
    assert "46,1 %" in first_line(answer) and "nur den Anteil" in first_line(answer)
    assert "nur den Anteil" not in ask(engine, "Wie hoch ist die Kinderarmut in Haspe?").text


def test_an_ordinal_rank_names_the_place_at_that_rank(engine):
    first = ask(engine, "Welcher Sozialraum hat die höchste Kinderarmut?")
    second = ask(engine, "Welcher Sozialraum hat die zweithöchste Kinderarmut?")
    assert second is not None and "zweithöchsten" in first_line(second) and "(Rang 2)" in first_line(second)
    assert first_line(first).split(" hat ")[1].split(" mit ")[0] not in first_line(second).split(" hat ")[1]


def test_a_trend_verb_the_typo_corrector_misreads_is_no_population_group(engine):
    answer = ask(engine, "Um wie viel ist die Einwohnerzahl von Haspe zwischen 2019 und 2024 gesunken?")
    assert answer is not None and "Verstanden als: Einwohner" in answer.text


def _areas_named_after_a_stadtteil():
    """Counts for a Sozialraum and a Bezirk named after a Stadtteil, which a survey table names with other figures."""
    store = MemoryFactStore()
    facts, rows = [], []
    for row, (place, level, indicator, value) in enumerate([
        ("Altdorf/Neuheim", "sozialraum", "Altersgruppen: unter 18", 2198.0),
        ("Altdorf/Berg", "bezirk", "Altersgruppen: unter 18", 2962.0),
        ("Berg-Süd", "sozialraum", "Altersgruppen: unter 18", 900.0),
        ("Altdorf", "stadtteil", "Rücklauf", 120.0),
    ], start=2):
        facts.append(Fact(doc_id="t", table="t", place=place, place_level=level, indicator=indicator, indicator_key=simple_key(indicator),
                          period="2024", value=value, raw=str(value), unit="Anzahl", row=row, column=indicator))
        rows.append(TableRow(doc_id="t", table="t", row=row, cells={"Gebiet": place, indicator: str(value)}))
    store.replace_document(DocumentMeta(doc_id="t", title="Profil 2024", source_path="t.md", content_hash="t", format="md",
                                        date="2024-06-01"), facts, rows)
    return KennzahlenService(store, store.document)


def test_a_stadtteil_without_the_figure_is_answered_by_the_areas_named_after_it_and_says_so():
    answer = _areas_named_after_a_stadtteil().answer("Wie viele Kinder unter 18 leben in Altdorf?")
    assert answer is not None and not answer.refused
    first = answer.text.splitlines()[0]
    assert "„Altdorf“ selbst" in first and "Altdorf/Neuheim" in first
    assert "2.198" in answer.text and "900" not in answer.text
    assert "2.962" not in answer.text  # the Bezirk holds the Sozialraum: the smallest area named after it answers


def test_a_place_inside_an_institutions_name_is_not_widened_to_the_area():
    assert _areas_named_after_a_stadtteil().answer("Wie viele Kinder unter 18 hat die Kita Altdorf?") is None


def _areas_in_two_tables():
    """Two tables list the Sozialräume with their Bezirk; a survey table names an answer row at the same level."""
    store = MemoryFactStore()
    areas = [("Altdorf/Neuheim", "Talbezirk", "sozialraum"), ("Vorstadt", "Talbezirk", "sozialraum"), ("Hafen", "Seebezirk", "sozialraum"),
             ("Talbezirk", "", "bezirk"), ("Seebezirk", "", "bezirk"), ("Musterstadt", "", "stadt")]
    for doc_id, extra in (("a", []), ("b", [("Wohnort außerhalb oder keine Angabe", "", "sozialraum")])):
        facts, rows = [], []
        for row, (place, parent, level) in enumerate(areas + extra, start=2):
            facts.append(Fact(doc_id=doc_id, table="T", place=place, place_level=level, parent_place=parent, indicator="Einwohner",
                              indicator_key="einwohner", period="2024", value=100.0 + row, raw=str(100 + row), unit="Anzahl", row=row,
                              column="Einwohner"))
            rows.append(TableRow(doc_id=doc_id, table="T", row=row, cells={"Sozialraum": place, "Einwohner": str(100 + row)}))
        store.replace_document(DocumentMeta(doc_id=doc_id, title=f"Bericht {doc_id}", source_path=f"{doc_id}.md", content_hash=doc_id,
                                            format="md", date="2024-06-01"), facts, rows)
    return KennzahlenService(store, store.document)


def test_how_many_sozialraeume_a_bezirk_has_is_counted_from_the_rows_and_each_is_cited():
    engine = _areas_in_two_tables()
    answer = engine.answer("Wie viele Sozialräume hat Talbezirk?")
    assert answer is not None
    assert answer.text.startswith("Im Stadtbezirk Talbezirk gibt es 2 Sozialräume: Altdorf/Neuheim [1], Vorstadt [2].")
    assert [c.row for c in answer.citations] == [2, 3]
    everywhere = engine.answer("wie viele sozialräume gibts eigentlich in musterstadt")
    assert everywhere.text.startswith("In Musterstadt gibt es 3 Sozialräume")
    assert "Wohnort" not in everywhere.text  # one survey's answer row is no place
    assert engine.answer("Wie viele Sozialräume hat Gevelsberg?") is None  # not the city's count for a town it lacks
    threshold = engine.answer("Wie viele Sozialräume im Talbezirk haben mehr als 102 Einwohner?")
    assert threshold.text.startswith("1 von 2 Sozialräumen")  # a threshold count, not the count of areas


def _bezirk_stated_in_one_year_only() -> KennzahlenService:
    store = MemoryFactStore()
    facts, rows = [], []
    cells = [("Altdorf", "sozialraum", "Talbezirk", "2023", 100.0), ("Neuheim", "sozialraum", "Talbezirk", "2023", 50.0),
             ("Altdorf", "sozialraum", "Talbezirk", "2024", 110.0), ("Neuheim", "sozialraum", "Talbezirk", "2024", 60.0),
             ("Talbezirk", "bezirk", "", "2024", 170.0)]
    for row, (place, level, parent, period, value) in enumerate(cells, start=2):
        facts.append(Fact(doc_id="p", table="T", place=place, place_level=level, parent_place=parent, indicator="Pflegebedürftige",
                          indicator_key="pflegebeduerftige", period=period, value=value, raw=str(int(value)), unit="Anzahl",
                          row=row, column="Pflegebedürftige"))
        rows.append(TableRow(doc_id="p", table="T", row=row, cells={"Raum": place, "Jahr": period, "Pflegebedürftige": str(int(value))}))
    store.replace_document(DocumentMeta(doc_id="p", title="Pflegebericht", source_path="p.csv", content_hash="p", format="csv",
                                        date="2024-06-01"), facts, rows)
    return KennzahlenService(store, store.document)


def test_a_bezirk_is_called_a_sum_of_its_parts_only_where_the_answer_uses_that_sum():
    engine = _bezirk_stated_in_one_year_only()
    stated = engine.answer("Wie viele Pflegebedürftige gibt es 2024 in Talbezirk?")
    assert "170" in first_line(stated) and "Summe" not in stated.text
    summed = engine.answer("Wie viele Pflegebedürftige gab es 2023 in Talbezirk?")
    assert "150" in first_line(summed) and "Talbezirk als Summe seiner 2 Teilräume (Altdorf, Neuheim)" in summed.text


def test_a_ranking_lists_every_place_of_the_level_in_order(engine):
    ranking = first_line(ask(engine, "Ranking der Bezirke nach Kinderarmut"))
    assert ranking.startswith("Alle 5 Stadtbezirke nach „Kinderarmut")
    assert ranking.index("Hagen-Mitte") < ranking.index("Haspe") < ranking.index("Hohenlimburg")


def test_compared_with_a_year_is_the_development_since_then(engine):
    since = first_line(ask(engine, "Wie hoch ist die Kinderarmut in Haspe im Vergleich zu 2018?"))
    assert since.startswith("Entwicklung Kinderarmut") and "2018" in since and "2024" in since
    between = first_line(ask(engine, "Wie hoch war die Kinderarmut in Haspe 2022 im Vergleich zu 2018?"))
    assert "2018" in between and "2022" in between and "2024" not in between  # the two years asked


def test_a_yes_no_threshold_question_on_a_named_place_is_answered_for_that_place(engine):
    below = first_line(ask(engine, "Liegt Emst bei der Kinderarmut unter dem Stadtdurchschnitt?"))
    assert below.startswith("Ja – Emst liegt 2024") and "Haspe" not in below
    above = first_line(ask(engine, "Ist die SGB-II-Quote in Emst über 20 Prozent?"))
    assert above.startswith("Nein – Emst liegt 2024") and "nicht über 20 %" in above


def test_a_share_asked_where_the_tables_count_is_never_ranked_or_filtered_by_the_counts():
    store = age_band_store()
    engine = KennzahlenService(store, store.document)
    vocab = build_vocabulary([], default_aliases())
    for question in ("In welchen Stadtteilen liegt der Anteil der über 65-Jährigen über 20 %?",
                     "Welcher Stadtteil hat den höchsten Anteil an über 65-Jährigen?"):
        answer = engine.answer(question, vocabulary=vocab)
        assert answer is not None and answer.refused and "nur Anzahlen" in answer.text, question
    lookup = engine.answer("Wie hoch ist der Anteil der über 65-Jährigen in Düsternbrook?", vocabulary=vocab)
    assert lookup is not None and "Gefragt war ein Anteil; die Tabellen nennen hierzu nur die Anzahl." in lookup.text


def test_a_whole_the_tables_only_hold_in_parts_is_refused_naming_the_parts():
    store = MemoryFactStore()
    facts, rows = [], []
    for kind, n in [("Einpersonen", 3552), ("Alleinerziehende", 683)]:
        label = f"Haushalte: {kind}"
        facts.append(Fact(doc_id="hh", table="hh", place="Mettenhof", place_level="stadtteil", indicator=label,
                          indicator_key=simple_key(label), period="2023-12-31", value=float(n), raw=str(n), unit="Anzahl",
                          row=2, column=kind))
    rows.append(TableRow(doc_id="hh", table="hh", row=2, cells={"Stadtteil": "Mettenhof", "Einpersonen": "3552",
                                                                "Alleinerziehende": "683"}))
    store.replace_document(DocumentMeta(doc_id="hh", title="Haushalte", source_path="hh.csv", content_hash="h", format="csv",
                                        date="2024-01-01"), facts, rows)
    engine = KennzahlenService(store, store.document)
    vocab = build_vocabulary([], default_aliases())
    answer = engine.answer("Wie viele Haushalte gibt es in Mettenhof?", vocabulary=vocab)
    assert answer is not None and answer.refused and "„Einpersonen“" in answer.text and "683" not in answer.text
    one = engine.answer("Wie viele Alleinerziehende Haushalte gibt es in Mettenhof?", vocabulary=vocab)
    assert one is not None and not one.refused and "683" in one.text


def test_another_towns_table_with_a_row_named_stadt_answers_for_the_whole_city():
    """A statistics office's sheet ('Stadt insgesamt' and 'Bezirk Nord zusammen' under its Stadtteile), with the
    Hagen alias file loaded: no place named means that table's city row; its Bezirk 'Nord' is found with its level word."""
    store = MemoryFactStore()
    label = "Arbeitslose: insgesamt"
    rows = [("Altstadt", "stadtteil", 232.0, 2), ("Nord", "bezirk", 1023.0, 3), ("Stadt", "stadt", 1528.0, 4)]
    facts = [Fact(doc_id="al", table="Tab 3", place=place, place_level=level, indicator=label, indicator_key=simple_key(label),
                  period="2023-06-30", value=value, raw=f"{value:.0f}", unit="Anzahl", row=row, column="30.06.2023: insgesamt")
             for place, level, value, row in rows]
    doc = DocumentMeta(doc_id="al", title="Arbeitslose nach Stadtteilen", source_path="al.xlsx", content_hash="al", format="xlsx",
                       date="2023-06-30")
    store.replace_document(doc, facts, [TableRow(doc_id="al", table="Tab 3", row=r, cells={"Stadtteil": p}) for p, _, _, r in rows])
    service, vocab = KennzahlenService(store, store.document), build_vocabulary([], default_aliases())
    assert "1.528" in first_line(service.answer("Wie viele Arbeitslose gab es 2023 in der ganzen Stadt?", vocabulary=vocab))
    assert "1.023" in first_line(service.answer("Wie viele Arbeitslose hat der Bezirk Nord?", vocabulary=vocab))


def test_a_secret_cell_is_said_to_be_withheld_not_missing():
    store = MemoryFactStore()
    label = "SGB-II-Quote"
    cells = [(2022, None, "–", 2), (2023, 3.1, "3,1", 3)]
    facts = [Fact(doc_id="sd", table="sozialdaten", place="Oststeig", place_level="stadtteil", indicator=label,
                  indicator_key=simple_key(label), period=f"{year}-12-31", value=value, raw=raw, unit="%", row=row, column="Wert")
             for year, value, raw, row in cells]
    doc = DocumentMeta(doc_id="sd", title="Sozialdaten", source_path="sd.csv", content_hash="sd", format="csv", date="2024-01-31")
    rows = [TableRow(doc_id="sd", table="sozialdaten", row=r, cells={"Ortsteil": "Oststeig"}) for *_, r in cells]
    store.replace_document(doc, facts, rows)
    answer = KennzahlenService(store, store.document).answer("Wie hoch war die SGB-II-Quote in Oststeig 2022?")
    assert answer.refused
    assert first_line(answer).startswith("Für 2022 nennt die Tabelle zu SGB-II-Quote in Oststeig keinen Wert (Zeichen „–“")
    assert "[1]" in first_line(answer) and "2023 – Oststeig (Stadtteil) 3,1 % [2]" in first_line(answer)
    assert len(answer.citations) == 2


def test_the_largest_rise_is_ranked_by_the_change_not_by_the_value_of_the_start_year(engine):
    risen = ask(engine, "Wo ist die Kinderarmut seit 2019 am stärksten gestiegen?")
    assert first_line(risen).startswith("Am stärksten gestiegen ist „Kinderarmut")
    assert "von 2019 bis 2024 in Wehringhausen/Villa Post 46,7 %" in first_line(risen)
    assert "+3,0 Prozentpunkte" in first_line(risen)
    fallen = ask(engine, "In welchen Sozialräumen ist die Kinderarmut seit 2019 gesunken?")
    assert first_line(fallen).startswith("In 2 von 18 Sozialräumen ist „Kinderarmut")
    assert "von 2019 bis 2024 gesunken: Emst 9,8 %" in first_line(fallen)
    assert "Henkhausen/Reh" in first_line(fallen) and "Eigene Berechnung: Veränderung 2019–2024" in fallen.text
    assert "Anstieg" not in understood(ask(engine, "Welcher Stadtbezirk hat den größten Anstieg der SGB-II-Quote?"))


def test_a_comparative_over_a_level_ranks_its_places(engine):
    assert "Hagen-Mitte" in first_line(ask(engine, "Welcher Stadtbezirk hat mehr Einwohner?"))
    fewer = first_line(ask(engine, "Welcher Stadtbezirk hat weniger Einwohner?"))
    assert fewer.startswith("Den niedrigsten Wert")


def test_a_place_named_after_als_is_the_threshold_not_the_asked_place(engine):
    answer = ask(engine, "Welcher Stadtbezirk hat mehr Einwohner als Haspe?")
    lead = first_line(answer)
    assert "Hagen-Mitte" in lead and "Hagen-Nord" in lead and "31.574" in lead  # Haspe's own value, cited as the bar
    assert "Hohenlimburg" not in lead.split("):", 1)[-1] and "Eilpe/Dahl" not in lead


def test_a_yes_no_question_on_a_bezirk_against_the_city_is_about_the_bezirk(engine):
    lead = first_line(ask(engine, "Ist die Kinderarmut in Haspe höher als in der Gesamtstadt?"))
    assert lead.startswith("Ja") and "32,8 %" in lead and "28,7 %" in lead


def test_the_city_is_the_sum_of_every_bezirks_parts_where_no_table_states_it():
    from kennzahlen_fake_store import MemoryFactStore

    from assistant.core.types import DocumentMeta, Fact
    from assistant.services.vocabulary import Vocabulary

    vocab = Vocabulary()
    for bezirk in ("Nord", "Süd"):
        vocab.add_place(bezirk, "bezirk")
    parts = {"Nord": {"Hafen": (100, 120), "Markt": (50, 55)}, "Süd": {"Wald": (30, 35), "Feld": (20, 10)}}
    facts = [Fact(doc_id="t", table="Einwohner", place=place, place_level="sozialraum", parent_place=bezirk,
                  indicator="Einwohner: 80 und älter", indicator_key="einwohner 80 und aelter", period=str(year), value=float(v),
                  raw=str(v), unit="Anzahl", row=i + 2)
             for bezirk, places in parts.items() for i, (place, values) in enumerate(places.items())
             for year, v in zip((2018, 2024), values, strict=True)]
    facts.append(Fact(doc_id="t", table="Stadt", place="Gesamtstadt", place_level="stadt", indicator="Einwohner: 80 und älter",
                      indicator_key="einwohner 80 und aelter", period="2024", value=225.0, raw="225", unit="Anzahl", row=2))
    store = MemoryFactStore()
    store.replace_document(DocumentMeta(doc_id="t", title="Tabelle", source_path="t.csv", content_hash="t", format="csv",
                                        date="2024-12-31"), facts, [])
    service = KennzahlenService(store, store.document)
    summed = service.answer("Wie viele über 80-Jährige lebten 2018 in der Gesamtstadt?", vocabulary=vocab)
    assert summed is not None and not summed.refused and "200" in first_line(summed)  # 100 + 50 + 30 + 20
    assert "als Summe der Teilräume aller 2 Stadtbezirke" in summed.text
    stated = service.answer("Wie viele über 80-Jährige lebten 2024 in der Gesamtstadt?", vocabulary=vocab)
    assert "225" in first_line(stated) and "Summe" not in stated.text  # the city's own row, not the sum (220)


def test_words_of_change_ask_for_a_trend_not_for_a_change_column():
    """A report's table has "Einwohner: Veränderung" for the Bezirke; "Wie hat sich die Einwohnerzahl von Vorhalle …
    verändert?" asks for Vorhalle's Einwohner over the years, not for that column."""
    from kennzahlen_fake_store import indicator_store

    store = indicator_store()
    change = [Fact(doc_id="bericht", table="Tabelle 20", place="Haspe", place_level="bezirk", indicator="Einwohner: Veränderung",
                   indicator_key="einwohner veraenderung", period="2019", value=580.0, raw="+580", unit="", row=2)]
    store.replace_document(DocumentMeta(doc_id="bericht", title="Sozialbericht 2024", source_path="b.pdf", content_hash="b",
                                        format="pdf", date="2024-12-01"), change, [])
    service, vocab = KennzahlenService(store, store.document), build_vocabulary([], default_aliases())
    answer = service.answer("Wie hat sich die Einwohnerzahl von Vorhalle zwischen 2018 und 2024 verändert?", vocabulary=vocab)
    assert answer is not None and first_line(answer).startswith("Entwicklung Einwohner") and "Vorhalle" in first_line(answer)


def test_a_development_up_to_a_year_the_tables_lack_is_refused_naming_the_years_held(engine):
    answer = ask(engine, "Wie hat sich die Kinderarmut in Haspe bis 2026 entwickelt?")
    assert answer.refused and "2026" in first_line(answer) and "2018–2024" in first_line(answer)


def test_an_unknown_place_is_never_read_as_a_misspelt_city(engine):
    """ "Halden" is two edits from "Hagen": the city assumed for a question without a place excuses no typo, so the
    question is not the city's figure (the text path says what it does not know)."""
    assert ask(engine, "Wie hat sich die Kinderarmut in Halden seit 2019 entwickelt?") is None
    assert ask(engine, "Wie hoch ist die Kinderarmut in Halden?") is None
    assert "17,2 %" in first_line(ask(engine, "kinderarmut hohenlimbrug"))  # a misspelt place the resolver read stays


def test_lost_or_gained_inhabitants_is_the_development_of_the_population(engine):
    answer = first_line(ask(engine, "Hat Hohenlimburg seit 2018 Einwohner verloren?"))
    assert answer.startswith("Entwicklung") and "Hohenlimburg" in answer and "2018" in answer and "gesunken" in answer


def test_the_share_of_an_age_group_named_by_anteil_unter(engine):
    assert "%" in first_line(ask(engine, "Wie hoch ist der Anteil unter 18 in Vorhalle?"))
    assert first_line(ask(engine, "Anteil unter 18 in Vorhalle: mehr oder weniger als 2018?")).startswith("Entwicklung")


def test_senior_innen_over_80_is_the_age_group_of_the_asked_place_not_a_threshold(engine):
    answer = first_line(ask(engine, "Wieviele Senior*innen über 80 leben in Eilpe/Dahl?"))
    assert "Eilpe/Dahl" in answer and "80" in answer and "Hagen-Mitte" not in answer


def test_a_sex_the_tables_do_not_split_by_is_refused_not_answered_with_everyones_value(engine):
    for question in ("Wie hoch ist die Arbeitslosenquote der Frauen in Haspe?", "Wie viele Männer über 65 leben in Hohenlimburg?",
                     "Wie hoch ist die Kinderarmut bei Mädchen in Haspe?", "Wie viele Frauen leben in Haspe?"):
        answer = ask(engine, question)
        assert answer is not None and answer.refused and "Nach Geschlecht" in answer.text, question
    assert not ask(engine, "Wie hoch ist der Anteil der jungen Menschen unter 18 in Haspe?").refused  # "jungen": no boys


def test_a_sex_column_answers_for_that_sex():
    store = indicator_store()
    women = [Fact(doc_id="geschlecht", table="Tabelle 2", place="Haspe", place_level="bezirk", indicator="weiblich",
                  indicator_key="weiblich", period="2024", value=16102.0, raw="16102", unit="", row=2)]
    store.replace_document(DocumentMeta(doc_id="geschlecht", title="Bevölkerung nach Geschlecht 2024", source_path="g.xlsx",
                                        content_hash="g", format="xlsx", date="2024-12-31"), women, [])
    service, vocab = KennzahlenService(store, store.document), build_vocabulary([], default_aliases())
    answer = service.answer("Wie viele Frauen leben in Haspe?", vocabulary=vocab)
    assert answer is not None and not answer.refused and "16.102" in first_line(answer)


def test_an_age_group_beside_another_figure_is_no_head_count_of_the_group(engine):
    """ "Wie viele Kinder leben in Haspe von ALG II?" names the SGB-II figure: the number of all under-18s is no answer."""
    assert ask(engine, "Wie viele Kinder leben in Haspe von ALG II?") is None
    assert "Haspe" in first_line(ask(engine, "Wie viele Kinder unter 18 leben in Haspe?"))


def test_an_acronym_the_plan_cannot_explain_is_something_else_than_the_figure(engine):
    assert ask(engine, "Wie hoch ist die Kinderarmut in Hagen im Vergleich zu NRW?") is None
    assert "%" in first_line(ask(engine, "Wie hoch ist die SGB II Quote in Haspe?"))


def test_a_place_between_the_words_of_a_figure_does_not_part_them(engine):
    line = first_line(ask(engine, "Wie viele Kinder sind in Haspe arm?"))
    assert line.startswith("Kinderarmut") and "Haspe" in line and "nur den Anteil" in line


def test_a_compound_that_narrows_a_figure_to_a_group_is_no_question_about_the_figure(engine):
    assert ask(engine, "Wie hoch ist die Jugendarbeitslosigkeit in Haspe?") is None  # the tables hold no youth's figure
    assert "Haspe" in first_line(ask(engine, "Wie hoch ist die Arbeitslosigkeit in Haspe?"))


def test_a_compound_whose_head_counts_another_unit_is_no_count_of_the_persons(engine):
    assert ask(engine, "Wie viele Seniorenhaushalte gibt es in Haspe?") is None  # households, not the over-65s
    assert "Haspe" in first_line(ask(engine, "Wie viele Senioren leben in Haspe?"))
