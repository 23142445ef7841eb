"""The Gradio app: chat with sources and figures, every figure as a table and a plot, sheet upload.

A thin layer over the library: `Assistant` answers, `Index` searches and lists, `add_document` indexes
uploads. The chat event is exposed as API `ask` (first output: the answer text); each API client session
(one `gradio_client.Client`) is one conversation. `serve.main` launches it.
"""
from __future__ import annotations

import os
import re
import tempfile
import threading
import time
from collections import OrderedDict
from pathlib import Path

# No telemetry calls from a tool that reads government documents offline.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402
import pandas as pd  # noqa: E402

from . import oplog  # noqa: E402
from .answer import question_refusal  # noqa: E402
from .assistant import Assistant  # noqa: E402
from .conversation import Conversation  # noqa: E402
from .errors import SheetError  # noqa: E402
from .fiscal_year import to_label  # noqa: E402
from .index import Index, IndexFailure  # noqa: E402
from .limits import MAX_QUESTION_CHARS  # noqa: E402
from .ui_render import answer_frame, figures_view, sources_html  # noqa: E402
from .upload import MAX_BYTES, MAX_FILES, MAX_PAGES, UploadRefused, add_document  # noqa: E402

ALL = "すべて"
MAX_SESSIONS = 2000  # conversations the JSON API keeps (oldest dropped first)
EXAMPLES = [
    "令和2年度の日加二国間会談数の実績は？",
    "目標は？",
    "グラスルーツ事業の令和2年度の予算は？",
    "インターンシップ事業の予算額の推移",
    "在日米軍駐留経費負担の特別協定はどうなった？",
    "令和5年度の日加会談数は？",
]
UPLOAD_HELP = (
    f"事前分析表・評価書を **.txt**（タブ区切りのテキスト。UTF-8 または CP932）、**.pdf**（文字情報のあるPDF）、"
    f"**.xlsx** で追加できます。一度に {MAX_FILES} ファイル、1ファイル {MAX_BYTES // 2**20} MB、PDFは {MAX_PAGES} "
    "ページまでです。ファイル名がシートIDになり（使える文字は英数字・日本語・「_」「-」。それ以外は「_」に置き換えます）、"
    "同じ名前のファイルは置き換えて、そう伝えます。読めないファイル（スキャン画像のみのPDF、パスワード付き、破損）は"
    "理由を示して受け付けず、corpus/ と索引は変更しません。"
)
FIGURE_COLUMNS = ["sheet", "section", "subject", "series", "measure", "fiscal_year", "year_label", "value", "unit",
                  "raw", "line", "page", "cell"]
CSS = """
.evalqa-source {border-left: 3px solid #2b6cb0; padding: 4px 10px; margin-bottom: 10px;}
.evalqa-crumb {font-size: 0.85em; color: #555; margin-bottom: 4px;}
.evalqa-passage mark {background: #fde68a; padding: 0 1px;}
.evalqa-table {border-collapse: collapse; font-size: 0.9em; margin: 4px 0;}
.evalqa-table th, .evalqa-table td {border: 1px solid #cbd5e0; padding: 2px 6px; text-align: right;}
.evalqa-table th {background: #edf2f7; font-weight: 600;}
.evalqa-table td.evalqa-cited {background: #fef3c7;}
.evalqa-table td.evalqa-asked {background: #fde68a; font-weight: 700; outline: 2px solid #d69e2e;}
"""


class App:
    """State shared by every browser session: the index, the assistant, the corpus folder."""

    def __init__(self, index_dir: Path, corpus_dir: Path, *, read_only: bool = False, log_questions: bool = False):
        self.index_dir = Path(index_dir)
        self.corpus_dir = Path(corpus_dir)
        self.read_only = read_only
        self.log_questions = log_questions
        self.index = Index.open(self.index_dir)
        self.assistant = Assistant(self.index)
        self._build_lock = threading.Lock()
        self._conversations: OrderedDict[str, Conversation] = OrderedDict()  # the JSON API's, by session
        self._conversations_lock = threading.Lock()

    # --- data for the tabs ----------------------------------------------------------------
    def sheets_frame(self) -> pd.DataFrame:
        rows = []
        for s in self.index.sheets():
            m = s["metadata"]
            rows.append({"sheet": s["id"], "施策名": m.get("title"), "施策番号": m.get("policy_number"),
                         "府省": m.get("ministry"),
                         "年度": to_label(m["fiscal_year"]) if m.get("fiscal_year") else None,
                         "担当部局": m.get("bureau"), "様式": m.get("form") or "事前分析表",
                         "figures": s["figures"], "chunks": s["chunks"],
                         "sha256": s["sha256"][:16], "file": Path(s["path"]).name})
        return pd.DataFrame(rows)

    def figures_frame(self) -> pd.DataFrame:
        """Every figure with the contract's fields (the CSV download); `figures_view` is what the tab shows."""
        rows = [{k: (" › ".join(v) if k == "section" else v) for k, v in f.to_dict().items() if k in FIGURE_COLUMNS}
                for f in self.index.figures()]
        return pd.DataFrame(rows, columns=FIGURE_COLUMNS)

    def filter_figures(self, sheet: str | None = None, subject: str | None = None, measure: str | None = None,
                       year: str | None = None) -> pd.DataFrame:
        df = self.figures_frame()
        if sheet and sheet != ALL:
            df = df[df["sheet"] == sheet]
        if subject:
            df = df[df["subject"].str.contains(subject, regex=False, na=False) |
                    df["section"].str.contains(subject, regex=False, na=False)]
        if measure and measure != ALL:
            df = df[df["measure"] == measure]
        y = year_value(year)
        if y:
            df = df[df["fiscal_year"] == y]
        return df

    def subject_choices(self) -> list[str]:
        """「sheet | subject」 of every subject with a number for a year, those with the most years first."""
        df = self.figures_frame()
        df = df[df["value"].notna() & df["fiscal_year"].notna()]
        years = df.groupby(["sheet", "subject"], sort=False)["fiscal_year"].nunique()
        return [f"{sheet} | {subject}" for (sheet, subject), _ in
                sorted(years.items(), key=lambda kv: (-kv[1], kv[0][0]))]

    def plot_frame(self, choice: str | None) -> pd.DataFrame:
        """One subject over fiscal years, a line per measure (and series): 目標値 vs 実績値, 予算額計 vs 執行額."""
        empty = pd.DataFrame({"fiscal_year": [], "value": [], "measure": []})
        if not choice:
            return empty
        sheet, _, subject = choice.partition(" | ")
        df = self.figures_frame()
        df = df[(df["sheet"] == sheet) & (df["subject"] == subject) & df["value"].notna() & df["fiscal_year"].notna()]
        if df.empty:
            return empty
        label = df["measure"] + df["series"].fillna("").map(lambda s: f"（{s}）" if s else "")
        return pd.DataFrame({"fiscal_year": df["fiscal_year"].astype(int).astype(str),
                             "value": df["value"].astype(float), "measure": label})

    def sheet_choices(self) -> list[str]:
        return [ALL] + [s["id"] for s in self.index.sheets()]

    def year_choices(self) -> list[str]:
        years = sorted({f.fiscal_year for f in self.index.figures() if f.fiscal_year})
        return [ALL] + [f"{to_label(y)} ({y})" for y in years]

    # --- events -------------------------------------------------------------------------------
    def conversation_for(self, session: str | None) -> Conversation:
        """The JSON API's conversation of one client session (the most recent `MAX_SESSIONS` are kept)."""
        if not session:
            return self.assistant.conversation()
        with self._conversations_lock:
            conv = self._conversations.get(session)
            if conv is None:
                conv = self._conversations[session] = self.assistant.conversation()
                while len(self._conversations) > MAX_SESSIONS:
                    self._conversations.popitem(last=False)
            self._conversations.move_to_end(session)
            return conv

    def answer(self, question: str, sheet: str | None = None, fiscal_year: int | None = None,
               session: str | None = None) -> dict:
        """The JSON answer (as `evalqa ask --json`), in the conversation of `session`."""
        t0 = time.perf_counter()
        ans = question_refusal(question)  # before any work
        if ans is None:
            ans = self.conversation_for(session).ask(question, sheet=sheet or None, fiscal_year=fiscal_year or None)
        oplog.question(ans, time.perf_counter() - t0, question[:MAX_QUESTION_CHARS] if self.log_questions else None,
                       via="api")
        return ans.to_dict()

    def upload(self, files: list[str | Path]) -> str:
        """Add uploaded files to the corpus and the index; the report to show. Refused in read-only mode,
        over `MAX_FILES` files, and while another upload is being indexed (never two builds at once)."""
        if self.read_only:
            return "❌ この画面は閲覧専用です（--read-only）。シートは追加できません。"
        if not files:
            return "ファイルを選んでください。"
        if len(files) > MAX_FILES:
            return f"❌ 一度に追加できるのは {MAX_FILES} ファイルまでです（{len(files)} ファイルが選ばれました）。"
        if not self._build_lock.acquire(blocking=False):
            return "⏳ 別のシートの索引づくりが進行中です。終わってから、もう一度追加してください。"
        try:
            return "\n\n".join(self._add_one(f) for f in files)
        finally:
            self._build_lock.release()

    def _add_one(self, file: str | Path) -> str:
        src = Path(file)
        try:
            added = add_document(src, src.name, self.corpus_dir, self.index_dir)
            self.assistant.refresh()
        except UploadRefused as e:
            return f"❌ 受け付けませんでした: {e}。corpus/ と索引は変更していません。"
        head = f"✅ {added.name}: {len(added.sheet.figures)} figures" + "".join(f"\n{n}" for n in added.notes)
        warn = "".join(f"\n⚠ {w}" for w in added.sheet.warnings)
        return head + "\n" + "\n".join(added.report.lines()) + warn


def year_value(choice: str | None) -> int | None:
    if not choice or choice == ALL:
        return None
    m = re.search(r"\((\d{4})\)", choice)
    return int(m.group(1)) if m else None


def _write_csv(df: pd.DataFrame) -> str:
    path = Path(tempfile.mkdtemp(prefix="evalqa-")) / "evalqa-figures.csv"
    df.to_csv(path, index=False, encoding="utf-8-sig")
    return str(path)


def create_app(index_dir: str | Path = "index", corpus_dir: str | Path = "corpus", *, read_only: bool = False,
               log_questions: bool = False) -> gr.Blocks:
    """The Blocks app. `read_only` leaves out the upload (no component, no API endpoint, and `App.upload`
    refuses); `log_questions` writes question texts into the operator's log."""
    app = App(Path(index_dir), Path(corpus_dir), read_only=read_only, log_questions=log_questions)

    def respond(question, history, conversation, sheet, year):
        # One Conversation per session (gr.State): the same follow-up rules as `evalqa chat`.
        t0 = time.perf_counter()
        history = list(history or [])
        question = question if isinstance(question, str) else ""
        # The cap is checked before anything else, so a huge question costs nothing and delays nobody.
        ans = question_refusal(question)
        shown = question[:MAX_QUESTION_CHARS] + "…" if ans is not None else question.strip()
        conversation = conversation or app.assistant.conversation()
        if ans is None:
            try:
                ans = conversation.ask(shown, sheet=None if sheet in (None, ALL) else sheet,
                                       fiscal_year=year_value(year))
            except (IndexFailure, SheetError, OSError, ValueError) as e:
                oplog.failure("answering a question")
                msg = f"エラー: {e}"
                history += [{"role": "user", "content": shown}, {"role": "assistant", "content": msg}]
                return msg, history, conversation, "", pd.DataFrame(), ""
        oplog.question(ans, time.perf_counter() - t0, shown if app.log_questions else None)
        history += [{"role": "user", "content": shown or "（空の質問）"}, {"role": "assistant", "content": ans.text}]
        return ans.text, history, conversation, sources_html(ans, shown), answer_frame(ans), ""

    def answer(question: str, sheet: str | None = None, fiscal_year: int | None = None,
               request: gr.Request = None) -> dict:  # type: ignore[assignment]
        """質問に答えます（数値・出典つき JSON）。Answers a question about the indexed sheets: {question, answer,
        found, kind, figures, sources}, as `evalqa ask --json`. Follow-ups continue the conversation of the
        client's session. sheet: only this sheet id; fiscal_year: Western year (2020 = 令和2年度)."""
        if not isinstance(question, str):
            raise gr.Error("question must be a string")
        return app.answer(question, sheet, fiscal_year, getattr(request, "session_hash", None))

    def reset():
        return [], None, "", pd.DataFrame(), ""

    def refilter(sheet, subject, measure, year):
        # The download button always holds the CSV of what the table shows (with the contract's columns).
        df = app.filter_figures(sheet, subject, measure, year)
        return figures_view(df), _write_csv(df)

    def upload(files):
        paths = [f if isinstance(f, (str, Path)) else f.name for f in (files or [])]
        report = app.upload(paths)
        # The file box is emptied so that the next sheet can be dropped in.
        return (report, app.sheets_frame(), gr.update(choices=app.sheet_choices()),
                gr.update(choices=app.subject_choices()), None)

    subjects = app.subject_choices()
    first_subject = subjects[0] if subjects else None
    with gr.Blocks(title="evalqa — 政策評価シート Q&A") as demo:
        gr.Markdown("# evalqa — 政策評価シート Q&A\n"
                    "数値はシートの表から正確に、年度・種類（目標値／実績値、予算／執行額）と出典つきで答えます。")
        conversation = gr.State(None)
        with gr.Tab("チャット"):
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="会話", height=420, elem_id="evalqa-chat")
                    with gr.Row():
                        question = gr.Textbox(label="質問", placeholder=f"例: {EXAMPLES[0]}", scale=5,
                                              elem_id="evalqa-question", max_length=MAX_QUESTION_CHARS)
                        send = gr.Button("送信", variant="primary", scale=1, elem_id="evalqa-send")
                    several = len(app.index.sheets()) > 1
                    with gr.Row(visible=several):
                        sheet_filter = gr.Dropdown(app.sheet_choices(), value=ALL, label="シート")
                        year_filter = gr.Dropdown(app.year_choices(), value=ALL, label="年度")
                    answer_text = gr.Textbox(visible=False, label="answer")
                    clear = gr.Button("新しい会話")
                    gr.Examples(EXAMPLES, inputs=question)
                with gr.Column(scale=2):
                    gr.Markdown("### 出典")
                    sources = gr.HTML(elem_id="evalqa-sources")
                    gr.Markdown("### この回答の数値")
                    figures_table = gr.Dataframe(interactive=False, wrap=True, elem_id="evalqa-answer-figures")
            inputs = [question, chatbot, conversation, sheet_filter, year_filter]
            outputs = [answer_text, chatbot, conversation, sources, figures_table, question]
            question.submit(respond, inputs, outputs, api_name="ask")
            send.click(respond, inputs, outputs, api_visibility="private")
            clear.click(reset, None, [chatbot, conversation, sources, figures_table, question],
                        api_visibility="private")
            # The JSON API for scripts and load: no queue (an answer takes milliseconds; the queue's own
            # overhead was most of the latency under load), same login as the page.
            gr.api(answer, api_name="answer", queue=False)
        with gr.Tab("数値一覧"):
            with gr.Row():
                f_sheet = gr.Dropdown(app.sheet_choices(), value=ALL, label="シート")
                f_subject = gr.Textbox(label="指標・事業名（部分一致）")
                f_measure = gr.Dropdown([ALL] + sorted(set(app.figures_frame()["measure"])), value=ALL, label="種類")
                f_year = gr.Dropdown(app.year_choices(), value=ALL, label="年度")
            everything = app.figures_frame()
            all_figures = gr.Dataframe(figures_view(everything), interactive=False, wrap=True,
                                       elem_id="evalqa-figures")
            csv_button = gr.DownloadButton("CSVをダウンロード", value=_write_csv(everything))
            filters: list[gr.Dropdown | gr.Textbox] = [f_sheet, f_subject, f_measure, f_year]
            for comp in filters:
                comp.change(refilter, filters, [all_figures, csv_button], api_visibility="private")
            gr.Markdown("### 年度ごとの推移")
            subject_pick = gr.Dropdown(subjects, value=first_subject, label="指標・事業",
                                       elem_id="evalqa-plot-subject")
            # Drawn for the first subject on load, not empty until a choice changes.
            chart = gr.LinePlot(app.plot_frame(first_subject), x="fiscal_year", y="value", color="measure",
                                label="推移", height=320, elem_id="evalqa-plot")
            subject_pick.change(app.plot_frame, subject_pick, chart, api_visibility="private")
        with gr.Tab("シート"):
            sheets_table = gr.Dataframe(app.sheets_frame(), interactive=False, elem_id="evalqa-sheets")
            if read_only:
                gr.Markdown("この画面は閲覧専用です。シートの追加は管理者が `evalqa build` で行います。")
            else:
                gr.Markdown(UPLOAD_HELP)
                upload_file = gr.File(label=f"シートを追加・更新（.txt / .pdf / .xlsx、{MAX_FILES} ファイル、"
                                            f"各 {MAX_BYTES // 2**20} MB、PDFは{MAX_PAGES}ページまで）",
                                      file_types=[".txt", ".pdf", ".xlsx"], file_count="multiple",
                                      elem_id="evalqa-upload")
                upload_report = gr.Textbox(label="結果", lines=6, elem_id="evalqa-upload-report")
                # Public as API `upload` (a team adds sheets from scripts); absent in read-only mode.
                upload_file.upload(upload, upload_file,
                                   [upload_report, sheets_table, sheet_filter, subject_pick, upload_file],
                                   api_name="upload")
    demo.evalqa = app  # for tests and embedding
    return demo
