"""Serving to a team, through the running app's API: the question cap, the JSON API and its sessions, logins,
read-only mode, API uploads and the operator's log."""
import json
import shutil
import subprocess
import sys
import time

import httpx
import pytest

from conftest import MEXT, ROOT
from test_ui import running_app

pytestmark = [pytest.mark.slow]
LONG = "令和2年度の日加会談数は？" * 1600  # 20,800 characters


def copy_built(built, tmp_path_factory, name: str):
    root = tmp_path_factory.mktemp(name)
    shutil.copytree(built[0] / "corpus", root / "corpus")
    shutil.copytree(built[0] / "index", root / "index")
    return root


def answer(url: str, question: str, session: str | None = None, auth=None, **params) -> httpx.Response:
    body = {"data": [question, params.get("sheet"), params.get("fiscal_year")]}
    if session:
        body["session_hash"] = session
    return httpx.post(url + "gradio_api/run/answer", json=body, auth=auth, timeout=60)


def log_lines(root, via: str) -> list[str]:
    return [line for line in (root / "app.log").read_text().splitlines() if f"ask via={via} " in line]


@pytest.fixture(scope="module")
def open_app(built, tmp_path_factory):
    root = copy_built(built, tmp_path_factory, "serve-open")
    with running_app(root) as url:
        yield url, root


def test_long_question_is_refused_before_any_work(open_app):
    url, root = open_app
    r = answer(url, LONG)
    data = r.json()["data"][0]
    assert data["kind"] == "limit" and data["found"] is False and data["figures"] == []
    assert "質問が長すぎます（20,800字）" in data["answer"] and "500字以内" in data["answer"]
    # The server did no work: the operator's log says it took under a millisecond or so, not seconds.
    line = log_lines(root, "api")[-1]
    assert "kind=limit" in line and int(line.split("latency_ms=")[1].split()[0]) < 50
    # The chat's queued event refuses the same way.
    from gradio_client import Client

    text = Client(url, verbose=False).predict(LONG, api_name="/ask")[0]
    assert text.startswith("質問が長すぎます")
    # And a normal question right after is answered as usual.
    assert "実績値は3回" in answer(url, "令和2年度の日加会談数は？").json()["data"][0]["answer"]


def test_json_api_answers_with_figures_and_keeps_each_session(open_app):
    url, _ = open_app
    first = answer(url, "令和2年度の日加会談数は？", session="analyst-a").json()["data"][0]
    assert first["found"] and first["kind"] == "numeric"
    assert (first["figures"][0]["value"], first["figures"][0]["fiscal_year"]) == (3, 2020)
    assert first["sources"][0]["sheet"] == "mofa-r3-I-2-hokubei"
    follow = answer(url, "目標は？", session="analyst-a").json()["data"][0]
    assert "年度目標値は7回" in follow["answer"]
    # Another session has no frame: its 「目標は？」 is not about 日加.
    other = answer(url, "目標は？", session="analyst-b").json()["data"][0]
    assert "日加" not in other["answer"]
    # gradio_client: one Client is one session, so follow-ups carry on there too.
    from gradio_client import Client

    client = Client(url, verbose=False)
    client.predict("令和2年度の日加会談数は？", api_name="/answer")
    assert "年度目標値は7回" in client.predict("目標は？", api_name="/answer")["answer"]


def test_log_has_one_line_per_question_without_its_text(open_app):
    url, root = open_app
    answer(url, "令和2年度の日米会談数は？")
    line = log_lines(root, "api")[-1]
    assert "found=true" in line and "kind=" in line and "latency_ms=" in line
    assert "日米" not in (root / "app.log").read_text()


def test_upload_through_the_api(open_app, tmp_path):
    from gradio_client import Client, handle_file

    url, root = open_app
    edited = tmp_path / MEXT.name
    edited.write_text(MEXT.read_text(encoding="utf-8-sig").replace("312,214", "312,999"), encoding="utf-8-sig")
    report = Client(url, verbose=False).predict([handle_file(str(edited))], api_name="/upload")[0]
    assert "✅ mext-r1-II-3-kokusai.txt" in report and "既存の mext-r1-II-3-kokusai.txt を置き換えました" in report
    assert "312,999" in (root / "corpus" / MEXT.name).read_text(encoding="utf-8-sig")


def test_read_only_refuses_uploads_at_the_api(built, tmp_path_factory, tmp_path):
    from gradio_client import Client, handle_file

    root = copy_built(built, tmp_path_factory, "serve-ro")
    before = sorted(p.name for p in (root / "corpus").iterdir())
    sheet = tmp_path / "new-sheet.txt"
    shutil.copy(MEXT, sheet)
    with running_app(root, "--read-only", "--log-questions") as url:
        client = Client(url, verbose=False)
        assert "/upload" not in client.view_api(print_info=False, return_format="dict")["named_endpoints"]
        with pytest.raises(ValueError):
            client.predict([handle_file(str(sheet))], api_name="/upload")
        # Nor by raw HTTP, under the name or the event's number.
        r = httpx.post(url + "gradio_api/call/upload", json={"data": [[str(sheet)]]}, timeout=30)
        assert r.status_code >= 400
        config = httpx.get(url + "config", timeout=30).json()
        assert not any(c.get("props", {}).get("elem_id") == "evalqa-upload" for c in config["components"])
        # Questions are still answered, and --log-questions puts their text in the log.
        assert "実績値は3回" in client.predict("令和2年度の日加会談数は？", api_name="/ask")[0]
        time.sleep(0.2)
    assert sorted(p.name for p in (root / "corpus").iterdir()) == before
    assert 'question="令和2年度の日加会談数は？"' in (root / "app.log").read_text()


def test_login_is_required_when_credentials_are_set(built, tmp_path_factory):
    from gradio_client import Client

    root = copy_built(built, tmp_path_factory, "serve-auth")
    with running_app(root, env={"EVALQA_AUTH": "analyst:s3cret-pass"}) as url:
        assert answer(url, "令和2年度の日加会談数は？").status_code == 401
        assert httpx.post(url + "gradio_api/call/ask", json={"data": ["令和2年度の日加会談数は？", [], None, None]},
                          timeout=30).status_code == 401
        with pytest.raises(Exception):  # noqa: B017 - the client's own error type for a refused login varies
            Client(url, verbose=False, auth=("analyst", "wrong")).predict("令和2年度の日加会談数は？", api_name="/ask")
        client = Client(url, verbose=False, auth=("analyst", "s3cret-pass"))
        assert "実績値は3回" in client.predict("令和2年度の日加会談数は？", api_name="/ask")[0]
        assert "login=yes" in (root / "app.log").read_text()


def test_exposed_host_needs_credentials_or_no_auth(built, tmp_path_factory):
    root = copy_built(built, tmp_path_factory, "serve-host")
    env = {"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    refused = subprocess.run([sys.executable, str(ROOT / "app.py"), "--corpus", str(root / "corpus"), "--index",
                              str(root / "index"), "--host", "0.0.0.0", "--port", "1"],
                             capture_output=True, text=True, env=env, timeout=60)
    assert refused.returncode != 0
    assert "--host 0.0.0.0 exposes the app" in refused.stderr and "EVALQA_AUTH" in refused.stderr
    bad = root / "logins.txt"
    bad.write_text("no-colon-here\n")
    refused = subprocess.run([sys.executable, str(ROOT / "app.py"), "--auth-file", str(bad), "--corpus",
                              str(root / "corpus"), "--index", str(root / "index")],
                             capture_output=True, text=True, env=env, timeout=60)
    assert refused.returncode != 0 and f"{bad}: entry 1 is not 「user:password」" in refused.stderr
    with running_app(root, "--host", "0.0.0.0", "--no-auth", "--read-only"):
        log = (root / "app.log").read_text()
    assert "WARNING: serving 0.0.0.0" in log and "with no login (--no-auth)" in log


def test_cli_refuses_a_long_question_too(built):
    out = subprocess.run([sys.executable, "-m", "evalqa", "ask", LONG, "--index", str(built[0] / "index"), "--json"],
                         capture_output=True, text=True, check=True, timeout=120)
    data = json.loads(out.stdout)
    assert data["kind"] == "limit" and not data["found"] and len(data["question"]) < 600


def test_upload_limits_files_and_one_build_at_a_time(built, tmp_path_factory, tmp_path):
    from evalqa.ui import App
    from evalqa.upload import MAX_FILES

    root = copy_built(built, tmp_path_factory, "serve-limits")
    app = App(root / "index", root / "corpus")
    files = []
    for i in range(MAX_FILES + 1):
        f = tmp_path / f"sheet-{i}.txt"
        shutil.copy(MEXT, f)
        files.append(f)
    before = sorted(p.name for p in (root / "corpus").iterdir())
    assert f"{MAX_FILES} ファイルまで" in app.upload(files)
    with app._build_lock:  # another upload is being indexed
        assert "索引づくりが進行中" in app.upload(files[:1])
    assert sorted(p.name for p in (root / "corpus").iterdir()) == before
    read_only = App(root / "index", root / "corpus", read_only=True)
    assert "閲覧専用" in read_only.upload(files[:1])
    assert sorted(p.name for p in (root / "corpus").iterdir()) == before
