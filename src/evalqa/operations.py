"""Questions over several figures: which operation of `evalqa.aggregate` a question asks (count, related, missed,
met, rank, compare, graded, bounded) and the grade or bound it names, read from its words alone."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .fiscal_year import find_fiscal_years
from .normalize import nfkc

# Words that ask a number of some kind (数, 率, いくら, どのくらい …)
NUMERIC_RE = re.compile(r"数|率|額|割合|何回|何人|何件|いくつ|いくら|値|%|％"
                         r"|どのくらい|どれくらい|どれだけ|どれほど|何万|何千")
# Questions over several figures. Checked in order; each names an operation of `evalqa.aggregate`.
OPERATIONS = [
    # (「実証事業は何件」 counts 実証事業, a thing the sheet's text may state, not the 施策's 事業)
    ("count", re.compile(r"(測定指標|指標|達成手段|事務事業|(?<![一-龥ァ-ヴー])事業|個別分野|参考指標)"
                         r"(?:は|が|の数は|の数|を)?[、，]?"
                         r"(?:全部で|合計|全体で|いくつ|何件|何個|何本|何項目|何つ|幾つ|の数)")),
    ("count", re.compile(r"(測定指標|指標|達成手段|個別分野|参考指標)[^、。]{0,12}(?:いくつ|何件|何個|何本|何項目)")),
    ("count", re.compile(r"(?:いくつ|何件|何個|何本|何項目|何つ)の"
                         r"(?:測定指標|業績指標|成果指標|指標|達成手段|個別分野|参考指標)")),
    # (「防災関係の達成手段」 is a field's means, not the means related to an indicator)
    ("related", re.compile(r"(?:(?:関連|関係|対応)(?!の(?!ある|深い))|紐づ|紐付|ひもづ)[^、。]{0,10}達成手段"
                           r"|(?:(?:関連|関係|対応)(?:する|している|した|の深い)|紐づ|紐付|ひもづ)[^、。]{0,10}(?:事務)?事業"
                           r"|(?:達成手段|事務事業)[^、。]{0,6}(?:関連|関係|紐づ|紐付)")),
    ("missed", re.compile(r"達成(?:でき)?(?:なかった|していない|せず|できていない)|未達|届かなかった|届いていない"
                          # (「下回った（×または△）スポーツ庁の指標」: an aside in brackets, whose indicators)
                          r"|下回った(?:\([^()]{0,12}\))?(?:[^、。]{0,4}?|[^、。]{0,10}?の)(?:指標|もの|区分)"
                          r"|目標(?:に|を)(?:届か|達し)(?:ない|なかった)"
                          r"|^どれ[^、。]{0,30}?指標(?:が|は|で)?(?:達成(?:でき)?なかった|下回った)")),
    ("met", re.compile(r"(?:目標(?:値)?を)?(?:達成した|達成できた|達成(?:でき|し)てい(?:る|た)|達成とされた|達成とした"
                       r"|(?<!未)達成(?:に|と)なった"
                       r"|クリアした|上回った)"
                       r"[^、。]{0,6}?(?:指標|もの|区分|のは|項目|年度(?=(?:は|が)?(?:いくつ|何|いつ|どれ|挙げ)))"
                       # 「どれ…測定指標達成した目標値」: 'which of the indicators met their target', glossed
                       r"|^どれ[^、。]{0,30}?指標(?:が|は|で)?(?:達成した|クリアした|上回った)")),
    # 「指標のうち低いほど良いものをすべて挙げて」: the ones of a kind, listed.
    ("count", re.compile(r"(?:測定指標|業績指標|成果指標|指標|達成手段)のうち[^。]{0,30}?"
                         r"(?:全部|すべて|全て)(?:教え|挙げ|列挙)")),
    ("count", re.compile(r"(?:測定指標|業績指標|成果指標|指標|達成手段)のうち[^。]{0,40}?(?:いくつ|何件|何個)")),
    ("count", re.compile(r"(測定指標|達成手段|個別分野|参考指標)(?:を|は)?"
                         r"[^、。]{0,4}?(?:挙げ|列挙|一覧|すべて教え|全て教え|全部教え|何と何|何がある|どんなものがある)")),
    # 「値が低いほど望ましい指標は？」: the indicators of one direction, listed
    ("count", re.compile(r"(?:小さい|低い|少ない|大きい|高い|多い)ほど(?:良い|よい|良好|望ましい|目標に近づく)")),
    # 「主要な指標はどれとどれ？」: the main ones, listed
    ("count", re.compile(r"主要[^、。]{0,12}(?:測定指標|業績指標|指標)[^、。]{0,16}(?:どれ|何|教え|挙げ)")),
    # 「達成手段で当初予算額が大きいのはどっち？」: the largest of many, asked as a choice.
    ("rank", re.compile(r"(?:大きい|多い|高い|小さい|少ない|低い)(?:の|もの|方)(?:は|が)"
                        r"(?:どれ|どっち|どちら|何|どの)")),
    ("rank", re.compile(r"最も|一番|いちばん|最大|最小|最高|最低|トップ|ワースト|上位|下位|\d番目に")),
    ("compare", re.compile(r"どちら|どっち|比べ|比較|増え|減っ"
                           r"|より(?:何[^、。]{0,4}?|いくら|どれ(?:くらい|だけ|ほど))?(?:多|少|大|小|高|低)"
                           r"|(?:増加|減少)(?!率|数|量|件数|幅)"
                           r"|上回|下回|前年度比|差は|差が|差を|差額|(?<!間)違い|伸び(?!率)|増減|上がっ|下がっ|上昇し|低下し|高くなっ|低くなっ"
                          r"|(?:目標|目標値)(?:に|を)(?:届い|達成でき(?:た|てい))|目標(?:値)?に対してどう|目標(?:は|を)?達成[?？]?$"
                          r"|(?:目標|目標値)を?(?:クリア|満た)(?:し|せ|でき)"  # 「目標はクリアできた？」「満たした？」
                          # 「それって達成できてる？」「達成してた？」: of the subject in focus, not a list
                          r"|達成(?:でき|し)(?:て(?:る|い|た)|そう|た(?=の|か|って|[?？]|$))(?![^、。?？]{0,8}?(?:指標|もの|区分|項目|のは|事業))")),
]
# 「6つの指標のうちいくつが目標を達成した？」: the count asked first, the result after it
_MAIN_INDICATORS_RE = re.compile(r"主要[^、。]{0,12}(?:測定指標|業績指標|成果指標|指標)")
_HOW_MANY = r"(?:いくつ|何件|何個|何指標)[^。？?]{0,16}?"
_COUNTED_BY_RESULT = (
    ("missed", re.compile(rf"{_HOW_MANY}(?:達成(?:でき)?(?:なかった|していない)|未達|届かなかった)")),
    ("met", re.compile(rf"{_HOW_MANY}(?:達成した|達成できた|達成している|上回った|クリアした)")),
)

# 「何ポイント届かなかった」「どれだけ上回った」: the amount of a miss (of one value), not which ones missed
_BY_HOW_MUCH_RE = re.compile(r"(?:何ポイント|どれ(?:だけ|くらい|ほど)|どの(?:くらい|程度)|いくら|差"
                             r"|何(?:人|件|回|か所|トン|%|％))(?:[^、。？?]{0,6})(?:届か|足りな|不足|下回|上回|超え|オーバー|離れ)")
_WHICH_ONES_RE = re.compile(r"指標(?:は|が|を)|もの|区分|項目|どれ(?!だけ|くらい|ほど)|どの(?!くらい|程度)|いくつ"
                            r"|のうち|何(?:件|個|つ)が")
_RANK_MIN_RE = re.compile(r"低い|少ない|小さい|最小|最低|下位|ワースト|少なかった|低かった")

# 「遊泳中と釣り中ではどちらが」「テレビ・ラジオとインターネット広報でどちらが」: two things named to compare
_NAME = r"[一-龥ァ-ヴーA-Za-z0-9・]{1,12}(?:[りしきみえ][一-龥]{1,6})?(?:向け)?"  # (釣り中, 中国向け)
# 「東京と大阪、…」: two things named first (or first after where they are: 「…の達成手段で、AとB、…」), the choice
# asked after them
_PAIR_NAMED_RE = re.compile(rf"(?:^[^、。]{{0,20}}?|、)({_NAME}(?:の{_NAME})?)と({_NAME}(?:の{_NAME})?)"
                            r"(?:では|で|、|,)")
# (「小学校と中学校でどれくらい差がある」: the gap between two named is asked of the same two)
PAIR_RE = re.compile(rf"({_NAME})(?:から|での|への)?と({_NAME})(?:から|での|への)?(?:では|で|の)"
                     r"(?:どちら|どっち|[^、。?？]{0,10}?(?:差|違い))")

# 「判定が「×」だった」「評価はA」「A評価の」: a grade the sheet itself wrote.
# (a letter in lower case too: 「判定が「b」」 of a sheet that grades a/b/c)
_GRADE_RE = re.compile(r"(?:判定|評価|達成状況|評定|達成度)(?:が|は|の)?[「『\"]?([○◯×✕△◎]|[A-Ea-eSs](?:-\d)?)"
                       r"(?![A-Za-z\d])[」』\"]?"
                       r"|(?<![A-Za-z])[「『]?([○◯×✕△◎]|[A-Ea-eSs](?:-\d)?)[」』]?(?:評価|判定|評定)"
                       # 「判定が「未達成」の指標」, 「「達成」だった指標」: a grade written in words, quoted
                       r"|(?:判定|評価|達成状況|評定|達成度)?(?:が|は|の)?[「『](未達成|達成)[」』]"
                       # 「判定（△）の指標」: a grade mark in brackets
                       r"|[(（]([○◯×✕△◎])[)）]"
                       # 「「△」となった指標」「「△（概ね達成）」だった」: a mark quoted, its meaning beside it
                       r"|[「『]([○◯×✕△◎])(?:[(（][^()（）」』]{1,12}[)）])?[」』]"
                       # 「×がついた指標」「○の指標」: a mark alone is a grade too (a letter alone is not)
                       r"|([○◯×✕△◎])(?:[(（][^()（）]{1,6}[)）])?(?:が(?:つい|付い)|の(?:指標|もの)|だった|印|[とに](?:なっ|され))")




_OTHER_GRADE_RE = re.compile(r"[」』\"]?(?:か|または|又は|もしくは|や|と|・|、)[「『\"]?([○◯×✕△◎]|[A-Ea-eSs](?:-\d)?)"
                             r"(?![A-Za-z\d])")


def asked_operation(n: str, q: str, *, valued: bool) -> tuple[str | None, str | None]:
    """The operation the (normalized) question `n` asks and the grade it names; `valued` when it asks a kind of
    value or names a year (then 「主要な指標」 asks that value, not which they are)."""
    # (an aside in brackets says what a thing is, 「…運営経費（低いほど良い指標）は…どう変わった？」: it asks nothing
    # unless it holds a question word)
    told = re.sub(r"[(（](?![^()（）]*(?:いくつ|何|どれ|どの|どこ|いつ|どう))[^()（）]{1,30}[)）]", "", n)
    operation = next((op for op, pat in OPERATIONS if pat.search(told)), None)
    found = _GRADE_RE.search(n)
    grade = next(g for g in found.groups() if g) if found else None
    # 「評定がsかaだった」: either grade
    if grade and found and (other := _OTHER_GRADE_RE.match(n, found.end())):
        grade = f"{grade}|{other.group(1)}"
    if grade and re.search(rf"{re.escape(grade)}[」』\"]?(?:以外|ではな|じゃな|でな|でもな)", n):
        grade = None  # 「×以外の指標」「×ではなかった指標」: the other indicators, not a grade to list
    # (「…が△だった保険者種類をすべて挙げて」: the ones listed, whatever they are)
    if grade and re.search(r"指標|事業|達成手段|どれ|どの|どこ|いくつ|何件|挙げ|すべて|全て|全部", n):
        operation = "graded"  # 「判定が×だった測定指標は？」「A評価だった業績指標は？」
    if operation is None and not valued and _MAIN_INDICATORS_RE.search(n) \
            and not re.search(r"達成|判定|状況|評価結果", n) and not NUMERIC_RE.search(_MAIN_INDICATORS_RE.sub("", q)):
        operation = "count"  # 「主要な測定指標になっているものは？」: no value asked of them, so which they are
    if operation in (None, "missed", "met", "count") and "目標" in n and _BY_HOW_MUCH_RE.search(n) \
            and not _WHICH_ONES_RE.search(n):
        operation = "compare"  # 「R4年度は年度目標に何ポイント届かなかった？」: by how much one value missed its target
    if operation == "rank" and re.search(r"どっち|どちら", n) and (pair := _PAIR_NAMED_RE.search(n)) \
            and not all(find_fiscal_years(x) or re.fullmatch(r"\d{1,2}年度?", x) for x in pair.groups()):
        operation = "compare"  # 「東京と大阪、…が多いのはどっち？」: of the two named, not of all (two years: of all)
    if operation == "count":  # 「達成できなかった測定指標はいくつ？」: the missed ones are counted (and listed)
        operation = next((op for op, pat in OPERATIONS if op in ("missed", "met") and pat.search(n)), None) \
            or next((op for op, pat in _COUNTED_BY_RESULT if pat.search(n)), operation)  # 「うちいくつが達成した」
    return operation, grade


def asks_lowest(n: str) -> bool:
    """Does the question ask the lowest or smallest (of a ranking)?"""
    return bool(_RANK_MIN_RE.search(n))


# --- bounds: 「執行率が90％を下回った達成手段は？」 (answered by `evalqa.bounds`) -------------------------
_MAGNITUDE = {"兆": 1e12, "億": 1e8, "万": 1e4, "千": 1e3, "百万": 1e6, "trillion": 1e12, "billion": 1e9,
              "million": 1e6, "thousand": 1e3}
_UNIT = r"円|%|％|件|人|回|か所|箇所|施設|日|トン|団体|社|局|者"
# 「90％を下回った」「10億円以上の」「1,000件を超える」「5日以内」
# (after a particle or a comma: 「週1回以上の実施率」「目標の13百万トン以下」 name a thing, they set no bound)
_JA_RE = re.compile(rf"(?:^|(?<=[がはをにでもと、，,\s]))(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<mag>兆|億|百万|万|千)?\s*"
                    rf"(?P<unit>{_UNIT})?\s*"
                    r"(?P<cmp>以上|以下|以内|未満|超え|超|を上回|を下回|より(?:多|大|高|少|小|低)|に満たな|に届かな)")
# 「1件もなかった」「一度も実施されていない」「ゼロの」: values of none at all
_NONE_RE = re.compile(r"(?:1|一)\s*(?P<unit>件|人|回|か所|箇所|つ|度)も(?:な|無|実施され|行われ)|ゼロ(?:だった|の|件)")
# 'above 100 billion yen', 'below 90%', 'at least 1,000 cases'
_EN_RE = re.compile(r"(?P<cmp>above|over|more than|greater than|higher than|exceed(?:ing|ed)?|at least|below|under"
                    r"|less than|lower than|fewer than|at most|no more than)\s+(?:¥|JPY\s*)?"
                    r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<mag>trillion|billion|million|thousand)?\s*"
                    r"(?P<unit>yen|%|percent)?", re.IGNORECASE)
_ABOVE = ("以上", "超え", "超", "を上回", "より多", "より大", "より高", "above", "over", "more than", "greater than",
          "higher than", "exceed", "at least")
_INCLUSIVE = ("以上", "以下", "以内", "at least", "at most", "no more than")
# Which ones, or how many, are asked: not the value of one (「90％を下回ったのはいつ？」 asks a year)
_BOUND_WHICH_RE = re.compile(r"もの|どれ(?!だけ|くらい|ぐらい|ほど)|どの(?!くらい|ぐらい|程度)|どこ|いくつ|何件|何個"
                             r"|挙げ|教え|(?:手段|事業|指標|区分|局|県)(?:は|を)"
                             r"|\bwhich\b|\bwhat (?:measures|programmes|programs|indicators|categories)\b"
                             r"|how many|\blist\b", re.IGNORECASE)


@dataclass(frozen=True)
class Bound:
    value: float  # in the base of its unit (円, 人 …), or a percent
    unit: str | None  # 円, %, 件 …; None when the question names none
    above: bool
    inclusive: bool
    said: str  # as the question writes it

    def passes(self, value: float, limit: float) -> bool:
        if self.above:
            return value >= limit if self.inclusive else value > limit
        return value <= limit if self.inclusive else value < limit

    def in_unit(self, unit: str) -> float | None:
        """The bound in a value's unit (千円, 百万円, 億円, 万人, %), or None when the two do not measure alike."""
        unit = nfkc(unit or "")
        if self.unit is None:
            return self.value  # (「90を下回った」: as written)
        if self.unit == "%" or unit in ("%", ""):
            return self.value if self.unit == unit == "%" else None
        m = re.fullmatch(r"(兆|億|百万|万|千)?(.+)", unit)
        scale, base = (_MAGNITUDE.get(m.group(1) or "", 1.0), m.group(2)) if m else (1.0, unit)
        if base != self.unit and not (self.unit == "円" and base.endswith("円")):
            return None
        return self.value / scale


def bound_of(question: str) -> Bound | None:
    """The bound a question sets on the values it asks which of, if any."""
    q = nfkc(question)
    if (none := _NONE_RE.search(q)) and _BOUND_WHICH_RE.search(q):  # 「1件もなかった」「ゼロだった」: none at all
        return Bound(0.0, None, False, True, f"0{none.group('unit') or ''}")
    m = _JA_RE.search(q) or _EN_RE.search(q)
    if m is None or not _BOUND_WHICH_RE.search(q):
        return None
    unit = m.group("unit")
    unit = {"％": "%", "percent": "%", "yen": "円", "箇所": "か所"}.get(unit.lower() if unit else "", unit)
    if unit is None and not m.group("mag") and re.fullmatch(r"(?:19|20)\d\d", m.group("num")):
        return None  # ('more than 2022', 「2022より多い」: a year compared, not a bound)
    value = float(m.group("num").replace(",", "")) * _MAGNITUDE.get((m.group("mag") or "").lower(), 1.0)
    cmp = m.group("cmp").lower()
    above, inclusive = cmp.startswith(_ABOVE), cmp in _INCLUSIVE
    word = ("以上" if inclusive else "超") if above else ("以下" if inclusive else "未満")
    said = f"{m.group('num')}{m.group('mag') or ''}{unit or ''}{word}" if m.re is _JA_RE else m.group(0).strip()
    return Bound(value, unit, above, inclusive, said)
