"""A draft's topic scope comes from the Kennzahlen synonym groups and the topic phrases, not from a hand list."""

from assistant.services.drafting.relevance import topic_scope

LABELS = ["Kinderarmut – Minderjährige in SGB-II-Bedarfsgemeinschaften", "SGB-II-Quote", "Grundsicherung 65+", "Pflegebedürftige",
          "Einwohner mit Zuwanderungsgeschichte", "Einwohnerinnen und Einwohner"]


def _scope(drafting, request):
    evidence = drafting.evidence
    return topic_scope(request, evidence.analyze(request).topics, evidence.snapshot().vocabulary, LABELS)


def test_a_named_figure_narrows_the_scope_to_its_group(drafting):
    scope = _scope(drafting, "Abschnitt Kinderarmut in Haspe für den Sozialbericht 2025")
    assert scope.indicators == ("Kinderarmut – Minderjährige in SGB-II-Bedarfsgemeinschaften",)
    assert scope.has_text("Fast die Hälfte der Kinder in SGB-II-Bedarfsgemeinschaften lebt in Haspe-Zentrum.")
    assert not scope.has_text("Die Grundsicherung im Alter steigt.")


def test_a_named_topic_spans_its_groups(drafting):
    scope = _scope(drafting, "Abschnitt Alter und Pflege in Haspe")
    assert set(scope.indicators) == {"Grundsicherung 65+", "Pflegebedürftige"}
    assert scope.has_text("Viele Senioren wünschen sich mehr Begegnung.")
    integration = _scope(drafting, "Abschnitt Integration in Hohenlimburg")
    assert integration.indicators == ("Einwohner mit Zuwanderungsgeschichte",)
    assert integration.has_text("Die Beratung für Zugewanderte berichtet von anhaltendem Zuzug.")
    assert not integration.has_text("Das Konzept wird im Ausschuss für Soziales, Integration und Demographie zur Kenntnis gegeben.")
    assert "Einwohnerinnen und Einwohner" not in _scope(drafting, "Abschnitt Armut in Haspe").indicators
