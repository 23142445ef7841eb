"""Evaluation documents that are not a 事前分析表: their headings and their metadata.

Ministries publish 実績評価書, 施策目標個票, 政策評価書 and 政策評価調書 in forms of their own. When a document
has none of the 事前分析表's headings (施策, 個別分野, 測定指標N, 達成手段), the parser reads it as a general
document: the generic headings below open its sections, and its metadata is looked for where such forms
put it (key/value rows such as 施策名 or 担当部局名, a 「令和4年度実績評価書」 line, a ministry's name).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import CIRCLED, parse_cell, unit_of
from .fiscal_year import era_year, parse_fiscal_year
from .measures import measure_of
from .normalize import CJK, nfkc, norm, tidy
from .readers import Line

MINISTRIES = (
    "内閣官房", "内閣府", "デジタル庁", "復興庁", "総務省", "法務省", "外務省", "財務省", "文部科学省", "厚生労働省",
    "農林水産省", "経済産業省", "国土交通省", "環境省", "防衛省", "警察庁", "金融庁", "消費者庁", "こども家庭庁",
    "公正取引委員会", "国家公安委員会", "個人情報保護委員会", "原子力規制委員会", "宮内庁", "人事院", "会計検査院",
    # external agencies of a ministry, after the ministries (a 総務省 sheet mentions its 消防庁)
    "観光庁", "文化庁", "スポーツ庁", "林野庁", "水産庁", "特許庁", "中小企業庁", "資源エネルギー庁", "気象庁",
    "海上保安庁", "消防庁", "出入国在留管理庁", "公安調査庁", "国税庁", "原子力規制庁", "国土地理院",
    "運輸安全委員会", "公害等調整委員会", "カジノ管理委員会", "中央労働委員会", "公安審査委員会", "食品安全委員会",
)
# A body of the government by the shape of its name, in a document's head line
_BODY_RE = re.compile(r"(?:^|[\s　度])([一-龥ァ-ヴー]{2,12}?(?:省|庁|委員会))(?=$|[\s　の（(]|事前|実績|評価|政策)")
# Headings these forms use as lines of their own (matched whole, width and spaces ignored).
SECTION_WORDS = {norm(w) for w in (
    "施策目標", "施策の目標", "評価結果", "測定指標", "業績指標", "施策の概要", "施策の分析", "達成すべき目標",
    "達成目標",
    "目標達成度合いの測定結果", "総合判定", "評価結果と今後の方向性", "今後の方向性", "判断根拠", "参考指標",
    "次期目標等への反映の方向性", "施策実現のための背景・課題", "各課題に対応した達成目標", "施策目標の評価",
    "施策目標の達成状況及び今後の方向性", "学識経験を有する者の知見の活用", "外部要因", "政策の概要", "政策の目的",
    "政策評価を行う過程において使用した資料その他の情報", "有効性の評価", "効率性の評価", "現状分析", "評価の総括",
    "主な事務事業の概要", "予算額・執行額等", "施策の予算額・執行額等", "今後の課題", "評価の概要", "事務事業の概要",
)}
_ROMAN_RE = re.compile(r"^([IVX]{1,4})[.．、\s]\s*(\S.*)$")
_NUMBER_RE = re.compile(r"^(\d{1,2})[.．、:：\s]\s*(\S.*)$")
_CHAPTER_RE = re.compile(r"^第([\d一二三四五六七八九十]{1,3})[章節部]?\s*(\S.*)$")
_PAREN_NUMBER_RE = re.compile(r"^[(（]([\d一二三四五六七八九十]{1,3}|[アイウエオカキクケコ])[)）]\s*(\S.*)$")
_PAREN_ONLY_RE = re.compile(r"^[(（]([^()（）:：]{2,24})[)）]$")
_INDICATOR_RE = re.compile(r"^(?:測定指標|業績指標|成果指標)\s*(\d+(?:\s*-\s*\d+)?)?\s*[:：]?\s*(.*)$")
_PAPER_YEAR_RE = re.compile(r"(?:(?:令和|平成|(?<![A-Za-z])[RH])(?:\d+|元)|20\d{2})年度")
_PAPER_WORDS = ("評価書", "評価調書", "事前分析表", "個票", "政策評価", "実績評価", "評価結果", "評価シート")
# 「（デジタル庁R5－政策1）」「【特許庁R5－1－1】」「施策番号　スポーツ庁R5-2」
_MINISTRY_YEAR_RE = re.compile(r"(\D+?(?:省|庁|府|委員会))\s*(R|H|令和|平成)?(\d{1,2}|元)[-－ー‐−(（]")
_POLICY_NUMBER_RE = re.compile(r"(?:施策目標|施策|政策)\s*([IVX]+(?:-\d+){1,2}|\d{1,3}(?![\d.年-]))")
TITLE_KEYS = ("施策名", "政策名", "評価対象政策", "施策目標名", "施策目標", "業績目標")
BUREAU_KEYS = ("担当部局名", "担当部局", "担当部局・課室名", "担当部局課室名", "担当部局・課名", "主管部局", "担当課",
               "担当課室")
# (the next evaluation's first: beside 「評価実施時期 | 令和6年8月」, the time this evaluation was made, a
# 「次回評価予定時期 | 令和9年8月」 is the one scheduled)
TIME_KEYS = ("次回の政策評価実施予定時期", "次回の評価実施予定時期", "次回評価実施予定時期", "次回評価予定時期",
             "政策評価実施予定時期", "評価実施予定時期", "評価予定時期", "政策評価実施時期", "評価実施時期", "評価年月")
HEAD_LINES = 40  # a form states its year and ministry near the top


@dataclass
class GenericHeading:
    """A heading of a general document: kind 'heading' (or 'indicator' when it names one), level, title."""

    kind: str
    level: int
    title: str
    name: str
    number: str | None = None


def _heading_text(text: str) -> bool:
    """Short, Japanese, not a sentence: what a heading's words look like."""
    t = text.strip()
    return 0 < len(t) <= 60 and "。" not in t and re.search(rf"[{CJK}]", t) is not None \
        and not t.endswith(("、", "，", ","))


def _named(kind_level: int, raw: str, rest: str) -> GenericHeading:
    name = tidy(rest)
    m = _INDICATOR_RE.match(nfkc(name))
    if m and m.group(1) and m.group(2):  # 「測定指標1-1 …」; 「測定指標及び実績」 is a plain heading
        number = re.sub(r"\s", "", m.group(1)) if m.group(1) else None
        return GenericHeading("indicator", kind_level, tidy(raw), tidy(m.group(2)), number)
    return GenericHeading("heading", kind_level, tidy(raw), name)


_MARK_RE = re.compile(r"^([■□◆◇●])\s*(\S.*)$")
_MARK_LEVEL = {"■": 0, "□": 0, "◆": 1, "◇": 1, "●": 2}


def match_generic_heading(line: str) -> GenericHeading | None:
    """The heading a line of a general evaluation document opens, if any.

    「Ⅰ 施策の概要」「第2 評価結果」 (level 0), 「1 施策の概要」 and whole-line words such as 「評価結果」「業績指標」
    (level 1), 「(1) 測定指標1-1 …」「（判断根拠）」 (level 2). A numbered line that is a sentence is prose.
    """
    raw = tidy(line)
    t = nfkc(raw)
    n = norm(raw)
    if not n or len(n) > 70:
        return None
    if (mark := _MARK_RE.match(raw)) and re.fullmatch(r"[^：:。]{2,15}[：:]\s*\S.*", mark.group(2)) \
            and not re.search(r"単位\s*[：:]", mark.group(2)):
        return None  # 「■総合判定：B（…）」: a field and its value, not a heading
    if (mark := _MARK_RE.match(raw)) and _heading_text(rest := mark.group(2)):
        # 「■2　業績指標と実績」 over 「◆業績指標1　…」: the mark says the level, the words what opens
        marked = match_generic_heading(rest)
        level = _MARK_LEVEL[mark.group(1)]
        return GenericHeading(marked.kind, level, raw, marked.name, marked.number) if marked is not None \
            else GenericHeading("heading", level, raw, rest)
    if n in SECTION_WORDS or n.rstrip(":：") in SECTION_WORDS:
        return GenericHeading("heading", 1, raw, raw.rstrip(":："))
    # 「【測定指標1】担い手が利用する面積の割合」「【施策の概要】」: a bracketed label opens a section.
    if (m := re.match(r"^【([^】]{1,30})】\s*(.*)$", raw)) and _heading_text(m.group(1)):
        inner, rest = m.group(1), m.group(2)
        if _INDICATOR_RE.match(norm(inner)) and (rest == "" or _heading_text(rest)):
            return _named(1, raw, f"{inner} {rest}".strip())
        if rest == "" or _heading_text(rest):  # (「【１】施策の予算額・執行額等」: the number is not its name)
            name = rest if rest and re.fullmatch(r"[\dIVX]+", nfkc(inner)) else f"{inner} {rest}"
            return GenericHeading("heading", 1, raw, tidy(name))
    if _INDICATOR_RE.match(n) and _heading_text(raw):
        return _named(1, raw, raw)
    for rx, level in ((_ROMAN_RE, 0), (_CHAPTER_RE, 0), (_NUMBER_RE, 1), (_PAREN_NUMBER_RE, 2)):
        if (m := rx.match(t)) and _heading_text(m.group(2)):
            return _named(level, raw, m.group(2))
    # 「（判断根拠）」 is a heading; 「（千円）」「（単位：人）」 and 「（国土交通省R4－⑫）」 are not.
    if (m := _PAREN_ONLY_RE.match(t)) and _heading_text(m.group(1)) and "単位" not in t \
            and not re.search(r"\d|円|%", m.group(1)) and not any(x in m.group(1) for x in MINISTRIES):
        return GenericHeading("heading", 2, raw, tidy(m.group(1)))
    return None


# --- metadata ---------------------------------------------------------------------------------------


@dataclass
class FormMetadata:
    """What a general document says about itself, where it says it (None when not found)."""

    title: str | None = None
    ministry: str | None = None
    fiscal_year: int | None = None
    document: str | None = None
    bureau: str | None = None
    policy_number: str | None = None
    evaluation_time: str | None = None


# 「担当部局名：経営局」, or 「【担当部局名】観光戦略課」 (a bracketed label with its value after it on the line)
# (「2. 担当部局名：…」: a number before the label is the form's numbering)
_KEY_VALUE_RE = re.compile(rf"^(?:[■□◆◇●]\s*)?(?:\d{{1,2}}[.．)）]\s*)?"
                           rf"(?:([{CJK}・]{{2,14}})\s*[:：]|【([{CJK}・]{{2,14}})】)\s*(\S.*)$")
_BRACKETED_LABEL_RE = re.compile(r"^【([^【】]{2,14})】$")  # 「【施策名】 | 中小事業者の…」: the label in its own cell
# 「担当部局 上下水道審議官グループ 水道事業課」「評価実施時期 令和6年8月 次回の政策評価実施予定時期 令和9年8月」:
# the form's own labels, set apart from their values by a space only (a PDF printed without a table)
_LABELS = "|".join(sorted({*TITLE_KEYS, *BUREAU_KEYS, *TIME_KEYS, "作成責任者名",
                           "作成責任者"}, key=len, reverse=True))
_SPACED_FIELD_RE = re.compile(rf"(?:^|(?<=\s))({_LABELS})[ \u3000]+(\S.*?)(?=[ \u3000]+(?:{_LABELS})[ \u3000]|$)")


def _spaced_fields(text: str) -> list[tuple[str, str]]:
    """The form's labels and their values on a line that sets them apart by spaces only."""
    text = text.strip()
    found = list(_SPACED_FIELD_RE.finditer(text))
    return [(m.group(1), m.group(2)) for m in found] if found and found[0].start() == 0 else []


def _pairs(lines: list[Line]) -> list[tuple[str, str]]:
    """Key/value pairs: neighbouring cells (「担当部局名」「経営局」), and 「key：value」 written in one cell,
    several to a line when spaces part them (「担当部局名：経営局　　作成責任者名：経営政策課長」)."""
    out: list[tuple[str, str]] = []
    for ln in lines:
        cells = [c.strip() for c in ln.cells if c.strip()]
        if not all((m := _KEY_VALUE_RE.match(c)) and m.group(2) for c in cells):  # (not 「【label】value」 cells)
            out.extend((norm(_BRACKETED_LABEL_RE.sub(r"\1", re.sub(r"[(（]※[)）]", "", a))), tidy(b))
                       for a, b in zip(cells, cells[1:]))
        for cell in cells:
            for part in re.split(r"(?:\u3000|\s){2,}", cell):
                if m := _KEY_VALUE_RE.match(part.strip()):
                    out.append((norm(m.group(1) or m.group(2)), tidy(m.group(3))))
        if len(cells) == 1:
            out.extend((norm(a), tidy(b)) for a, b in _spaced_fields(cells[0]))
    return out


def form_fields(lines: list[Line]) -> list[dict]:
    """The label/value fields of a general document (施策の概要, 達成すべき目標, 作成責任者名 …), first of each
    label, with their line: rows of label/value cells, and 「label：value」 written in one line."""
    fields: list[dict] = []
    seen: set[str] = set()

    def is_header(label: str, value: str) -> bool:
        label, value = tidy(label), tidy(value)
        header = any(re.fullmatch(r"(?:令和|平成|昭和|[RH])?(?:\d{1,4}|元)(?:事務)?年度?末?", norm(x))
                     for x in (label, value)) \
            or unit_of(value) is not None or measure_of(label) is not None or measure_of(value, whole=True) \
            or label.startswith(("(", "（"))  # a table's header or a unit note, not a field
        # 「参加者数 | 1,200人」 is a figure of some year, not a field (「2050年カーボンニュートラル…」 is text).
        return bool(header) or bool(re.fullmatch(r"約?[△▲\-−]?[\d,.]+[^\d\s]{0,4}(?:\([^()]{0,12}\))?", norm(value)))

    def add(label: str, value: str, ln: Line) -> None:
        label, value = tidy(label), tidy(value)
        if 2 <= len(norm(label)) <= 24 and len(norm(value)) >= 2 and norm(label) not in seen \
                and not is_header(label, value) and norm(label) != norm(value) \
                and parse_cell(label) is None and parse_cell(value) is None:
            seen.add(norm(label))
            fields.append({"label": label, "value": value, "line": ln.number, "page": ln.page})

    for i, ln in enumerate(lines):
        cells = [c.strip() for c in ln.cells if c.strip()]
        bracketed = [m for c in cells if (m := _KEY_VALUE_RE.match(c)) and m.group(2)]
        if cells and len(bracketed) == len(cells):  # 「【担当部局名】…」 cells, each a field of its own
            for m in bracketed:
                add(m.group(2), m.group(3), ln)
        elif len(cells) in (2, 4, 6) and not any(parse_cell(c) for c in cells):
            pairs = list(zip(cells[::2], cells[1::2], strict=True))
            if len(pairs) > 1 and any(is_header(a, b) for a, b in pairs):
                continue  # a table's header row (「出所年 | 年ごとの目標値 | 実績値 | 達成状況」), not fields
            below = [c.strip() for c in lines[i + 1].cells if c.strip()] if i + 1 < len(lines) else []
            if len(below) == len(cells) and all(parse_cell(c) is not None for c in below[1:]):
                continue  # 「地方局 | 相談件数」 over 「北海道 | 1,204」: the header of a table under it
            for a, b in pairs:
                add(_BRACKETED_LABEL_RE.sub(r"\1", a), b, ln)
        elif len(cells) == 1:
            for part in re.split(r"(?:\u3000|\s){2,}", cells[0]):
                if m := _KEY_VALUE_RE.match(part.strip()):
                    add(m.group(1) or m.group(2), m.group(3), ln)
            for a, b in _spaced_fields(cells[0]):
                add(a, b, ln)
    return fields


def _numbered(label: str) -> str:
    """「施策目標IV-2-3」 → 「施策目標」: a label that carries the 施策's number after it."""
    return re.sub(r"\s*(?:[IVX]+|\d+)(?:\s*-\s*(?:[IVX]+|\d+))*$", "", label)


def _first(pairs: list[tuple[str, str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:  # in order of preference: 施策名 before 施策目標
        for k, v in pairs:
            # 「施策名（業績目標）」 is the 施策名 too: what a label adds in brackets names the form's word for it.
            if (k == norm(key) or re.sub(r"\([^()]*\)$", "", k) == norm(key) or _numbered(k) == norm(key)) and v \
                    and norm(v) not in {norm(x) for x in (*TITLE_KEYS, *BUREAU_KEYS)}:
                return v
    return None


_NUMBERED_TITLE_RE = re.compile(r"(?:施策目標|政策目標|施策|政策)\s*(?:[IVX]+|\d+)(?:\s*[-－−‐]\s*(?:[IVX]+|\d+))+"
                                r"\s+(\S.{3,})$")


def read_form_metadata(lines: list[Line]) -> FormMetadata:
    """Title, ministry, 年度, document name, 担当部局 and policy number of a general evaluation document."""
    meta = FormMetadata()
    head = [ln for ln in lines if not ln.blank][:HEAD_LINES]
    pairs = _pairs(lines)
    title = _first(pairs, TITLE_KEYS)
    for ln in head if title is None else []:  # 「施策目標Ⅳ−5−1 自殺総合対策を推進し、…」: a numbered title line
        if len(ln.cells) == 1 and (m := _NUMBERED_TITLE_RE.match(nfkc(ln.cells[0]).strip())):
            title = tidy(m.group(1))
            break
    if title:  # 「政策7：行政手続の…」「⑤担い手の育成…」「1　交通事故の抑止」: the name without its number
        meta.title = re.sub(rf"^(?:政策\s*\d+\s*[:：]\s*|[{CIRCLED}]\s*|\d{{1,2}}[\s\u3000]+(?=\D))", "", title)
        # 「再犯防止対策の推進（基本政策Ⅴ …／施策13）」: where the 施策 stands in the ministry's system is not its name
        meta.title = re.sub(r"\s*[(（][^()（）]*(?:施策|政策|基本目標)[^()（）]*[)）]$", "", meta.title) or meta.title
    meta.bureau = _first(pairs, BUREAU_KEYS)
    meta.evaluation_time = _first(pairs, TIME_KEYS)
    for ln in head:
        text = tidy(ln.text.replace("\t", " "))
        n = norm(text)
        if meta.fiscal_year is None and len(n) <= 60 and any(w in n for w in _PAPER_WORDS) \
                and (m := _PAPER_YEAR_RE.search(n)):
            meta.fiscal_year = parse_fiscal_year(m.group(0))
            meta.document = text
        if (meta.ministry is None or meta.fiscal_year is None) and (m := _MINISTRY_YEAR_RE.search(nfkc(n))) \
                and (named := next((x for x in MINISTRIES if m.group(1).endswith(x)), None)):
            meta.ministry = meta.ministry or named
            if meta.fiscal_year is None:
                era = {"R": "令和", "H": "平成"}.get(m.group(2) or "", m.group(2) or "令和")
                meta.fiscal_year = era_year(era, m.group(3))
        if meta.ministry is None:
            meta.ministry = next((x for x in MINISTRIES if x in n), None)
        if meta.ministry is None and len(n) <= 40 and (m := _BODY_RE.search(n)):
            meta.ministry = m.group(1)  # (a body of no list: 「令和6年度 防衛装備庁 事前分析表」)
        if meta.policy_number is None and (m := _POLICY_NUMBER_RE.search(nfkc(n))):
            meta.policy_number = m.group(1)
    if meta.policy_number is None and title and (m := _POLICY_NUMBER_RE.search(norm(title))):
        meta.policy_number = m.group(1)
    return meta
