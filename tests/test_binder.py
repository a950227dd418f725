"""Binder's environment (binder/): the chapters' imports, pinned as in requirements.txt, on a supported Python.

repo2docker reads only binder/ when that folder exists: runtime.txt chooses the Python (without it,
repo2docker falls back to an older one than the pins support) and requirements.txt is installed with
pip from the repository root. These checks install nothing.
"""

import ast
import importlib.metadata
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
# what builds or tests the book, and the server and kernel, which repo2docker brings itself
NOT_FOR_BINDER = {"pytest", "pytest-xdist", "nbval", "hypothesis", "playwright", "jupyter-book", "nbconvert",
                  "jupyterlab", "ipykernel", "sphinx"}
PIN = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(path: pathlib.Path) -> tuple[dict[str, str], list[str]]:
    """The exact pins {name: version} of a requirements file, and its other (non-pin) lines."""
    pins, other = {}, []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = PIN.fullmatch(line)
        if match:
            pins[_name(match.group(1))] = match.group(2)
        else:
            other.append(line)
    return pins, other


def _chapter_imports() -> set[str]:
    """Top-level names of the modules that the chapters' code cells import."""
    names = set()
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] != "code":
                continue
            # IPython magics and shell escapes are not Python: keep the line count, drop the line
            lines = [re.sub(r"^(\s*)[%!].*", r"\1pass", line) for line in "".join(cell["source"]).splitlines()]
            for node in ast.walk(ast.parse("\n".join(lines), filename=path.name)):
                if isinstance(node, ast.Import):
                    names |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    names.add(node.module.split(".")[0])
    return names


def test_binder_pins_what_requirements_txt_pins_and_installs_the_package():
    binder, binder_other = _requirements(BINDER / "requirements.txt")
    top, _ = _requirements(ROOT / "requirements.txt")
    differ = {name: (version, top.get(name)) for name, version in binder.items() if top.get(name) != version}
    assert not differ, f"binder/requirements.txt pins differ from requirements.txt ({{name: (binder, top)}}): {differ}"
    assert binder_other == ["-e ./code"], (
        f"binder/requirements.txt: every line is an exact pin or `-e ./code` (the package), found {binder_other}"
    )
    # repo2docker runs `pip install -r binder/requirements.txt` from the repository root
    assert (ROOT / "code" / "pyproject.toml").exists()


def test_binder_leaves_out_the_build_and_test_tools():
    binder, _ = _requirements(BINDER / "requirements.txt")
    tools = sorted(n for n in binder if n in NOT_FOR_BINDER or n.startswith(("sphinx", "pytest")))
    assert not tools, f"binder/requirements.txt installs build or test tools, or Jupyter itself: {tools}"


def test_binder_installs_every_module_the_chapters_import():
    binder, _ = _requirements(BINDER / "requirements.txt")
    provided = {"feedforward"}  # -e ./code
    for module, dists in importlib.metadata.packages_distributions().items():
        if any(_name(d) in binder for d in dists):
            provided.add(module)
    missing = sorted(_chapter_imports() - set(sys.stdlib_module_names) - provided)
    assert not missing, f"chapters import modules that binder/requirements.txt does not install: {missing}"


def test_binder_python_is_in_the_range_the_readme_states():
    runtime = (BINDER / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-(3)\.(\d+)", runtime)
    assert match, f"binder/runtime.txt must read python-3.X, found {runtime!r}"
    readme = (ROOT / "README.md").read_text()
    stated = re.search(r"Python 3\.(\d+) or\s+3\.(\d+)", readme)
    assert stated, "README.md must state the supported Python range as 'Python 3.X or 3.Y'"
    low, high = int(stated.group(1)), int(stated.group(2))
    assert low <= int(match.group(2)) <= high, f"binder/runtime.txt asks for {runtime}, the README supports 3.{low} to 3.{high}"
