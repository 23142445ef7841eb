"""Generated corpora for `evalqa bench --scale N`: sheets that look like a government's, not near-copies.

Each sheet starts from one of the real layouts (the seed 事前分析表 and the test sheets of other
ministries and forms: 実績評価書, 施策目標個票, 評価書, 政策評価調書) and gets, from a seeded random draw:
- another ministry, 施策 title and number;
- other fiscal years (令和 years shifted), other numbers in every table cell;
- its topic words (countries, regions, fields, people, activities) replaced from a vocabulary, so that
  keyword statistics spread as in a real corpus instead of repeating the seed's words a thousand times;
- 達成手段 rows dropped or repeated under new names, and paragraphs of prose drawn from phrases.

Deterministic: the same `n` and seed give the same files.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [ROOT / "corpus" / "mofa-r3-I-2-hokubei.txt"] + sorted((ROOT / "tests" / "sheets").glob("*.txt"))

MINISTRIES = ["外務省", "文部科学省", "厚生労働省", "国土交通省", "総務省", "経済産業省", "農林水産省", "環境省",
              "法務省", "財務省", "内閣府", "防衛省", "警察庁", "金融庁", "デジタル庁", "復興庁"]
REGIONS = ["北米", "欧州", "中東", "アジア大洋州", "中南米", "アフリカ", "東南アジア", "南アジア", "中央アジア",
           "太平洋島嶼国", "北欧", "東欧", "大洋州", "カリブ"]
COUNTRIES = ["米", "加", "英", "独", "仏", "伊", "豪", "印", "尼", "比", "越", "泰", "墨", "伯", "智", "埃", "土",
             "露", "韓", "星", "馬", "新", "西", "葡", "蘭", "瑞", "芬", "波", "希", "以"]
FIELDS = ["経済", "安全保障", "文化", "科学技術", "教育", "保健医療", "防災", "環境", "エネルギー", "農業", "観光",
          "交通", "情報通信", "雇用", "福祉", "司法", "海洋", "宇宙", "水資源", "食品安全"]
PEOPLE = ["留学生", "研究者", "技能実習生", "訪日観光客", "求職者", "高齢者", "障害者", "子育て世帯", "若年者",
          "中小企業", "自治体職員", "医療従事者", "教員", "農業者", "漁業者", "外国人材"]
ACTIVITIES = ["会談", "協議", "説明会", "研修", "相談", "検査", "監査", "講習", "交流事業", "調査", "派遣", "招へい",
              "訓練", "巡回指導", "セミナー", "実証事業"]
PHRASES = [
    "{region}地域との{field}分野の協力を一層推進し、{people}の受入れ環境を整備した。",
    "{activity}を計{n}回実施し、関係機関との連携を強化した。",
    "新型感染症の影響により一部の{activity}をオンラインで実施したが、所期の成果を上げた。",
    "{field}分野の課題に対応するため、{people}向けの支援策を拡充した。",
    "前年度の評価結果を踏まえ、{activity}の実施方法を見直し、効率化を図った。",
    "{region}諸国の政府関係者約{n}人を招へいし、{field}に関する意見交換を行った。",
    "目標の達成に向けて、{people}に対する{activity}の対象を拡大した。",
    "外部有識者の意見を踏まえ、測定指標の設定根拠を{field}の観点から見直した。",
]
# Words of the templates that carry their topic, each replaced by a draw from a vocabulary.
TOPIC_WORDS = {
    "北米": REGIONS, "米国": [c + "国" for c in COUNTRIES], "カナダ": ["英国", "ドイツ", "フランス", "豪州", "インド"],
    "日米": ["日" + c for c in COUNTRIES], "日加": ["日" + c for c in COUNTRIES],
    "留学生": PEOPLE, "就職": ["就業", "定着", "復職", "起業", "転職"], "会談": ACTIVITIES,
    "外交": ["協力", "交流", "連携"],
    "経済": FIELDS, "安全保障": FIELDS, "文化": FIELDS, "道路": ["港湾", "空港", "鉄道", "河川", "下水道"],
    "ハローワーク": ["地方支分部局", "出先機関", "相談窓口", "支援センター"], "情報通信": FIELDS,
}


def _shift_years(text: str, k: int) -> str:
    """令和 years moved by k (令和元 counts as 1); other eras stay as written."""
    def shift(m: re.Match) -> str:
        n = 1 if m.group(1) == "元" else int(m.group(1))
        return f"令和{max(1, n + k)}年度"
    return re.sub(r"令和(元|\d+)年度", shift, text)


def _renumber(line: str, rnd: random.Random) -> str:
    def renumber(m: re.Match) -> str:
        n = int(m.group(0).replace(",", ""))
        v = max(0, int(n * rnd.uniform(0.4, 1.8)))
        return f"{v:,}" if "," in m.group(0) else str(v)
    cells = line.split("\t")
    # Year labels and codes stay: only cells that are numbers (values) change.
    value = re.compile(r"\s*[△▲-]?\d[\d,.]*\s*[%％]?\s*")
    year = re.compile(r"\s*(?:19|20)\d\d\s*")  # a Western year heading a column stays
    return "\t".join(re.sub(r"\d[\d,]*", renumber, c) if value.fullmatch(c) and not year.fullmatch(c) else c
                     for c in cells)


def _paragraph(rnd: random.Random) -> str:
    return "".join(rnd.choice(PHRASES).format(region=rnd.choice(REGIONS), field=rnd.choice(FIELDS),
                                              people=rnd.choice(PEOPLE), activity=rnd.choice(ACTIVITIES),
                                              n=rnd.randint(2, 400))
                   for _ in range(rnd.randint(2, 5)))


def generated_sheet(i: int, seed: int = 0) -> str:
    """The i-th generated sheet (text form, as the text reader takes it)."""
    rnd = random.Random(seed * 1_000_003 + i)
    template = TEMPLATES[i % len(TEMPLATES)].read_bytes()
    try:
        text = template.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = template.decode("cp932")
    swaps = {w: rnd.choice(choices) for w, choices in TOPIC_WORDS.items()}
    ministry = rnd.choice(MINISTRIES)
    text = _shift_years(text, rnd.choice([-1, 0, 0, 1, 2]))
    number = f"{rnd.choice(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'])}-{rnd.randint(1, 20)}"
    text = re.sub(r"(施策\s*)[IVX]+\s*-\s*\d+", lambda m: m.group(1) + number, text)
    out = []
    for line in text.splitlines():
        for w, new in swaps.items():
            line = line.replace(w, new)
        for m in MINISTRIES:
            line = line.replace(m, ministry)
        if "\t" in line:
            line = _renumber(line, rnd)
            # 達成手段 and other body rows: sometimes dropped, sometimes repeated under another name.
            r = rnd.random()
            if r < 0.08 and re.search(r"\d", line):
                continue
            if r > 0.92 and re.search(r"\d", line):
                out.append(line)
                line = _renumber(line, rnd).replace(rnd.choice(list(swaps.values())), rnd.choice(FIELDS), 1)
        elif len(line) > 40 and rnd.random() < 0.3:
            line += _paragraph(rnd)
        out.append(line)
    out.append("")
    out.append(_paragraph(rnd))
    return "\n".join(out) + "\n"


def write_corpus(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """n generated sheets in `folder` (created), named gen-0000.txt …"""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"gen-{i:04d}.txt"
        p.write_text(generated_sheet(i, seed), encoding="utf-8")
        paths.append(p)
    return paths
