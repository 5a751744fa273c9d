"""Drafts, Steckbriefe and onboarding over HTTP: JSON with footnoted Markdown, DOCX downloads, stable error codes,
and the caller's confidentiality level carried into every search a draft makes."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document

from assistant.api.routes.drafts import DOCX_TYPE
from assistant.testing.front_services import INTERNAL_MARKER, INTERNAL_TOKEN, PUBLIC_TOKEN, bearer, build_front_services

REQUEST = "Abschnitt Armut in Haspe für den Sozialbericht 2025"
PROFILE_SOURCE = "Sozialraumprofil Haspe 2024, S. 4 (2024-11-15)"
#: Titles of the two internal documents of the test corpus (demo corpus and drafting corpus).
INTERNAL_TITLES = ("Protokoll Steuerungsgruppe März 2024", "Internes Protokoll Lenkungsgruppe")


@pytest.fixture
def services(settings):
    """Front services with the drafting fixture corpus (figures, offer inventory, profile, internal minutes)."""
    return build_front_services(settings, drafting_corpus=True)


def _footnotes_resolve(body: dict) -> None:
    """Every [^n] in the text has its entry under 'Quellen', and every source is used."""
    markdown = body["markdown"]
    text, _, notes = markdown.partition("## Quellen")
    used = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", text)}
    defined = [int(n) for n in re.findall(r"^\[\^(\d+)\]:", notes, flags=re.MULTILINE)]
    assert used and used == set(defined) == set(range(1, len(body["quellen"]) + 1))


def _docx(response) -> tuple[str, object]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX_TYPE
    assert response.headers["content-disposition"].startswith("attachment")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n" + "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    return text, document


def _public_remote(make_client):
    return make_client("0.0.0.0")


# --- drafts ------------------------------------------------------------------------------------------------------


def test_draft_as_json_has_sections_footnotes_and_a_full_check(client):
    response = client.post("/api/v1/drafts", json={"anfrage": REQUEST})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["titel"] == REQUEST and body["modus"] == "extractive"
    markdown = body["markdown"]
    for title in ("Aktuelle Lage", "Entwicklung", "Angebote und Partner", "Bestehende Angebote", "Quellen"):
        assert f"## {title}" in markdown
    assert re.search(r"19,6 % und damit 1,2 Prozentpunkte über dem städtischen Wert von 18,4 % \(eigene Berechnung\)\.\[\^\d+\]", markdown)
    assert "eigene Berechnung" in markdown
    assert PROFILE_SOURCE in body["quellen"]
    assert any(q.startswith("Angebote und Maßnahmen 2024, Zeile") for q in body["quellen"])
    _footnotes_resolve(body)
    assert body["aussagen"] >= 10 and body["belegt"] == body["aussagen"]


def test_draft_with_explicit_place_overrides_the_request(client):
    body = client.post("/api/v1/drafts", json={"anfrage": "Abschnitt Armut für den Sozialbericht", "raum": "Haspe"}).json()
    assert "Stadtbezirk Haspe" in body["markdown"] and PROFILE_SOURCE in body["quellen"]


def test_draft_as_docx_opens_and_carries_real_footnotes(client):
    json_body = client.post("/api/v1/drafts", json={"anfrage": REQUEST}).json()
    response = client.post("/api/v1/drafts", json={"anfrage": REQUEST, "format": "docx"})
    text, document = _docx(response)
    assert REQUEST in text and "Quellen" in text and "19,6 %" in text
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        notes = archive.read("word/footnotes.xml").decode()
    for source in json_body["quellen"]:
        assert source.replace("&", "&amp;") in notes  # every source of the JSON answer stands in a footnote
    references = [r for p in document.paragraphs for r in p.runs if r.style is not None and r.style.name == "Footnote Reference"]
    assert len(references) == json_body["aussagen"]


# --- Steckbrief ----------------------------------------------------------------------------------------------------


def test_steckbrief_as_json_has_the_figure_table_and_sources(client):
    response = client.post("/api/v1/steckbrief", json={"raum": "Haspe"})
    assert response.status_code == 200, response.text
    body = response.json()
    markdown = body["markdown"]
    assert body["titel"] == "Steckbrief Haspe"
    assert re.search(r"^\| SGB-II-Quote \(%\) \| 18,6 \|.*\| 19,6 \| \[\^\d+\] \|$", markdown, flags=re.MULTILINE)
    assert "## Angebote nach Themen" in markdown and "## Partner und Träger" in markdown
    assert PROFILE_SOURCE in body["quellen"]
    _footnotes_resolve(body)
    assert body["aussagen"] >= 10 and body["belegt"] == body["aussagen"]


def test_steckbrief_as_docx_has_table_chart_and_footnotes(client):
    response = client.post("/api/v1/steckbrief", json={"raum": "Haspe", "format": "docx"})
    text, document = _docx(response)
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        notes = archive.read("word/footnotes.xml").decode()
    assert "Steckbrief Haspe" in text and "Quellen" in text and PROFILE_SOURCE in notes
    assert document.tables and any(cell.text == "19,6" for table in document.tables for row in table.rows for cell in row.cells)
    assert len(document.inline_shapes) == 1  # the chart


def test_steckbrief_for_a_sozialraum(client):
    body = client.post("/api/v1/steckbrief", json={"raum": "Haspe-Zentrum"}).json()
    assert body["titel"] == "Steckbrief Haspe-Zentrum" and "27,6" in body["markdown"]
    assert body["belegt"] == body["aussagen"] > 0


# --- onboarding -----------------------------------------------------------------------------------------------------


def test_onboarding_overview_glossary_and_reading_list(client):
    overview = client.get("/api/v1/onboarding").json()
    for part in ("Aufgaben", "Organisation", "Beteiligungsformate", "Mögliche nächste Fragen"):
        assert f"## {part}" in overview["markdown"]
    _footnotes_resolve(overview)
    assert overview["belegt"] == overview["aussagen"] > 0

    glossary = client.get("/api/v1/onboarding/glossar").json()
    assert re.search(r"^- Sozialraum: Ein Sozialraum ist ein Planungsraum unterhalb des Stadtbezirks\.\[\^\d\]$", glossary["markdown"],
                     flags=re.MULTILINE)
    assert glossary["quellen"] and all(q.startswith("Glossar Sozialplanung") for q in glossary["quellen"])

    reading = client.post("/api/v1/onboarding/lesen", json={"thema": "Beteiligungsformate"}).json()
    assert reading["titel"] == "Was sollte ich zuerst lesen über Beteiligungsformate?"
    assert "**1. " in reading["markdown"] and "Konzept Bürgerbeteiligung, S. 2 (2022-09-01)" in reading["quellen"]
    assert reading["belegt"] == reading["aussagen"] > 0


def test_reading_list_as_docx(client):
    text, _ = _docx(client.post("/api/v1/onboarding/lesen", json={"thema": "Beteiligungsformate", "format": "docx"}))
    assert "Zuerst lesen: Beteiligungsformate" in text and "Quellen" in text


# --- errors ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "body", "code"), [
    ("/api/v1/steckbrief", {"raum": "Atlantis"}, "unknown_place"),
    ("/api/v1/drafts", {"anfrage": "Abschnitt Armut", "raum": "Atlantis"}, "unknown_place"),
    ("/api/v1/drafts", {"anfrage": "Abschnitt über Armut für den Sozialbericht"}, "place_required"),
    ("/api/v1/drafts", {"anfrage": ""}, "invalid_input"),
    ("/api/v1/drafts", {"anfrage": "   "}, "invalid_input"),
    ("/api/v1/drafts", {}, "invalid_input"),
    ("/api/v1/drafts", {"anfrage": "Armut in Haspe", "format": "pdf"}, "invalid_input"),
    ("/api/v1/drafts", {"anfrage": "x" * 501}, "invalid_input"),
    ("/api/v1/steckbrief", {"raum": ""}, "invalid_input"),
    ("/api/v1/onboarding/lesen", {"thema": " "}, "invalid_input"),
])
def test_bad_requests_get_a_stable_code_and_two_messages(client, path, body, code):
    response = client.post(path, json=body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == code and error["message_de"] and error["message_en"]
    assert "Traceback" not in response.text


def test_unknown_place_message_names_the_place(client):
    error = client.post("/api/v1/steckbrief", json={"raum": "Atlantis"}).json()["error"]
    assert "Atlantis" in error["message_de"] and "Atlantis" in error["message_en"]


def test_without_drafting_service_the_routes_answer_with_a_configuration_error(services, make_client):
    services.drafting = None
    response = make_client().post("/api/v1/steckbrief", json={"raum": "Haspe"})
    assert response.status_code == 500 and response.json()["error"]["code"] == "configuration_error"


# --- confidentiality --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "method", "body"), [
    ("/api/v1/drafts", "post", {"anfrage": REQUEST}),
    ("/api/v1/steckbrief", "post", {"raum": "Haspe"}),
    ("/api/v1/onboarding", "get", None),
    ("/api/v1/onboarding/glossar", "get", None),
    ("/api/v1/onboarding/lesen", "post", {"thema": "Armut"}),
])
def test_off_localhost_every_drafting_route_needs_a_token(make_client, path, method, body):
    remote = _public_remote(make_client)
    response = getattr(remote, method)(path, **({"json": body} if body else {}))
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"


def _leaks(text: str) -> list[str]:
    return [marker for marker in (INTERNAL_MARKER, "Haushaltssperre", *INTERNAL_TITLES) if marker in text]


def test_public_token_never_gets_internal_sources_in_a_draft(make_client):
    """The internal minutes are about Armut in Haspe and are cited for a staff token; a partner token never sees them."""
    remote = _public_remote(make_client)
    internal = remote.post("/api/v1/drafts", json={"anfrage": REQUEST}, headers=bearer(INTERNAL_TOKEN)).json()
    assert INTERNAL_MARKER in internal["markdown"] and set(INTERNAL_TITLES) & {q.split(",")[0] for q in internal["quellen"]}

    public = remote.post("/api/v1/drafts", json={"anfrage": REQUEST}, headers=bearer(PUBLIC_TOKEN)).json()
    assert not _leaks(public["markdown"] + "\n".join(public["quellen"]))
    assert PROFILE_SOURCE in public["quellen"]  # the public draft is still a draft
    docx = remote.post("/api/v1/drafts", json={"anfrage": REQUEST, "format": "docx"}, headers=bearer(PUBLIC_TOKEN))
    assert not _leaks(_docx(docx)[0])


@pytest.mark.parametrize(("path", "method", "body"), [
    ("/api/v1/steckbrief", "post", {"raum": "Haspe"}),
    ("/api/v1/onboarding", "get", None),
    ("/api/v1/onboarding/glossar", "get", None),
    ("/api/v1/onboarding/lesen", "post", {"thema": "Steuerungsgruppe Partner Diakonie Armut Haspe"}),
    ("/api/v1/drafts", "post", {"anfrage": "Offene Fragen zur Diakonie und Lenkungsgruppe in Haspe"}),
])
def test_public_token_sees_no_internal_content_on_any_drafting_route(make_client, path, method, body):
    remote = _public_remote(make_client)
    response = getattr(remote, method)(path, headers=bearer(PUBLIC_TOKEN), **({"json": body} if body else {}))
    assert response.status_code == 200, response.text
    assert not _leaks(response.text)


def test_reading_list_reaches_internal_minutes_only_with_a_staff_token(make_client):
    remote = _public_remote(make_client)
    body = {"thema": "Steuerungsgruppe Partner Diakonie Armut Haspe"}
    assert INTERNAL_MARKER in remote.post("/api/v1/onboarding/lesen", json=body, headers=bearer(INTERNAL_TOKEN)).text
    assert INTERNAL_MARKER not in remote.post("/api/v1/onboarding/lesen", json=body, headers=bearer(PUBLIC_TOKEN)).text


def test_every_search_of_a_draft_runs_at_the_callers_level(services, make_client, monkeypatch):
    """Drafts pass the token's level as QueryFilters.max_confidentiality into every search they make."""
    retrieval = services.drafting.evidence.retrieval
    seen: list[str] = []
    search = retrieval.search

    def spy(query, filters=None, k=None):
        seen.append(filters.max_confidentiality if filters else "none")
        return search(query, filters, k)

    monkeypatch.setattr(retrieval, "search", spy)
    remote = _public_remote(make_client)
    assert remote.post("/api/v1/drafts", json={"anfrage": REQUEST}, headers=bearer(PUBLIC_TOKEN)).status_code == 200
    assert seen and set(seen) == {"public"}
    seen.clear()
    assert remote.post("/api/v1/drafts", json={"anfrage": REQUEST}, headers=bearer(INTERNAL_TOKEN)).status_code == 200
    assert seen and set(seen) == {"internal"}
