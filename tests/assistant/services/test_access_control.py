"""Access control in the retrieval layer: a public caller never gets, quotes or uses an internal chunk — whatever route.

Real Chroma, BM25, ingestion, retrieval and answering (fake embedder and chat). Every probe first proves that the
internal content is reachable for an internal caller, so these tests can fail.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from assistant.core.errors import InvalidInputError, NotFoundError
from assistant.core.types import QueryFilters
from assistant.testing.fake_chat import FakeChatModel
from assistant.testing.fake_jobs import InMemoryJobStore
from assistant.testing.trust_corpus import INTERNAL_MARKERS, PROBES, build_trust_services, contains_internal

PUBLIC = QueryFilters(max_confidentiality="public")
INTERNAL = QueryFilters(max_confidentiality="internal")


@pytest.fixture(scope="module")
def chat():
    return FakeChatModel(reply="Laut den Belegen gilt Folgendes [1].")


@pytest.fixture(scope="module")
def services(tmp_path_factory, chat):
    return build_trust_services(tmp_path_factory.mktemp("trust") / "data", chat=chat)


def _everything(answer) -> str:
    """All an answer carries: text, notes, citations (quotes, titles, paths) and the passages behind it."""
    return repr(answer)


def leaked(text: str, probe: str) -> list[str]:
    """Internal markers in a text, not counting the caller's own question echoed back."""
    return contains_internal(text.replace(probe, ""))


def _ask(services, question, filters, mode):
    services.answering.chat = services.chat if mode == "generative" else None
    try:
        return services.answering.ask(question, filters)
    finally:
        services.answering.chat = services.chat


def test_internal_content_is_reachable_for_internal_callers(services):
    seen = set()
    for probe in PROBES:
        seen.update(contains_internal(repr(services.retrieval.search(probe, INTERNAL, k=20))))
        seen.update(contains_internal(_everything(_ask(services, probe, INTERNAL, "extractive"))))
    assert seen == set(INTERNAL_MARKERS)


@pytest.mark.parametrize("probe", PROBES)
def test_search_and_both_indexes_never_return_internal_chunks_to_public_callers(services, probe):
    internal_ids = {d.doc_id for d in services.store.documents() if d.confidentiality == "internal"}
    assert len(internal_ids) == 2
    passages = services.retrieval.search(probe, PUBLIC, k=50)
    assert not {p.document.doc_id for p in passages} & internal_ids
    assert not leaked(repr(passages), probe)
    result = services.retrieval.retrieve(probe, PUBLIC, k=50)
    assert not leaked(repr(result.candidates), probe)
    dense = services.store.query(services.embedder.embed_query(probe), 50, PUBLIC)
    assert not {s.chunk.doc_id for s, _ in dense} & internal_ids
    lexical = services.lexical.search(probe, 50, PUBLIC)
    chunks = {s.chunk.chunk_id: s.chunk.doc_id for s in services.store.iter_chunks()}
    assert not {chunks[cid] for cid, _ in lexical} & internal_ids


@pytest.mark.parametrize("mode", ["extractive", "generative"])
@pytest.mark.parametrize("probe", PROBES)
def test_answers_never_quote_or_cite_internal_chunks(services, chat, probe, mode):
    before = len(chat.calls)
    answer = _ask(services, probe, PUBLIC, mode)
    assert not leaked(_everything(answer), probe), answer
    for call in chat.calls[before:]:  # what the LLM was shown
        assert not leaked(call[-1]["content"], probe) and not leaked(call[0]["content"], probe)


@pytest.mark.parametrize("probe", PROBES)
def test_streamed_answers_never_carry_internal_content(services, probe):
    events = list(services.answering.ask_stream(probe, PUBLIC))
    assert events[-1].kind == "final"
    assert not leaked(repr(events), probe)


def test_table_list_answers_use_only_public_rows(services):
    question = "Welche Träger arbeiten zum Thema Armut in Haspe?"
    internal = _ask(services, question, INTERNAL, "extractive")
    public = _ask(services, question, PUBLIC, "extractive")
    assert "Nordlicht" in internal.text and "AWO" in public.text
    assert not leaked(_everything(public), question)


def test_document_list_get_and_file_hide_internal_documents(services):
    listed = services.documents.list("public")
    assert listed and all(d.confidentiality == "public" for d in listed)
    internal = [d for d in services.store.documents() if d.confidentiality == "internal"]
    for doc in internal:
        assert services.documents.get(doc.doc_id, "internal").doc_id == doc.doc_id
        with pytest.raises(NotFoundError):
            services.documents.get(doc.doc_id, "public")
        with pytest.raises(NotFoundError):
            services.documents.file_path(doc.doc_id, "public")


def test_an_unknown_level_is_refused_not_guessed(services):
    with pytest.raises(InvalidInputError):
        services.retrieval.search("Zebrastreifenfonds", QueryFilters(max_confidentiality="publik"))
    with pytest.raises(InvalidInputError):
        services.lexical.search("Zebrastreifenfonds", 5, QueryFilters(max_confidentiality="INTERNAL"))


def test_cli_routes_with_public_level(services, monkeypatch):
    from assistant.cli import main as cli

    monkeypatch.setattr(cli._State, "settings", services.settings)
    monkeypatch.setattr(cli._State, "services", services)
    services.answering.chat = None
    runner = CliRunner()
    internal_id = next(d.doc_id for d in services.store.documents() if d.confidentiality == "internal")
    reachable = runner.invoke(cli.app, ["search", "Zebrastreifenfonds", "--stufe", "internal"])
    assert "Zebrastreifenfonds" in reachable.output
    outputs = []
    for probe in PROBES:
        outputs.append((runner.invoke(cli.app, ["ask", probe, "--stufe", "public"]).output, probe))
        outputs.append((runner.invoke(cli.app, ["search", probe, "--stufe", "public", "-k", "50"]).output, probe))
    outputs.append((runner.invoke(cli.app, ["docs", "list", "--stufe", "public"]).output, ""))
    shown = runner.invoke(cli.app, ["docs", "show", internal_id, "--stufe", "public"])
    assert shown.exit_code != 0 or "nicht" in shown.output
    outputs.append((shown.output.replace(internal_id, ""), ""))
    for output, probe in outputs:
        assert not leaked(" ".join(output.split()), probe), output


def test_ui_backend_with_public_level(services, tmp_path):
    from assistant.adapters.sqlite_feedback import sqlite_feedback_service
    from assistant.services.file_links import FileLinks
    from assistant.services.jobs import JobService
    from assistant.services.uploads import UploadInbox
    from ui.backend import UiBackend

    jobs = JobService(services.ingestion, store=InMemoryJobStore())
    backend = UiBackend(services=services, jobs=jobs, feedback=sqlite_feedback_service(tmp_path),
                        inbox=UploadInbox(tmp_path / "inbox", 1 << 20, {".md"}), links=FileLinks())
    reachable = list(backend.answer("Was ist der Zebrastreifenfonds?", backend.filters("internal")))
    assert contains_internal(repr(reachable))
    for probe in PROBES:
        views = list(backend.answer(probe, backend.filters("public")))
        assert not leaked(repr(views), probe)
    assert not contains_internal(repr(backend.documents_rows("public")))
    assert not contains_internal(repr(backend.filter_choices("public")))
