"""tools/set_repository.py, run on a copy of _config.yml, CITATION.cff and two notebooks (never on the book)."""

import difflib
import pathlib
import shutil
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "set_repository.py"
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))[:2]


def _run(root, *args):
    return subprocess.run([sys.executable, str(SCRIPT), *args, "--root", str(root)], capture_output=True, text=True)


def _copy(tmp_path):
    (tmp_path / "chapters").mkdir()
    for name in ("_config.yml", "CITATION.cff"):
        shutil.copy(ROOT / name, tmp_path / name)
    for nb in NOTEBOOKS:
        shutil.copy(nb, tmp_path / "chapters" / nb.name)
    return {p: p.read_text() for p in tmp_path.rglob("*") if p.is_file()}


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_rewrites_only_the_repository_lines_and_is_idempotent(tmp_path):
    before = _copy(tmp_path)
    result = _run(tmp_path, "my-group/nn-book", "--branch", "spring-2027")
    assert result.returncode == 0, result.stderr
    url = "https://github.com/my-group/nn-book"

    old = yaml.safe_load(before[tmp_path / "_config.yml"])["repository"]
    config = (tmp_path / "_config.yml").read_text()
    assert _changed_lines(before[tmp_path / "_config.yml"], config) == [
        f"-  url: {old['url']}", f"-  branch: {old['branch']}", f"+  url: {url}", "+  branch: spring-2027",
    ]
    assert yaml.safe_load((tmp_path / "CITATION.cff").read_text())["repository-code"] == url
    assert len(_changed_lines(before[tmp_path / "CITATION.cff"], (tmp_path / "CITATION.cff").read_text())) == 2

    for nb in NOTEBOOKS:
        path = tmp_path / "chapters" / nb.name
        changed = _changed_lines(before[path], path.read_text())
        # one line of the JSON file: the Colab cell's install line, still in nbformat's layout
        assert len(changed) == 2 and changed[1] == '+    "    %pip install --quiet \\"feedforward @ ' \
            f'git+{url}@spring-2027#subdirectory=code\\""', changed

    after = {p: p.read_text() for p in before}
    again = _run(tmp_path, "my-group/nn-book", "--branch", "spring-2027")
    assert again.returncode == 0 and "already" in again.stdout
    assert {p: p.read_text() for p in before} == after, "a second run changed files"


def test_check_reports_files_that_point_elsewhere_and_changes_nothing(tmp_path):
    before = _copy(tmp_path)
    assert _run(tmp_path, "--check").returncode == 0  # the copy agrees with its own _config.yml
    result = _run(tmp_path, "someone/else", "--check")
    assert result.returncode == 1
    assert "_config.yml" in result.stderr and NOTEBOOKS[0].name in result.stderr
    assert {p: p.read_text() for p in before} == before, "--check wrote a file"

    # a Colab cell left behind by hand is found
    nb = tmp_path / "chapters" / NOTEBOOKS[0].name
    nb.write_text(nb.read_text().replace("@main#subdirectory", "@old-branch#subdirectory"))
    result = _run(tmp_path, "--check")
    assert result.returncode == 1 and NOTEBOOKS[0].name in result.stderr


def test_refuses_what_is_not_a_repository_name(tmp_path):
    before = _copy(tmp_path)
    for bad in ("no-slash", "a/b/c", "https://github.com/a/b", "own er/name"):
        result = _run(tmp_path, bad)
        assert result.returncode == 2 and "OWNER/NAME" in result.stderr, bad
    assert {p: p.read_text() for p in before} == before
