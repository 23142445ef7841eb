"""Japanese keyword terms from MeCab (fugashi + unidic-lite), for the keyword index and token budgets.

Generic keyword indexes score Japanese as 0 (no spaces) or split it into characters; MeCab gives
words, so 「会談数」 matches 「会談」「数」 and 「行った」 matches 「行う」.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from .fiscal_year import DEFAULT_ERA, find_fiscal_years

# A content noun written in kanji or katakana, not a verb's stem (受け, 行っ) nor a number.
NOUN_RE = re.compile(r"[\u4e00-\u9fff\u30a1-\u30fa\u30fc]+")

# Particles, auxiliaries, symbols and blanks carry no search meaning.
_DROP_POS = {"助詞", "助動詞", "補助記号", "記号", "空白"}


_local = threading.local()


def tagger():
    """This thread's MeCab tagger: a tagger keeps its lattice between calls, so the server's worker threads
    must not share one (the dictionary itself is memory-mapped and shared)."""
    t = getattr(_local, "tagger", None)
    if t is None:
        import fugashi

        t = _local.tagger = fugashi.Tagger()
    return t


def dictionary_identity() -> dict:
    """The MeCab tokenizer as recorded in an index manifest (terms and token budgets depend on it): fugashi's
    version and the dictionary's package, version, charset and size, without its install path."""
    from importlib.metadata import PackageNotFoundError, version

    info = tagger().dictionary_info[0] if tagger().dictionary_info else {}
    package = Path(info.get("filename", "")).parent.parent.name  # …/unidic_lite/dicdir/sys.dic
    try:
        dictionary_version = version(package.replace("_", "-")) if package else None
    except PackageNotFoundError:
        dictionary_version = None
    return {"fugashi": version("fugashi"), "dictionary": package, "dictionary_version": dictionary_version,
            "charset": info.get("charset"), "entries": info.get("size"), "format": info.get("version")}


def count_tokens(text: str) -> int:
    """MeCab tokens in a text: the unit chunk budgets are counted in."""
    return sum(1 for w in tagger()(text) if w.surface.strip())


def _lemma(word) -> str | None:
    lemma = getattr(word.feature, "lemma", None)
    if not lemma or lemma == "*":
        return None
    # unidic writes loanwords as 「ビデオ-video」: keep the Japanese side.
    return unicodedata.normalize("NFKC", lemma.split("-")[0]).lower() or None


def terms(text: str, era: str = DEFAULT_ERA, lemmas: bool = True) -> list[str]:
    """Search terms of a text: NFKC surface and lemma forms without particles/auxiliaries/symbols,
    numbers without separators (「598,665」 → 598665) and each fiscal year named (「令和2年度」 → fy2020).
    Without `lemmas`, one term per word as written (「北海道」 without its lemma 「ホッカイドウ」): to count words."""
    # Short texts are cached: answering matches the same subject and fact sentences against every question
    # (a fifth of an answer's time before). Chunk texts are long and read once per build: not kept.
    return list(_cached_terms(text, era, lemmas) if len(text) <= CACHED_CHARS else _terms(text, era, lemmas))


CACHED_CHARS = 300


@lru_cache(maxsize=32768)
def _cached_terms(text: str, era: str, lemmas: bool) -> tuple[str, ...]:
    return _terms(text, era, lemmas)


def _terms(text: str, era: str, lemmas: bool = True) -> tuple[str, ...]:
    norm = unicodedata.normalize("NFKC", text).lower()
    out: list[str] = []
    for w in tagger()(norm):
        s = w.surface.strip()
        if not s or w.feature.pos1 in _DROP_POS:
            continue
        out.append(s)
        lemma = _lemma(w) if lemmas else None
        if lemma and lemma != s:
            out.append(lemma)
    for m in re.finditer(r"\d[\d,]*\d|\d", norm):
        n = m.group(0).replace(",", "")
        if n != m.group(0):
            out.append(n)
    for y in find_fiscal_years(norm, era):
        out.extend(f"fy{year}" for year in y.years)
    return tuple(out)


def compound_head(words: Sequence[str]) -> str:
    """The head of a compound as the tokenizer splits it: its last word, with the one before when the last is a
    single character (支援 + 員 → 支援員, 救助 + 隊員 → 隊員)."""
    if not words:
        return ""
    return words[-2] + words[-1] if len(words) > 1 and len(words[-1]) == 1 else words[-1]
