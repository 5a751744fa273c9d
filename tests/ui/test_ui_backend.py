"""The UI's behaviour without a browser: streamed answers with sources, levels, filters, feedback, upload, document list."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import AccessDeniedError, InvalidInputError, PlanwissenError, UnsupportedFormatError
from assistant.testing.front_services import INTERNAL_MARKER


def test_answer_streams_then_shows_sources_and_a_rateable_record(backend):
    views = list(backend.answer("Welche Beteiligungsformate nutzt die Sozialplanung?", backend.filters("internal")))
    assert len(views) > 2 and all(v.record is None for v in views[:-1])
    assert views[0].chat_text and views[-2].chat_text.startswith(views[0].chat_text)
    final = views[-1]
    assert "[\\[1\\]](#quelle-1)" in final.chat_text  # [1] links to its source in the panel
    assert "Quellen:" not in final.chat_text and "/file" not in final.chat_text  # the panel lists the sources, not the chat
    assert "<mark>" in final.sources and "Original öffnen (S. 1)" in final.sources
    assert final.record["question"] == "Welche Beteiligungsformate nutzt die Sozialplanung?"
    assert final.record["citations"][0]["doc_id"] == "planungskonzept-2023" and "source_path" not in final.record["citations"][0]


def test_public_session_never_sees_internal_content(backend):
    question = "Was beschloss die Steuerungsgruppe zur Diakonie und den Partnern zum Thema Armut in Haspe?"
    public = list(backend.answer(question, backend.filters("public")))
    assert INTERNAL_MARKER not in public[-1].chat_text + (public[-1].sources or "")
    internal = list(backend.answer(question, backend.filters("internal")))
    assert INTERNAL_MARKER in internal[-1].chat_text  # same question, higher level: the test can fail
    assert "protokoll" not in [value for _, value in backend.filter_choices("public")["kinds"]]
    assert ("Protokoll", "protokoll") in backend.filter_choices("internal")["kinds"]
    assert all("Steuerungsgruppe" not in row[0] for row in backend.documents_rows("public"))
    assert any("Steuerungsgruppe" in row[0] for row in backend.documents_rows("internal"))


def test_filters_from_the_widgets(backend, services):
    filters = backend.filters("public", ["Haspe"], ["armut"], [], 2023.0, 2024.0)
    assert (filters.districts, filters.topics, filters.kinds, filters.year_from, filters.year_to, filters.max_confidentiality) == (
        ["Haspe"], ["armut"], [], 2023, 2024, "public")
    list(backend.answer("Welche Partner arbeiten zum Thema Armut in Haspe?", filters))
    assert services.retrieval.seen_filters[-1] is filters
    with pytest.raises(InvalidInputError):
        backend.filters("public", year_from=2025, year_to=2020)
    with pytest.raises(InvalidInputError):
        backend.filters("public", year_from=12)


@pytest.mark.parametrize("question", ["", "   ", "\x00\x01", "x" * 4001])
def test_bad_questions_are_refused_before_the_service(backend, services, question):
    with pytest.raises(InvalidInputError):
        list(backend.answer(question, backend.filters("internal")))
    assert services.retrieval.seen_filters == []


def test_feedback_from_the_ui_is_stored(backend):
    assert "noch keine Antwort" in backend.rate("up", None, "", "internal")
    final = list(backend.answer("Was sind Sozialraumteams und wer sitzt darin?", backend.filters("internal")))[-1]
    assert backend.rate("down", final.record, "Es fehlt die Jugendhilfe", "internal").startswith("Danke")
    [entry] = backend.feedback.list()
    assert (entry.rating, entry.source, entry.comment, entry.level) == ("down", "ui", "Es fehlt die Jugendhilfe", "internal")
    assert entry.citations[0]["page"] == 2


def test_upload_from_the_ui(backend, tmp_path):
    source = tmp_path / "gradio-tmp" / "Spielplatzbericht Eilpe.md"
    source.parent.mkdir()
    source.write_text("Der Spielplatzbericht Eilpe nennt drei neue Spielplätze.\n", encoding="utf-8")
    job = backend.start_upload([source], "public", "Eilpe/Dahl", "jugend, freizeit", "internal")
    done = backend.jobs.wait(job.job_id, timeout=10)
    assert done.state == "done"
    assert len(list(backend.inbox.folder.glob("*/Spielplatzbericht_Eilpe.md"))) == 1  # in its own upload folder
    row = next(r for r in backend.documents_rows("public") if "Spielplatzbericht" in r[0])
    assert row[3] == "Eilpe/Dahl" and row[4] == "Jugend, Freizeit" and row[5] == "öffentlich"


def test_upload_refusals(backend, tmp_path):
    ok, bad = tmp_path / "a.md", tmp_path / "b.exe"
    ok.write_text("Text")
    bad.write_text("Text")
    with pytest.raises(AccessDeniedError):
        backend.start_upload([ok], "public", "", "", "public")
    with pytest.raises(UnsupportedFormatError):
        backend.start_upload([ok, bad], "internal", "", "", "internal")
    assert not backend.inbox.folder.exists() or list(backend.inbox.folder.iterdir()) == []  # nothing stored when one file is refused
    big = tmp_path / "gross.md"
    big.write_bytes(b"a" * (1024 * 1024 + 1))
    with pytest.raises(Exception) as caught:
        backend.start_upload([Path(big)], "internal", "", "", "internal")
    assert caught.value.code == "file_too_large"


def test_follow_up_is_resolved_from_the_chat_and_shown_as_understood(backend):
    from ui.backend import chat_turns

    chat = [{"role": "user", "content": "Wie hoch ist die SGB-II-Quote in Haspe?"}, {"role": "assistant", "content": "In Haspe …"}]
    views = list(backend.answer("Und in Hohenlimburg?", backend.filters("internal"), history=chat_turns(chat)))
    final = views[-1]
    assert final.chat_text.startswith("*Verstanden als: Wie hoch ist die SGB-II-Quote in Hohenlimburg?*\n\n")
    assert "11,8 Prozent" in final.chat_text and final.record["understood_as"].endswith("in Hohenlimburg?")
    alone = list(backend.answer("Wie hoch ist die SGB-II-Quote in Haspe?", backend.filters("internal")))[-1]
    assert "Verstanden als" not in alone.chat_text and "understood_as" not in alone.record


@pytest.mark.parametrize("empty", [None, "", 0, 0.0, "0"])
def test_untouched_year_fields_mean_no_year_limit(backend, empty):
    """Issue 13: an opened-and-closed filter panel sent 0 for both years and every question failed."""
    filters = backend.filters("internal", [], [], [], empty, empty)
    assert (filters.year_from, filters.year_to) == (None, None)
    assert list(backend.answer("Was sind Sozialraumteams und wer sitzt darin?", filters))[-1].record is not None


def test_year_choices_come_from_the_visible_documents(backend):
    years = backend.filter_choices("internal")["years"]
    assert years and years == sorted(years, reverse=True) and all(len(y) == 4 and y.isdigit() for y in years)
    assert backend.filters("internal", year_from=years[-1], year_to=years[0]).year_from == int(years[-1])
    with pytest.raises(InvalidInputError):
        backend.filters("internal", year_from="zweitausend")


def test_year_fields_are_dropdowns_that_start_empty(services):
    """The widgets themselves: no gr.Number (it sends 0 once rendered), and nothing preselected."""
    import gradio as gr

    from ui.app import build_ui

    demo = build_ui(services)
    by_id = {getattr(block, "elem_id", None): block for block in demo.blocks.values()}
    for elem_id in ("pw-year-from", "pw-year-to"):
        assert isinstance(by_id[elem_id], gr.Dropdown) and by_id[elem_id].value is None
    assert not any(isinstance(block, gr.Number) for block in demo.blocks.values())


def test_feedback_per_answer_with_reasons_and_comment(backend):
    final = list(backend.answer("Was sind Sozialraumteams und wer sitzt darin?", backend.filters("internal")))[-1]
    backend.rate("down", final.record, "Seite 2 fehlt", "internal", ["unvollständig", "falsche Quelle", "erfunden"])
    backend.rate("down", final.record, "", "internal", ["veraltet"])
    first, second = backend.feedback.list()
    assert first.comment == "Gründe: unvollständig, falsche Quelle; Seite 2 fehlt"  # unknown reasons are dropped
    assert second.comment == "Gründe: veraltet"


def test_topics_and_kinds_show_german_labels_not_ids(backend):
    kinds = dict((value, label) for label, value in backend.filter_choices("internal")["kinds"])
    assert all(label[0].isupper() and "-" not in label for label in kinds.values())
    rows = backend.documents_rows("internal")
    assert all(not row[1] or row[1][0].isupper() for row in rows)


def test_conversations_are_stored_listed_reopened_renamed_and_deleted(backend):
    first = list(backend.answer("Wie hoch ist die SGB-II-Quote in Haspe?", backend.filters("internal"), user="anna"))[-1]
    assert first.conversation_id
    follow = list(backend.answer("Und in Hohenlimburg?", backend.filters("internal"), conversation_id=first.conversation_id,
                                 user="anna"))[-1]
    assert follow.conversation_id == first.conversation_id and "Verstanden als" in follow.chat_text  # resolved from the store
    [(label, conversation_id)] = backend.conversation_choices("anna", "internal")
    assert conversation_id == first.conversation_id and label.startswith("Wie hoch ist die SGB-II-Quote in Haspe? · ")
    assert backend.conversation_choices("ben", "internal") == [] and backend.conversation_choices("anna", "public") == []
    messages, records, sources = backend.reopen(conversation_id, "anna", "internal")
    assert [m["role"] for m in messages] == ["user", "assistant"] * 2
    assert messages[2]["content"] == "Und in Hohenlimburg?" and messages[3]["content"].startswith("*Verstanden als:")
    assert set(records) == {"1", "3"} and records["3"]["question"] == "Und in Hohenlimburg?"
    assert "class='pw-source'" in sources and "id='quelle-1'" in sources
    backend.rename_conversation(conversation_id, "anna", "internal", "SGB II Haspe/Hohenlimburg")
    assert backend.conversation_choices("anna", "internal")[0][0].startswith("SGB II Haspe/Hohenlimburg · ")
    with pytest.raises(PlanwissenError):
        backend.reopen(conversation_id, "ben", "internal")
    backend.delete_conversation(conversation_id, "anna", "internal")
    assert backend.conversation_choices("anna", "internal") == []


def test_documents_table_search_sort_detail_and_delete(backend, tmp_path):
    rows, ids = backend.documents_table("internal")
    assert len(rows) == len(ids) and all(len(row) == 8 for row in rows)
    assert [row[0] for row in rows] == sorted((row[0] for row in rows), key=str.lower)
    by_date, _ = backend.documents_table("internal", sort="datum")
    assert [r[2] for r in by_date] == sorted((r[2] for r in by_date), reverse=True)
    found, found_ids = backend.documents_table("internal", "hohenlimburg")
    assert found and all("Hohenlimburg" in " ".join(row) for row in found)
    assert backend.documents_table("internal", "qualitätsbericht xyz-nichts")[0] == []
    assert backend.documents_table("public", "Steuerungsgruppe")[0] == []  # internal documents stay hidden
    detail = backend.document_detail(found_ids[0], "internal")
    assert detail.startswith("### ") and "**Zugriff:**" in detail and "Original herunterladen" in detail
    with pytest.raises(PlanwissenError):
        backend.document_detail("protokoll-steuerungsgruppe-2024", "public")

    source = tmp_path / "Loeschprobe.md"
    source.write_text("Diese Probe wird gleich wieder gelöscht.\n", encoding="utf-8")
    assert backend.jobs.wait(backend.start_upload([source], "internal", "", "", "internal").job_id, timeout=10).state == "done"
    rows, ids = backend.documents_table("internal", "Loeschprobe")
    [doc_id] = ids
    with pytest.raises(AccessDeniedError):
        backend.delete_document(doc_id, "public")
    assert backend.delete_document(doc_id, "internal") == rows[0][0]
    assert backend.documents_table("internal", "Loeschprobe")[0] == []
    assert not (backend.inbox.folder / "Loeschprobe.md").exists()  # the uploaded file goes too


def test_upload_progress_steps_never_claim_done_early():
    from assistant.services.jobs import Job
    from ui.app import upload_step

    running = Job(job_id="j", files=("a.md",), level="internal", state="running", stage="embed", current=0, total=1)
    share, desc = upload_step(running)
    assert 0 < share < 1 and desc.startswith("Abschnitte werden") and "Datei 1 von 1" in desc
    assert upload_step(Job(job_id="j", files=("a.md",), level="internal", state="running", stage="file", current=1, total=1))[0] < 1
    done = Job(job_id="j", files=("a.md",), level="internal", state="done", stage="done", current=1, total=1)
    assert upload_step(done) == (1.0, "Fertig")


def _version(tmp_path, folder: str, text: str) -> Path:
    """A file as the browser hands it over: its own temporary folder, the user's file name."""
    path = tmp_path / folder / "Spielplatzbericht Eilpe.md"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_version_is_asked_about_then_replaces_the_document_and_nothing_is_lost_silently(backend, tmp_path):
    from ui.backend import replace_question, replacements

    first = _version(tmp_path, "v1", "Der Spielplatzbericht nennt drei neue Spielplätze.\n")
    job = backend.start_upload([first], "internal", "", "", "internal", title="Spielplatzbericht")
    assert backend.jobs.wait(job.job_id).state == "done"
    [doc_id] = [d.doc_id for d in backend.services.documents.list("internal") if d.title == "Spielplatzbericht"]

    same = backend.check_upload([_version(tmp_path, "v1b", "Der Spielplatzbericht nennt drei neue Spielplätze.\n")], "internal")
    assert replace_question(same) == "" and same[0].duplicate.doc_id == doc_id  # identical content: no question …
    job = backend.jobs.wait(backend.start_upload([tmp_path / "v1b" / "Spielplatzbericht Eilpe.md"], "internal", "", "", "internal").job_id)
    assert "bereits vorhanden als „Spielplatzbericht“" in job.message  # … and the upload reports where it already is

    second = _version(tmp_path, "v2", "Der Spielplatzbericht nennt vier neue Spielplätze.\n")
    checks = backend.check_upload([second], "internal")
    question = replace_question(checks)
    assert question.startswith("**Neue Version von »Spielplatzbericht« – ersetzen?**") and "Spielplatzbericht_Eilpe.md" in question
    assert replacements(checks) == {"Spielplatzbericht_Eilpe.md": doc_id}
    assert len(list(backend.inbox.folder.iterdir())) == 1  # asking stores nothing

    job = backend.jobs.wait(backend.start_upload([second], "internal", "", "", "internal", replaces=replacements(checks)).job_id)
    assert job.state == "done" and job.report.updated == [doc_id] and not job.report.added
    docs = [d for d in backend.services.documents.list("internal") if "Spielplatz" in d.source_path]
    assert [(d.doc_id, d.title) for d in docs] == [(doc_id, "Spielplatzbericht")]  # one document, its title kept, now the new version …
    assert "vier neue" in Path(docs[0].source_path).read_text(encoding="utf-8")
    assert [p.name for p in backend.inbox.folder.glob("*/*.md")] == ["Spielplatzbericht_Eilpe.md"]  # … the old file is gone


def test_as_a_separate_document_both_versions_stay(backend, tmp_path):
    first = _version(tmp_path, "v1", "Fassung eins des Berichts.\n")
    backend.jobs.wait(backend.start_upload([first], "internal", "", "", "internal").job_id)
    second = _version(tmp_path, "v2", "Fassung zwei des Berichts.\n")
    assert backend.check_upload([second], "internal")[0].asks
    job = backend.jobs.wait(backend.start_upload([second], "internal", "", "", "internal").job_id)  # no replaces: a document of its own
    assert len(job.report.added) == 1
    assert len([d for d in backend.services.documents.list("internal") if "Spielplatzbericht" in d.source_path]) == 2


def test_replacing_is_refused_for_folder_documents_and_read_only_access(backend, tmp_path):
    new = _version(tmp_path, "v1", "Neuer Text.\n")
    folder_doc = next(d for d in backend.services.documents.list("internal") if not backend.inbox.holds(Path(d.source_path)))
    with pytest.raises(InvalidInputError):
        backend.start_upload([new], "internal", "", "", "internal", replaces={"Spielplatzbericht_Eilpe.md": folder_doc.doc_id})
    with pytest.raises(PlanwissenError):  # a document above the uploader's level is not found
        backend.start_upload([new], "public", "", "", "public", replaces={"Spielplatzbericht_Eilpe.md": "protokoll-steuerungsgruppe-2024"})
    with pytest.raises(AccessDeniedError):
        backend.check_upload([new], "public")
    with pytest.raises(InvalidInputError):  # the form's refusals come before any question
        backend.check_upload([new], "internal", confidentiality="internal", date="31.03.2025")
    assert not backend.inbox.folder.exists() or list(backend.inbox.folder.iterdir()) == []
