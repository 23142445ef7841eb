"""A conversation: questions asked one after another, where a follow-up (「目標は？」「日米は？」) inherits the
frame of the last figure answer. The CLI's `chat` and the UI both go through `Conversation.ask`."""
from __future__ import annotations

import re
from typing import Protocol

from .answer import Answer, Frame, question_refusal
from .fiscal_year import to_label

_NAMES_YEAR_RE = re.compile(r"年度|R\d|H\d|FY\s?\d{4}|fiscal", re.I)


class Answerer(Protocol):
    """What a conversation needs of an assistant (see `evalqa.assistant.Assistant`)."""

    @property
    def titles(self) -> dict[str, str]: ...

    def ask(self, question: str, context: Frame | None = None, *, limit: bool = True) -> Answer: ...


class Conversation:
    """One user's sequence of questions and the frame carried between them."""

    def __init__(self, assistant: Answerer):
        self.assistant = assistant
        self.frame: Frame | None = None

    def ask(self, question: str, *, sheet: str | None = None, fiscal_year: int | None = None) -> Answer:
        """Answer a question in the context of the previous ones.

        `sheet` and `fiscal_year` scope a question that does not name them itself (the UI's filters). A figure
        answer becomes the frame of the next turn; a passage answer ends it, since a passage names no subject.
        """
        limited = question_refusal(question)  # before scoping, which would read the whole question
        if limited is not None:
            return limited
        # The user's words were checked above; the scope added to them does not count against the cap.
        ans = self.assistant.ask(self.scoped(question, sheet, fiscal_year), self.frame, limit=False)
        if ans.frame is not None and ans.frame.subject is not None:
            self.frame = ans.frame
        elif ans.kind == "prose":
            self.frame = None
        return ans

    def scoped(self, question: str, sheet: str | None, fiscal_year: int | None) -> str:
        q = (question or "").strip()
        if not q:
            return q
        if fiscal_year is not None and not _NAMES_YEAR_RE.search(q):
            q = f"{to_label(fiscal_year)}の{q}"
        if sheet:
            title = self.assistant.titles.get(sheet) or sheet
            if title not in q:
                q = f"{title}の{q}"
        return q

    def __deepcopy__(self, memo: dict) -> Conversation:
        # Gradio copies session state; the assistant (index, models) is shared, the frame is the user's own.
        copy = Conversation(self.assistant)
        copy.frame = self.frame
        return copy
