"""Each UI call as its own caller: signed links bound to that person's session, a German refusal once it ended."""

from __future__ import annotations

import pytest

from assistant.api.auth import LinkSigner
from assistant.core.errors import AuthenticationError
from assistant.services.callers import Caller
from assistant.services.file_links import FileLinks
from ui.texts import access_line

ALICE = Caller(name="alice.meier", level="internal", authenticated=True, subject="alice", session_id="sitzung-1")


def test_links_of_sources_viewer_and_document_detail_are_bound_to_the_callers_session(backend):
    backend.links = FileLinks(LinkSigner())
    final = list(backend.answer("Was sind Sozialraumteams und wer sitzt darin?", backend.filters("internal"), owner=ALICE))[-1]
    assert "sub=alice" in final.sources and "sid=sitzung-1" in final.sources
    citation = final.record["citations"][0]
    assert "sid=sitzung-1" in backend.show_citation(citation, "internal", owner=ALICE)
    assert "sub=alice&sid=sitzung-1" in backend.document_detail(citation["doc_id"], "internal", owner=ALICE)
    assert "sid=" not in backend.document_detail(citation["doc_id"], "internal")  # without an owner: not bound


def _handler(demo, name):
    return next(f.fn for f in demo.fns.values() if f.name == name)


def test_a_call_whose_session_ended_gets_a_german_message_and_no_traceback(services):
    import gradio as gr

    from ui.app import build_ui

    def ended(request):
        raise AuthenticationError(message_de="Die Sitzung ist beendet oder unbekannt; bitte neu anmelden.")

    demo = build_ui(services, caller_for=ended)
    with pytest.raises(gr.Error) as caught:
        _handler(demo, "init_session")(None)
    assert "Sitzung ist beendet" in caught.value.message and "neu laden" in caught.value.message
    assert caught.value.print_exception is False
    with pytest.raises(gr.Error):
        next(_handler(demo, "respond")("Was sind Sozialraumteams?", [], None, None, None, None, None, {}, None, None))


def test_each_call_reads_at_the_level_of_its_own_caller(services):
    from ui.app import build_ui

    bob = Caller(name="bob.schulz", level="public", authenticated=True, subject="bob", session_id="sitzung-2")
    demo = build_ui(services, caller_for=lambda request: ALICE if request == "alice" else bob)
    alice_view, bob_view = (str(_handler(demo, "init_session")(who)) for who in ("alice", "bob"))
    assert "Protokoll Steuerungsgruppe" in alice_view and "Protokoll Steuerungsgruppe" not in bob_view
    assert "bob.schulz" in bob_view and "öffentlich" in bob_view


def test_header_names_the_signed_in_person_and_offers_to_sign_out():
    line = access_line("<script>x</script>", "intern", True)
    assert "&lt;script&gt;" in line and "<script>" not in line
    assert "Abmelden" in line and "method='post' action='/auth/logout'" in line and "intern" in line
    assert "Abmelden" not in access_line("local", "intern", False)  # nothing to sign out of
