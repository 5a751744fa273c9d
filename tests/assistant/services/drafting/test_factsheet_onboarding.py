def test_steckbrief_has_table_chart_offers_partners_all_verified(drafting, chart):
    sheet = drafting.steckbrief("Haspe")
    assert sheet.title == "Steckbrief Haspe"
    assert sheet.table is not None and sheet.table.years[-1] == 2024
    labels = [label for label, _ in sheet.table.rows]
    assert any(label.startswith("SGB-II-Quote") for label in labels)
    assert sheet.chart_png == chart.PNG and chart.specs[0].unit == "%"
    sections = {s.title: s for s in sheet.sections}
    topics = [s.text for s in sections["Angebote nach Themen"].statements]
    assert any(t.startswith("Armut: 4 Angebote (gezählt)") for t in topics), topics
    partners = [s.text for s in sections["Partner und Träger"].statements]
    assert any(t.startswith("Caritas") for t in partners)
    report = drafting.verify(sheet)
    assert report.share == 1.0, [c.reasons for c in report.failures()]


def test_steckbrief_of_a_sozialraum(drafting):
    sheet = drafting.steckbrief("Haspe-Zentrum")
    assert sheet.subtitle.startswith("Sozialraum (Stadtbezirk Haspe)")
    offers = " ".join(s.text for s in sheet.sections[1].statements)
    assert "Sozialberatung im Quartier" in offers and "Tafel-Ausgabe Westerbauer" not in offers


def test_internal_documents_stay_out_for_public_callers(drafting):
    public = drafting.draft("Abschnitt Armut in Haspe", max_confidentiality="public")
    assert all(ref.doc_id != "protokoll-intern" for ref in public.footnotes())


def test_glossary_reading_list_and_next_questions(drafting):
    glossary = drafting.glossary()
    entries = [s.text for s in glossary.sections[0].statements]
    assert any(e.startswith("Sozialraumteam: Sozialraumteams sind feste Arbeitsgruppen") for e in entries)
    assert drafting.verify(glossary).share == 1.0
    reading = drafting.reading_list("Bürgerbeteiligung")
    first = reading.sections[0].statements[0]
    assert "Konzept Bürgerbeteiligung" in first.label
    assert drafting.verify(reading).share == 1.0
    questions = drafting.next_questions()
    assert questions and any("Haspe" in q or "Eilpe" in q or "Hohenlimburg" in q for q in questions)
    overview = drafting.onboarding()
    assert [s.title for s in overview.sections][:2] == ["Aufgaben", "Organisation"]
