#!/usr/bin/env python3
"""Point the book at the GitHub repository it is published from.

The repository's URL is written in three kinds of places: `_config.yml` (`repository: url` and
`branch`, used by the launch, repository and issues buttons), `CITATION.cff` (`repository-code`), and the
Colab set-up cell of every notebook in chapters/ (which installs the package from that URL and branch).
This script rewrites all of them, changing only those lines:

    python3 tools/set_repository.py OWNER/NAME [--branch main]     # or: make publish-url REPO=OWNER/NAME
    python3 tools/set_repository.py OWNER/NAME --check             # exit 1 if a file points elsewhere
    python3 tools/set_repository.py --check                        # do all files agree with _config.yml?

Running it twice changes nothing the second time. Standard library only.
"""

import argparse
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
SLUG = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
BRANCH = re.compile(r"[A-Za-z0-9._/-]+")
COLAB_URL = re.compile(r"git\+https://github\.com/[^@\s\"]+@[^#\s\"]+#subdirectory=code")
CONFIG_URL = re.compile(r"^(  url: )(.*)$", re.M)  # the url and branch keys of the `repository:` block
CONFIG_BRANCH = re.compile(r"^(  branch: )(.*)$", re.M)
CITATION_URL = re.compile(r"^(repository-code: )(.*)$", re.M)


def _replace_once(pattern: re.Pattern, text: str, value: str, where: str) -> str:
    if len(pattern.findall(text)) != 1:
        raise SystemExit(f"{where}: expected exactly one line matching {pattern.pattern!r}")
    return pattern.sub(lambda m: m.group(1) + value, text)


def _repository_block(text: str) -> tuple[int, int]:
    start = re.search(r"^repository:\s*$", text, re.M)
    if not start:
        raise SystemExit("_config.yml: no `repository:` section")
    end = re.search(r"^\S", text[start.end():], re.M)
    return start.end(), start.end() + (end.start() if end else len(text) - start.end())


def rewrite_config(text: str, url: str, branch: str) -> str:
    a, b = _repository_block(text)
    block = _replace_once(CONFIG_URL, text[a:b], url, "_config.yml repository")
    block = _replace_once(CONFIG_BRANCH, block, branch, "_config.yml repository")
    return text[:a] + block + text[b:]


def read_config(text: str) -> tuple[str, str]:
    """The url and branch of _config.yml's `repository:` section."""
    a, b = _repository_block(text)
    url, branch = CONFIG_URL.search(text[a:b]), CONFIG_BRANCH.search(text[a:b])
    if not (url and branch):
        raise SystemExit("_config.yml: the `repository:` section needs `url:` and `branch:`")
    return url.group(2).split("#")[0].strip(), branch.group(2).split("#")[0].strip()


def rewrite_citation(text: str, url: str) -> str:
    return _replace_once(CITATION_URL, text, f'"{url}"', "CITATION.cff")


def rewrite_notebook(raw: str, url: str, branch: str, name: str) -> str:
    """The notebook's JSON text with the Colab cell's install line pointing at url@branch.

    The line is replaced as it is stored (nbformat's JSON string), so every other byte of the file,
    its indentation and key order included, stays as it is.
    """
    cells = [c for c in json.loads(raw)["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    colab = cells[0]["source"] if cells else []
    lines = [line for line in colab if COLAB_URL.search(line)]
    if len(lines) != 1 or "google.colab" not in "".join(colab):
        raise SystemExit(f"{name}: the first code cell is not the Colab set-up cell with one install line")
    old = lines[0]
    new = COLAB_URL.sub(f"git+{url}@{branch}#subdirectory=code", old)
    old_json, new_json = (json.dumps(s, ensure_ascii=False) for s in (old, new))
    if raw.count(old_json) != 1:
        raise SystemExit(f"{name}: the Colab install line is not stored exactly once as {old_json}")
    return raw.replace(old_json, new_json)


def targets(root: pathlib.Path) -> list[pathlib.Path]:
    files = [root / "_config.yml"]
    if (root / "CITATION.cff").exists():
        files.append(root / "CITATION.cff")
    return files + sorted((root / "chapters").glob("*.ipynb"))


def rewritten(path: pathlib.Path, root: pathlib.Path, url: str, branch: str) -> str:
    text = path.read_bytes().decode("utf-8")  # bytes: line endings stay as they are
    name = path.relative_to(root).as_posix()
    if path.name == "_config.yml":
        return rewrite_config(text, url, branch)
    if path.name == "CITATION.cff":
        return rewrite_citation(text, url)
    return rewrite_notebook(text, url, branch, name)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", nargs="?", help="OWNER/NAME on GitHub (with --check: default, _config.yml's)")
    parser.add_argument("--branch", help="the branch the buttons and the Colab cell use (default: main)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file points elsewhere")
    parser.add_argument("--root", type=pathlib.Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.root.resolve()

    if args.repo is None:
        if not args.check:
            parser.error("name the repository as OWNER/NAME, e.g. my-group/nn-book")
        url, branch = read_config((root / "_config.yml").read_text(encoding="utf-8"))
        branch = args.branch or branch
    else:
        if not SLUG.fullmatch(args.repo):
            parser.error(f"{args.repo!r} is not a GitHub OWNER/NAME")
        url, branch = f"https://github.com/{args.repo}", args.branch or "main"
    if not BRANCH.fullmatch(branch):
        parser.error(f"{branch!r} is not a branch name this script accepts")

    stale = []
    for path in targets(root):
        new = rewritten(path, root, url, branch)
        if new != path.read_bytes().decode("utf-8"):
            stale.append(path.relative_to(root).as_posix())
            if not args.check:
                path.write_bytes(new.encode("utf-8"))
    if args.check:
        if stale:
            print(f"these files do not point at {url} (branch {branch}): {', '.join(stale)}", file=sys.stderr)
            print("run: make publish-url REPO=OWNER/NAME", file=sys.stderr)
            return 1
        print(f"every file points at {url} (branch {branch})")
    else:
        print(f"pointed {len(stale)} file(s) at {url} (branch {branch})" if stale else f"already pointing at {url} (branch {branch})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
