"""The Gradio app: chat with sources and figures, every figure as a table and a plot, sheet upload.

A thin layer over the library: `Assistant` answers, `Index` searches and lists, `build_index` indexes
uploads. The chat event is exposed as API `ask` (first output: the answer text).
"""
from __future__ import annotations

import argparse
import html
import os
import re
import sys
import tempfile
import threading
from pathlib import Path

# No telemetry calls from a tool that reads government documents offline.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402
import pandas as pd  # noqa: E402

from .assistant import Assistant
from .build import build_index, sheet_files
from .corpus import suffix_list
from .errors import SheetError
from .figure import format_value
from .fiscal_year import to_label
from .index import Index, IndexFailure
from .terms import terms
from .upload import MAX_BYTES, MAX_PAGES, UploadRefused, add_document

ALL = "すべて"
EXAMPLES = [
    "令和2年度の日加会談数は？",
    "目標は？",
    "グラスルーツ事業の令和2年度の予算は？",
    "インターンシップ事業の予算額の推移",
    "在日米軍駐留経費負担の特別協定はどうなった？",
    "令和5年度の日加会談数は？",
]
UPLOAD_HELP = (
    f"事前分析表・評価書を **.txt**（タブ区切りのテキスト。UTF-8 または CP932）、**.pdf**（文字情報のあるPDF）、"
    f"**.xlsx** で追加できます。上限は {MAX_BYTES // 2**20} MB、PDFは {MAX_PAGES} ページまでです。"
    "ファイル名がシートIDになり（使える文字は英数字・日本語・「_」「-」。それ以外は「_」に置き換えます）、"
    "同じ名前のファイルは置き換えます。読めないファイル（スキャン画像のみのPDF、パスワード付き、破損）は"
    "理由を示して受け付けず、corpus/ と索引は変更しません。"
)
FIGURE_COLUMNS = ["sheet", "section", "subject", "series", "measure", "fiscal_year", "year_label", "value", "unit",
                  "raw", "line"]


class App:
    """State shared by every browser session: the index, the assistant, the corpus folder."""

    def __init__(self, index_dir: Path, corpus_dir: Path):
        self.index_dir = Path(index_dir)
        self.corpus_dir = Path(corpus_dir)
        self.index = Index.open(self.index_dir)
        self.assistant = Assistant(self.index)
        self._build_lock = threading.Lock()

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
        y = _year_value(year)
        if y:
            df = df[df["fiscal_year"] == y]
        return df

    def subject_choices(self) -> list[str]:
        df = self.figures_frame()
        return sorted({f"{r.sheet} | {r.subject}" for r in df.itertuples() if r.fiscal_year == r.fiscal_year})

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


# --- rendering --------------------------------------------------------------------------------

def highlight(text: str, question: str) -> str:
    """Passage as HTML with the question's words marked."""
    words = sorted({t for t in terms(question) if len(t) >= 2 and not t.startswith("fy") and not t.isdigit()},
                   key=len, reverse=True)
    out = html.escape(text)
    if words:
        pattern = re.compile("|".join(re.escape(html.escape(w)) for w in words))
        out = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", out)
    return out.replace("\n", "<br>")


def sources_html(ans, question: str) -> str:
    if not ans.sources:
        return "<p class='evalqa-empty'>出典はありません。</p>"
    parts = []
    for s in ans.sources[:4]:
        crumb = html.escape(" › ".join(s["section"]))
        page = f"（p.{s['page']}）" if s.get("page") else ""  # where to look in the ministry's PDF
        parts.append(f"<div class='evalqa-source'><div class='evalqa-crumb'><b>{html.escape(s['sheet'])}</b>"
                     f" › {crumb}{page}</div>"
                     f"<div class='evalqa-passage'>{highlight(s['text'][:1200], question)}</div></div>")
    return "\n".join(parts)


def answer_frame(ans) -> pd.DataFrame:
    rows = [{"指標・事業": f.subject + (f"（{f.series}）" if f.series else ""), "種類": f.measure,
             "年度": to_label(f.fiscal_year) if f.fiscal_year else f.year_label, "値": format_value(f),
             "表の記載": f.raw, "行": f.line, "頁・セル": f"p.{f.page}" if f.page else (f.cell or "")}
            for f in ans.figures]
    return pd.DataFrame(rows, columns=["年度", "種類", "値", "表の記載", "行", "頁・セル", "指標・事業"])


def _year_value(choice: str | None) -> int | None:
    if not choice or choice == ALL:
        return None
    m = re.search(r"\((\d{4})\)", choice)
    return int(m.group(1)) if m else None


# --- the Blocks -----------------------------------------------------------------------------------

CSS = """
.evalqa-source {border-left: 3px solid #2b6cb0; padding: 4px 10px; margin-bottom: 10px;}
.evalqa-crumb {font-size: 0.85em; color: #555; margin-bottom: 4px;}
.evalqa-passage mark {background: #fde68a; padding: 0 1px;}
"""


def create_app(index_dir: str | Path = "index", corpus_dir: str | Path = "corpus") -> gr.Blocks:
    app = App(Path(index_dir), Path(corpus_dir))

    def respond(question, history, conversation, sheet, year):
        # One Conversation per browser session (gr.State): the same follow-up rules as `evalqa chat`.
        history = list(history or [])
        question = (question or "").strip()
        conversation = conversation or app.assistant.conversation()
        try:
            app.assistant.refresh()
            ans = conversation.ask(question, sheet=None if sheet in (None, ALL) else sheet,
                                   fiscal_year=_year_value(year))
        except (IndexFailure, SheetError, OSError, ValueError) as e:
            msg = f"エラー: {e}"
            history += [{"role": "user", "content": question}, {"role": "assistant", "content": msg}]
            return msg, history, conversation, "", pd.DataFrame(), ""
        history += [{"role": "user", "content": question or "（空の質問）"}, {"role": "assistant", "content": ans.text}]
        return ans.text, history, conversation, sources_html(ans, question), answer_frame(ans), ""

    def reset():
        return [], None, "", pd.DataFrame(), ""

    def write_csv(df: pd.DataFrame) -> str:
        path = Path(tempfile.mkdtemp(prefix="evalqa-")) / "evalqa-figures.csv"
        df.to_csv(path, index=False, encoding="utf-8-sig")
        return str(path)

    def refilter(sheet, subject, measure, year):
        # The download button always holds the CSV of what the table shows.
        df = app.filter_figures(sheet, subject, measure, year)
        return df, write_csv(df)

    def upload(file):
        if file is None:
            return "ファイルを選んでください。", app.sheets_frame(), gr.update(), gr.update(), None
        src = Path(file if isinstance(file, str) else file.name)
        original = getattr(file, "orig_name", None) or src.name
        try:
            with app._build_lock:
                added = add_document(src, original, app.corpus_dir, app.index_dir)
                app.assistant.refresh()
        except UploadRefused as e:
            return (f"❌ 受け付けませんでした: {e}。corpus/ と索引は変更していません。", app.sheets_frame(),
                    gr.update(), gr.update(), None)
        head = f"✅ {added.name}: {len(added.sheet.figures)} figures" + "".join(f"\n{n}" for n in added.notes)
        warn = "".join(f"\n⚠ {w}" for w in added.sheet.warnings)
        msg = head + "\n" + "\n".join(added.report.lines()) + warn
        # The file box is emptied so that the next sheet can be dropped in.
        return (msg, app.sheets_frame(), gr.update(choices=app.sheet_choices()),
                gr.update(choices=app.subject_choices()), None)

    with gr.Blocks(title="evalqa — 政策評価シート Q&A") as demo:
        gr.Markdown("# evalqa — 政策評価シート Q&A\n"
                    "数値はシートの表から正確に、年度・種類（目標値／実績値、予算／執行額）と出典つきで答えます。")
        conversation = gr.State(None)
        with gr.Tab("チャット"):
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="会話", height=420, elem_id="evalqa-chat")
                    with gr.Row():
                        question = gr.Textbox(label="質問", placeholder="例: 令和2年度の日加会談数は？", scale=5,
                                              elem_id="evalqa-question")
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
        with gr.Tab("数値一覧"):
            with gr.Row():
                f_sheet = gr.Dropdown(app.sheet_choices(), value=ALL, label="シート")
                f_subject = gr.Textbox(label="指標・事業名（部分一致）")
                f_measure = gr.Dropdown([ALL] + sorted(set(app.figures_frame()["measure"])), value=ALL, label="種類")
                f_year = gr.Dropdown(app.year_choices(), value=ALL, label="年度")
            all_figures = gr.Dataframe(app.figures_frame(), interactive=False, wrap=True, elem_id="evalqa-figures")
            csv_button = gr.DownloadButton("CSVをダウンロード", value=write_csv(app.figures_frame()))
            filters: list[gr.Dropdown | gr.Textbox] = [f_sheet, f_subject, f_measure, f_year]
            for comp in filters:
                comp.change(refilter, filters, [all_figures, csv_button], api_visibility="private")
            gr.Markdown("### 年度ごとの推移")
            subject_pick = gr.Dropdown(app.subject_choices(), label="指標・事業", elem_id="evalqa-plot-subject")
            chart = gr.LinePlot(x="fiscal_year", y="value", color="measure", label="推移", height=320)
            subject_pick.change(app.plot_frame, subject_pick, chart, api_visibility="private")
        with gr.Tab("シート"):
            sheets_table = gr.Dataframe(app.sheets_frame(), interactive=False, elem_id="evalqa-sheets")
            gr.Markdown(UPLOAD_HELP)
            upload_file = gr.File(label=f"シートを追加・更新（.txt / .pdf / .xlsx、{MAX_BYTES // 2**20} MBまで、"
                                        f"PDFは{MAX_PAGES}ページまで）",
                                  file_types=[".txt", ".pdf", ".xlsx"], elem_id="evalqa-upload")
            upload_report = gr.Textbox(label="結果", lines=6, elem_id="evalqa-upload-report")
            upload_file.upload(upload, upload_file,
                               [upload_report, sheets_table, sheet_filter, subject_pick, upload_file],
                               api_visibility="private")
    demo.evalqa = app  # for tests and embedding
    return demo


def ensure_index(corpus_dir: Path, index_dir: Path, model: str | None = None) -> None:
    """Build `index/` from `corpus/` when missing or stale (incremental, with a progress bar)."""
    print(f"evalqa: checking the index {index_dir} against {corpus_dir} …", flush=True)
    report = build_index(corpus_dir, index_dir, model, progress=True, log=lambda m: print(m, file=sys.stderr))
    print("\n".join(report.lines()), flush=True)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="app.py", description="Serve the evalqa chat UI.")
    p.add_argument("--host", default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
                   help="interface to listen on (default 127.0.0.1; use 0.0.0.0 to expose deliberately)")
    p.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT", "7860")))
    p.add_argument("--corpus", type=Path, default=Path("corpus"))
    p.add_argument("--index", type=Path, default=Path("index"))
    p.add_argument("--model", default=None)
    args = p.parse_args(argv)
    if not args.corpus.is_dir() or not sheet_files(args.corpus):
        sys.exit(f"evalqa: error: {args.corpus}: no sheet files ({suffix_list()}) to index")
    ensure_index(args.corpus, args.index, args.model)
    demo = create_app(args.index, args.corpus)
    demo.queue(default_concurrency_limit=4)
    demo.launch(server_name=args.host, server_port=args.port, show_error=False, css=CSS,
                allowed_paths=[], footer_links=["api"], max_file_size=MAX_BYTES)
