"""Load test of a running evalqa app over its HTTP API (bounded: N clients × M questions, loopback).

    python tools/load.py http://127.0.0.1:7860 --clients 1 5 20 --questions 20 [--api answer|ask] [--auth u:p]

Each client is one session (one conversation, as a browser tab or a `gradio_client.Client` is) asking M
questions one after another over HTTP, through the JSON API `answer` (`POST /gradio_api/run/answer`, no
queue; the default) or the chat's queued event `ask` (`POST /gradio_api/call/ask`, then its event stream).
A plain HTTP client, so the measure is the server's and not a heavy client's. Client i asks the
questions from position i×M of the list on (wrapping). Before the load, every client's sequence is asked
once alone, in a session of its own: under load each answer must equal that one, and any difference is
reported as `changed`. The reference pass also warms the server, as a day's use would. Prints, per
client count, answers/s, p50 and p95 latency, errors
and changed answers (`--json` for JSON Lines).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def questions(paths: list[Path]) -> list[str]:
    """The single questions of the QA files (conversations are left out: their turns depend on each other)."""
    out: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if "question" in row and "turns" not in row and row["question"] not in out:
                    out.append(row["question"])
    return out


def connect(url: str, auth: tuple[str, str] | None) -> httpx.Client:
    c = httpx.Client(base_url=url.rstrip("/"), timeout=120)
    if auth:
        r = c.post("/login", data={"username": auth[0], "password": auth[1]})
        if r.status_code != 200:
            raise SystemExit(f"load: login as {auth[0]!r} failed: HTTP {r.status_code}")
    return c


def answer(c: httpx.Client, question: str, session: str) -> str:
    """One answer through the JSON API: the answer text."""
    r = c.post("/gradio_api/run/answer", json={"data": [question, None, None], "session_hash": session})
    r.raise_for_status()
    return r.json()["data"][0]["answer"]


def ask(c: httpx.Client, question: str, session: str) -> str:
    """One answer through the chat's queued event (two HTTP steps): the answer text (the first output)."""
    r = c.post("/gradio_api/call/ask", json={"data": [question, [], "すべて", "すべて"], "session_hash": session})
    r.raise_for_status()
    stream = c.get(f"/gradio_api/call/ask/{r.json()['event_id']}")
    stream.raise_for_status()
    event = None
    for line in stream.text.splitlines():
        if line.startswith("event: "):
            event = line[7:].strip()
        elif line.startswith("data: ") and event == "complete":
            return json.loads(line[6:])[0]
        elif line.startswith("data: ") and event == "error":
            raise RuntimeError(f"app error: {line[6:200]}")
    raise RuntimeError("no answer in the event stream")


def run(url: str, qs: list[str], n: int, m: int, auth: tuple[str, str] | None, api: str,
        expected: dict[tuple[int, int], str] | None) -> tuple[dict, dict[tuple[int, int], str]]:
    """N clients side by side, client i asking m questions of `qs` from position i×m on in its own session:
    the report row and every answer by (client, turn)."""
    latencies: list[float] = []
    errors: list[str] = []
    changed: list[str] = []
    answers: dict[tuple[int, int], str] = {}
    lock = threading.Lock()
    clients = [connect(url, auth) for _ in range(n)]  # connecting is set-up, not load
    start_line = threading.Barrier(n + 1)

    def client(i: int, c: httpx.Client) -> None:
        start_line.wait()
        session = uuid.uuid4().hex
        for j in range(m):
            q = qs[(i * m + j) % len(qs)]
            t0 = time.perf_counter()
            try:
                text = (answer if api == "answer" else ask)(c, q, session)
            except Exception as e:  # the load report counts every failure, whatever it is
                with lock:
                    errors.append(f"{q[:20]}: {type(e).__name__}: {e}")
                continue
            dt = time.perf_counter() - t0
            with lock:
                latencies.append(dt)
                answers[i, j] = text
                if expected is not None and expected.get((i, j)) != text:
                    changed.append(q)

    threads = [threading.Thread(target=client, args=(i, c)) for i, c in enumerate(clients)]
    for t in threads:
        t.start()
    start_line.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    for c in clients:
        c.close()
    lat = sorted(latencies)
    row = {"api": api, "clients": n, "questions": m, "answers": len(lat), "wall_s": round(wall, 2),
           "answers_per_s": round(len(lat) / wall, 1) if wall else None,
           "p50_ms": round(statistics.median(lat) * 1000) if lat else None,
           "p95_ms": round(lat[min(len(lat) - 1, int(0.95 * len(lat)))] * 1000) if lat else None,
           "errors": len(errors), "changed": len(changed), "error_examples": errors[:3]}
    return row, answers


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("url")
    p.add_argument("--clients", type=int, nargs="+", default=[1, 5, 20])
    p.add_argument("--questions", type=int, default=20, help="questions per client (from --qa)")
    p.add_argument("--qa", type=Path, nargs="+",
                   default=[ROOT / "tests" / "qa.jsonl", ROOT / "tests" / "qa_holdout.jsonl"])
    p.add_argument("--api", choices=["answer", "ask"], default="answer",
                   help="the JSON API (default) or the chat's queued event")
    p.add_argument("--auth", default=None, help="user:password when the app asks for a login")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    if any(n < 1 or n > 100 for n in args.clients) or not 1 <= args.questions <= 200:
        p.error("clients must be 1..100 and questions 1..200 (a bounded load)")
    auth = tuple(args.auth.split(":", 1)) if args.auth else None
    qs = questions(args.qa)
    expected: dict[tuple[int, int], str] = {}
    for i in range(max(args.clients)):  # the reference: each client's sequence, asked alone
        start = i * args.questions % len(qs)
        alone = run(args.url, qs[start:] + qs[:start], 1, args.questions, auth, args.api, None)[1]
        expected.update({(i, j): text for (_, j), text in alone.items()})
    rows = [run(args.url, qs, n, args.questions, auth, args.api, expected)[0] for n in args.clients]
    for r in rows:
        if args.json:
            print(json.dumps(r, ensure_ascii=False))
        else:
            print(f"{r['api']:>6} {r['clients']:>3} clients × {r['questions']} questions: "
                  f"{r['answers_per_s']} answers/s, "
                  f"p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, errors {r['errors']}, changed {r['changed']}")
            for e in r["error_examples"]:
                print(f"      {e}")
    return 1 if any(r["errors"] or r["changed"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
