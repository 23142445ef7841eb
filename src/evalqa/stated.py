"""Numbers stated in sentences (facts, `measure` 本文記載) as answers, and when they beat a table figure.

A table figure answers only when its subject covers what the question names: 「日米外相会談は何回？」 names
外相 alone, while the table counts 首脳・外相 together, so the sentence 「…外相間で6回…」 answers, quoted,
and the table's figure is named beside it as what it is.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from . import wording
from .answer import Answer, Frame
from .change import amount_first, asks_amount
from .counts import MEASURES, UNIT, asked_noun, base_amount, counter_word, same_counter
from .english import field_nouns, quoted_names
from .facts import is_change, is_part, names_part, since_marker
from .figure import Figure
from .matching import COUNTRY_ABBREV, numbered_names, other_state, says_numbered, states_asked, term_matches
from .normalize import nfkc, norm, tidy
from .question import MONEY_FAMILIES, RATE_FAMILIES, TARGET_FAMILIES, QuestionAnalysis, subject_words
from .sentence_context import kana_names, named_apart, paragraph_to, unsaid
from .subject import Subject, unit_word
from .terms import NOUN_RE, compound_head, terms

# Words that say how to read a number, not what it counts (「約何件」「その後」).
_MARKS = {"約", "およそ", "概ね", "後", "計", "延べ"}
MIN_FACT = 0.6  # share of the question's (IDF-weighted) words a fact must carry to answer
_GROUP_RE = re.compile(r"[^\s()（）・、,]+(?:・[^\s()（）・、,]+)+")


def fact_score(a: QuestionAnalysis, fact: Figure, idf: Callable[[str], float], paragraph: str = "") -> float:
    """How well a fact carries the question's words: its counted noun and qualifiers count fully, the rest of
    its sentence half, so that 「外相間で6回」 beats 「首脳間で4回」 in the same sentence for 「外相会談」; the
    sentences before it in its paragraph (`paragraph`) least (「光化学オキシダント注意報等の…54日となり…。…健康被害の
    届出は計131人であった。」: the paragraph's subject, said first, is the later sentence's too)."""
    words = fact_words(a)
    # 「交付通数は」「支援日数は」: the counter and 数 say the unit the fact counts in, not a word its sentence must say
    words = [t for t in words if not ((c := counter_word(t)) and same_counter(fact.unit or "", c))] or words
    if not words or (a.sheets and fact.sheet not in a.sheets):  # the question names another sheet
        return 0.0
    if a.years and fact.fiscal_year is not None and fact.fiscal_year not in a.years:
        return 0.0  # a sentence about another year
    # The counted noun weighs most, then its qualifiers, then the section it stands in (what it is about), then
    # how to read it, then the rest of the sentence.
    # (「…286,540件となり、このうち警察官が支援したものは約11万件」: the words of the part's own clause are the
    # part's; the whole is not what a question naming them asks)
    raw = norm(fact.raw)
    cut = raw.find("うち") if is_part(fact) or "うち" in raw else -1
    own = set(terms(raw[cut:])) - set(terms(raw[:cut])) if cut > 0 else set()
    layers = [(set(terms(fact.subject)), 1.0), (set(terms(fact.series or "")), 0.8),
              (set(terms(" ".join(fact.section))), 0.7), (set(terms(fact.note or "")), 0.5),
              (set(terms(fact.raw)) - (set() if is_part(fact) else own), 0.4), (set(terms(paragraph)), 0.3)]
    # The thing counted (or what qualifies it) must be named: a question matching only a fact's section and
    # sentence is about something else that is said there.
    if not any(term_matches(t, layers[0][0] | layers[1][0]) for t in words):
        return 0.0
    # A question for an amount of money is not answered by a count, nor the other way round.
    if (a.family in MONEY_FAMILIES or (a.counter != "%" and re.search(r"[一-龥]額(?:は|を|が|って)", a.normalized))) \
            and not (fact.unit or "").endswith("円"):
        return 0.0  # (「被害額は？」 is not answered by 2,061か所)
    # 「令和7年までに…22,000人以下とすることを目指す」: a target stated as a bound, not what was achieved.
    if a.family != "target" and re.search(r"以下|以上|未満|まで", fact.note or "") \
            and re.search(r"目指|目標と|までに", fact.raw):
        return 0.0
    # 「何か国」 is not answered by a count of 件: the question's counter and the fact's unit agree.
    if a.counter is not None and a.counter != "円" and fact.unit and not same_counter(fact.unit, a.counter):
        return 0.0
    # Which round (第7回) answers only a question for a round, and a round question only a round.
    if (fact.unit == "回目") != (a.counter == "回目"):
        return 0.0
    total = sum(idf(t) for t in words)
    got = sum(idf(t) * next((w for layer, w in layers if term_matches(t, layer)), 0.0) for t in words)
    score = got / total
    if all(any(term_matches(t, layer) for layer, _ in layers) for t in words):
        score = max(score, MIN_FACT)  # the sentence carries every word asked, and names the counted thing
    part = is_part(fact)
    asks_part = re.search(r"うち|含ま|内訳", a.normalized) is not None or (
        part and any(term_matches(t, own) for t in words))  # (it names what the part's clause says)
    if part and not asks_part:
        score -= 0.05  # 「（うち電話会談が4回）」 is a part: the whole answers a question that asks no part
    elif part and asks_part:
        score += 0.05  # 「…には…が何人含まれている？」 asks the part
    if a.years and fact.fiscal_year is not None and fact.fiscal_year not in a.years:
        return 0.0  # a number of another year is not the answer, however well its words fit
    if a.counter and fact.unit and not same_counter(fact.unit, a.counter):
        score -= 0.3
    # 「20歳未満からの相談」: ages and other numbered names are words the fact must say (its terms drop digits)
    if named := numbered_names(a.normalized):
        if not all(says_numbered(n, nfkc(fact.raw)) for n in named):
            return 0.0
        if all(says_numbered(n, nfkc(f"{fact.subject}・{fact.series or ''}")) for n in named):
            score += 0.1
    return score


def names_counted(a: QuestionAnalysis, fact: Figure) -> bool:
    """Does the question name what the fact counts (its noun, not only the words around it)?"""
    counted = set(terms(fact.subject))
    if re.fullmatch(UNIT, fact.subject):  # 「（消費生活センターは）857か所」 counted as 箇所: its noun is the series
        counted |= set(terms(fact.series or ""))
    return any(term_matches(t, counted) for t in fact_words(a))


def fact_words(a: QuestionAnalysis) -> list[str]:
    """The question's words a fact is scored on: not those naming the sheet (「北米地域外交の調書によると」
    says where to look, not what), nor one ASCII letter."""
    return [t for t in subject_words(a) if (len(t) >= 2 or not t.isascii()) and t not in _MARKS
            and not re.fullmatch(r"[\u3041-\u309f]+|[\u4e00-\u9fff][\u3041-\u309f]{1,3}", t)]
    # (nor a verb asked with, 「寄せ」られた, 「かかっ」てきた: the sentence says it in its own words)


def best_fact(a: QuestionAnalysis, facts: Sequence[Figure], idf: Callable[[str], float],
              titles: Mapping[str, str] | None = None,
              every: Sequence[Figure] | None = None) -> tuple[float, Figure | None]:
    """The fact that answers, with its score; ``every`` is all the facts of the sheets, for the paragraphs the
    candidate facts stand in (default: the candidates)."""
    every = facts if every is None else every
    # 「「転倒」は」, 'parent companies (親事業者)': a name quoted
    quoted = re.findall(r"「([^「」]{1,20})」", a.question) if a.lang == "ja" else quoted_names(a.question)
    if quoted:  # a sentence that says it, and of its numbers the ones that count it (親事業者, not 下請事業者)
        facts = [f for f in facts if all(q in f.raw for q in quoted)]
        counting = [f for f in facts if all(q in f.subject or q in (f.series or "") for q in quoted)]
        facts = counting or ([] if a.lang == "en" else facts)  # (English has only the name to go by)
    # 「…のうち九州に上陸したのは」: a place or name asked that the sentence does not say counts something else
    names = [p for p in a.proper if p not in a.sheet_words] if a.lang == "ja" else []
    facts = [f for f in facts if all(_says_name(p, f, (titles or {}).get(f.sheet, "")) for p in names)]
    # 「見直し後の目標値は」: not the sentence's 見直し前の目標
    if asked := states_asked(a.normalized):
        facts = [f for f in facts if other_state(asked, f"{f.subject} {f.series or ''} {f.note or ''}") is None]
    else:  # 「新たに31人に資格を付与」 counts the new ones: not what 「検査官は何人」 asks
        facts = [f for f in facts if not re.search(r"新たに|新規に", f.note or "")]
    if not asks_amount(a):  # 「前年から27人減少」 is not how many there are
        facts = [f for f in facts if not is_change(f)]
    def score_of(f: Figure) -> float:
        sc = fact_score(a, f, idf, paragraph_to(f, every))
        # 「「見逃し」は何回」: a quoted name the fact's counted noun or its qualifier is answers it
        return max(sc, MIN_FACT) if sc > 0 and quoted and all(
            q in f.subject or q in (f.series or "") for q in quoted) else sc
    # (of equal sentences, the newest sheet's: 「捜索の件数は？」 in next year's 事前分析表 of the 施策)
    scored = sorted(((score_of(f), f) for f in facts), key=lambda x: (-round(x[0], 9), -(x[1].fiscal_year or 0)))
    if not scored:
        return 0.0, None
    score, top = scored[0]
    fact: Figure | None = top
    # 「新たに係属した再審査事件は52件…。年度末の係属件数は96件…。うち31件は和解により終結した。」: a word the
    # question asks (和解, 係属件数) that a number's sentence and those before it in its paragraph never say is
    # not what that number counts; a number of the paragraph said with it is (the paragraph's subject, said
    # first, stands for the sentences after it), or one as close to the question whose paragraph says them all
    # (「みちびき関連の実証事業」: 実証事業 in the sheet on みちびき, not in another 施策's)
    words, kana = fact_words(a), kana_names(a)
    if fact is not None and unsaid(words, kana, fact, every):
        score, fact = next(((sc, f) for sc, f in scored if sc > 0 and not unsaid(words, kana, f, every) and (
            sc >= score - 1e-9 or (f.sheet == fact.sheet and f.line == fact.line))), (score, fact))
    # 「休日の受付件数」 of 「受付件数は2,400件（平日1,650件、休日750件）と、前年度（2,010件）から」: a word that
    # names another number of the sentence apart, and not this one, asks that other number
    if fact is not None and (apart := named_apart(words, fact, every)):
        score, fact = next(((sc, f) for sc, f in scored if sc > 0 and not named_apart(apart, f, every)),
                           (0.0, None))
    # 「食品ロス量は…523万トン（事業系275万トン、…）」: of one sentence's numbers, the one whose counted noun the
    # question names, not a part of it that only shares its words
    if fact is not None and not names_counted(a, fact):
        score, fact = next(((sc, f) for sc, f in scored if f.raw == fact.raw and sc >= MIN_FACT
                            and names_counted(a, f)), (score, fact))
    # 「クルーズ船は延べ120隻で、このうち85隻は外国船籍」: 「外国のクルーズ船は」 names what sets the part apart
    if fact is not None and not is_part(fact):
        # (a word of the whole's own clause, 「救助を要する…乗船者は2,512人で、このうち2,409人を救助」, is the whole's)
        whole = fact.raw[:fact.raw.find("うち")] if "うち" in fact.raw else fact.raw
        apart = [t for t in fact_words(a) if len(t) >= 2 and t not in fact.subject and t not in whole]
        fact = next((f for sc, f in scored if f.raw == fact.raw and sc > 0 and names_part(f, apart)), fact)
    # 「海難に遭遇した乗船者のうち救助されたのは何人」: what follows 「のうち」 is counted, not the whole before it
    if fact is not None and (part := _PART_RE.search(a.normalized)) \
            and (said := [t for t in terms(part.group(1)) if len(t) >= 2 and NOUN_RE.fullmatch(t)]) \
            and not any(w in fact.subject for w in said):
        fact = next((f for sc, f in scored if f.raw == fact.raw and sc > 0 and any(w in f.subject for w in said)),
                    fact)
    # 「京都御所の参観者数」: 「京都御所等の参観者88.4万人のうち、京都御所の…参観者は約61万人」: X等 is X and others;
    # of one sentence's numbers, the one of X alone
    if fact is not None and (etc := _etc_named(a, fact)):
        fact = next((f for sc, f in scored if f.raw == fact.raw and sc > 0 and f is not fact
                     and re.search(rf"{re.escape(etc)}(?!等)", f"{f.series or ''} {f.subject}")), fact)
    # A sentence that names the counted thing and carries most of the question's words (「相談窓口において
    # 計6,842件の相談に対応」) answers, though the words sit in its text rather than around its number; the
    # words of its sheet's 施策名 (「就労支援」 of 「…就労支援体制の充実」) and of its paragraph before it are where
    # it stands.
    title = (titles or {}).get(fact.sheet, "") if fact is not None else ""
    if fact is not None and 0 < score < MIN_FACT and names_counted(a, fact) \
            and _cover(fact_words(a), fact, idf, f"{title} {paragraph_to(fact, every)}") >= WIDE_COVER:
        score = MIN_FACT
    return score, fact


WIDE_COVER = 0.75


def _etc_named(a: QuestionAnalysis, fact: Figure) -> str | None:
    """The X of the fact's 「X等」 (its qualifier or counted noun) that the question names without 等."""
    for m in re.finditer(r"([\u4e00-\u9fff\u30a1-\u30fa]{2,})等", f"{fact.series or ''} {fact.subject}"):
        if m.group(1) in a.normalized and m.group(0) not in a.normalized:
            return m.group(1)
    return None
_PART_RE = re.compile(r"のうち[、,]?([^、。?？]{1,20}?)(?:のは|は|が)")


def _says_name(name: str, fact: Figure, title: str) -> bool:
    """Does the fact's sentence, section or sheet title say the name (アメリカ as the 米 of 日米)?"""
    said = nfkc(" ".join((fact.raw, fact.subject, fact.series or "", " ".join(fact.section), title))).lower()
    return name.lower() in said or (abbrev := COUNTRY_ABBREV.get(name)) is not None and abbrev in said


def _cover(words: Sequence[str], fact: Figure, idf: Callable[[str], float], title: str = "") -> float:
    """The share of the words (IDF-weighted) the fact's sentence, section, note or sheet title carries."""
    held = set(terms(fact.raw)) | set(terms(" ".join(fact.section))) | set(terms(fact.note or "")) \
        | set(terms(fact.subject)) | set(terms(fact.series or "")) | set(terms(title))
    total = sum(idf(t) for t in words)
    return sum(idf(t) for t in words if term_matches(t, held)) / total if total else 0.0


def covers_partly(a: QuestionAnalysis, subject: Subject) -> str | None:
    """The 「A・B」 group of the subject's name of which the question names only some members (「首脳・外相」
    when only 外相 is asked), else None: then the table counts more than was asked."""
    for m in _GROUP_RE.finditer(subject.name):
        group = m.group(0)
        # 「京都御所等（京都御所・仙洞御所・…）」: the bracket lists what the name before it holds; the question that
        # says that name (「京都御所等」) asks the whole
        head = re.search(r"([^\s()（）・、,]{2,})[(（]$", subject.name[:m.start()])
        if head and norm(head.group(1)) in a.normalized:
            continue
        members = [set(terms(m)) for m in group.split("・")]
        named = [any(term_matches(t, m) for t in a.content) for m in members]
        if any(named) and not all(named):
            return group
    return None


def _about(fact: Figure) -> str:
    """What a stated number counts: its series and its noun, once (「新規発生滞納額の前年度比」 carries its series
    already; 「無人航空機の飛行許可・承認申請」 its noun)."""
    if fact.series and fact.subject and fact.subject in fact.series:
        return fact.series
    return "・".join(x for x in (fact.series, fact.subject) if x and not (x != fact.subject and x in fact.subject))


def stated_answer(a: QuestionAnalysis, fact: Figure, sheet_label: Callable[[str], str],
                  table_figure: Figure | None = None, group: str | None = None,
                  years: Sequence[Figure] = ()) -> Answer:
    """「…」 quoted, the number read from it, and the table's figure named as what it counts; with `years` (see
    stated_years), each year's sentence and the change between the first and the last."""
    if len(years) >= 2:
        about = _about(fact)
        each = "、".join(f"{wording.year(f)}が{wording.value(f)}" for f in years)
        text = (f"シートの本文によると、{about}は{each}で、{wording.change_text(years[0], years[-1])}。\n"
                + "\n".join(f"「{f.raw}」\n{wording.cite(f, sheet_label(f.sheet))}" for f in years))
        return Answer(a.question, text, True, [*amount_first(a, years[0], years[-1]), *years], [], "comparison",
                      Frame(), cited=list(years))
    about = _about(fact)
    notes = (fact.note or "").split("、")
    approx = "約" if "約" in (fact.note or "") else ""
    moved = next((m for m in notes if m in ("増", "減", "増加", "減少", "上昇", "低下")), "")  # 「1.9%増」
    since = (since_marker(fact) or "") if moved else ""  # 「前年から」
    when = f"{wording.year(fact)}の" if fact.fiscal_year else ""
    text = (f"シートの本文によると、{when}{about}は{since}{approx}{wording.value(fact)}{moved}です。\n「{fact.raw}」\n"
            f"{wording.cite(fact, sheet_label(fact.sheet))}")
    figures = [fact]
    if table_figure is not None and table_figure.value is not None and table_figure.value != fact.value:
        what = f"（{group}の合計）" if group else ""
        text += (f"\n（表の「{table_figure.subject}」{what}の{wording.year(table_figure)}の{table_figure.measure}は"
                 f"{wording.value(table_figure)}で、これは別の数え方の値です。）")
        figures.append(table_figure)
    return Answer(a.question, text, True, figures, [], "stated", Frame(fact=fact), cited=[fact])


def fact_in_passage(a: QuestionAnalysis, facts: Sequence[Figure], passage: str,
                    idf: Callable[[str], float]) -> Figure | None:
    """「何名参加した？」 answered by a passage: the number it states, in the unit asked, of the thing asked."""
    inside = [f for f in facts if tidy(f.raw)[:40] in tidy(passage)
              and (a.counter is None or same_counter(f.unit or "", a.counter))]
    score, fact = max(((fact_score(a, f, idf), f) for f in inside), key=lambda x: x[0], default=(0.0, None))
    return fact if fact is not None and score > 0 and names_counted(a, fact) else None


# Words that ask for money: 予算, 経費, 金額, いくら, budget, cost, spend …
# (消費者, 金融, 金属 are not money asked)
_MONEY_RE = re.compile(r"円|額|(?<!消)費|予算|金(?!融|属|曜)|いくら|budget|cost|spen[dt]|yen|fund", re.I)


def counted_otherwise(a: QuestionAnalysis, units: Sequence[str], name: str = "") -> str | None:
    """The counter a question counts in when none of the subject's units is it (「何年を迎えた？」 of a %), else
    None. 「いくつになった？」 counts things, not an amount of money (予算額); 「…センターの数は？」 not a share."""
    if a.family is None and a.counter is None and re.search(r"[一-龥]額(?:は|を|が|って)(?!.*(?:%|％|率))",
                                                            a.normalized):
        # 「被害額は？」 asks an amount of money: a count of 集落 is not it
        return "円" if not any(u.endswith("円") for u in units) and not re.search(r"額|円|費", name) else None
    if not units:
        return None
    counted = a.counter or ("いくつ" if "いくつ" in a.normalized and a.family is None else None) or (
        "数" if a.family is None and re.search(r"(?:の|[一-龥])数(?:は|を|が|$|\?)", a.normalized) else None)
    # (「いくつ」「how many」 of a share or a measurement (days, hours, km) is no count either, unless a rate is
    # what the question names)
    not_counts: tuple[str, ...] = ("円",)
    if counted == "数":
        not_counts = ("円", "%")
    elif counted == "いくつ" and not re.search(r"率|割合|%|ポイント|平均", a.normalized):
        not_counts = MEASURES
    if counted == "いくつ" and any("/" in u for u in units):
        return None  # (「資源生産性（万円／トン）はいくつ」: a value per something is what an indicator reports)
    if counted == "%" and re.search(r"率", name) and not re.search(r"%|％|パーセント|percent", a.question, re.I):
        return None  # (「死傷事故率」 in 件／億台キロ is the rate asked: 率 alone asked no %)
    if counted is not None and not any(same_counter(u, counted) for u in units) and (
            a.counter is not None or all(u.endswith(not_counts) for u in units)):
        return counted
    return None


def fits_family(a: QuestionAnalysis, fact: Figure) -> bool:
    """Can the sentence's number be of the kind of value asked? 「執行率は？」 is no count of 名, 「執行額」 no %."""
    unit = fact.unit or ""
    if "目標" in fact.subject + (fact.series or "") and "目標" not in a.normalized \
            and a.family not in TARGET_FAMILIES:
        return False  # 「目標・訪日外国人旅行者数は4,000万人」 is a target: no answer to how many came
    if a.family in RATE_FAMILIES:
        return unit in ("%", "％", "ポイント")
    if a.family in MONEY_FAMILIES:
        return unit.endswith(("円", "ドル", "ユーロ"))
    return True


def money_unasked(a: QuestionAnalysis, units: Sequence[str]) -> bool:
    """Are the subject's values money (and its rates) while the question asks no money?"""
    return any(u.endswith("円") for u in units) and all(u.endswith(("円", "%")) for u in units) \
        and a.family is None and not _MONEY_RE.search(a.normalized)


def sentence_over_table(a: QuestionAnalysis, fact: Figure, fact_score: float, subject: Subject, table: Answer,
                        covered: float) -> bool:
    """Does the sentence answer rather than the table's figure? The table answers only when its subject covers
    what the question names (首脳 alone is not 首脳・外相), counts in the unit asked (何人 against a %), and
    covers the question about as well as the sentence; a sentence that says no year does not outweigh the
    table's figure of the year asked (unless the table's subject misses most of what is named), nor does one
    that states the table's own figure."""
    if covers_partly(a, subject):
        return True
    if a.sheets and fact.sheet in a.sheets and subject.sheet not in a.sheets:
        # (the sentence of the sheet the question names by its agency: another sheet's table is out of its scope)
        return True
    if fact_score >= covered - 0.15 and any(re.search(asked, fact.note or "") and not re.search(asked, subject.name)
                                            for _, asked, _ in states_asked(a.normalized) if "新たに" in asked):
        return True  # 「何校新設された」: the year's new ones the sentence says, not the table's stock
    asked = counted_noun(a.normalized, asking=True) or (
        next(iter(field_nouns(a.question)), None) if a.lang == "en" and "how many" in a.question.lower() else None)
    if asked and asked in norm(subject.name) and asked not in (counted_noun(subject.name) or asked) \
            and asked in (counted_noun(fact.subject) or fact.subject):
        return True  # 「協力雇用主の数」: the table counts those they employ (「協力雇用主のもとで就労した…等の数」)
    if (head := _asked_count_head(a.normalized)) and head in norm(subject.name) and head in norm(fact.raw) \
            and not (counted_noun(subject.name) or "").endswith(head):
        return True  # 「支援員は何人」: the table counts the 子供 its 支援員 helped, the sentence the 支援員
    # 「…申込みのうち警察官が支援したもの」: a part whose own clause says every word the table's name lacks (two
    # at least); the table counts the whole
    lacking = [w for w in fact_words(a) if not term_matches(w, subject.terms)]
    clause = norm(fact.raw)[norm(fact.raw).find("うち"):] if is_part(fact) and "うち" in norm(fact.raw) else ""
    if len(lacking) >= 2 and clause and all(w in clause for w in lacking):
        return True
    if a.counter is not None and same_counter(fact.unit or "", a.counter) and not any(
            same_counter(unit_word(f), a.counter) for f in subject.figures):
        return True
    dated = fact.fiscal_year is not None or not a.years or not table.found or covered < 0.5
    # (「京都御所等の参観者88.4万人のうち…」 states the table's 88.4万人 as 884,000人: the same figure)
    same = table.found and bool(table.figures) and isinstance(table.figures[0].value, (int, float)) \
        and isinstance(fact.value, (int, float)) and _same_amount(table.figures[0], fact)
    return dated and fact_score > covered + 0.15 and not same


def _same_amount(a: Figure, b: Figure) -> bool:
    """Do two figures state one amount, each in its unit (88.4 万人 and 884,000 人)?"""
    (ua, va), (ub, vb) = base_amount(float(a.value or 0), a.unit or ""), base_amount(float(b.value or 0), b.unit or "")
    return a.value == b.value or (ua == ub and abs(va - vb) < 1e-6 * max(abs(va), 1.0))


def _asked_count_head(q: str) -> str | None:
    """The noun a count question asks of: 「…配置された子供の貧困対策支援員は何人」 → 支援員."""
    phrase = asked_noun(q, counting=True)
    head = re.sub(r"数$", "", compound_head(terms(phrase))) if phrase else ""  # (「死者数は何人」 asks of 死者)
    return head if len(head) >= 2 else None


def bare_name_of(name: str) -> str:
    """A name less its brackets (units, years), 【主要】 marks and stars."""
    return re.sub(r"[(（][^()（）]*[)）]|【[^】]*】|[*＊]", "", name)


def counted_noun(text: str, asking: bool = False) -> str | None:
    """What a name counts, the words right before its 数 (「…就労した刑務所出所者等の数（人）」 →
    就労した刑務所出所者等); of a question (`asking`), before 「の数は」「数を」."""
    n = bare_name_of(norm(text))
    end = r"(?:は|を|が|って|$|\?)" if asking else "$"
    m = re.search(rf"([^\sのをにでがはと、。]+?)の?数{end}", n)
    return m.group(1) if m else None
