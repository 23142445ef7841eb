"""The Gradio app as users meet it: a real server process, its `/ask` API through gradio_client, and the
page in a real Chromium driven by Playwright (chat, sources, figures table, sheet upload)."""
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import MEXT, ROOT

pytestmark = [pytest.mark.slow]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(root: Path, *args: str, env: dict | None = None):
    """app.py serving root/corpus and root/index on a free port, in its own process: yields the URL.
    `args` are more command-line options; `env` more environment variables. The log is root/app.log."""
    port = free_port()
    with open(root / "app.log", "w") as log:
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", **(env or {})}
        proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--corpus", str(root / "corpus"),
                                 "--index", str(root / "index"), "--port", str(port), *args],
                                stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root)
        url = f"http://127.0.0.1:{port}/"
        deadline = time.time() + 180
        while time.time() < deadline:
            if proc.poll() is not None:
                raise RuntimeError((root / "app.log").read_text())
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            proc.kill()
            raise RuntimeError("app did not start:\n" + (root / "app.log").read_text())
        try:
            yield url
        finally:
            proc.terminate()
            proc.wait(10)


@pytest.fixture(scope="module")
def server(built, tmp_path_factory):
    root = tmp_path_factory.mktemp("ui")
    shutil.copytree(built[0] / "corpus", root / "corpus")
    shutil.copytree(built[0] / "index", root / "index")
    with running_app(root) as url:
        yield url, root


def test_api_ask_through_gradio_client(server):
    from gradio_client import Client

    url, _ = server
    client = Client(url, verbose=False)
    result = client.predict("令和2年度の日加会談数は？", api_name="/ask")
    text = result[0]
    assert "実績値は3回" in text and "年度目標値7回" in text and "測定指標1-4" in text
    refusal = client.predict("令和5年度の日加会談数は？", api_name="/ask")[0]
    assert "シートにありません" in refusal


def test_ui_follow_ups_match_evalqa_chat(server):
    """One conversation code path: after a passage answer, 「目標は？」 has no frame in the UI either."""
    import json

    from gradio_client import Client

    url, root = server
    turns = ["令和2年度の日加会談数は？", "目標は？", "在日米軍駐留経費負担の特別協定はどうなった？", "目標は？"]
    client = Client(url, verbose=False)
    ui = [client.predict(q, api_name="/ask")[0] for q in turns]
    chat = subprocess.run([sys.executable, "-m", "evalqa", "chat", "--index", str(root / "index"), "--json"],
                          input="\n".join(turns) + "\n", capture_output=True, text=True, check=True)
    assert ui == [json.loads(line)["answer"] for line in chat.stdout.splitlines()]
    assert "年度目標値は7回" in ui[1] and "年度目標値は7回" not in ui[3]


def test_only_project_files_are_served(server):
    url, _ = server
    for path in ("file=/etc/passwd", "gradio_api/file=/etc/passwd", "file=" + str(ROOT / "pyproject.toml")):
        try:
            body = urllib.request.urlopen(url + path, timeout=5).read()
        except urllib.error.HTTPError as e:
            assert e.code in (403, 404, 400)
        else:
            assert b"root:" not in body and b"[project]" not in body


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def ask_in_browser(browser, url: str, question: str, expect: str):
    """A new page at the app, the question asked in the chat box, once `expect` shows: (page, box, chat)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
    page.goto(url)
    box = page.locator("#evalqa-question textarea")
    box.fill(question)
    box.press("Enter")
    chat = page.locator("#evalqa-chat")
    chat.get_by_text(expect, exact=False).wait_for(timeout=60_000)
    return page, box, chat


@pytest.mark.browser
def test_chat_in_the_browser(server, browser, tmp_path):
    url, root = server
    page, box, chat = ask_in_browser(browser, url, "令和2年度の日加会談数は？", "実績値は3回")
    assert "測定指標1-4" in chat.inner_text()
    figures = page.locator("#evalqa-answer-figures")
    figures.get_by_text("実績値").first.wait_for(timeout=30_000)
    assert "日加二国間会談数" in figures.inner_text()
    sources = page.locator("#evalqa-sources")
    assert "測定指標1-4" in sources.inner_text()
    assert page.locator("#evalqa-sources mark").count() > 0  # matched words highlighted
    # The table the value stands in is a table, with the cited cell marked (not 「中期目標値 | 令和2年度」 text).
    asked = page.locator("#evalqa-sources table.evalqa-table td.evalqa-asked")
    assert asked.count() == 1 and asked.inner_text().strip() == "3"
    assert " | " not in page.locator("#evalqa-sources table").first.inner_text()
    # Gradio's own strings follow the browser's language: Japanese here.
    footer = page.locator("footer").inner_text()
    assert "Use via API" not in footer and "API" in footer
    # A follow-up in the same browser session.
    box.fill("目標は？")
    box.press("Enter")
    chat.get_by_text("年度目標値は7回", exact=False).wait_for(timeout=60_000)
    shot = tmp_path / "chat.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    if os.environ.get("EVALQA_SCREENSHOT"):
        shutil.copy(shot, os.environ["EVALQA_SCREENSHOT"])
    # An empty question is answered in the chat, not with an error page.
    box.fill(" ")
    box.press("Enter")
    chat.get_by_text("質問が空です", exact=False).wait_for(timeout=30_000)
    page.close()


@pytest.mark.browser
def test_many_figures_answer_renders_its_table(server, browser):
    """An answer over several figures carries a small table; the chat shows it as a table, not as pipes."""
    url, _ = server
    page, _, chat = ask_in_browser(browser, url, "北米地域外交で令和2年度に目標を達成できなかった測定指標は？",
                                   "届かなかった測定指標は")
    table = chat.locator("table").last
    table.wait_for(timeout=30_000)
    assert "未達" in table.inner_text() and "日米二国間会談数" in table.inner_text()
    assert "|---|" not in chat.inner_text()
    page.close()


@pytest.mark.browser
def test_upload_updated_sheet_in_the_browser(server, browser, tmp_path):
    url, root = server
    edited = tmp_path / MEXT.name
    edited.write_text(MEXT.read_text(encoding="utf-8-sig").replace("312,214", "333,333"), encoding="utf-8-sig")
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.get_by_role("tab", name="シート").click()
    report = page.locator("#evalqa-upload-report textarea")
    page.locator("#evalqa-upload input[type=file]").set_input_files(str(bad))
    page.wait_for_function(
        "() => document.querySelector('#evalqa-upload-report textarea').value.includes('受け付けませんでした')",
        timeout=60_000)
    assert "file is empty" in report.input_value()
    page.get_by_role("tab", name="チャット").click()
    page.get_by_role("tab", name="シート").click()
    page.locator("#evalqa-upload input[type=file]").set_input_files(str(edited))
    page.wait_for_function("() => document.querySelector('#evalqa-upload-report textarea').value.includes('updated')",
                           timeout=120_000)
    text = report.input_value()
    assert "updated     1  mext-r1-II-3-kokusai" in text and "unchanged   2" in text
    assert (root / "corpus" / MEXT.name).read_text(encoding="utf-8-sig").count("333,333") == 1
    assert not (root / "corpus" / "broken.txt").exists()
    # The new value is answered right away.
    page.get_by_role("tab", name="チャット").click()
    box = page.locator("#evalqa-question textarea")
    box.fill("令和元年度の外国人留学生の受入れ数は？")
    box.press("Enter")
    page.locator("#evalqa-chat").get_by_text("333,333人", exact=False).wait_for(timeout=60_000)
    page.close()


@pytest.mark.browser
def test_figures_tab_filters_and_plots(server, browser):
    url, _ = server
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
    page.goto(url)
    page.get_by_role("tab", name="数値一覧").click()
    table = page.locator("#evalqa-figures")
    table.get_by_text("政策ごとの予算額").first.wait_for(timeout=30_000)
    # What, when, which kind, how much and its unit first; where it stands last.
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts() if h.strip()]
    assert headers[:5] == ["指標・事業", "年度", "種類", "値", "単位"] and headers[-1] == "見出し"
    # The trend plot is drawn on load, for the first subject, before any choice.
    assert page.locator("#evalqa-plot-subject input").input_value()
    page.locator("#evalqa-plot canvas, #evalqa-plot svg.marks").first.wait_for(timeout=30_000)
    page.get_by_label("指標・事業名（部分一致）").fill("日加二国間会談数")
    page.get_by_label("指標・事業名（部分一致）").press("Enter")
    page.wait_for_function("() => !document.querySelector('#evalqa-figures').innerText.includes('政策ごとの予算額')",
                           timeout=30_000)
    assert "日加二国間会談数" in table.inner_text()
    with page.expect_download(timeout=60_000) as dl:
        page.get_by_role("button", name="CSVをダウンロード").click()
    csv_text = Path(dl.value.path()).read_text(encoding="utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0].startswith("sheet,section,subject,series,measure,fiscal_year")
    assert len(lines) == 1 + 4 and all("日加二国間会談数" in line for line in lines[1:])
    page.close()


def test_figures_table_and_plot_data(built):
    """The 数値一覧 tab's filters, CSV columns and plot series, on the App the UI is built from."""
    from evalqa.ui import App

    app = App(built[0] / "index", built[0] / "corpus")
    df = app.filter_figures("mofa-r3-I-2-hokubei", "日加二国間会談数", "すべて", "令和2年度 (2020)")
    assert sorted(zip(df["measure"], df["value"])) == [("実績値", 3), ("年度目標値", 7)]
    assert list(app.figures_frame().columns)[:4] == ["sheet", "section", "subject", "series"]
    internship = "日本人学生のインターンシップ支援及び日本人研究者育成支援事業"
    choice = next(c for c in app.subject_choices() if c.endswith(internship))
    plot = app.plot_frame(choice)
    budget = plot[plot["measure"] == "予算額計"]
    assert list(zip(budget["fiscal_year"], budget["value"])) == [("2018", 45.0), ("2019", 38.0), ("2020", 36.0)]
    assert set(plot["measure"]) == {"予算額計", "執行額", "当初予算額"}
    assert app.plot_frame(None).empty
    sheets = app.sheets_frame()
    assert set(sheets["sheet"]) == {"mofa-r3-I-2-hokubei", "mext-r1-II-3-kokusai", "mhlw-h30-V-1-shuro"}


FIXTURE_PDF = ROOT / "tests" / "fixtures" / "mofa-r3-I-2-hokubei.pdf"


@pytest.fixture(scope="module")
def pdf_server(built, tmp_path_factory):
    """A server whose corpus lacks the seed, so that the seed's PDF can be uploaded under its own id."""
    if not FIXTURE_PDF.exists():
        pytest.skip(f"{FIXTURE_PDF} is missing (made by tools/make_fixtures.py)")
    root = tmp_path_factory.mktemp("ui-pdf")
    shutil.copytree(built[0] / "corpus", root / "corpus")
    shutil.copytree(built[0] / "index", root / "index")
    (root / "corpus" / "mofa-r3-I-2-hokubei.txt").unlink()
    with running_app(root) as url:
        yield url, root


def test_upload_pdf_in_the_browser_then_ask_it(pdf_server, browser):
    url, root = pdf_server
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.get_by_role("tab", name="シート").click()
    assert "20 MB" in page.content() and "200ページ" in page.content()  # the limits are stated
    # Other types are filtered by the file picker (and refused by the server: tests/test_upload.py).
    report = page.locator("#evalqa-upload-report textarea")
    page.locator("#evalqa-upload input[type=file]").set_input_files(str(FIXTURE_PDF))
    page.wait_for_function("() => document.querySelector('#evalqa-upload-report textarea').value.includes('added')",
                           timeout=240_000)
    text = report.input_value()
    assert "✅ mofa-r3-I-2-hokubei.pdf: 117 figures" in text and "added       1  mofa-r3-I-2-hokubei" in text
    assert (root / "corpus" / FIXTURE_PDF.name).read_bytes() == FIXTURE_PDF.read_bytes()
    assert not [p.name for p in (root / "corpus").iterdir() if p.name.startswith(".")]
    # Answered from the uploaded PDF, with its page.
    page.get_by_role("tab", name="チャット").click()
    box = page.locator("#evalqa-question textarea")
    box.fill("令和2年度の日加会談数は？")
    box.press("Enter")
    chat = page.locator("#evalqa-chat")
    chat.get_by_text("実績値は3回", exact=False).wait_for(timeout=60_000)
    assert "mofa-r3-I-2-hokubei" in chat.inner_text() and "［p." in chat.inner_text()
    page.close()
