"""The UI in real headless Chromium against the real server on 127.0.0.1: ask, see a cited answer, open the sources, rate, upload.

Needs Debian's `chromium` and `chromium-driver` (.ci/run installs them) and Selenium; skips with a reason otherwise.
Screenshots go to artifacts/ in the repository root (gitignored) or $PLANWISSEN_TEST_ARTIFACTS.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import httpx
import pytest

from assistant.core.settings import PROJECT_ROOT, Settings
from assistant.testing.front_services import build_front_services
from assistant.testing.live_server import live_server

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
    from assistant.cli.serve_cmd import build_server

    settings = Settings(data_dir=tmp_path_factory.mktemp("ui") / "data", server={"max_upload_mb": 1})
    services = build_front_services(settings, delta_delay_s=0.03, ingest_delay_s=0.5)
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


def test_example_question_gets_a_cited_answer_with_sources_panel(server, browser):
    from selenium.webdriver.common.by import By

    url, app, services = server
    browser.get(url + "/")
    question = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pw-question textarea"))
    examples = browser.find_elements(By.CSS_SELECTOR, "#pw-examples button")
    assert [e.text for e in examples][:4] == ["Welche Beteiligungsformate nutzt die Sozialplanung?",
                                              "Welche Partner arbeiten zum Thema Armut in Haspe?",
                                              "Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?",
                                              "Was sind Sozialraumteams und wer sitzt darin?"]
    examples[0].click()
    wait(browser, lambda d: question.get_attribute("value") == "Welche Beteiligungsformate nutzt die Sozialplanung?")
    browser.find_element(By.ID, "pw-ask").click()

    chat = browser.find_element(By.ID, "pw-chat")
    wait(browser, lambda d: "Quellen:" in chat.text and "[1]" in chat.text)
    assert "Stadtteilkonferenzen" in chat.text
    chat_links = [a.get_attribute("href") for a in chat.find_elements(By.CSS_SELECTOR, "a")]
    assert url + "/api/v1/documents/planungskonzept-2023/file#page=1" in chat_links

    panel = browser.find_element(By.ID, "pw-sources-panel")
    panel.find_element(By.CSS_SELECTOR, "button").click()
    sources = wait(browser, lambda d: d.find_element(By.ID, "pw-sources") if d.find_element(By.ID, "pw-sources").is_displayed() else None)
    wait(browser, lambda d: "Planungskonzept" in sources.text)
    marks = [m.text for m in sources.find_elements(By.TAG_NAME, "mark")]
    assert marks == ["Die Sozialplanung nutzt als Beteiligungsformate Stadtteilkonferenzen, Bürgerbefragungen und Sozialraumteams."]
    link = sources.find_element(By.CSS_SELECTOR, "a.pw-open")
    assert link.text == "Original öffnen (S. 1)" and link.get_attribute("target") == "_blank"
    href = link.get_attribute("href")
    assert href.endswith("/api/v1/documents/planungskonzept-2023/file#page=1")
    original = httpx.get(href.split("#")[0], timeout=30)
    assert original.status_code == 200 and original.headers["content-type"] == "application/pdf"
    path = screenshot(browser, "ui-answer-with-sources.png")
    assert path.stat().st_size > 10_000

    browser.find_element(By.ID, "pw-up").click()
    status = browser.find_element(By.ID, "pw-feedback-status")
    wait(browser, lambda d: "Danke" in status.text)
    [entry] = app.state.feedback.list()
    assert entry.rating == "up" and entry.question == "Welche Beteiligungsformate nutzt die Sozialplanung?"
    assert entry.citations[0]["doc_id"] == "planungskonzept-2023" and entry.source == "ui"


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
