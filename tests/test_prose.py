"""The text is held to the standard of the code: no result typed by hand into the prose.

A number that a chapter computes (an accuracy, a count, a ratio) reaches its Markdown through myst-nb's
``{glue:text}`` role, from the cell that computes it, so that the sentence changes when the result
does and nbval checks the value. This test finds results typed by hand instead.

The rule: outside math, code, glue/cite/ref roles, block quotes and quotations ("..." or “...”, which
are the lecture's words), a Markdown cell of a chapter may not contain

- a decimal with two or more digits after the point (``0.965``, ``0.01``),
- a percentage (``98 %``, ``2%``),
- a count of the form "``N of M``" (``27 of 49``, ``3 of the 10``).

Settings and constants go into math (``$\\eta = 0.01$``), results into glue. The pages that are not
notebooks (``chapters/*.md``) are held to a variant: every such figure in their prose must appear in
one of the page's own ``text`` blocks, the transcript of the run it discusses.
"""

import json
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
NOTEBOOKS = sorted(CHAPTERS.glob("*.ipynb"))
PAGES = sorted(CHAPTERS.glob("*.md"))

FIGURE = re.compile(
    r"(?<![\w.])\d+\.\d{2,}(?![\w.])"  # 0.965, 14.37
    r"|(?<![\w.])\d+(?:\.\d+)?\s?%"  # 98 %, 2.5%
    r"|(?<![\w.])\d+ (?:out )?of (?:the )?\d+(?![\w.])"  # 27 of 49, 3 of the 10
)
_FENCE = re.compile(r"^(`{3,}|~{3,})([^\n]*)\n(.*?)^\1[ \t]*$", re.S | re.M)
_HIDDEN = [
    re.compile(r"\$\$.*?\$\$", re.S),  # display math
    re.compile(r"\\begin\{(\w+\*?)\}.*?\\end\{\1\}", re.S),  # amsmath environments
    re.compile(r"(?<!\\)\$[^$\n]+?(?<!\\)\$"),  # inline math
    re.compile(r"\{[\w:-]+\}`[^`]*`"),  # roles: {glue:text}`key`, {cite}`x`, {ref}`y`
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"\]\([^)\s]*\)"),  # link targets (the link text stays)
    re.compile(r"\"[^\"\n]*\"|“[^”]*”"),  # quotations
    re.compile(r"^\s*>.*$", re.M),  # block quotes
    re.compile(r"^\s*:[\w-]+:.*$", re.M),  # directive options (:label: ex-1)
    re.compile(r"\b(?:Python|NumPy|TensorFlow|Keras|scikit-learn|pandas|matplotlib|Jupyter Book)\s+\d+(?:\.\d+)+"),  # versions
]


def prose(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with math, code, roles and quotes blanked out; and the contents of its ``text`` blocks.

    Fenced blocks with a directive (```` ```{exercise} ````) keep their contents, which is prose;
    other fenced blocks (code, transcripts) are removed.
    """
    transcripts = []

    def fence(match):
        info, body = match.group(2).strip(), match.group(3)
        if info.startswith("{"):
            return body
        if info in ("text", ""):
            transcripts.append(body)
        return " "

    text = _FENCE.sub(fence, markdown)
    for pattern in _HIDDEN:
        text = pattern.sub(" ", text)
    return text, transcripts


def typed_figures(markdown: str) -> list[str]:
    """The figures :data:`FIGURE` finds in the prose of ``markdown``."""
    return [m.group(0) for m in FIGURE.finditer(prose(markdown)[0])]


@pytest.mark.parametrize(
    "markdown, expected",
    [
        ("The grid reaches 0.965 on the test set.", ["0.965"]),
        ("about 98 % of them, and 2% of the rest", ["98 %", "2%"]),
        ("XOR is learned from 14 of 20 starts, 3 of the 10 fail", ["14 of 20", "3 of the 10"]),
        ("Glued: {glue:text}`acc` and {glue:text}`acc_pct:.1f` %", []),
        ("Math: $\\eta = 0.01$, $$\\lambda = 10^{-4}, 0.125$$ and `alpha=0.01`", []),
        ("The lecture says \"around 98% (2% error rate)\".", []),
        ("> human performance is estimated to be around 98%", []),
        ("```python\nx = 0.125\n```\nafter", []),
        ("```{exercise} Title\n:label: ex-1\n\nReach 0.975 here.\n```", ["0.975"]),
        ("See [chapter 3](03_digits_mlp.ipynb) and {cite}`lecun1998`; 64-50-10 network, 8 x 8 pixels", []),
        ("one layer of 100, ten of 64 units, chapter 3 of the book, Python 3.11 and NumPy 2.4.6", []),
    ],
)
def test_the_rule(markdown, expected):
    assert typed_figures(markdown) == expected


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_no_result_is_typed_into_a_notebooks_prose(path):
    cells = json.loads(path.read_text())["cells"]
    found = [
        f"cell {i}: {figure!r}"
        for i, cell in enumerate(cells)
        if cell["cell_type"] == "markdown"
        for figure in typed_figures("".join(cell["source"]))
    ]
    assert not found, (
        f"{path.name}: figures typed into Markdown (glue them from the cell that computes them, "
        f"or put a setting into math): {found}"
    )


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_a_pages_figures_come_from_its_transcript(path):
    text, transcripts = prose(path.read_text())
    shown = "\n".join(transcripts)
    missing = [m.group(0) for m in FIGURE.finditer(text) if re.sub(r"\s?%$", "", m.group(0)) not in shown]
    assert not missing, f"{path.name}: figures in the prose that its transcript does not show: {missing}"
