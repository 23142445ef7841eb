"""Facts from prose: counts and amounts a sheet states in sentences rather than in tables, each a `Figure`
with measure 「本文記載」 and its sentence as `raw`, of the year its sentence (or paragraph, or section) is of.
How one sentence is read (subject, series, note) is `sentence_facts`'s."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .cells import parse_cell
from .counts import WIDTH
from .fact_years import OPENING_YEAR_RE, YEAR_RE, results_year, year_before
from .figure import Figure
from .fiscal_year import to_label
from .normalize import tidy
from .sentence_facts import SINCE_RE, read_sentence
from .sheet import Section, Sheet

MEASURE = "本文記載"

_RESULTS_RE = re.compile(r"進捗状況|実績|実施状況|評価結果|施策の分析|目標達成度合いの測定結果")
_NOTE_RE = re.compile(r"^[(（]?(?:注|※)")
_PART_OF_BEFORE_RE = re.compile(r"^(?:この|その)うち|^[^、。]{1,8}別(?:では|に見ると|にみると)|^(?:その)?内訳は")



@dataclass
class _Piece:
    """A run of prose (a paragraph or a text cell) and the line each part of it came from."""

    text: str
    starts: list[tuple[int, int]] = field(default_factory=list)  # (offset, line), ascending
    cell: bool = False  # a table's text cell (「課題」「判断根拠」 rows): a topic of its own

    def line_at(self, offset: int) -> int:
        return [ln for off, ln in self.starts if off <= offset][-1]


def since_marker(f: Figure) -> str | None:
    """The marker of a stated amount of change on the year before (「前年から」 of 「前年から27人減少」), kept in the
    fact's note; None for a count of a year."""
    return _since_in(f.note)


def _since_in(note: str | None) -> str | None:
    return next((m for m in (note or "").split("、") if SINCE_RE.fullmatch(m)), None)


def is_part(f: Figure) -> bool:
    """Is the fact a part of its sentence's whole (「延べ120隻で、このうち85隻は外国船籍」)?"""
    return "うち" in (f.note or "")


def names_part(f: Figure, words: Iterable[str]) -> bool:
    """A part answers only when the question names what sets it apart from the whole (「外国の」 of 外国船籍)."""
    return is_part(f) and any(w in f"{f.subject} {f.series or ''}" for w in words)


def is_change(f: Figure) -> bool:
    """A stated amount of change on the year before, not a count of either year."""
    return since_marker(f) is not None


def extract_facts(sheet: Sheet) -> list[Figure]:
    """Every count or amount stated in a sentence of the sheet's prose, as `Figure`s (measure 本文記載)."""
    out: list[Figure] = []
    reported = results_year(sheet.text, sheet.fiscal_year, sheet.era)
    for section in sheet.sections:
        year = _section_year(section)
        if year[1] is None and reported and _RESULTS_RE.search(" ".join(section.path)):
            year = (to_label(reported), reported)  # a results section's prose is of the year it reports
        # 「令和4年中の…。死者のうち…」: a paragraph's opening year holds for its sentences, and for the section's
        # paragraphs after it (「令和5年度は、…。」 then 「事故調査情報の発信については、…計46回」) until another opens
        carried = None
        paragraph: list[Figure] = []  # the facts of the previous paragraph's last sentence
        for piece in _pieces(section):
            if piece.cell or _NOTE_RE.match(piece.text):  # a table's cell, a note: a topic of its own
                carried, paragraph = None, []
            before: list[Figure] = []  # the previous sentence's facts
            last, paragraph = paragraph, []
            for k, (start, sentence) in enumerate(_sentences(piece.text)):
                if OPENING_YEAR_RE.match(sentence.strip()):
                    carried = year_before(sentence.strip(), 20, sheet.era) or carried
                # 「このうち1・2歳児が2,360人」: a part of the previous sentence's count, of its year (「船舶の種類別
                # では、漁船が…118件」 opening a paragraph: of the last sentence of the paragraph before)
                whole = next((f for f in (before if k else last) if _PART_OF_BEFORE_RE.match(sentence.strip())), None)
                if whole is not None and not k:
                    before = last
                now: list[Figure] = []
                for fact in read_sentence(sentence, sheet.era):
                    # 「…は3,276人となった。相談員数は前年から27人減少」: a change of the count before, of its year
                    if fact["year"] is None and _since_in(fact["note"]) and (prior := next(
                            (f for f in reversed(before) if f.unit == fact["unit"] and f.fiscal_year), None)):
                        fact["year"] = (prior.year_label, prior.fiscal_year)
                    label, fy = fact.pop("year", None) or (
                        (whole.year_label, whole.fiscal_year) if whole is not None else carried or year)
                    series, note = fact["series"], fact["note"]
                    # (the whole is the count before in the same unit: 「156機関、延べ約1万3千人が参加した。このうち
                    # 住民の参加者は約4,200人」 is a part of the 1万3千人, of what they took part in)
                    same = next((f for f in before if f.unit == fact["unit"]), None) if whole is not None else None
                    if same is not None:
                        words = [same.series, same.subject if same.subject != fact["subject"] else None, series]
                        series = "・".join(dict.fromkeys(x for x in words if x))
                        note = note if "うち" in (note or "") else "、".join(x for x in ("うち", note) if x)
                    now.append(Figure(
                        sheet=sheet.id, section=section.path, subject=fact["subject"], series=series,
                        measure=MEASURE, fiscal_year=fy, year_label=label, value=fact["value"],
                        unit=fact["unit"], raw=sentence.strip(), line=piece.line_at(start + fact["at"]),
                        note=note))
                out.extend(now)
                before = now
                paragraph = now or paragraph
    out.sort(key=lambda f: f.line or 0)
    return out


# --- where the prose is -------------------------------------------------------------------------------


def _section_year(section: Section) -> tuple[str | None, int | None]:
    """The year a section is about: a 年度目標 names it; a 施策の進捗状況・実績 reports the 年度目標 just before it."""
    s: Section | None = section
    while s is not None and s.kind != "root":
        if s.fiscal_year is not None:
            return _label_of(s.title, s.fiscal_year), s.fiscal_year
        if s.kind == "progress" and s.parent is not None:
            sibs = s.parent.children
            before = sibs[:sibs.index(s)]
            if before and before[-1].kind == "year_target" and before[-1].fiscal_year is not None:
                return _label_of(before[-1].title, before[-1].fiscal_year), before[-1].fiscal_year
        s = s.parent
    return None, None


def _label_of(title: str, fiscal_year: int) -> str:
    m = YEAR_RE.search(tidy(title).translate(WIDTH))
    return m.group(0) if m else f"{fiscal_year}年度"


def _pieces(section: Section) -> list[_Piece]:
    """The section's paragraphs (lines that are not table rows, joined as `Section.blocks` joins them) and
    the text cells of its table rows that are sentences (value cells are table figures already)."""
    out: list[_Piece] = []
    for first, last, text, is_table in section.blocks():
        own = [(ln, t) for ln, t in section.lines if first <= ln <= last]
        if not is_table:
            piece = _Piece("")
            for ln, t in own:
                if "\t" not in t and (t := tidy(t)):
                    piece.starts.append((len(piece.text), ln))
                    piece.text += t
            # Should the paragraph's joining ever change, the first line is still a true line of it.
            out.append(piece if piece.text == text else _Piece(text, [(0, first)]))
            continue
        for ln, row in own:
            for c in map(tidy, row.split("\t")):
                if len(c) >= 8 and re.search(r"[\u3041-\u309f]", c) and parse_cell(c) is None:
                    out.append(_Piece(c, [(0, ln)], cell=True))
    return out


def _sentences(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in re.finditer(r"[^。]+。?", text) if m.group(0).strip()]


# --- reading a sentence -------------------------------------------------------------------------------
