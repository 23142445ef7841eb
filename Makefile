# Everything runs inside .venv in the repo root.
VENV    ?= .venv
PY      := $(VENV)/bin/python
PIP     := $(PY) -m pip
STAMP   := $(VENV)/.installed
CORPUS  ?= corpus
INDEX   ?= index

.PHONY: run test test-fast lint install bench clean system-deps screenshot
SUDO    := $(shell [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo)

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# CPU torch first: an unpinned torch resolves to a multi-GB CUDA build.
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[st,ui,test,mcp]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) app.py

# The browser tests drive Debian's Chromium; without the CJK fonts Japanese renders as boxes.
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		echo "installing chromium and fonts-noto-cjk for the browser tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

# ruff and mypy are part of the suite: CI fails on them.
lint: $(STAMP)
	$(VENV)/bin/ruff check src tests app.py
	$(VENV)/bin/mypy

# Unit tests only: no embedding model, no browser (well under a minute).
test-fast: $(STAMP)
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q -m "not slow and not browser"

test: $(STAMP) system-deps lint
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q

# Regenerates docs/screenshot-chat.png from the browser test.
screenshot: $(STAMP) system-deps
	EVALQA_SCREENSHOT=$(CURDIR)/docs/screenshot-chat.png HF_HUB_OFFLINE=1 $(PY) -m pytest -q tests/test_ui.py -k chat_in_the_browser

bench: $(STAMP)
	$(PY) -m evalqa bench --corpus $(CORPUS)

clean:
	rm -rf $(VENV) $(INDEX)/CURRENT $(INDEX)/gen-* $(INDEX)/.build.lock
