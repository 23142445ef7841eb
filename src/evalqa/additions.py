"""What next year's sheet of a 施策 adds or drops: the 達成手段 or 測定指標 of the newer sheet the older one does not
have (「R7年度の評価書で新しく加わった達成手段は？」), or the other way (「なくなった指標は？」). The same 達成手段 or
indicator in both sheets is found as years are stitched (`SubjectCatalogue.across_years`: by name, by its bare
name, or reworded)."""
from __future__ import annotations

import re

from . import wording
from .answer import Answer, Frame
from .fiscal_year import to_label
from .question import QuestionAnalysis
from .subject import Subject
from .subjects import SubjectCatalogue

_ADDED_RE = re.compile(r"新た(?:に|な)|新しく|新規|追加|加わ|新設|\b(?:added|new)\b", re.I)
_DROPPED_RE = re.compile(r"削除|削られ|削っ|なくな|無くな|廃止|外れ|外さ|除かれ|除外|取りやめ|終わ(?:った|り)|終了し"
                         r"|\b(?:dropped|removed|discontinued)\b", re.I)
_KINDS = (("means", "達成手段", r"達成手段|事業|measures?|programs?|programmes?"),
          ("indicator", "測定指標", r"測定指標|業績指標|指標|indicators?"))


def asked_change(a: QuestionAnalysis) -> tuple[bool, str, str] | None:
    """(added?, kind, its name) when the question asks which 達成手段 or indicators one year's sheet added or
    dropped, else None. (「新たに整備された施設数」 asks a value: the words must stand by the kind's name.)"""
    q = a.question
    for kind, label, words in _KINDS:
        for added, pattern in ((True, _ADDED_RE), (False, _DROPPED_RE)):
            # (not a value of one named (「新しく加わった達成手段「X」の当初予算額は？」), nor what is to be added:
            # 「追加しようとしている」 is a plan, which a passage states)
            if _said(q, words, pattern) and not re.search(
                    r"何(?:件|個|本|人|回|%|％|つ)|いくつ|いくら|どれくらい|how (?:many|much)|しよう|する予定|予定して"
                    r"|検討|\bplan", q, re.I) and not (a.family and a.explicit):
                return added, kind, label
    return None


def _said(q: str, words: str, verb: re.Pattern) -> bool:
    """Does the question say the verb (added, dropped) beside the kind's name, before or after it?"""
    v = verb.pattern
    said = rf"(?:{v})[^、。?？]{{0,12}}?(?:{words})|(?:{words})[^、。?？]{{0,10}}?(?:{v})"
    return re.search(said, q, re.I) is not None


def _both_asked(q: str, kind: str) -> bool:
    """Does the question ask both what was added and what was dropped of the kind, each beside its name?"""
    words = next(w for k, _, w in _KINDS if k == kind)
    # (「新たな事前分析表で削除された指標」: the new document, not an addition)
    q = re.sub(r"(?:新たな|新しい)(?:事前分析表|評価書|分析表|シート)|\bnew (?:sheet|evaluation|document)", "", q)
    return _said(q, words, _ADDED_RE) and _said(q, words, _DROPPED_RE)


def added_answer(a: QuestionAnalysis, cat: SubjectCatalogue, sheets: list[str]) -> Answer | None:
    """The 達成手段 or indicators one sheet of a 施策 adds to (or drops from) the sheet of the year before, or None
    when the question asks no such thing or the sheets in scope are not two years of one 施策."""
    asked = asked_change(a)
    if asked is None:
        return None
    added, kind, label = asked
    # (a sheet named by its year, 「令和6年度の事前分析表で」, is compared with its 施策's sheet of the year before)
    policies = {cat.policy_titles.get(sid) for sid in sheets}
    by_policy: dict[str, list[str]] = {}
    for sid in (x for x in cat.sheet_meta if cat.policy_titles.get(x) in policies):
        if cat.sheet_years.get(sid):
            by_policy.setdefault(cat.policy_titles.get(sid) or sid, []).append(sid)
    pairs = [sorted(ids, key=lambda s: cat.sheet_years[s]) for ids in by_policy.values() if len(ids) >= 2]
    if not pairs and added and len(by_policy) == 1:
        return _marked_new(a, cat, next(iter(by_policy.values())), kind, label)
    if len(pairs) != 1:
        return None
    years = pairs[0]
    # the sheet of the year named (「R7年度の評価書で」), else the newest; against the one before it
    newer = next((s for s in years if cat.sheet_years[s] == a.document_year), years[-1])
    if newer == years[0]:
        return None
    older = years[years.index(newer) - 1]

    def own(sheet: str, kind: str = kind) -> list[Subject]:
        return [cat.subjects[i] for i in cat.subjects_of(sheet) if cat.subjects[i].kind == kind]

    def kept_in(s: Subject, sheet: str) -> bool:
        return any(t.sheet == sheet for t in cat.across_years(s))

    def listing(added: bool, kind: str = kind, label: str = label) -> tuple[str, list[str], list[Subject]]:
        source, other = (newer, older) if added else (older, newer)
        found = list(dict.fromkeys(s.name for s in own(source, kind) if not kept_in(s, other)))
        verb = "新たに加わった" if added else "なくなった"
        title = cat.titles.get(newer) or newer
        where = (f"施策「{title}」の{to_label(cat.sheet_years[newer])}のシート（{newer}）で、"
                 f"{to_label(cat.sheet_years[older])}のシート（{older}）と比べて{verb}{label}")
        if not found:
            return f"{where}はありません（両方のシートの{label}を名前で照合しました）。", found, own(source, kind)
        return f"{where}は{len(found)}件です。\n" + "\n".join(f"- 「{n}」" for n in found), found, own(source, kind)

    text, found, source_own = listing(added)
    if _both_asked(a.question, kind):  # (「増えたものと消えたもの、両方」: both ways)
        text += "\n" + listing(not added)[0]
    # (「新しく入った指標と、終わった達成手段は？」: the other kind asked too, each with its own verb)
    for other, other_label, words in _KINDS:
        if other != kind and (way := next((w for w, v in ((True, _ADDED_RE), (False, _DROPPED_RE))
                                           if _said(a.question, words, v)), None)) is not None:
            text += "\n" + listing(way, other, other_label)[0]
    figs = [next(iter(s.figures)) for s in source_own if s.name in found and s.figures]
    if figs:
        text += "\n" + wording.cite(figs[0], cat.sheet_label(figs[0].sheet))
    # (the one found is what a follow-up asks about: 「その年度の執行額は？」 after 「新たに加わった達成手段は？」)
    one = [s for s in source_own if s.name in found] if len(found) == 1 else []
    return Answer(a.question, text, True, figs, [], "list", Frame(subject=one[0] if one else None), cited=figs[:1])


# 「【新規】」「（令和5年新設）」「新たに設定」: what a sheet marks as new in its name
_NEW_MARK_RE = re.compile(r"新規|新設|新たに(?:設定|追加|開始)")


def _marked_new(a: QuestionAnalysis, cat: SubjectCatalogue, sheets: list[str], kind: str, label: str
                ) -> Answer | None:
    """A 施策 of one sheet only: the 達成手段 or indicators its sheet marks new (「国際共同捜査等への参加件数
    （令和5年新設）」), or None when it marks none."""
    found = list(dict.fromkeys(s.name for sid in sheets for i in cat.subjects_of(sid)
                               if (s := cat.subjects[i]).kind == kind and _NEW_MARK_RE.search(s.name)))
    if not found:
        return None
    figs = [next(iter(s.figures)) for sid in sheets for i in cat.subjects_of(sid)
            if (s := cat.subjects[i]).name in found and s.figures][:1]
    title = cat.titles.get(sheets[0]) or sheets[0]
    text = (f"施策「{title}」のシートが新たに設けたものとして示している{label}は{len(found)}件です"
            f"（名前の「新規」「新設」による）。\n" + "\n".join(f"- 「{n}」" for n in found))
    if figs:
        text += "\n" + wording.cite(figs[0], cat.sheet_label(figs[0].sheet))
    return Answer(a.question, text, True, figs, [], "list", Frame(), cited=figs)
