"""`evalqa mcp` as an MCP client meets it: a real server subprocess over stdio, driven by the official SDK's
client (the 2.x `Client`, and the handshake-era `stdio_client` + `ClientSession` pair older hosts use)."""
import asyncio
import json
import re
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("mcp")

import anyio  # noqa: E402  (after the skip: both come with the mcp extra)
from mcp import Client, ClientSession, StdioServerParameters, stdio_client  # noqa: E402

pytestmark = [pytest.mark.slow]
SEED_SHEET = "mofa-r3-I-2-hokubei"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
ENGLISH = re.compile(r"\b[A-Za-z]{4,}\b.*\b[A-Za-z]{4,}\b")


def server_params(index: Path) -> StdioServerParameters:
    # The SDK passes the child only a safe subset of the environment, plus what is given here.
    return StdioServerParameters(command=sys.executable, args=["-m", "evalqa", "mcp", "--index", str(index)],
                                 env={"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}, cwd=str(index.parent))


def with_client(index: Path, body: Callable[[Client], Awaitable[Any]]) -> Any:
    """Run `body` against a freshly launched `evalqa mcp` (a hang fails the test instead of blocking it)."""
    async def main() -> Any:
        with anyio.fail_after(180):
            async with Client(server_params(index), read_timeout_seconds=120) as client:
                return await body(client)

    return asyncio.run(main())


@pytest.fixture(scope="module")
def index(built) -> Path:
    return built[0] / "index"


def structured(result) -> dict:
    """The structured result, after checking the text content carries the same JSON (for clients without it)."""
    assert not result.is_error, result.content
    assert result.structured_content is not None
    assert json.loads(result.content[0].text) == result.structured_content
    return result.structured_content


def test_tools_are_listed_with_japanese_and_english_descriptions(index):
    async def body(client: Client):
        return (await client.list_tools()).tools

    tools = {t.name: t for t in with_client(index, body)}
    assert set(tools) == {"ask", "search", "figures"}
    for t in tools.values():
        assert t.description and JAPANESE.search(t.description) and ENGLISH.search(t.description), t.name
        assert t.output_schema is not None, t.name
        assert t.annotations is not None and t.annotations.read_only_hint
        for name, prop in t.input_schema["properties"].items():
            assert JAPANESE.search(prop["description"]) and ENGLISH.search(prop["description"]), (t.name, name)
    assert tools["ask"].input_schema["required"] == ["question"]
    k = tools["search"].input_schema["properties"]["k"]
    assert (k["minimum"], k["maximum"], k["default"]) == (1, 50, 5)


def test_ask_answers_with_the_figure_and_its_sheet(index):
    async def body(client: Client):
        return structured(await client.call_tool("ask", {"question": "令和2年度の日加会談数は？"}))

    ans = with_client(index, body)
    assert ans["found"] is True and ans["kind"] == "numeric"
    assert "3回" in ans["answer"] and SEED_SHEET in ans["answer"]
    first = ans["figures"][0]
    assert (first["value"], first["fiscal_year"], first["measure"], first["sheet"]) == (3, 2020, "実績値", SEED_SHEET)
    assert "日加" in first["subject"]
    assert ans["sources"] and all(s["sheet"] == SEED_SHEET for s in ans["sources"])


def test_ask_scoped_to_a_sheet_and_year(index):
    async def body(client: Client):
        return structured(await client.call_tool(
            "ask", {"question": "日加会談数は？", "sheet": SEED_SHEET, "fiscal_year": 2020}))

    ans = with_client(index, body)
    assert ans["found"] is True
    assert (ans["figures"][0]["value"], ans["figures"][0]["fiscal_year"]) == (3, 2020)


def test_search_returns_ranked_hits_and_filters(index):
    async def body(client: Client):
        plain = structured(await client.call_tool("search", {"query": "日加二国間会談数", "k": 3}))
        scoped = structured(await client.call_tool(
            "search", {"query": "会談数", "k": 10, "sheet": SEED_SHEET, "fiscal_year": 2020}))
        return plain, scoped

    plain, scoped = with_client(index, body)
    hits = plain["hits"]
    assert 1 <= len(hits) <= 3
    assert hits[0]["sheet"] == SEED_SHEET and "日加" in " ".join(hits[0]["section"])
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert scoped["hits"] and all(h["sheet"] == SEED_SHEET for h in scoped["hits"])


def test_figures_filtered_by_subject_measure_and_year(index):
    async def body(client: Client):
        year = structured(await client.call_tool("figures", {"subject": "日加", "fiscal_year": 2020}))
        actual = structured(await client.call_tool("figures", {"subject": "日加", "measure": "実績値"}))
        capped = structured(await client.call_tool("figures", {"subject": "日加", "limit": 1}))
        return year, actual, capped

    year, actual, capped = with_client(index, body)
    assert {f["measure"]: f["value"] for f in year["figures"]} == {"実績値": 3, "年度目標値": 7}
    assert (year["total"], year["truncated"]) == (2, False)
    assert all(f["sheet"] == SEED_SHEET and f["fiscal_year"] == 2020 for f in year["figures"])
    assert [(f["fiscal_year"], f["value"]) for f in actual["figures"]] == [(2020, 3)]
    assert len(capped["figures"]) == 1 and capped["truncated"] is True and capped["total"] > 1


def test_bad_arguments_are_tool_errors_not_crashes(index):
    """Over the handshake-era client pair: a bad k, limit or sheet is an isError result; the server goes on."""
    async def main():
        with anyio.fail_after(180):
            async with stdio_client(server_params(index)) as (read, write), ClientSession(read, write) as session:
                await session.initialize()
                errors = [await session.call_tool("search", {"query": "日加", "k": k}) for k in (0, 51)]
                errors.append(await session.call_tool("figures", {"limit": 0}))
                errors.append(await session.call_tool("ask", {"question": "会談数は？", "sheet": "no-such-sheet"}))
                after = await session.call_tool("search", {"query": "日加", "k": 2})
                return errors, after

    errors, after = asyncio.run(main())
    assert all(r.is_error for r in errors)
    assert "k must be between 1 and 50" in errors[0].content[0].text
    assert "51" in errors[1].content[0].text
    assert "limit" in errors[2].content[0].text
    assert "no-such-sheet" in errors[3].content[0].text and SEED_SHEET in errors[3].content[0].text
    assert not after.is_error and len(after.structured_content["hits"]) == 2


def test_very_long_question_is_refused_quickly(index):
    limits = pytest.importorskip("evalqa.limits", reason="the question cap (evalqa.limits) is not there yet")
    cap = limits.MAX_QUESTION_CHARS
    question = "令和2年度の日加会談数は？" + "あ" * 20_000

    async def body(client: Client):
        tools = {t.name: t for t in (await client.list_tools()).tools}
        start = time.monotonic()
        plain = structured(await client.call_tool("ask", {"question": question}))
        scoped = structured(await client.call_tool("ask", {"question": question, "sheet": SEED_SHEET}))
        search = await client.call_tool("search", {"query": question})
        return tools, plain, scoped, search, time.monotonic() - start

    tools, plain, scoped, search, seconds = with_client(index, body)
    assert tools["ask"].input_schema["properties"]["question"]["maxLength"] == cap
    for ans in (plain, scoped):
        # Refused before any analysis (uncapped, this question took the assistant close to a minute).
        assert ans["found"] is False and not ans["figures"] and not ans["sources"]
        assert f"{cap}字" in ans["answer"]
    assert search.is_error and f"{cap}字" in search.content[0].text
    assert seconds < 10
