"""Question analysis: what a question asks, read from its words alone (no index, no model).

`analyse_question` finds the fiscal years (every written form, ranges, bare years placed in a plausible
era), the kind of value (目標値, 実績値, 予算, 執行額 … as a *family* of the sheets' measures), whether a trend,
a passage or a field of the sheet is asked, and the words that may name a subject.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .counts import ASKED_COUNTER_RE, asked_counter
from .english import gloss, glossed_apart, glossed_names, is_common, is_english, unknown_acronyms
from .fiscal_year import find_fiscal_years
from .normalize import nfkc, norm
from .operations import NUMERIC_RE, asked_operation, asks_lowest, bound_of
from .terms import tagger, terms

# family → the measures that answer it, in order of preference
FAMILIES: dict[str, list[str]] = {
    "target": ["年度目標値", "目標値", "中期目標値"],
    "midterm": ["中期目標値"],
    "final_target": ["目標値", "中期目標値"],  # the target of the target year, not a year's own
    "actual": ["実績値"],
    "baseline": ["基準値", "初期値"],  # (初期値: the 施策目標個票's word for it)
    # (a year's 予算額 before its 当初予算額: last year's sheet planned it, next year's reports it settled)
    "budget": ["予算額計", "当初予算(a)", "予算額", "当初予算額"],
    "initial_budget": ["当初予算(a)", "当初予算額", "予算額計", "予算額"],
    "supplementary": ["補正予算(b)", "補正予算額", "補正予算"],
    "carryover": ["繰越し等(c)", "繰越等(c)", "繰越し等", "繰越等", "前年度繰越額"],
    "total": ["合計(a+b+c)", "予算額計", "合計", "予算現額"],
    "unused": ["不用額"],
    "execution": ["執行額"],
    "request": ["概算要求額"],
    "execution_rate": ["執行額"],
    "achievement_rate": ["実績値"],
    "review_number": ["予算額計", "当初予算額"],
}
FAMILY_LABEL = {
    "target": "目標値", "midterm": "中期目標値", "final_target": "最終目標値", "actual": "実績値", "baseline": "基準値",
    "budget": "予算額",
    "initial_budget": "当初予算", "supplementary": "補正予算", "carryover": "繰越し等", "total": "合計",
    "execution": "執行額", "unused": "不用額", "request": "概算要求額", "execution_rate": "執行率",
    "achievement_rate": "達成率",
    "review_number": "行政事業レビュー事業番号",
}
RATE_FAMILIES = ("execution_rate", "achievement_rate")
MONEY_FAMILIES = ("budget", "initial_budget", "supplementary", "carryover", "total", "execution", "unused",
                  "request")
TARGET_FAMILIES = ("target", "midterm", "final_target")
MONEY_OR_RATE_FAMILIES = (*MONEY_FAMILIES, "execution_rate")  # a budget table's figures
# First match wins: the more specific words come first.
FAMILY_PATTERNS = [
    (r"a\s*\+\s*b\s*\+\s*c", "total"),  # 「合計（a＋b＋c）は」, 「the a+b+c sum」
    (r"予算額計", "budget"),
    (r"予算現額", "total"),
    (r"不用額|不用に|不用と", "unused"),
    (r"執行率", "execution_rate"),
    (r"達成率|達成度", "achievement_rate"),
    (r"事業番号|レビュー番号|レビューシート", "review_number"),
    (r"概算要求|要求額", "request"),
    (r"補正", "supplementary"),
    (r"繰越", "carryover"),
    # (「いくら使った」; not 「補助を使って改修した住宅」, a means to something counted)
    (r"(?<!代)執行|使った|使ってい|使ってる|使わ|支出|決算", "execution"),  # (not 代執行, a measure taken)
    (r"中期目標", "midterm"),
    (r"最終(?:的な)?目標|最終的に目指", "final_target"),
    (r"基準値|基準年|初期値", "baseline"),
    (r"目標|目指|めざ", "target"),
    (r"実績|(?<!評価)結果|確定値|速報値|何回|何人|何件|何か国", "actual"),  # (評価結果 is a verdict)
    (r"当初予算", "initial_budget"),
    (r"合計", "total"),
    (r"予算|いくら|金額", "budget"),
]
# 「被害額」「輸出額」「寄付額」: an amount of something other than a budget (予算額, 執行額, 要求額 …)
_AMOUNT_NAMED_RE = re.compile(r"[一-龥]+額")
_BUDGET_AMOUNT_RE = re.compile(r"(?:予算|執行|要求|補正|繰越|不用|決算|支出|当初|計上|差|総|全|金|^)額$")
# 「基準値からどう変わった」「基準年度の平成30年度から」: the move from the baseline, not the baseline
_SINCE_BASELINE_RE = re.compile(r"(?:基準(?:値|年度?)|初期値)(?:の[^、。]{0,12}?)?から")
# (「ここ数年どう推移」「どう変わってきてる」: over the years, not one year against another)
_TREND_RE = re.compile(r"推移|経年|各年度|毎年|年度ごと|年度別|これまで|変化|トレンド|過去|ここ数年|この数年|近年"
                       r"|変わってき|変化してき|増えてき|減ってき")
# A judgment asked of the assistant, not of the sheet (「この施策は無駄だと思いますか」「Do you think …」).
_OPINION_RE = re.compile(r"(?:無駄|ムダ|妥当|適切|十分|効果的|有効|成功|失敗|良い|よい|悪い|べき)[^。?？]{0,12}"
                         r"(?:と|って)(?:思|考え|お考え)|どう思(?:う|い)|あなたの(?:意見|考え|評価)"
                         r"|(?:無駄|ムダ)(?:遣い)?(?:だった|でした|です|だ)?(?:か|と)")
_OPINION_EN_RE = re.compile(r"\b(?:do you think|in your (?:opinion|view)|your (?:opinion|view)|do you (?:agree|believe)"
                            r"|waste of (?:money|taxpayers)|is it worth|was it worth)\b")
_PROSE_RE = re.compile(r"どうなっ|どう評価|どう位置付|どう説明|どう考え|どのよう|どういう|どんな|どうして"
                       r"|なぜ|理由|内容|中身|概要|とは|何を(?:し|す|や|行)|取り組み|取組|方針|方向性|背景|狙い|目的|どうやって"
                       r"|内訳|挙が(?:って|る)|何に(?:見直|変更|変わ|改め)|どうなる|どう扱|どうする"
                       # 「どこに移管」: a place or a body
                       r"|どこ(?:に|へ|で|から|が担|の組織|の機関)(?![^、。]{0,12}(?:多|少|大き|小さ|高|低))")
# 「次の概算要求で何を拡充するとしている？」「どんな広報を拡充する？」: a thing done, though a kind of value is named
_GIVEN_RE = re.compile(r"(?:こと)?を受けて[、,]?|ことから[、,]|(?:ため|ので)[、,]")
_DONE_RE = re.compile(r"(?:何|どんな[^、。？?]{0,8}?)を[^、。？?]{0,12}?(?:する|した|して|しよう|行う|行っ|図る|図っ)")
# 「どう手を打つ」「どう対応する」: what is done about it, though a value is named (「割合が伸び悩んでる件」)
_ACTION_RE = re.compile(r"どう(?:手を打|対応|対処|取り組|改善|進め|図|強化|支援)|どんな(?:手|対策|対応)を")
_WHICH_RE = re.compile(r"(?:は|が)どれ(?!くらい|ほど|だけ|位)|(?<!は)(?<!が)どれ(?:です|でしょう)?か?[?？]*$"
                       # (「協定を結んだ国ってどこ？」: names; not 「1,000億円を超えてる局はどこ？」: rows by value)
                       r"|^(?!.*(?:\d[^、。?？]{0,8}(?:超え|以上|以下|未満|上回|下回)|より(?:多|少|高|低)))"
                       r".*(?:は|って|が)どこ(?:です|なの|でしょう)?か?[?？]*$")
_EXPLICIT_RE = re.compile(r"値|予算|執行|繰越|補正|概算|要求|何回|何人|何件|何%|何％|いくら|いくつ|推移|達成率"
                          r"|額は|額を|額が|率は|率を|率が")
# Asking why or on what grounds: a passage answers, even when a kind of value is named (「目標値の根拠は？」).
# (「原因別」「原因のうち、紛失は」: causes as the categories of a breakdown, not a why)
_REASON_RE = re.compile(r"なぜ|なんで|何で(?!す)|どうして|理由|根拠|どういう考え|どのような考え|考え方|背景|狙い"
                        # (「自然災害が原因のものは何件」: things counted by their cause, not a why)
                        r"|(?:要因|原因)(?!別|のうち|の(?:もの|事故|件数|割合))|(?:どうやって|どのように|どう)(?:決め|設定|定め|算出|算定)")
_CONNECTIVE_RE = re.compile(r"^(では|じゃあ|じゃ|それ|その|同じ|また|一方|あと|次に|続いて|で[、,]|で\s|ちなみに)")
_CONNECTIVE_EN_RE = re.compile(r"\s*(?:and|what about|how about|then)\b", re.IGNORECASE)  # 'And how much …?'

# 「令和5年度事前分析表では」: the year of a document named, not a year asked (「令和5年度の温暖化対策の事前分析表」:
# a few words of theme between, but not 「令和3年の値は前年度の評価書」; 「R5達成手段」: a bare R5 before a part)
_DOCUMENT_YEAR_RE = re.compile(r"(?:(?:令和|平成|R|H)\s*(?:\d{1,2}|元)|(?:19|20)\d{2}(?=年度))\s*(?:年度)?\s*(?:の)?\s*"
                               r"(?:(?:(?!は|が|を|値|前年|昨年)[^、。?？\d]){1,10}?"
                               # (an English question glossed: 「2024年度 鳥獣 -damage 事前分析表」)
                               r"|(?=[^、。?？\d]{0,24}[A-Za-z])(?:(?!は|が|を|値)[^、。?？\d]){1,24}?)?"
                               r"(?=事前分析表|分析表|実績評価書|評価書|評価調書|調書|施策目標個票|個票|資料|評価シート|シート)"
                               r"|(?<![A-Za-z\d])[RH]\d{1,2}(?=の?(?:達成手段|測定指標|参考指標|シート|資料))"
                               # 「令和7年度版」: the edition of that year, the 版 right after the year
                               r"|(?:(?:令和|平成|R|H)\s*(?:\d{1,2}|元)|(?:19|20)\d{2})\s*年度?(?=版)")
# 「実績評価書（R4）」: the year after the document, in brackets
# 「（林野庁R5）」: an agency and a year in brackets name its sheet of that year too
_DOCUMENT_YEAR_AFTER_RE = re.compile(r"(?:(?P<doc>事前分析表|分析表|実績評価書|評価書|評価調書|調書|個票)\s*|"
                                     r"(?<=[(（])(?P<org>[^()（）\d、。]{1,12}(?:庁|省|府|委員会|委)))\s*[(（]?\s*"
                                     r"(?P<year>(?:令和|平成|R|H)\s*(?:\d{1,2}|元)\s*(?:年度)?|(?:19|20)\d{2}\s*年度?)\s*[)）]")
# 「予算額計（執行額ではなく）」: what is negated is not what is asked. The bracketed form is removed first, so
# that the bare form (「執行額ではなく予算額計を」) cannot swallow the word before the bracket.
_NEGATED_RES = [re.compile(r"[（(][^（）()]*(?:ではなく|じゃなく|以外)[^（）()]*[）)]"),
                re.compile(r"[^、。\s(（]*(?:ではなく|じゃなく)")]
_INCLUDED_RE = re.compile(r"[（(][^（）()]*(?:含む|含め|込み)[^（）()]*[）)]")
_START_RE = re.compile(r"いつから|開始年度|いつ始")
_CONTRIBUTION_RE = re.compile(r"分担金|拠出金")
# Years relative to the one in focus: 「前年度」 is the year before the year asked (or the frame's).
# (「前年度の評価書」 names a document, not a year.)
# (「翌年度への繰越額」「前年度からの繰越額」 name a budget row, not a year)
_DOCUMENT_AFTER = r"(?!度?の?(?:評価書|事前分析表|分析表|調書|シート|資料|版))(?!度?(?:への|からの?)?繰越)"
# Documents whose names hold a measure's word (実績 of 実績評価書).
# (and 「施策目標22」「政策目標Ⅶ－２」 name a 施策 by its number: no 目標値 asked)
_DOCUMENT_NAME_RE = re.compile(r"実績評価(?:書|調書)?|実績報告書?|施策目標個票"
                               r"|(?:施策|政策|基本)?目標\s*[\dIVXⅠ-Ⅻ]+(?:\s*[-－ー‐]\s*[\dIVXⅠ-Ⅻ]+)+"
                               r"|(?:施策|政策|基本)目標\s*[\dIVXⅠ-Ⅻ]+")  # (「目標2－1」 too)
_RELATIVE_YEARS = [(re.compile(rf"(?:前の年度?|前年度|前年|昨年度|1年前|一年前){_DOCUMENT_AFTER}"), -1),
                   (re.compile(rf"(?:次の年度?|翌年度|次年度|翌年){_DOCUMENT_AFTER}"), 1)]
# 「一年前の評価書だと」「前回の事前分析表で」: the document of the year before the one in focus.
_PREVIOUS_DOCUMENT_RE = re.compile(r"(?:前の年度?|前の(?=評価書|事前分析表|調書|シート)|前年度?|昨年度?|前回"
                                   r"|1年前|一年前)(?:[(（][^()（）]{1,12}[)）])?の?"
                                   r"(?:評価書|事前分析表|分析表|調書|シート|資料|実績評価書|個票|版)")
# Fields of the sheet itself (not table values): pattern → (Sheet attribute, the form's label).
METADATA_FIELDS = [
    # (「作成責任者」 is a field of its own: `header_fields` quotes it.)
    (re.compile(r"^(?!.*作成責任者)(?:.*?)(?:担当部局|担当部署|担当課|担当は|所管"
               r"|(?:局|部署|課|部局|省庁?)が担当|担当して|担当する)"), "bureau",
     "担当部局名"),
    # (「評価書で、…懇談会はいつ開かれた？」 names a document, and asks when something else happened)
    # (「政策評価、いつ実施する予定」: the time asked after a comma)
    # (評価対象期間, asked when, is the period evaluated: a field of its own)
    (re.compile(r"評価(?!対象期間)(?:を|が|は)?(?:の)?(?:実施|行わ|行う|行っ)?[^、。書]{0,6}?(?:時期|いつ)"
                r"|いつ[^、。]{0,4}評価(?!書)|実施予定時期"
                r"|政策評価[、,]?\s*いつ[^、。]{0,6}(?:実施|行う|予定)"),
     "evaluation_time", "政策評価実施予定時期"),
    (re.compile(r"政策体系上の位置付け|政策体系"), "position", "政策体系上の位置付け"),
    (re.compile(r"(?:評価書|文書|整理|管理|シート)(?:の)?番号"), "code", "評価書番号"),
    # 「この事前分析表は何年度のもの？」: the sheet's own year, not a value's.
    (re.compile(r"(?:何年度|いつ)(?:の|版の)?(?:もの|シート|事前分析表|評価書|調書|版)|何年度分(?![^、。?？]{0,4}(?:目標|未達|達成))|何年度版"),
     "fiscal_year", "年度"),
]
# Words that ask, not name: they never pick a subject.
STOP = {
    "年度", "令和", "平成", "昭和", "目標", "目標値", "値", "実績", "実績値", "中期", "最終", "基準", "基準値", "初期",
    "初期値", "予算",
    "予算額", "当初", "補正", "繰越", "繰越し", "合計", "執行", "執行額", "執行率", "額", "率", "概算", "要求",
    "要求額", "達成", "達成率", "達成度", "推移", "経年", "各", "毎年", "変化", "トレンド", "過去", "これまで",
    "引き上げ", "引上げ", "引き下げ", "引下げ", "上方修正", "下方修正",  # (how a target was revised, not what)
    "載っ", "載る", "載せ", "書か", "書い", "うち", "いう", "でき", "できる", "決め", "決める", "考え", "考える", "方",
    "教える", "教え", "並べる", "並べ", "示す", "示し", "下さる", "ください", "知る", "知り", "いくら", "いくつ", "何",
    "金額", "結果", "状況", "内容", "概要", "どう", "成る", "なっ", "為る", "し", "する", "ある", "いる", "見る",
    "分かる", "事業番号", "番号", "レビュー", "事業", "行政", "シート", "記載", "どれ", "どの", "ほど", "くらい",
    "程度", "計", "使う", "使っ", "支出", "決算", "その", "それ", "同じ", "また", "一方", "では", "じゃあ", "次",
    "続く", "あと", "比べる", "比較", "とき", "場合", "計算", "fy", "年", "度", "月", "日", "割合", "パーセント",
    "%", "事前", "分析", "表", "事前分析表", "調書", "評価", "どちら", "どっち", "大きい", "小さい", "多い", "数字",
    "少ない", "高い", "低い", "最も", "一番", "前", "翌", "全部", "挙げる", "挙げ", "届く", "届か", "関連", "関係",
    "比べ", "上回る", "下回る", "増える", "減る", "目指す", "全て", "すべて", "一覧", "それぞれ", "前年", "昨年",
    "どれだけ", "どれ位", "どのくらい", "何年", "円", "百万円", "千円", "億円", "万円", "百万", "千", "回", "件",
    "第", "目", "回目", "ごと", "毎", "最大", "最小", "最高", "最低", "いつ", "上がっ", "下がっ", "上がる", "下がる",
    "数値", "施策", "政策", "施策目標", "やつ", "もの", "よる", "よれ", "おける", "おく", "行う", "行わ", "行っ",
    "つい", "つく", "計上", "つ", "末", "時点", "現在", "かけ", "かける", "書", "等", "など", "トン", "万トン",
    "順", "順番", "順に", "並び", "全体", "そう", "今", "ところ", "現時点", "今後", "以降", "以来", "こと", "人",
    "差", "差額", "差分", "増減",  # (the difference asked, not what of)
    "修正", "訂正",  # (a value before or after a correction: its state, not what it is of)
    "翌年", "翌年度", "前年度", "昨年度", "次年度", "翌々年",  # (a year relative to the one in focus)
    "現額", "予算現額", "不用", "不用額",  # (a budget table's rows: kinds of value, not what of)
    "実際",  # (「実際に執行したのは」: the actual value asked, no word of what it is of)
    "番", "番目",  # (「3番目に多い」: which of a ranking)
    "ここ", "近年", "最近",  # (「ここ数年」: when, not what)
    "どこ", "上げ", "上げる", "下げ", "下げる",  # (「目標をどこまで引き下げる？」: how far, of the one in focus)
    "良く", "良い", "悪く", "悪い",  # (「昨年と比べて悪くなってる？」: which way it moved)
    "版", "みたい", "違っ", "違う",  # (「昨年度版と今年度版で違うみたい」: two writings of one value)
    "予定", "つもり",  # (「いつまでに終える予定？」: when, of the one in focus)
}
_SKIP_POS = {"助詞", "助動詞", "補助記号", "記号", "空白", "副詞", "連体詞", "接続詞", "感動詞"}
_SKIP_VERBS = {"教える", "下さる", "成る", "為る", "有る", "居る", "知る", "行う", "行く", "迎える", "付く", "付ける",
               "載る", "変わる"}  # (「どう変わった」 asks a change, which the trend reads: no word of a subject)
_ERA_NAMES = {"令和", "平成", "昭和"}


@dataclass
class QuestionAnalysis:
    """What one question asks."""

    question: str
    years: list[int]
    family: str | None  # a key of FAMILIES, or None when no kind of value is named
    trend: bool
    content: list[str]  # terms that may name a subject
    proper: list[str]  # proper nouns among them (they must be matched)
    prose: bool  # asks for a description (どのような, 理由, 概要 …)
    numeric_cue: bool  # asks for a number in some way (数, 額, 率, 何回 …)
    explicit: bool  # names a kind of value outright (…値, …額, …率, 予算, 執行 …), not just 「目標」
    short: bool  # a fragment such as 「目標は？」: a follow-up when a conversation has a subject
    reason: bool = False  # asks why or on what grounds (なぜ, 理由, 根拠, 考え方): a passage answers
    connective: bool = False  # opens with では／それ／一方 …: continues the conversation
    asks_start: bool = False  # いつから／開始年度
    asks_contribution: bool = False  # names 分担金・拠出金
    metadata: tuple[str, str] | None = None  # (Sheet attribute, label) of a sheet field asked for
    normalized: str = field(default="", repr=False)  # norm(question)
    operation: str | None = None  # count | related | missed | met | rank | compare | graded | bounded (operations)
    lowest: bool = False  # for rank: the smallest, not the largest
    year_offset: int = 0  # 「前年度」 → -1: relative to the year asked or in focus
    document_offset: int = 0  # 「一年前の評価書だと」 → -1: the document before the one in focus
    lang: str = "ja"  # "en": asked in English (glossed into the sheets' words), answered in English
    sheets: list[str] = field(default_factory=list)  # sheets the question names by title (see scope.name_sheets)
    sheet_words: frozenset[str] = frozenset()  # the words that name them: where to look, not what
    field_number: str | None = None  # the 個別分野 named, by number (個別分野2) or by its name
    document_year: int | None = None  # 「令和4年度の…評価書では」: the year of the sheet asked
    counter: str | None = None  # the unit the question implies: 何人 → 人, 何か国 → か国, 何回 → 回, いくら → 円
    grade: str | None = None  # a grade the sheet gives (判定が「×」, A評価): for the operation "graded"
    opinion: bool = False  # asks for the assistant's own judgment (「無駄だと思いますか」): the sheets hold none
    read: tuple[str, ...] = ()  # Japanese words English ones were read as (「international organizations」 → 国際機関)


# 「日米」「日中」「米加」: pairs of countries the sheets abbreviate; MeCab reads some as ordinary words (日中 =
# daytime), so they are taken out first and kept as proper nouns that must be matched.
_COUNTRY_PAIR_RE = re.compile(r"[日米加中韓英仏独露豪印朝][米加中韓英仏独露豪印朝]{1,3}(?![国人語軍])")


_VERB_STEM_RE = re.compile(r"([\u4e00-\u9fff]+)[\u3041-\u309f]+")  # 「働ける」: a verb, by its kanji stem


def subject_words(a: QuestionAnalysis) -> list[str]:
    """The content words that may name a subject: those naming a sheet by its 施策名 left out (as parts of its
    words too: 「中小」 of 「中小企業」)."""
    return [t for t in a.content if t not in a.sheet_words
            and not (len(t) >= 2 and any(t in w for w in a.sheet_words if len(w) > len(t)))
            and not (a.sheet_words and (lemmas := terms(t)) and set(lemmas) <= a.sheet_words)
            and not ((m := _VERB_STEM_RE.fullmatch(t)) and any(m.group(1) in w for w in a.sheet_words))]  # 働ける: 働く


def content_terms(text: str) -> tuple[list[str], list[str]]:
    """Subject-bearing terms of a text (nouns and the like, minus asking words) and its proper nouns."""
    out: list[str] = []
    proper: list[str] = []
    text = nfkc(text)
    for m in _COUNTRY_PAIR_RE.finditer(text):
        out.append(m.group(0))
        proper.append(m.group(0))
    text = _COUNTRY_PAIR_RE.sub("、", text)
    for w in tagger()(text.lower()):
        pos1, pos2 = w.feature.pos1, w.feature.pos2
        s = w.surface
        if pos1 in _SKIP_POS or pos2 == "数詞":
            continue
        lemma = nfkc((w.feature.lemma or s).split("-")[0]).lower()
        if s in STOP or lemma in STOP or re.fullmatch(r"[\d.,]+|[a-z]", s):
            continue  # (a single letter is a column's label: 合計(a+b+c))
        if pos1 == "動詞" and lemma in _SKIP_VERBS:
            continue
        out.append(s)
        if pos1 == "名詞" and re.fullmatch(r"[ぁ-ゖー]+", s) and re.fullmatch(r"[一-龥]+|[ァ-ヴー]+", lemma):
            out.append(lemma)  # 「ほたて」 as 「帆立」 too: a noun in kana is not a verb's stem, which words drop
        if pos2 == "固有名詞" and s not in _ERA_NAMES:
            proper.append(s)
    return out, proper


def analyse_question(question: str, era: str = "令和", latest: int | None = None) -> QuestionAnalysis:
    """Years, kind of value, trend, subject words of a question.

    `era` is the era of the newest sheet (bare years such as 「3年度」 are read in it); `latest` (the newest
    fiscal year in the corpus) settles bare years that would lie decades ahead: 「30年度」 is 平成30年度.
    """
    lang = "en" if is_english(question) else "ja"
    q = nfkc(gloss(question) if lang == "en" else question)
    q = re.sub(r"(?i)(?<![A-Za-z])FY\s?((?:19|20)\d{2})(?!\d)", r"\1年度", q)  # 「FY2020 実績は？」 in Japanese too
    # 「令和5年度事前分析表では」 names a document by its year; the year asked is another (scope.name_sheets
    # narrows to that document).
    q_years = _DOCUMENT_YEAR_AFTER_RE.sub(lambda m: m.group("doc") or m.group("org") + ")",
                                          _DOCUMENT_YEAR_RE.sub("", q))
    q_years = re.sub(r"(年度?)末(?=から|まで|[〜～~-])", r"\1", q_years)  # 「令和2年度末から令和5年度末まで」: a range
    named = [m.group(0) for m in _DOCUMENT_YEAR_RE.finditer(q)] + [
        m.group("year") for m in _DOCUMENT_YEAR_AFTER_RE.finditer(q)]
    document_year = next((y for t in named if (found := find_fiscal_years(t, era)) for y in found[0].years), None)
    mentions = find_fiscal_years(q_years, era)
    if latest is not None and any(m.end > latest + 5 for m in mentions) and era != "平成":
        older = find_fiscal_years(q_years, "平成")
        if len(older) == len(mentions):
            mentions = [o if m.end > latest + 5 else m for m, o in zip(mentions, older, strict=True)]
    years = sorted({y for m in mentions for y in m.years})
    # 「2017年度（基準）から2021年度まで」: two years joined by から are a range
    ranged = len(mentions) == 2 and mentions[0].start < mentions[1].start and bool(re.search(
            re.escape(mentions[0].text) + r"(?:\s*[(（][^()（）]{0,8}[)）])?(?:から|より)"
            + re.escape(mentions[1].text), q_years))
    if ranged:
        years = list(range(mentions[0].start, mentions[1].end + 1))
    # 「令和元年度以降の動き」: from that year to the newest
    after = q_years[q_years.find(mentions[0].text) + len(mentions[0].text):] if len(mentions) == 1 else ""
    if latest is not None and len(years) == 1 and years[0] < latest \
            and re.match(r"(?:度)?(?:から|以降|以来)(?![^、。?？]{0,12}(?:令和|平成|\d{4}年|まで))", after):
        years = list(range(years[0], latest + 1))
    asked = q
    for negated in _NEGATED_RES:
        asked = negated.sub("", asked)
    # 「執行率（執行額÷予算額計）」: a formula in brackets explains the measure asked, it names no other.
    asked = re.sub(r"\([^()]*[÷/×][^()]*\)", "", asked)
    asked = _DOCUMENT_NAME_RE.sub("", asked)  # 「実績評価書で」 names a document, not the 実績値
    # 「…の環境基準達成率の目標値」: a rate named as the indicator, whose target (or actual) is asked
    asked = re.sub(r"(?:達成率|達成度)(?=(?:\([^()]*\))?の[^、。?？]{0,4}(?:目標|実績|基準値|初期値))", "", asked)
    family = next((fam for pat, fam in FAMILY_PATTERNS if re.search(pat, asked)), None)
    if family == "budget" and not re.search(r"予算|金額", asked) \
            and any(not _BUDGET_AMOUNT_RE.search(m.group(0)) for m in _AMOUNT_NAMED_RE.finditer(asked)):
        family = None  # 「被害額はいくら」: the amount the question names, not a budget
    trend = bool(_TREND_RE.search(q) or _SINCE_BASELINE_RE.search(q)) or any(m.start != m.end for m in mentions) \
        or ranged
    # 「（電話含む）」 widens what is counted: its words are not a qualifier the answer must carry.
    stripped = norm(_INCLUDED_RE.sub("", q))
    # 「目標は何件以下？」: the bound of the value asked, not a word of what it is of (「1年以内」 is)
    stripped = re.sub(r"(何[^\s、。?？]{0,3}?|いくつ|いくら|どれくらい|どのくらい)(?:以内|以上|以下|未満)", r"\1",
                      stripped)
    for m in mentions:
        stripped = stripped.replace(m.text, "、")
    # 「何件以下が目標？」: the bound of the number asked, not words of a name (「49歳以下の…」)
    stripped = re.sub(r"(何(?:人|件|回|か所|%|％|割)?)(?:以下|以上|未満|超)", r"\1", stripped)
    # 「何団体に」: the counter asked says the unit (a.counter), it names nothing
    content, proper = content_terms(ASKED_COUNTER_RE.sub("何", stripped))
    if lang == "en":  # 「the APEC forum」: a name the sheets must mention, as a Japanese proper noun must
        # (MeCab takes some English words for names: 「points」; a name in English is written with a capital)
        proper = [p for p in proper if not p.isascii() or any(
            m.group(0)[0].isupper() for m in re.finditer(rf"\b{re.escape(p)}\b", question, re.I))]
        # (「裁決海難審判所」: two glossed words side by side that the tagger read as one name: each its own)
        proper = [x for p in proper for x in glossed_apart(p)]
        proper += [w for w in glossed_names(question) if w not in proper]  # (皇居 of 'the Imperial Palace')
        proper += [w.lower() for w in unknown_acronyms(question) if w.lower() not in proper]
        # 「Sapporo」: a capitalised word mid-sentence that no gloss read is a name, which the sheets must say
        # (not one in brackets, 「(the Aurora scheme)」, nor a name with a number, 「Zone 30」)
        outside = re.sub(r"(?:[A-Z][a-z]+\s+){0,6}\([^()]*\)", " ", question)  # (and the English it names)
        proper += [w.lower() for w in re.findall(r"(?<=[a-z,;:]\s)[A-Z][a-z]{2,}\b(?!\s+\d)", outside)
                   if w.lower() in content and w.lower() not in proper and not is_common(w)]
    else:  # 「水質（BOD）」: Latin letters in a Japanese question name something, as a proper noun does
        # (not a roman numeral of a 施策's number: Ⅶ－２－１ reads vii-2-1)
        proper += [w for w in content if re.fullmatch(r"[a-z][a-z0-9]+", w) and not re.fullmatch(r"[ivx]+", w)
                   and w not in proper]
    bare = re.sub(r"[\s?？。、!！はをがのもでにへとや]", "", q)
    n = norm(q)
    metadata = next(((attr, label) for pat, attr, label in METADATA_FIELDS if pat.search(n)), None)
    # 「実施率が下がってることを受けて、…は何をする？」: what the clause before 「を受けて」 says is known, not asked
    asked_part = n[g.end():] if (g := _GIVEN_RE.search(n)) and _PROSE_RE.search(n[g.end():]) else n
    operation, grade = asked_operation(asked_part, q, valued=family is not None or bool(years))
    if operation in (None, "missed", "met", "rank", "count", "compare") and bound_of(question) is not None:
        operation = "bounded"  # 「執行率が90％を下回ったものは？」: which pass a bound, not which missed their target
    # (「前年度（令和3年度）の調書だと」 names the document before, not the year before)
    offset = next((d for pat, d in _RELATIVE_YEARS if pat.search(_PREVIOUS_DOCUMENT_RE.sub("", n))), 0)
    if offset and years and operation is None and len(years) == 1 and not re.search(r"比べ|比較|より|増|減", n):
        years, offset = [years[0] + offset], 0  # 「令和2年度の前年度」 is 令和元年度
    if _ACTION_RE.search(n):
        operation = None
    # 「令和元年度から令和4年度にかけて減ってますか」: over a span of more years than two, the way it moved is the
    # trend of every year, not the first year against the last (「比べて」「差は」 ask the two)
    if operation == "compare" and (trend and len(years) > 2 and not re.search(r"比べ|比較|どちら|どっち|差|違い", n)
                                   or _SINCE_BASELINE_RE.search(n)):
        operation = None  # (「初期値と比べてどれだけ改善した」: one subject's move from its baseline, a trend)
    reason = bool(_REASON_RE.search(n)) and operation != "rank"  # (「原因として最も多いのは」: a category)
    # (「令和4年の…の漁獲量は？」: a year and a quantity asked are a number asked)
    numeric = bool(NUMERIC_RE.search(q) or ASKED_COUNTER_RE.search(q)
                   or (years and re.search(r"[量数額率高](?:は|って)[?？]?$", n)))
    done = bool(_DONE_RE.search(n))
    return QuestionAnalysis(
        question=question, years=years, family=family, trend=trend, content=content, proper=proper,
        document_year=document_year,
        # 「…目標はどれ？」 asks which things, not a value, unless it asks a number too
        # (「平成30年から令和元年でどう変わった？」 asks how a value moved: the figures, not a passage)
        prose=(bool(_PROSE_RE.search(q) or _ACTION_RE.search(n)) or done) and not (trend and len(years) > 1)
        or (bool(_WHICH_RE.search(n)) and operation is None and not numeric),
        numeric_cue=numeric,
        explicit=bool(_EXPLICIT_RE.search(asked)) and not reason and not done, short=len(bare) <= 8, reason=reason,
        connective=bool(_CONNECTIVE_RE.match(n) or lang == "en" and _CONNECTIVE_EN_RE.match(question)),
        asks_start=bool(_START_RE.search(q)),
        asks_contribution=bool(_CONTRIBUTION_RE.search(q)) and "除" not in q, metadata=metadata, normalized=n,
        operation=operation, lowest=asks_lowest(n), year_offset=offset, lang=lang,
        document_offset=-1 if _PREVIOUS_DOCUMENT_RE.search(n) else 0,
        grade=grade, opinion=bool(_OPINION_RE.search(n) or _OPINION_EN_RE.search(question.lower())),
        counter=asked_counter(n),
    )


def family_measures(family: str, a: QuestionAnalysis | None = None) -> list[str]:
    """The measures that answer a family, in order; 「予算額計」 asked is the budget's total, which the
    standard form writes 合計(a+b+c): that before the initial budget."""
    if family == "budget" and a is not None and "予算額計" in a.normalized:
        return ["予算額計", "合計(a+b+c)", "合計", "予算現額", *FAMILIES["budget"][1:]]
    if family == "carryover" and a is not None and "翌年度" in a.normalized:
        return ["翌年度繰越額", *FAMILIES["carryover"]]  # 「翌年度への繰越額」: what was carried out, not in
    return FAMILIES[family]
