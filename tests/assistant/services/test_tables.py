"""Structured answers: every matching table row, grouped by partner, each row cited with its row number."""

from __future__ import annotations

import pytest

from assistant.core.types import Chunk, DocumentMeta, QueryFilters
from assistant.services.query_understanding import QueryUnderstanding
from assistant.services.tables import TableIndex, compose_table_answer, detect_roles
from assistant.services.vocabulary import build_vocabulary, default_aliases
from assistant.testing.sample_corpus import INVENTORY, sample_documents
from assistant.text import GermanAnalyzer


@pytest.fixture(scope="module")
def world():
    docs = sample_documents()
    vocab = build_vocabulary([d for d, _ in docs], default_aliases())
    analyzer = GermanAnalyzer()
    rows = [(c, d) for d, chunks in docs for c in chunks if c.record]
    tables = TableIndex.build(rows, vocab, analyzer)
    tables.teach(vocab)
    return vocab, tables, QueryUnderstanding(vocab, analyzer)


def ask(world, question, filters=None):
    vocab, tables, qu = world
    analysis = qu.analyze(question)
    return analysis, tables.match(analysis, vocab, filters)


def offers(matches):
    return sorted(m.row.record["Angebot"] for m in matches)


def test_roles_from_headers(world):
    vocab, tables, _ = world
    roles = tables.tables[0].roles
    assert roles == {
        "name": "Angebot",
        "partner": "Träger",
        "district": "Stadtbezirk",
        "sozialraum": "Sozialraum",
        "topic": "Themen",
        "target": "Zielgruppe",
    }


def test_roles_from_values_when_headers_say_nothing(world):
    vocab = world[0]
    headers = ["Spalte A", "Spalte B", "Spalte C", "Spalte D"]
    records = [dict(zip(headers, [r[0], r[2], r[3], r[4]], strict=True)) for r in INVENTORY]
    roles = detect_roles(headers, records, vocab)
    assert (
        roles["district"] == "Spalte B"
        and roles["sozialraum"] == "Spalte C"
        and roles["topic"] == "Spalte D"
        and roles["name"] == "Spalte A"
    )


def test_every_matching_row_not_top_k(world):
    _, matches = ask(world, "Welche Partner arbeiten zum Thema Armut in Haspe?")
    expected = sorted(r[0] for r in INVENTORY if r[2] == "Haspe" and "Armut" in r[4])
    assert offers(matches) == expected and len(expected) == 4


def test_sozialraum_belongs_to_its_bezirk(world):
    _, matches = ask(world, "Welche Angebote gibt es in Quambusch?")
    assert offers(matches) == ["Digitalsprechstunde für Ältere", "Kleiderkammer Quambusch"]
    _, matches = ask(world, "Welche Angebote gibt es in Eilpe?")
    assert offers(matches) == ["Hausaufgabenhilfe Eilpe"]


def test_partner_aliases_group_spellings(world):
    vocab, _, _ = world
    _, matches = ask(world, "Welche Angebote hat die Arbeiterwohlfahrt?")
    assert offers(matches) == ["Familienfrühstück", "Sozialberatung im Quartier", "Sozialsprechstunde Elsey"]
    assert {m.partner_key for m in matches} == {"awo"}
    assert vocab.partner_key("Caritas Hagen") == vocab.partner_key("Caritasverband Hagen e.V.") == vocab.partner_key("Caritas")


def test_target_groups_match_with_synonyms(world):
    _, matches = ask(world, "Welche Angebote gibt es für Senioren in Haspe?")
    assert offers(matches) == ["Digitalsprechstunde für Ältere", "Seniorentreff Haspe"]


def test_no_row_for_a_place_without_offers(world):
    _, matches = ask(world, "Welche Partner arbeiten zum Thema Armut in Hagen-Nord?")
    assert matches == []


def test_confidentiality_filter_applies_to_tables(world):
    _, matches = ask(
        world, "Welche Partner arbeiten zum Thema Armut in Haspe?", QueryFilters(max_confidentiality="public", doc_ids=["other"])
    )
    assert matches == []


def test_duplicate_rows_across_files_are_listed_once(world):
    vocab, tables, qu = world
    docs = sample_documents()
    inventory_doc, inventory_chunks = next((d, c) for d, c in docs if d.doc_id == "angebote-2024")
    copy = DocumentMeta(**{**inventory_doc.__dict__, "doc_id": "angebote-2024-xlsx", "date": "2024-04-01", "format": "xlsx"})
    copied = [Chunk(**{**c.__dict__, "chunk_id": c.chunk_id + "x", "doc_id": copy.doc_id}) for c in inventory_chunks]
    both = TableIndex.build([(c, inventory_doc) for c in inventory_chunks] + [(c, copy) for c in copied], vocab, GermanAnalyzer())
    matches = both.match(qu.analyze("Welche Partner arbeiten zum Thema Armut in Haspe?"), vocab)
    assert len(matches) == 4
    assert {m.row.document.doc_id for m in matches} == {"angebote-2024-xlsx"}  # the newer file is cited


def test_answer_groups_by_partner_and_cites_each_row(world):
    vocab, _, _ = world
    analysis, matches = ask(world, "Welche Partner arbeiten zum Thema Armut in Haspe?")
    answer = compose_table_answer(analysis.question, analysis, matches, vocab)
    assert len(answer.citations) == 4
    assert sorted(c.row for c in answer.citations) == [1, 2, 4, 5]
    assert "AWO Unterbezirk Hagen" in answer.text or "Arbeiterwohlfahrt" in answer.text
    awo_line = next(line for line in answer.text.splitlines() if "Sozialberatung im Quartier" in line)
    assert "Familienfrühstück" in awo_line  # both AWO spellings under one partner
    for citation in answer.citations:
        assert f"[{citation.number}]" in answer.text
        assert citation.quote.startswith("Angebot: ")
    assert "Stadtbezirk Haspe" in answer.text and "Thema Armut" in answer.text


def _task_table_doc():
    """A protocol with a task table (Aufgabe/Wer/Bis wann) and a population table: no inventories."""
    doc = DocumentMeta(
        doc_id="protokoll-stk",
        title="Protokoll Stadtteilkonferenz Beteiligung",
        source_path="p.md",
        content_hash="p",
        format="md",
        kind="protokoll",
        date="2024-09-18",
        districts=("Haspe",),
        topics=("beteiligung",),
    )
    tasks = [
        {"Aufgabe": "Bürgerbefragung Haspe auswerten", "Wer": "Sozialplanung", "Bis wann": "März 2025"},
        {"Aufgabe": "Workshop Beteiligung vorbereiten", "Wer": "AWO", "Bis wann": "Mai 2025"},
    ]
    people = [{"Sozialraum": "Haspe-Zentrum", "Einwohner": "14.524"}, {"Sozialraum": "Quambusch/Baukloh", "Einwohner": "8.303"}]
    chunks = [
        Chunk(
            chunk_id=f"p{i}",
            doc_id=doc.doc_id,
            ordinal=i,
            text="; ".join(f"{k}: {v}" for k, v in r.items()),
            kind="table_row",
            row=i + 1,
            record=r,
            table=name,
        )
        for i, (name, r) in enumerate([("Aufgaben", t) for t in tasks] + [("Einwohner", p) for p in people])
    ]
    return doc, chunks


def test_only_inventories_answer_list_questions(world):
    vocab, _, qu = world
    doc, chunks = _task_table_doc()
    rows = [(c, d) for d, cs in sample_documents() for c in cs if c.record] + [(c, doc) for c in chunks]
    tables = TableIndex.build(rows, vocab, GermanAnalyzer())
    inventory = {t.name: t.is_inventory for t in tables.tables}
    assert inventory == {"angebote": True, "Aufgaben": False, "Einwohner": False}
    # a question on formats is not a question for rows of a table, even though a topic (Beteiligung) is named
    assert tables.match(qu.analyze("Welche Beteiligungsformate nutzt die Sozialplanung?"), vocab) == []
    assert tables.match(qu.analyze("Welche Sozialräume hat Haspe?"), vocab) == []


def test_a_question_for_areas_asks_for_no_entries(world):
    from assistant.services.tables import asks_for_rows

    qu = world[2]
    assert not asks_for_rows(qu.analyze("Welche Sozialräume gehören zum Sozialraumteam Haspe?"))  # areas, not rows
    assert asks_for_rows(qu.analyze("Welche Angebote gibt es in den Sozialräumen von Haspe?"))


def test_named_kind_of_entry_must_be_in_the_row(world):
    _, matches = ask(world, "Welche Seniorentreffs gibt es in Haspe?")
    assert offers(matches) == ["Seniorentreff Haspe"]
    _, matches = ask(world, "Welche Seniorentreffs gibt es in Dortmund-Hörde?")
    assert matches == []  # an unknown place is a criterion no row meets


def test_a_compound_on_an_offer_noun_asks_for_the_offers_its_other_part_names(world):
    _, matches = ask(world, "Welche Beratungsangebote gibt es in Haspe?")
    assert offers(matches) == ["Schuldnerberatung Haspe", "Sozialberatung im Quartier"]  # in Haspe only
    _, matches = ask(world, "Welche Hilfeangebote gibt es in Haspe?")
    assert matches == []  # the provider's name ("Hagener Tafel") is no kind of offer; no row names "Hilfe"


def test_offer_question_without_welche(world):
    analysis, matches = ask(world, "Was bietet die Arbeiterwohlfahrt in Haspe an?")
    assert analysis.intent == "list" and analysis.partners == ["awo"] and analysis.topics == []
    assert offers(matches) == ["Familienfrühstück", "Sozialberatung im Quartier"]


def test_partner_in_genitive(world):
    analysis, matches = ask(world, "Welche Angebote des Caritasverbands gibt es in Haspe?")
    assert analysis.partners == [world[0].partner_key("Caritas")]
    assert offers(matches) == ["Kleiderkammer Quambusch", "Schuldnerberatung Haspe"]


def test_a_narrower_target_group_lists_the_entries_that_name_it_else_the_whole_group(world):
    from types import SimpleNamespace

    from assistant.services.tables import RowMatch, _narrowed

    analysis, matches = ask(world, "Welche Angebote gibt es für Alleinerziehende in Haspe?")
    assert analysis.target_groups == ["familien"] and analysis.narrow_targets
    assert offers(matches) == ["Familienfrühstück"]  # no entry names them: the family offers, not nothing
    named = RowMatch(None, SimpleNamespace(terms={"Angebot": frozenset({"treff", "alleinerzieh"})}), "")
    other = RowMatch(None, SimpleNamespace(terms={"Angebot": frozenset({"elterncafe"})}), "")
    assert _narrowed([other, named], analysis) == [named]
    broad, _ = ask(world, "Welche Angebote gibt es für Familien in Haspe?")
    assert not broad.narrow_targets and _narrowed([other, named], broad) == [other, named]


def test_a_count_counts_the_entries_whose_own_name_is_the_asked_kind(world):
    from types import SimpleNamespace

    from assistant.services.tables import RowMatch, _entries_named

    analysis = SimpleNamespace(residual_terms={"ausgabestell"}, residual_parts={})
    offers_table = SimpleNamespace(roles={"name": "Angebot"})
    partners_table = SimpleNamespace(roles={"name": "Organisation"})
    outlet = RowMatch(offers_table, SimpleNamespace(terms={"Angebot": frozenset({"tafel", "ausgabestell"})}), "tafel")
    directory = RowMatch(partners_table, SimpleNamespace(terms={"Organisation": frozenset({"tafel"}),
                                                                "Angebote": frozenset({"ausgabestell"})}), "tafel")
    assert _entries_named([outlet, directory], analysis) == [outlet]  # the directory's row on the Tafel is no outlet
    assert _entries_named([directory], analysis) == [directory]  # none named so: every matching row


def test_span_words_and_lists_in_a_place_column_are_no_place_names(world):
    from assistant.services.tables import _names_one_place

    vocab = world[0]
    assert _names_one_place("Elsey", vocab) and _names_one_place("Haspe-West/Westerbauer", vocab)
    assert not _names_one_place("bezirksweit", vocab) and not _names_one_place("Stadtteilübergreifend", vocab)
    assert not _names_one_place("Hochschulviertel, Emst", vocab) and not _names_one_place("", vocab)


def test_a_row_of_the_whole_bezirk_is_no_offer_of_one_of_its_sozialraeume(world):
    from types import SimpleNamespace

    from assistant.services.tables import row_in_places

    vocab = world[0]
    table = SimpleNamespace(roles={"district": "Stadtbezirk", "sozialraum": "Sozialraum"},
                            cell=lambda row, role: row.record.get({"district": "Stadtbezirk", "sozialraum": "Sozialraum"}[role], ""))
    bezirk_wide = SimpleNamespace(record={"Stadtbezirk": "Haspe", "Sozialraum": ""})
    assert row_in_places(table, bezirk_wide, [vocab.places["Haspe"]], vocab)
    assert not row_in_places(table, bezirk_wide, [vocab.places["Haspe-Zentrum"]], vocab)
