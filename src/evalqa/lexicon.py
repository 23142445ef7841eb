"""English words in Japanese, from JMdict and JMnedict (the EDRDG dictionaries, CC BY-SA 3.0, as the
`jamdict-data` package ships them).

The glossary knows the form's words (target, budget, execution …); an English question also names things in
words of its own: 「technical intern trainees」 (技能実習生), 「Quasi-Zenith satellites」 (準天頂衛星),
「Betsukai」 (別海). The dictionaries give their Japanese words; which of them names something is for the sheets
to say (`translation`).

The dictionary database is large and keyed by gloss text as written (「(professional) storyteller」), so it is
read once into a small lookup file in the user's cache directory: an English key (lower case, without brackets,
articles or 「to」) → Japanese words, commonest first.
"""
from __future__ import annotations

import functools
import logging
import os
import re
import sqlite3
import tempfile
from collections import defaultdict
from pathlib import Path

log = logging.getLogger(__name__)

LEXICON_VERSION = 2  # bump when the key or the ranks change: the cached file is rebuilt
_MAX_WORDS = 4  # longer glosses are explanations, not names
_COMMON, _LISTED, _NAME = 0, 1, 2  # ranks: a word with a frequency mark, any other word, a proper name


class LexiconError(RuntimeError):
    """The dictionary database cannot be read into a lookup file."""


def key(gloss: str) -> str | None:
    """The lookup key of a gloss or of English words asked: 「(professional) storyteller」 → 「storyteller」,
    「to supervise」 → 「supervise」; None for a gloss too long to be a name."""
    k = re.sub(r"\([^()]*\)", " ", gloss.lower())
    k = re.sub(r"^\s*(?:to|a|an|the)\s+", "", k)
    k = re.sub(r"\s+", " ", re.sub(r"[^a-z0-9'\- ]", " ", k)).strip()
    return k if k and len(k.split()) <= _MAX_WORDS else None


def cache_dir() -> Path:
    """Where derived files live: $EVALQA_CACHE, else $XDG_CACHE_HOME/evalqa, else ~/.cache/evalqa."""
    if os.environ.get("EVALQA_CACHE"):
        return Path(os.environ["EVALQA_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "evalqa"


def build_lexicon(source: Path, target: Path) -> None:
    """Read the jamdict database at `source` into the lookup file `target` (written whole, then renamed: a
    crash leaves no half file)."""
    try:
        con = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        rows = _entries(con)
        con.close()
    except sqlite3.Error as e:
        raise LexiconError(f"{source}: not a readable jamdict database ({e})") from e
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        out = sqlite3.connect(tmp)
        out.execute("CREATE TABLE gloss (english TEXT, japanese TEXT, rank INTEGER)")
        out.executemany("INSERT INTO gloss VALUES (?, ?, ?)", ((k, j, r) for (k, j), r in rows.items()))
        out.execute("CREATE INDEX gloss_english ON gloss (english)")
        out.execute("CREATE INDEX gloss_japanese ON gloss (japanese)")
        out.commit()
        out.close()
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _entries(con: sqlite3.Connection) -> dict[tuple[str, str], int]:
    """(English key, Japanese word) → rank, from the common dictionary, then the dictionary of names."""
    rows: dict[tuple[str, str], int] = {}

    def add(k: str | None, words: list[str], rank: int) -> None:
        if k is None:
            return
        for w in words:
            if rows.get((k, w), _NAME + 1) > rank:
                rows[(k, w)] = rank

    kanji, kana = _words(con, "Kanji"), _words(con, "Kana")
    common = {r[0] for r in con.execute("SELECT DISTINCT k.idseq FROM KJP p JOIN Kanji k ON k.ID = p.kid")}
    for idseq, text in con.execute("SELECT s.idseq, g.text FROM SenseGloss g JOIN Sense s ON g.sid = s.ID "
                                   "WHERE g.lang = 'eng'"):
        # (a word written in kana only is its kana: the first form, the others are variants)
        add(key(text), kanji.get(idseq) or kana.get(idseq, [])[:1], _COMMON if idseq in common else _LISTED)
    ne_kanji, ne_kana = _words(con, "NEKanji"), _words(con, "NEKana")
    for idseq, text in con.execute("SELECT n.idseq, t.text FROM NETransGloss t JOIN NETranslation n "
                                   "ON t.tid = n.ID"):
        add(key(text), ne_kanji.get(idseq) or ne_kana.get(idseq, [])[:1], _NAME)
    return rows


def _words(con: sqlite3.Connection, table: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = defaultdict(list)
    for idseq, text in con.execute(f"SELECT idseq, text FROM {table} ORDER BY ID"):
        out[idseq].append(text)
    return out


class Lexicon:
    """English → Japanese words, read from a lookup file (`build_lexicon`)."""

    def __init__(self, path: Path):
        if not Path(path).is_file():
            raise LexiconError(f"{path}: no lexicon file")
        self.path = Path(path)
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._cache: dict[str, list[str]] = {}
        self._glosses: dict[str, list[str]] = {}

    def japanese(self, english: str) -> list[str]:
        """Japanese words for an English word or phrase (a plural read as its singular too), commonest first."""
        k = key(english)
        if k is None:
            return []
        if k not in self._cache:
            forms = list(dict.fromkeys([k, *_singulars(k)]))
            marks = ",".join("?" * len(forms))
            rows = self._con.execute(f"SELECT japanese, MIN(rank) r FROM gloss WHERE english IN ({marks}) "
                                     "GROUP BY japanese ORDER BY r, rowid", forms).fetchall()
            if len(self._cache) > 20_000:
                self._cache.clear()
            self._cache[k] = [j for j, _ in rows]
        return self._cache[k]

    def english(self, japanese: str) -> list[str]:
        """The English glosses of a Japanese word (not of names), commonest first: 「会話」 → conversation."""
        if japanese not in self._glosses:
            rows = self._con.execute("SELECT english FROM gloss WHERE japanese = ? AND rank < ? ORDER BY rank, rowid",
                                     (japanese, _NAME)).fetchall()
            if len(self._glosses) > 20_000:
                self._glosses.clear()
            self._glosses[japanese] = [k for k, in rows]
        return self._glosses[japanese]

    @classmethod
    def default(cls) -> Lexicon | None:
        """The lexicon of the installed jamdict-data, built into the cache directory on first use; None (said
        once in the log) when the package is not installed: English names are then read by the glossary and
        their romanized readings only."""
        try:
            import jamdict_data
        except ImportError:
            log.warning("jamdict-data is not installed: English words outside the glossary are not translated")
            return None
        source = Path(jamdict_data.JAMDICT_DB_PATH)
        target = cache_dir() / f"lexicon-{LEXICON_VERSION}-{source.stat().st_size}.sqlite"
        if not target.is_file():
            build_lexicon(source, target)
        return cls(target)


def singulars(word: str) -> list[str]:
    """「satellites」 → satellite, 「activities」 → activity, 「boxes」 → box (forms of three letters or more)."""
    forms = [word[:-3] + "y" if word.endswith("ies") else "",
             word[:-2] if re.search(r"(?:s|x|z|ch|sh)es$", word) else "",
             word[:-1] if word.endswith("s") and not word.endswith("ss") else ""]
    return [w for w in dict.fromkeys(forms) if len(w) >= 3]


def _singulars(k: str) -> list[str]:
    """The phrase with its last word singular."""
    head, _, last = k.rpartition(" ")
    return [f"{head} {w}" if head else w for w in singulars(last)]


@functools.cache
def default_lexicon() -> Lexicon | None:
    """`Lexicon.default()`, once per process (the assistants of a server share it)."""
    return Lexicon.default()
