"""Answers from a sheet's own header: its metadata (年度, 担当部局, 政策評価実施予定時期 …) and its label/value
fields (施策目標, 達成すべき目標, 作成責任者名 …), named in the question, cited to the field."""
from __future__ import annotations

import re
from collections.abc import Sequence

from .answer import Answer, Frame
from .fiscal_year import to_label
from .normalize import norm
from .prose import VERDICT_ASKED_RE, VERDICT_LABELS
from .question import QuestionAnalysis
from .scope import resolve_scope
from .search import Hit, hit_source
from .subjects import SubjectCatalogue


def metadata_answer(a: QuestionAnalysis, field: tuple[str, str], hits: Sequence[Hit],
                    cat: SubjectCatalogue, focus: str | None = None) -> Answer | None:
    """「担当部局は？」: a field of the sheet itself, not a table value. `focus`: the sheet a conversation is
    about (「そのシートはいつのもの？」)."""
    attr, label = field
    meta = cat.sheet_meta
    sheets = [sid for sid, m in meta.items() if m.get(attr)]
    named = [sid for sid in sheets if (meta[sid].get("title") or "\0") in a.normalized or sid in a.normalized]
    if not named and a.sheets:  # named otherwise (a ministry and theme words, a number): the search's first,
        # not counting the header rows that match by the field's own label (every sheet has a 担当部局名).
        label_key = norm(label).removesuffix("名")
        ranked = [h for h in hits if label_key not in norm(h.text)] + list(hits)
        order = {h.sheet: i for i, h in reversed(list(enumerate(ranked)))}
        named = sorted((sid for sid in sheets if sid in a.sheets), key=lambda sid: order.get(sid, len(ranked)))[:1]
    if named:
        sheets = named
    elif focus in sheets:
        sheets = [focus] + [x for x in sheets if x != focus]
    elif hits and hits[0].sheet in sheets and len(sheets) > 1:
        sheets = [hits[0].sheet] + [x for x in sheets if x != hits[0].sheet]
    if not sheets:
        return None
    sid = sheets[0]
    label_of = cat.sheet_label

    def shown(x: str) -> str:
        v = meta[x][attr]
        return f"{to_label(v)}（{v}年度）" if attr == "fiscal_year" else str(v)

    where = "シートの表題" if attr == "fiscal_year" else "シート冒頭の施策欄"
    if attr == "fiscal_year" and meta[sid].get("document"):
        where = f"シートの表題「{meta[sid]['document']}」"  # 「何年度の事前分析表？」: the document by name
    text = (f"施策「{meta[sid].get('title') or sid}」の{label}は「{shown(sid)}」です。\n"
            f"出典: {label_of(sid)}（{where}）")
    if len(sheets) > 1 and not named:
        text += "\n（他のシート: " + "、".join(f"{label_of(x)}は「{shown(x)}」" for x in sheets[1:4]) + "）"
    src = [hit_source(h) for h in hits if h.sheet == sid][:2]
    return Answer(a.question, text, True, [], src, "metadata", Frame())


def _is_verdict(label: str) -> bool:
    """A label of the sheet's rating, alone or with its other name in brackets (「評価結果（目標達成度合いの測定
    結果）」)."""
    n = norm(label)
    parts = [re.sub(r"[(（][^()（）]*[)）]", "", n), *re.findall(r"[(（]([^()（）]*)[)）]", n)]
    return any(part in VERDICT_LABELS for part in parts)


def field_answer(a: QuestionAnalysis, hits: Sequence[Hit], cat: SubjectCatalogue) -> Answer | None:
    """「施策目標は？」「政策目標の達成度合いは？」: a label/value row of the sheet, named in the question."""
    best: tuple[int, str, dict] | None = None
    # (a sheet of the year the question names first: 「総務省R5の政策名は？」)
    # (of several sheets in scope, the one the search ranks first: 「MLIT's railway safety policy sheet」)
    rank = {h.sheet: i for i, h in reversed(list(enumerate(hits)))}
    sheets = resolve_scope(a, cat, hits).sheets
    for sid in sorted(sheets,
                      key=lambda sid: (cat.sheet_years.get(sid) not in a.years, rank.get(sid, len(hits)))):
        for f in cat.sheet_meta[sid].get("fields") or []:
            label = norm(re.sub(r"名$", "", f["label"]))
            if len(label) < 3 and norm(f["label"]) in a.normalized:
                label = norm(f["label"])  # 「政策名」: the short label as written
            elif label.endswith("責任者") and label not in a.normalized and "責任者" in a.normalized:
                label = "責任者"  # 「評価書を作った責任者は誰？」: the one person a sheet names as responsible
            # The label itself, not a value of it (「施策目標値」 would be a figure).
            # (「施策目標15の」「施策目標IV-2-3の」 name the sheet by its number, 「施策目標個票で」 the document.)
            if a.reason and not re.search(r"理由|根拠|要因|考え方", label):
                continue  # 「指標Bを削除するのはなぜ？」: a why is not answered by the field, unless it gives reasons
            # (a year after it, 「作成責任者2024年度…」 of an English question glossed, names no sheet)
            named = len(label) >= 3 and label in a.normalized and not re.match(
                r"値|個票|調書|評価書|事前分析表|\s*(?:\d(?!\d*年)|[IVX]+\b)", a.normalized.split(label, 1)[1])
            if named and (best is None or len(label) > best[0]):
                best = (len(label), sid, f)
    if best is None and VERDICT_ASKED_RE.search(a.normalized) and not a.reason:
        # 「評価結果はどうだった？」: the sheet's rating, under whichever label its form gives it
        rated = [(sid, f) for sid in sheets for f in cat.sheet_meta[sid].get("fields") or []
                 if _is_verdict(f["label"]) and f["value"].strip()]
        if len({sid for sid, _ in rated}) == 1:
            best = (0, *rated[0])
    if best is None:
        return None
    _, sid, f = best
    where = f"p.{f['page']}、" if f.get("page") else ""
    text = (f"施策「{cat.titles.get(sid, sid)}」の{f['label']}は「{f['value']}」です。\n"
            f"出典: {cat.sheet_label(sid)}（シートの{f['label']}欄）［{where}{f['line']}行目］")
    src = [hit_source(h) for h in hits if h.sheet == sid][:2]
    return Answer(a.question, text, True, [], src, "metadata", Frame())
