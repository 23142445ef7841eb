"""The year a stated number belongs to: the year phrases of a sentence (令和4年度に, 2022年中, R5年4月), which are
left out of its words, and the nearest year before the number (a date's month puts it in its fiscal year)."""
from __future__ import annotations

import re

from .fiscal_year import era_year, find_fiscal_years

KANJI = r"\u4e00-\u9fff々〆ヶ"
_YEAR = (rf"(?:(?P<era>令和|平成|昭和|(?<![A-Za-z])[RH])(?P<en>\d{{1,2}}|元)|(?P<west>(?:19|20)\d{{2}}))(?:年度|年)"
         rf"|(?<![\d元{KANJI}])(?P<bare>\d{{1,2}}|元)年度")
YEAR_RE = re.compile(_YEAR)
# A year and its particle are left out of the words before a number: 「就職率は平成29年度に32.8%」.
DEADLINE_RE = re.compile(rf"(?:{_YEAR})(?:末)?まで(?:に)?")
OPENING_YEAR_RE = re.compile(rf"^(?:{_YEAR})(?:中|度中)?(?:は|には|の|、)")
YEAR_PHRASE_RE = re.compile(rf"(?:{_YEAR})(?:中|度中|末)?(?:現在|時点)?(?:には|に|は|では|で|も|の)?"
                            # 「4月1日現在」「3月末時点で」: the date of the count, not a word of it
                            r"|\d{1,2}月(?:\d{1,2}日)?(?:現在|時点|末)*(?:で|に|には|の)?")
# A year that is a date, a span or a range is not the year of a count: 令和3年1月, 平成18年以降, 2020年代.
_NOT_A_YEAR = re.compile(r"\d{1,2}月|以降|以来|から|まで|代|間|前|後|ぶり|連続|[〜~～\-]")
_MONTH_RE = re.compile(r"\s?(1[0-2]|[1-9])\s?月(?!間)")
# 「令和5年4月から…適用されることに向け、…計62回」: a date that opens a span left open, in a clause of its own
# before the number's, says when something else begins, not when the count was made (「令和4年2月から賃金を月額
# 9,000円引き上げた」 dates the number's own change; 「令和5年4月から令和6年3月までに」 closes the span: the count's)
_OPENS_SPAN_RE = re.compile(r"\s?(?:\d{1,2}\s?日)?\s?(?:から|以降|より)")


def year_before(a: str, pos: int, era: str) -> tuple[str, int] | None:
    """The year the sentence ties the number to: the nearest year before it, else the only one after it."""
    years = []
    # 「（令和3年3月29日…決定）」: a date in brackets cites a decision; it is not the year of a count.
    cited = [m.span() for m in re.finditer(r"[（(][^（）()]*[）)]", a) if not m.start() < pos < m.end()
             and re.search(r"\d\s?月|日|決定|閣議|策定", m.group(0))]
    for m in YEAR_RE.finditer(a):
        if any(s <= m.start() < e for s, e in cited):
            continue
        month = _MONTH_RE.match(a, m.end()) if m.group(0).endswith("年") and not m.group(0).endswith("年度") else None
        if (_NOT_A_YEAR.match(a, m.end()) and not month) or (m.start() and a[m.start() - 1] in "〜~～-"):
            continue
        if m.group("west"):
            fy = int(m.group("west"))
        else:
            try:
                fy = era_year(m.group("era") or era, m.group("en") or m.group("bare"))
            except ValueError:
                continue
        if month and (span := _OPENS_SPAN_RE.match(a, month.end())) and "、" in a[span.end():pos] \
                and not re.match(rf"[^。、]{{0,6}}?(?:{_YEAR})[^。、]{{0,8}}?まで", a[span.end():]):
            continue
        if month:  # a date: 令和元年10月 is in 令和元年度, 令和3年1月 in 令和2年度 (the year starts in April)
            fy -= int(month.group(1)) < 4
        years.append((m.start(), m.group(0) + (month.group(0) if month else ""), fy))
    before = [y for y in years if y[0] < pos]
    if before:
        return before[-1][1], before[-1][2]
    if len({y[2] for y in years}) == 1:
        return years[0][1], years[0][2]
    return None


# 「評価対象期間　令和元年度～令和4年度」「【評価対象期間】2019年度～2022年度」: the years the document evaluates.
_PERIOD_RE = re.compile(r"評価対象期間[】\]]?[\s:：]*([^\n]{4,80})")


def results_year(text: str, fiscal_year: int | None, era: str) -> int | None:
    """The year a document's results (施策の進捗状況（実績）, 評価結果) report: the last of its stated 評価対象期間
    (「令和元事務年度～令和4事務年度」 → 2022), else the year before its own, the year closed when it was written (a
    令和5年度 評価書 reports 令和4年度)."""
    if m := _PERIOD_RE.search(text):
        # (the period ends where the line's next field begins: 「…～令和5年度　　次回評価実施予定時期：令和9年8月」)
        period = re.split(r"\s{2,}|\t|[^\s:：～〜~\-]{2,}[:：]", m.group(1))[0]  # (「平成30年度　～　令和5年度」 whole)
        years = find_fiscal_years(re.sub(r"[(（][^()（）]*[)）]?", "", period), era)  # not 「（令和元年7月～）」
        if years:
            return max(y.end for y in years)
    return fiscal_year - 1 if fiscal_year else None
