"""Progress of a build's embedding: sheets done of the total, tokens/s and an ETA, on stderr."""
from __future__ import annotations

import time


class EmbedProgress:
    """A tqdm bar counted in sheets, with tokens/s (of what was embedded, not taken from the cache) and an
    ETA from the tokens left; silent when `show` is false."""

    def __init__(self, sheets: int, tokens: int, show: bool):
        from tqdm.auto import tqdm

        self.tokens_left = tokens
        self.done_tokens = 0
        self.seconds = 0.0
        self._t = time.perf_counter()
        self.bar = tqdm(total=sheets, desc="embedding", unit="sheet", disable=not show or sheets == 0,
                        bar_format="{desc}: {n_fmt}/{total_fmt} sheets |{bar}| {postfix}")

    def reused(self, tokens: int) -> None:
        self.tokens_left -= tokens
        self._t = time.perf_counter()  # time spent reading the cache is not embedding time

    def embedded(self, tokens: int) -> None:
        now = time.perf_counter()
        self.seconds += now - self._t
        self._t = now
        self.done_tokens += tokens
        self.tokens_left -= tokens
        rate = self.rate()
        eta = self.tokens_left / rate if rate else 0.0
        self.bar.set_postfix_str(f"{rate:,.0f} tokens/s, ETA {_clock(eta)}", refresh=True)

    def sheet_done(self) -> None:
        self.bar.update(1)

    def rate(self) -> float:
        return self.done_tokens / self.seconds if self.seconds else 0.0

    def close(self) -> None:
        self.bar.close()


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
