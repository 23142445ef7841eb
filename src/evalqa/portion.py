"""A part of a whole asked: 「相談件数のうち、高齢者からのものは？」 asks the part, not the whole. A figure or a
sentence of the whole does not answer; a sentence stating the part (「このうち高齢者からの相談は2,514件」) does, and
when no table or sentence holds the part, the answer is that the sheets do not give it."""
from __future__ import annotations

import re
from collections.abc import Sequence

from .figure import Figure
from .normalize import norm
from .question import QuestionAnalysis
from .subject import Subject
from .terms import terms

# 「AのうちB」: the part B (a noun, up to its particle); not 「うち最も多い」 (a ranking), not a year or a number
_PART_RE = re.compile(r"のうち[、,]?([^\s、。?？はがにをのでとも]{2,14})")
_NOUN_RE = re.compile(r"[一-龥々ァ-ヴーA-Za-z0-9・]+(?:向け|用)?")
_NOT_PART_RE = re.compile(r"^(?:最も|一番|いちばん|最大|最小|どれ|何|いくつ|どの|主な|主要|[0-9]|令和|平成|R\d)")


def part_asked(a: QuestionAnalysis) -> str | None:
    """The part a question asks of a whole (「…件数のうち、高齢者は」 → 高齢者), else None."""
    m = _PART_RE.search(a.normalized)
    # (a noun names a part; a clause, 「…のうち救助されたのは」, a sentence may word otherwise)
    return m.group(1) if m is not None and not _NOT_PART_RE.match(m.group(1)) \
        and _NOUN_RE.fullmatch(m.group(1)) else None


def holds_part(part: str, subject: Subject) -> bool:
    """Does the subject count the part (its name or one of its rows says it, or says every word of it:
    「老朽化対策が必要な」 of 「老朽化により対策が必要な」)?"""
    said = [norm(subject.name), *(norm(s or "") for s in subject.series)]
    words = [t for t in terms(part) if len(t) >= 2]
    return any(part in x or (len(words) > 1 and all(w in x for w in words)) for x in said)


def part_fact(part: str, facts: Sequence[Figure], sheets: Sequence[str], years: Sequence[int]) -> Figure | None:
    """The one value a sentence of the sheets states for the part (「このうち高齢者は2,514件」): a number
    whose counted noun or 「うち」 clause names it; None when none or several disagreeing ones do."""
    said = [f for f in facts if f.sheet in sheets and part in norm(f"{f.subject}・{f.series or ''}")
            and (not years or f.fiscal_year in years)]
    for tier in ([f for f in said if "うち" in (f.note or "")], said):  # (「このうち…」 says a part first)
        found = {f.value: f for f in tier}
        if len(found) == 1:
            return next(iter(found.values()))
    return None
