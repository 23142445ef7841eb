"""`evalqa mcp`: the assistant as Model Context Protocol tools — `ask`, `search`, `figures` — over stdio
(or streamable HTTP), with the official MCP Python SDK 2.x (`mcp.server.mcpserver.MCPServer`).

Over stdio, stdout is the protocol channel: logging goes to stderr, startup runs with `sys.stdout` pointed at
stderr, and while serving the SDK itself diverts file descriptor 1 to stderr.
"""
import contextlib
import logging
import sys
import threading
import time
from pathlib import Path
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import ToolAnnotations
from pydantic import BaseModel, Field

from . import __version__, oplog
from .answer import question_refusal
from .assistant import Assistant
from .embedding import EmbedderError
from .figure import Figure
from .index import Index, IndexFailure
from .limits import MAX_QUESTION_CHARS
from .normalize import norm

log = logging.getLogger("evalqa.mcp")

Transport = Literal["stdio", "streamable-http"]
MAX_K = 50
MAX_LIMIT = 1000

INSTRUCTIONS = (
    "日本の政府の政策評価（事前分析表）について、シートに書かれた数値と出典つきで答えます。"
    "数値の質問には ask、本文の検索には search、数値の一覧には figures を使ってください。\n"
    "Answers questions about Japanese government policy-evaluation sheets (政策評価 事前分析表) with exact "
    "figures and citations: use ask for questions, search for passages, figures for the structured values."
)

# --- structured results (each tool's outputSchema) ---------------------------------------------------


class AskResult(BaseModel):
    question: str = Field(description="質問（シート・年度の指定を反映） / the question as answered")
    answer: str = Field(description="回答文（出典つき） / answer text with its citation")
    found: bool = Field(description="シートに答えがあったか / whether the sheets hold the answer")
    kind: str = Field(description="回答の種類 / answer kind: numeric, stated, trend, comparison, ranking, count, "
                                  "list, prose, metadata, refusal or limit (question too long)")
    figures: list[Figure] = Field(description="回答が述べる数値 / the figures the answer states")
    sources: list[dict[str, Any]] = Field(description="根拠の箇所 / passages behind the answer (sheet, section, "
                                                      "text, score, page)")


class SearchResult(BaseModel):
    query: str
    hits: list[dict[str, Any]] = Field(description="検索結果（順位順） / hits, best first (sheet, section, text, "
                                                   "score, chunk_id, lines, page, figures …)")


class FiguresResult(BaseModel):
    figures: list[Figure] = Field(description="条件に合う数値（シート順） / matching figures, in sheet order")
    total: int = Field(description="条件に合う数値の総数 / how many figures matched before the limit")
    truncated: bool = Field(description="limit で打ち切ったか / whether the limit cut the list")


# --- parameter types ----------------------------------------------------------------------------------

Sheet = Annotated[str | None, Field(
    description="シートID（例: mofa-r3-I-2-hokubei）で絞り込む / only this sheet id (e.g. mofa-r3-I-2-hokubei)")]
FiscalYear = Annotated[int | None, Field(
    description="年度（西暦、例: 令和2年度なら 2020） / fiscal year, Western (e.g. 2020 for 令和2年度)")]

# Advertised, not enforced by the schema: the assistant's own refusal of a longer question says what to do,
# in the question's language (and search reports it as a tool error).
QUESTION_LENGTH: dict[str, Any] = {"maxLength": MAX_QUESTION_CHARS}
READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True,
                            open_world_hint=False)


class Tools:
    """The tool bodies over one index and one assistant (created once; calls are serialized by a lock,
    since the SDK runs sync tools on worker threads and the assistant's catalogue reload is not thread-safe)."""

    def __init__(self, assistant: Assistant):
        self.assistant = assistant
        self.index = assistant.index
        self._lock = threading.Lock()

    def _fresh(self) -> None:
        """Pick up a rebuilt index (new generation) before answering from it."""
        try:
            self.assistant.refresh()
        except (IndexFailure, EmbedderError) as e:
            raise ToolError(str(e)) from e

    def _check_sheet(self, sheet: str | None) -> None:
        if sheet is None:
            return
        ids = [s["id"] for s in self.index.sheets()]
        if sheet not in ids:
            raise ToolError(f"unknown sheet {sheet!r}; the index holds: {', '.join(ids) or '(no sheets)'}")

    def ask(self, question: str, sheet: str | None = None, fiscal_year: int | None = None) -> AskResult:
        limited = question_refusal(question)  # before the lock and any index work
        if limited is not None:
            oplog.question(limited, 0.0, via="mcp")
            return AskResult.model_validate(limited.to_dict())
        with self._lock:
            self._fresh()
            self._check_sheet(sheet)
            t0 = time.perf_counter()
            if sheet is None and fiscal_year is None:
                ans = self.assistant.ask(question)
            else:
                # A fresh conversation per call: the scope is added to the question, no earlier turn carries over.
                ans = self.assistant.conversation().ask(question, sheet=sheet, fiscal_year=fiscal_year)
            oplog.question(ans, time.perf_counter() - t0, via="mcp")
            return AskResult.model_validate(ans.to_dict())

    def search(self, query: str, k: int = 5, sheet: str | None = None,
               fiscal_year: int | None = None) -> SearchResult:
        if isinstance(k, bool) or not 1 <= k <= MAX_K:
            raise ToolError(f"k must be between 1 and {MAX_K}, got {k!r}")
        with self._lock:
            self._fresh()
            self._check_sheet(sheet)
            try:
                hits = self.index.search(query, k=k, sheet=sheet, fiscal_year=fiscal_year)
            except (ValueError, IndexFailure, EmbedderError) as e:  # empty or too long query, broken index or model
                raise ToolError(str(e)) from e
            return SearchResult(query=query, hits=[h.to_dict() for h in hits])

    def figures(self, sheet: str | None = None, subject: str | None = None, measure: str | None = None,
                fiscal_year: int | None = None, limit: int = 200) -> FiguresResult:
        if isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
            raise ToolError(f"limit must be between 1 and {MAX_LIMIT}, got {limit!r}")
        with self._lock:
            self._fresh()
            self._check_sheet(sheet)
            figs = self.index.figures(sheet)
        # Matching form on both sides, so 「ＯＤＡ」 finds 「ODA」 and a space typed in the filter does not matter.
        want = norm(subject) if subject else None
        matched = [f for f in figs
                   if (want is None or want in norm(f.subject) or want in norm(" ".join(f.section)))
                   and (measure is None or f.measure == measure)
                   and (fiscal_year is None or f.fiscal_year == fiscal_year)]
        return FiguresResult(figures=matched[:limit], total=len(matched), truncated=len(matched) > limit)


def create_server(assistant: Assistant) -> MCPServer:
    """The MCP server with the three tools bound to `assistant` (and its index)."""
    tools = Tools(assistant)
    server: MCPServer = MCPServer("evalqa", title="evalqa — 政策評価 事前分析表 Q&A", version=__version__,
                                  instructions=INSTRUCTIONS)

    @server.tool(title="質問に答える / Ask", annotations=READ_ONLY, description=(
        "政策評価シート（事前分析表）についての質問に、シートの数値と出典つきで答えます。"
        "シートにない事柄には答えず、その旨を返します（found=false）。\n"
        "Answers a question about the policy-evaluation sheets with the exact figures and a citation; "
        "when the sheets do not hold the answer it says so (found=false). Japanese or English questions."))
    def ask(
        question: Annotated[str, Field(description=(
            f"質問（日本語または英語、{MAX_QUESTION_CHARS}字以内）、例: 「令和2年度の日加二国間会談数の実績は？」"
            " / the question, "
            f"Japanese or English, at most {MAX_QUESTION_CHARS} characters"), json_schema_extra=QUESTION_LENGTH)],
        sheet: Sheet = None,
        fiscal_year: FiscalYear = None,
    ) -> AskResult:
        return tools.ask(question, sheet, fiscal_year)

    @server.tool(title="本文を検索 / Search", annotations=READ_ONLY, description=(
        "シートの本文・表を検索し、関連する箇所を順位順に返します（意味検索とキーワード検索の併用）。\n"
        "Hybrid (dense + keyword) search over the sheets' passages and tables; returns the top-k hits with "
        "their sheet, section path, text and figures."))
    def search(
        query: Annotated[str, Field(description=(
            f"検索語・文（{MAX_QUESTION_CHARS}字以内） / search query (at most {MAX_QUESTION_CHARS} characters)"),
            json_schema_extra=QUESTION_LENGTH)],
        k: Annotated[int, Field(description=f"返す件数（1〜{MAX_K}） / number of hits (1..{MAX_K})",
                                json_schema_extra={"minimum": 1, "maximum": MAX_K})] = 5,
        sheet: Sheet = None,
        fiscal_year: FiscalYear = None,
    ) -> SearchResult:
        return tools.search(query, k, sheet, fiscal_year)

    @server.tool(title="数値の一覧 / Figures", annotations=READ_ONLY, description=(
        "シートの表から読み取った数値（実績値・目標値・予算額など）を条件で絞り込んで返します。\n"
        "Lists the structured figures read from the sheets' tables (actuals, targets, budgets …), filtered "
        "by sheet, subject, measure and fiscal year; says whether the limit truncated the list."))
    def figures(
        sheet: Sheet = None,
        subject: Annotated[str | None, Field(description=(
            "指標名・節の見出しに含まれる語（部分一致）、例: 「日加」 / substring of the subject or its section "
            "path, e.g. 日加"))] = None,
        measure: Annotated[str | None, Field(description=(
            "数値の種類（完全一致）、例: 実績値、年度目標値、当初予算額 / measure, exact (e.g. 実績値)"))] = None,
        fiscal_year: FiscalYear = None,
        limit: Annotated[int, Field(description=f"返す最大件数（1〜{MAX_LIMIT}） / at most this many "
                                                f"(1..{MAX_LIMIT})",
                                    json_schema_extra={"minimum": 1, "maximum": MAX_LIMIT})] = 200,
    ) -> FiguresResult:
        return tools.figures(sheet, subject, measure, fiscal_year, limit)

    return server


def open_assistant(index_dir: str | Path) -> Assistant:
    """Open the index and load its embedder now, so a missing index or model fails at startup, not at the
    first tool call. Raises IndexFailure or EmbedderError."""
    # Anything a model loader prints would corrupt the stdio protocol stream (nothing is served yet).
    with contextlib.redirect_stdout(sys.stderr):
        idx = Index.open(index_dir)
        idx.embedder  # noqa: B018 - loads the model
        return Assistant(idx)


def serve(assistant: Assistant, transport: Transport = "stdio", host: str = "127.0.0.1", port: int = 8765) -> int:
    """Serve the tools until the client disconnects (stdio) or the process is stopped (HTTP)."""
    # Configured before MCPServer, whose own logging.basicConfig is then a no-op: everything on stderr.
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    server = create_server(assistant)
    log.info("evalqa %s: MCP server over %s, index %s (%s)", __version__, transport, assistant.index.path,
             assistant.index.generation.name)
    if transport == "stdio":
        server.run("stdio")
        return 0
    import anyio
    import uvicorn

    # Our own uvicorn rather than server.run("streamable-http"): log_config=None keeps uvicorn's access log on
    # the stderr logging configured above (its default configuration prints it on stdout).
    app = server.streamable_http_app(host=host)
    anyio.run(uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_config=None)).serve)
    return 0
