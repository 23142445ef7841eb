"""Japanese names written in Latin letters: 「Michibiki」 is みちびき, 「Rausu」 is 羅臼 (ラウス).

English questions name places, programmes and systems by their romanized Japanese names. A name the sheets never
write in Latin letters is still theirs when its letters are the reading of one of their words: the reading MeCab
gives (katakana) is written in Hepburn and compared loosely (long vowels, ん before b/p/m, つ as tsu or tu).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from .terms import tagger

_ROWS = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o", "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so", "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te",
    "ト": "to", "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no", "ハ": "ha", "ヒ": "hi", "フ": "fu",
    "ヘ": "he", "ホ": "ho", "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo", "ヤ": "ya", "ユ": "yu",
    "ヨ": "yo", "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro", "ワ": "wa", "ヲ": "o", "ン": "n",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go", "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze",
    "ゾ": "zo", "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do", "バ": "ba", "ビ": "bi", "ブ": "bu",
    "ベ": "be", "ボ": "bo", "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po", "ヴ": "vu",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
}
# A consonant's row before a small ャ/ュ/ョ (キャ → kya, シャ → sha, ジャ → ja)
_YOON = {"キ": "ky", "ギ": "gy", "シ": "sh", "ジ": "j", "チ": "ch", "ヂ": "j", "ニ": "ny", "ヒ": "hy", "ビ": "by",
         "ピ": "py", "ミ": "my", "リ": "ry"}
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}


def kana_to_romaji(kana: str) -> str:
    """Hepburn letters of a katakana (or hiragana) reading: ホッカイドウ → hokkaidou, チュウ → chuu."""
    text = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in kana)
    out: list[str] = []
    double = False
    i = 0
    while i < len(text):
        c = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if c == "ッ":
            double = True
            i += 1
            continue
        if c == "ー":
            out.append(out[-1][-1] if out and out[-1][-1] in "aiueo" else "")
            i += 1
            continue
        if c in _YOON and nxt in _SMALL_Y:
            syl, i = _YOON[c] + _SMALL_Y[nxt], i + 2
        elif c in _ROWS:
            syl, i = _ROWS[c], i + 1
        else:
            return ""  # (not a reading: no letters for it)
        if double and syl[0] not in "aiueon":
            syl = ("t" if syl.startswith("ch") else syl[0]) + syl
        double = False
        out.append(syl)
    return "".join(out)


def loose(letters: str) -> str:
    """Letters as names are spelled many ways: long vowels single (ou, oo, uu, ō → o/u), m before b/p/m as n,
    tu/ti/si/zi/hu as tsu/chi/shi/ji/fu."""
    s = letters.lower()
    s = s.translate(str.maketrans("āīūēō", "aiueo"))
    s = re.sub(r"[^a-z]", "", s)
    for a, b in (("tu", "tsu"), ("ti", "chi"), ("si", "shi"), ("zi", "ji"), ("hu", "fu")):
        s = re.sub(rf"(?<![tcs]){a}", b, s) if a != "tu" else re.sub(r"(?<!s)tu", "tsu", s)
    s = re.sub(r"m(?=[bpm])", "n", s)
    s = re.sub(r"ou|oo", "o", s)
    s = re.sub(r"([aiue])\1", r"\1", s)
    return s


def readings(words: Iterable[str]) -> dict[str, str]:
    """Loose Hepburn letters → the word they read, for the words of kanji or kana."""
    out: dict[str, str] = {}
    for word in words:
        if word.isascii() or len(word) < 2:
            continue
        kana = "".join(w.feature.kana or "" for w in tagger()(word) if w.feature.kana and w.feature.kana != "*")
        letters = loose(kana_to_romaji(kana)) if kana else ""
        # (of a word and its lemma in katakana, 羅臼 and ラウス, the word as the sheets write it)
        if len(letters) >= 4 and (letters not in out or re.fullmatch(r"[ァ-ヴー]+", out[letters])):
            out[letters] = word
    return out


def loanwords(texts: Iterable[str]) -> dict[str, str]:
    """English spellings → the katakana words of the texts they are the origin of, as UniDic gives a loanword's
    origin (ムーン-moon, ショット-shot): 「moonshot」「moon shot」 → ムーンショット, 「symposium」 → シンポジウム.
    A run of loanwords is one word under each spelling of the run (joined, spaced, hyphenated)."""
    out: dict[str, str] = {}
    for text in dict.fromkeys(texts):
        run: list[tuple[str, str]] = []
        for w in [*tagger()(text), None]:
            origin = _origin(w) if w is not None else None
            if origin is not None and w is not None:
                run.append((w.surface, origin))
                continue
            for i in range(len(run)):  # every sub-run: 「ノンステップバス」 is also 「step bus」, 「bus」
                for j in range(i + 1, len(run) + 1):
                    kana = "".join(s for s, _ in run[i:j])
                    for spelling in {sep.join(o for _, o in run[i:j]) for sep in ("", " ", "-")}:
                        out.setdefault(spelling, kana)
            run = []
    return out


def _origin(w) -> str | None:  # noqa: ANN001 - a fugashi node
    """The English a katakana token comes from (「ショット-shot」 → shot), else None."""
    lemma = w.feature.lemma or ""
    if not re.fullmatch(r"[ァ-ヴー・]+", w.surface) or "-" not in lemma:
        return None
    origin = lemma.rsplit("-", 1)[1].lower()
    return origin if re.fullmatch(r"[a-z]+", origin) else None
