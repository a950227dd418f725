# One entry point for readers, authors and CI.  `make book` and `make test` create .venv on first use.
# PYTHON is the interpreter .venv is created from (only then): e.g. `make book PYTHON=python3.12`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard chapters/*.ipynb))
# Same environment for every execution of the notebooks: quiet, deterministic TensorFlow.
export TF_CPP_MIN_LOG_LEVEL := 3
export TF_ENABLE_ONEDNN_OPTS := 0
export PYTHONHASHSEED := 0
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# No progress bars where outputs are stored or checked (execute, test, book); `make lab` turns them on.
export FEEDFORWARD_PROGRESS := 0
# kernel config: keep C-level stderr (TensorFlow start-up notes) out of notebooks, see .ipython/
export IPYTHONDIR := $(CURDIR)/.ipython

.PHONY: help install book test test-portable test-unit test-notebooks test-book execute lab benchmark publish-url clean

help:
	@echo "make book       build the HTML book into _build/html (executes every notebook)"
	@echo "make test       unit tests, nbval over chapters/, book build check, browser check"
	@echo "make test-portable  nbval over chapters/ with other rounding: are the stored outputs portable?"
	@echo "make execute    re-execute every notebook in place in a fresh kernel (refresh stored outputs)"
	@echo "make lab        JupyterLab on chapters/ with the feedforward package importable"
	@echo "make benchmark  time the package against the lecture's class, scikit-learn and Keras"
	@echo "make publish-url REPO=owner/name [BRANCH=main]  point the buttons and Colab cells at a fork"

install: $(STAMP)

# The pins install on Python 3.11 to 3.13 (tensorflow 2.21 has no wheels for 3.14; NumPy 2.4, pandas 3
# and Keras 3.15 need 3.11); the book is made and tested on 3.11, and Keras 3.15 declares 3.11 and 3.12.
PYTHON_CHECK := import sys; v = sys.version_info[:2]; \
  (3, 11) <= v <= (3, 13) or sys.exit("$(PYTHON) is Python %d.%d: the pinned packages need 3.11 or 3.12, e.g. make book PYTHON=python3.12" % v); \
  v == (3, 13) and print("note: Python 3.13 installs the pins, but the book is tested on 3.11 and 3.12 is the newest Keras 3.15 declares")

$(STAMP): requirements.txt code/pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -c '$(PYTHON_CHECK)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo
	@echo "The book is built: open file://$(CURDIR)/_build/html/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest

# Would another processor print the same? nbval over the stored outputs while the arithmetic rounds
# differently, in two passes: (1) NumPy on its baseline SIMD paths instead of this machine's AVX2/AVX-512
# ones, with every training run started one ulp up; (2) native NumPy, every run started one ulp down
# (tests/last_bit.py, installed by tests/portable_site/sitecustomize.py in every Python process: the
# kernels and joblib's workers). A cell that fails prints a result that depends on the last bits (a chaotic run,
# a near-tie): print what is robust instead. One chapter: make test-portable NOTEBOOKS=chapters/03_...
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are left as found: some machines need them.
PORTABLE_PATH := $(CURDIR)/tests/portable_site$(if $(PYTHONPATH),:$(PYTHONPATH))
test-portable: $(STAMP)
	@status=0; \
	echo "pass 1 of 2: NumPy without $$($(BIN)/python tests/last_bit.py), initial weights one ulp up"; \
	NPY_DISABLE_CPU_FEATURES="$$($(BIN)/python tests/last_bit.py)" BOOK_PERTURB_LAST_BIT=up \
	  PYTHONPATH=$(PORTABLE_PATH) $(BIN)/python -m pytest $(NOTEBOOKS) || status=1; \
	echo "pass 2 of 2: native NumPy, initial weights one ulp down"; \
	BOOK_PERTURB_LAST_BIT=down PYTHONPATH=$(PORTABLE_PATH) \
	  $(BIN)/python -m pytest $(NOTEBOOKS) || status=1; \
	exit $$status

# The pieces of `make test`, for working on one part at a time.
test-unit: $(STAMP)
	$(BIN)/python -m pytest tests -m "not book"

test-notebooks: $(STAMP)
	$(BIN)/python -m pytest $(NOTEBOOKS)

test-book: $(STAMP)
	$(BIN)/python -m pytest tests -m book

# Refresh stored outputs: run each notebook top to bottom in a fresh kernel, in place.
# One chapter: make execute NOTEBOOKS=chapters/03_digits_mlp.ipynb
# Timing metadata is not recorded, so a re-run with unchanged code leaves `git diff` empty.
execute: $(STAMP)
	@for nb in $(NOTEBOOKS); do \
	  echo "executing $$nb"; \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False \
	    --ExecutePreprocessor.kernel_name=python3 "$$nb" || exit 1; \
	done

lab: export FEEDFORWARD_PROGRESS := 1
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=chapters $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

benchmark: $(STAMP)
	$(BIN)/python -m feedforward.benchmark

# Point the launch, repository and issues buttons, CITATION.cff and every notebook's Colab cell at a
# repository (see tools/set_repository.py); `python3 tools/set_repository.py --check` checks they agree.
publish-url:
	@test -n "$(REPO)" || { echo "name the repository: make publish-url REPO=owner/name [BRANCH=main]"; exit 2; }
	$(PYTHON) tools/set_repository.py $(REPO) $(if $(BRANCH),--branch $(BRANCH))

clean:
	rm -rf _build .pytest_cache .hypothesis
