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
    """Matching form: NFKC, radicals as ideographs (a question pasted from a PDF), whitespace removed."""
    return re.sub(r"\s+", "", nfkc(ideographs(text)))


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


# A PDF whose font draws a radical and its ideograph with one glyph extracts 「⽬標」「⻑官」 for 目標, 長官 (Noto CJK
# and many fonts ministries use). Kangxi radicals (U+2F00–2FDF) have NFKC forms; the supplement's (U+2E80–2EFF)
# have none, so their equivalents are listed: the ideograph the font shares each glyph with.
_SUPPLEMENT: dict[int, int | str] = {**str.maketrans(
    "⺂⺃⺅⺉⺋⺎⺏⺐⺒⺓⺔⺖⺘⺙⺛⺞⺟⺠⺡⺣⺦⺨⺫⺭⺯⺰⺱⺲⺹⺺⺾⻂⻃⻄⻅⻈⻉⻋⻍⻐⻑⻒⻓⻖⻘⻙⻚⻛⻜⻟⻠⻢⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻲⻳",
    "乛乚亻刂㔾兀尣尢巳幺彑忄扌攵旡歺母民氵灬丬犭罒礻糹纟罓罒耂肀艹衤覀西见讠贝车辶钅長镸长阝青韦页风飞飠饣马鱼鸟卤麦黄黾斉齐歯齿竜龙亀龟",
), 0x2027: "・", 0x301C: "～"}  # (and the glyph twins of punctuation: 「‧」 for 「・」, 「〜」 for 「～」)
_RADICAL_RE = re.compile("[\u2e80-\u2fdf\u2027\u301c]")


def ideographs(text: str) -> str:
    """Radicals extracted in place of ideographs, as the ideographs: 「⽬標値」 → 「目標値」, 「⻑官」 → 「長官」."""
    if not _RADICAL_RE.search(text):
        return text
    # NFKC gives ⼾ as 戶; Japanese text means 戸, the ideograph the fonts share its glyph with.
    return _RADICAL_RE.sub(lambda m: "戸" if m.group() == "⼾" else nfkc(m.group()), text.translate(_SUPPLEMENT))
