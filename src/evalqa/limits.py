"""Limits on what one request may ask, checked before any work is done.

A question is read in full by MeCab, the embedder and every matcher: one 20,000-character question held the
app for 27 s. The cap is checked before analysis, so the refusal costs microseconds. No imports: every
layer (search, answering, the servers) checks through here.
"""
from __future__ import annotations

MAX_QUESTION_CHARS = 500  # the longest question in the evaluation sets is under 100 characters


def length_problem(text: object) -> str | None:
    """What is wrong with a question or query over `MAX_QUESTION_CHARS` (in its language), else None."""
    if not isinstance(text, str) or len(text) <= MAX_QUESTION_CHARS:
        return None
    n = len(text)
    if text.isascii():
        return (f"The question is too long ({n:,} characters). Ask in at most {MAX_QUESTION_CHARS} characters, "
                "naming the indicator or budget and the fiscal year.")
    return f"質問が長すぎます（{n:,}字）。{MAX_QUESTION_CHARS}字以内で、知りたい指標・予算と年度を書いてください。"
