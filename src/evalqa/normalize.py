"""Text forms: `norm` for matching, `nfkc` for width only, `tidy` for display.

`norm` is the one matching form of the package: every comparison of sheet or question text goes
through it, so that 「令和 2 年 度」, 「令和２年度」 and 「令和2年度」 compare equal.
"""
from __future__ import annotations

import re
import unicodedata

# Japanese characters (kana, CJK ideographs, full-width forms) and the iteration / closing marks.
CJK = r"\u3000-\u30ff\u3400-\u9fff\uff00-\uffef々〆〇"


def nfkc(text: str) -> str:
    """NFKC only: 「Ｒ２」 → 「R2」, 「（」 → 「(」; whitespace kept."""
    return unicodedata.normalize("NFKC", text)


def norm(text: str) -> str:
    """Matching form: NFKC, whitespace removed."""
    return re.sub(r"\s+", "", nfkc(text))


def tidy(text: str) -> str:
    """Display form: drop the spaces a PDF puts inside wrapped Japanese cells, keep the rest.

    「親日派・ 知日派予備 軍育成のため」→「親日派・知日派予備軍育成のため」, 「平成 27 年 度」→「平成27年度」.
    """
    # Some extractions keep HTML paragraph tags (「<p>…</p>」); 「<」「>の内数」 cells are not tags.
    t = re.sub(r"</?(?:p|br|div|span)\s*/?>", " ", text, flags=re.I)
    t = re.sub(r"\s+", " ", t.replace("\u3000", " ")).strip()
    # A space next to a Japanese character or a digit between Japanese is wrapping, not meaning.
    t = re.sub(rf"(?<=[{CJK}])\s+(?=[{CJK}\d(（])", "", t)
    t = re.sub(r"(?<=\d)\s+(?=[年度回人件か%％]|[月日](?![\u4e00-\u9fff]))", "", t)
    t = re.sub(rf"(?<=[)）])\s+(?=[{CJK}])", "", t)
    t = re.sub(rf"(?<=[{CJK}(（])\s+(?=\d)", "", t)
    return t
