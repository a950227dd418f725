"""Fast checks of the book's structure: table of contents, stored notebook outputs, wiring."""

import json
import pathlib
import re
import subprocess
import sys

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
NOTEBOOKS = sorted(CHAPTERS.glob("*.ipynb"))
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())


def _toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


def _code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_every_chapter_is_in_the_toc_and_every_toc_entry_exists():
    toc = _toc_files()
    on_disk = {p.relative_to(ROOT).with_suffix("").as_posix() for p in [*CHAPTERS.glob("*.ipynb"), *CHAPTERS.glob("*.md")]}
    assert not sorted(on_disk - set(toc)), f"chapters missing from _toc.yml: {sorted(on_disk - set(toc))}"
    missing = [f for f in toc if not any((ROOT / f).with_suffix(s).exists() for s in (".ipynb", ".md"))]
    assert not missing, f"_toc.yml entries without a file: {missing}"
    assert len(toc) == len(set(toc)), "a file is listed twice in _toc.yml"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_was_executed_in_order_with_clean_outputs(path):
    nb = json.loads(path.read_text())
    cells = _code_cells(nb)
    counts = [c.get("execution_count") for c in cells]
    assert counts == list(range(1, len(cells) + 1)), (
        f"{path.name}: execution counts {counts}: run `make execute` (top to bottom, fresh kernel)"
    )
    problems = []
    for i, cell in enumerate(cells, 1):
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                problems.append(f"cell {i}: error {out.get('ename')}")
            if out.get("name") == "stderr":
                problems.append(f"cell {i}: stderr output {''.join(out.get('text', ''))[:120]!r}")
            text = "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
            # a warning as Python prints it ("file.py:12: SomeWarning: ..."), not a sentence about one
            if re.search(r":\d+: \w*Warning: |warnings\.warn\(", text):
                problems.append(f"cell {i}: a warning in the output {text[:120]!r}")
            # a tqdm bar, as text ("grid: 40%|####  | 2/5 [00:01<00:02, 1.9it/s]") or as a widget
            if re.search(r"\d+%\|.*\|\s*\d+/\d+", text) or "application/vnd.jupyter.widget-view+json" in out.get("data", {}):
                problems.append(f"cell {i}: a progress bar in the output (outputs are made with FEEDFORWARD_PROGRESS=0)")
    assert not problems, f"{path.name}: " + "; ".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_opens_with_the_colab_cell_and_runs_on_python3(path):
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    first = "".join(_code_cells(nb)[0]["source"])
    assert 'if "google.colab" in sys.modules:' in first, f"{path.name}: the first code cell must be the Colab set-up cell"
    url = CONFIG["repository"]["url"]
    branch = CONFIG["repository"]["branch"]
    assert f"git+{url}@{branch}#subdirectory=code" in first, (
        f"{path.name}: the Colab cell must install from _config.yml's repository ({url}@{branch})"
    )
    assert not _code_cells(nb)[0].get("outputs"), "the Colab cell prints nothing outside Colab"


def test_citation_and_colab_cells_name_the_repository_of_config():
    """_config.yml, CITATION.cff and every Colab cell name one repository: what `make publish-url` sets."""
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["repository-code"] == CONFIG["repository"]["url"], (
        "CITATION.cff's repository-code differs from _config.yml's repository url: run make publish-url REPO=owner/name"
    )
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "set_repository.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_code_uses_current_apis(path):
    nb = json.loads(path.read_text())
    for cell in _code_cells(nb):
        src = "".join(cell["source"])
        assert not re.search(r"\blr\s*=", src), f"{path.name}: Keras 3 needs learning_rate=, not lr="
        assert "np.random.seed" not in src, f"{path.name}: pass a numpy.random.Generator instead of np.random.seed"


def test_config_keeps_the_book_offline_and_strict():
    assert CONFIG["only_build_toc_files"] is True
    assert "sphinx-mathjax-offline" in CONFIG["sphinx"]["extra_extensions"]
    assert CONFIG["sphinx"].get("recursive_update") is True
    assert CONFIG["execute"]["allow_errors"] is False
    assert CONFIG["launch_buttons"]["colab_url"] and CONFIG["launch_buttons"]["binderhub_url"]
    assert "deflist" in CONFIG["parse"]["myst_enable_extensions"], "the introduction uses MyST definition lists"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make test" in ci
    assert "make book" in readme and "make test" in readme
    # the portability check runs in CI after the tests, and the README says what it does
    assert ci.rstrip().splitlines()[-2:] == ["make test", "make test-portable"]
    assert "make test-portable" in readme
