# Everything runs inside .venv in the repo root.
VENV    ?= .venv
PY      := $(VENV)/bin/python
PIP     := $(PY) -m pip
STAMP   := $(VENV)/.installed
CORPUS  ?= corpus
INDEX   ?= index

.PHONY: run test install bench clean

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# CPU torch first: an unpinned torch resolves to a multi-GB CUDA build.
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[st,ui,test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) app.py

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m evalqa bench --corpus $(CORPUS)

clean:
	rm -rf $(VENV) $(INDEX)/current $(INDEX)/gen-*
