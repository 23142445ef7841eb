"""Passage answers: the sentences of the search hits that cover the question's words, quoted with their place."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .normalize import norm
from .question import STOP
from .search import Hit
from .terms import terms

MIN_COVER = 0.5  # share of the question's (IDF-weighted) words a quoted window must carry
# A paraphrase shares fewer words: a window that carries fewer of them still answers when the dense search, too,
# puts its passage among the first two, close to the question (cosine; calibrated on the blind dev split, where
# the passages that answer lie at 0.82–0.92).
LOW_COVER, DENSE_TRUST, DENSE_RANK = 0.3, 0.86, 2
# 「何をしたか」 asks what was done: the 実績 of the year; 「どんな事業」 asks what a measure is: its 概要.
_DONE_RE = re.compile(r"(?:した|行った|実施した|だった|できた|なった)(?:か|の|？|\?|$)")
_DONE_SECTION_RE = re.compile(r"進捗|実績")
# 「…理由は？」 is answered by a sentence that gives a cause, whether or not it says the word.
_WHY = frozenset({"理由", "原因", "要因"})
_CAUSE_RE = re.compile(r"[たいだ]ため(?!の)|による|ことから|要因|原因|影響")  # (not 「…のための」: a purpose)
_RATED_RE = re.compile(r"(?:と|に)(?:判断|評価|判定)(?:した|する|している)。?$")


@dataclass
class Quote:
    text: str
    hit: Hit
    cover: float


# Words the sheets write otherwise (アメリカ → 米国): a question word also matches its sheet form.
ALIASES = {"アメリカ": "米国", "合衆国": "米国", "国会": "議会", "取組": "取り組み", "ニッポン": "日本"}


_HEADING = "\0heading:"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_NOTE_REF_RE = re.compile(rf"^[(（]?注\d?[)）]?\s*([{_CIRCLED}])")
_PROSE_CELL = 30  # a table cell this long is prose (達成手段の概要, 施策目標), not a label or a value


def _paragraphs(text: str) -> list[str]:
    """A chunk's paragraphs. Table rows give their prose cells (達成手段の概要 …) as paragraphs, under their
    row's first cell as heading (the 達成手段's name), so that what a table says in words can be quoted."""
    out: list[str] = []
    for line in text.split("\n"):
        if " | " not in line:
            out.append(line)
            continue
        cells = [c.strip() for c in line.split(" | ")]
        prose = [c for c in cells if len(c) >= _PROSE_CELL]
        if prose:
            if len(cells[0]) < _PROSE_CELL:
                out.append(_HEADING + cells[0])
            out.extend(prose)
    return out


def _found(term: str, words: set[str]) -> bool:
    return bool(term) and (term in words or any(len(term) >= 2 and term in x for x in words))


_NUMBERED_RE = re.compile(r"^(?:測定指標|業績指標|成果指標|指標)\s*(\d{1,2}(?:-\d{1,2})?)\s*[：:]")


def best_quotes(content: Sequence[str], hits: Sequence[Hit], idf: Callable[[str], float],
                titles: dict[str, str], top: int = 5, question: str = "", min_cover: float = MIN_COVER,
                indicators: Callable[[str], dict[str, str]] | None = None) -> list[Quote]:
    """Up to two two-sentence windows from the top hits, best first; [] when none covers enough of the question.

    A window is judged with its list heading, its section path and its sheet title, since a sentence
    often leaves its subject to the heading it stands under; `indicators` (sheet → number → name) puts a
    paragraph opening 「指標3：」 under that indicator's name.
    """
    content = [t for t in content if t not in STOP]
    if not hits or not content:
        return []
    total = sum(idf(t) for t in content)
    scored: list[tuple[float, float, str, Hit]] = []
    done = bool(_DONE_RE.search(question))
    why = bool(_WHY & set(content))
    if why:  # a cause is often a note under a table, a passage of its own further down
        top = max(top, len(hits))
    # 「（注）②の執行率が低調となったのは…」: a note about the row numbered ② stands under that row's name
    rows_by_number: dict[tuple[str, tuple[str, ...]], dict[str, str]] = {}
    for h in hits[:top]:
        for line in h.text.split("\n"):
            if " | " in line and (row := line.split(" | ", 1)[0].strip())[:1] in _CIRCLED:
                rows_by_number.setdefault((h.sheet, tuple(h.section)), {})[row[0]] = row
    for rank, h in enumerate(hits[:top]):
        heading = ""
        tense = 0.1 if done and _DONE_SECTION_RE.search(h.section[-1] if h.section else "") else 0.0
        place = set(terms(" ".join(h.section))) | set(terms(titles.get(h.sheet) or ""))
        numbered_rows = rows_by_number.get((h.sheet, tuple(h.section)), {})
        for para in _paragraphs(h.text):
            if para.startswith(_HEADING):
                heading = para[len(_HEADING):]
                continue
            if (ref := _NOTE_REF_RE.match(para)) and ref.group(1) in numbered_rows:
                heading = numbered_rows[ref.group(1)]
            # 「指標3：…」: a paragraph about an indicator named by its number stands under its name, and is the
            # passage about it when the question names it (rather than the 施策's general text).
            about, kept, numbered = 0.0, heading, False
            if indicators is not None and (m := _NUMBERED_RE.match(norm(para))) \
                    and (name := indicators(h.sheet).get(m.group(1))):
                heading, numbered = name, True  # (for this paragraph only)
                named = set(terms(name))
                about = 0.1 if sum(idf(t) for t in content if _found(t, named)) >= 0.5 * total else 0.0
            sents = [x.strip() for x in re.split(r"(?<=[。])", para) if x.strip()]
            for i, sent in enumerate(sents):
                if len(sent) < 8 or " | " in sent:
                    continue
                if not sent.endswith("。") and len(sent) <= 40:
                    heading = sent  # a list heading such as 「2 日本人学生等のインターンシップ支援事業」
                    continue
                # Quote (and judge) the sentence with the one after it: the answer often follows its subject.
                quote = sent + (sents[i + 1] if i + 1 < len(sents) and len(sent) < 200 else "")
                own = set(terms(quote))
                st = own | set(terms(heading)) | place
                # (「…ことから、「③相当程度進展あり」と判断した」 gives the reason for a rating, not a cause)
                cause = any(_CAUSE_RE.search(x) and not _RATED_RE.search(x) for x in re.split(r"(?<=。)", quote))
                cover = sum(idf(t) for t in content if _found(t, st) or _found(ALIASES.get(t, ""), st)
                            or (t in _WHY and cause)) / total
                # (of windows that cover alike, the one whose own words say them, not its heading or sheet title)
                said = sum(idf(t) for t in content if _found(t, own)) / total
                # (a why: of windows alike, the one that gives a cause outranks a higher search hit that does not)
                because = 0.1 if cause and why else 0.0
                scored.append((cover + 0.02 * said + 0.15 / (rank + 1) + tense + about + because, cover, quote, h))
            if numbered:
                heading = kept
    scored.sort(key=lambda x: -x[0])
    if not scored:
        return []
    if scored[0][1] < min_cover:
        trusted = [x for x in scored if x[1] >= LOW_COVER and (x[3].dense_rank or 99) <= DENSE_RANK
                   and (x[3].similarity or 0.0) >= DENSE_TRUST]
        if not trusted:
            return []
        scored = trusted
    return [Quote(q, h, c) for _, c, q, h in scored[:3] if c >= 0.5 * scored[0][1]][:2]


_SECTION_NUMBER_RE = re.compile(r"^[\s\d.．、・()（）【】〔〕IVXⅠ-Ⅹ一二三四五六七八九十第章節]+")
MIN_SECTION_NAME = 6  # a shorter heading (施策の概要 is a field; 評価結果 too general) is not looked up by name


# The sheet's rating (各行政機関共通区分) and the headings and labels forms give it; asked in other words too.
VERDICT_LABELS = {norm(w) for w in ("目標達成度合いの測定結果", "総合判定", "評価結果", "総合評価")}
VERDICT_ASKED_RE = re.compile(r"評価結果|総合判定|総合評価|評定|どう評価され|評価は(?:どう|何)|測定結果|達成度合い")


def named_section(question: str, hits: Sequence[Hit]) -> Hit | None:
    """The hit of a prose section whose heading the (normalized) question names in full: 「目標達成度合いの測定
    結果は？」 is answered by the text under 「（１）目標達成度合いの測定結果」; 「評価結果はどうだった？」 by the
    section that gives the sheet's rating, whatever its heading."""
    verdict = VERDICT_ASKED_RE.search(question) is not None
    for h in hits:
        if h.figures or not h.section:
            continue  # a table answers with its figures
        name = norm(_SECTION_NUMBER_RE.sub("", h.section[-1]))
        if (len(name) >= MIN_SECTION_NAME and name in question) or (verdict and name in VERDICT_LABELS):
            return h
    return None
