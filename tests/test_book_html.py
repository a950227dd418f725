"""The built book: a strict Sphinx build, then every page in headless Chromium with no network.

The build renders the notebooks' stored outputs (execution off): nbval checks those outputs against
a fresh execution in the same `make test` run, and `make book` builds with execution forced.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest
import yaml

pytestmark = pytest.mark.book

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUT = ROOT / "_build" / "test-book"
HTML = OUT / "_build" / "html"


def _toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [toc["root"]]
    for part in toc.get("parts", []):
        pages += [c["file"] for c in part["chapters"]]
    return pages


@pytest.fixture(scope="module")
def built_book(tmp_path_factory):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["execute"]["execute_notebooks"] = "off"
    # paths in the config are relative to the config file, which lives elsewhere for this build
    config["bibtex_bibfiles"] = [str(ROOT / f) for f in config["bibtex_bibfiles"]]
    config["sphinx"]["local_extensions"] = {k: str(ROOT / v) for k, v in config["sphinx"]["local_extensions"].items()}
    config_path = tmp_path_factory.mktemp("config") / "_config.yml"
    config_path.write_text(yaml.safe_dump(config))
    shutil.rmtree(OUT, ignore_errors=True)
    jupyter_book = pathlib.Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "-W", "-n", "--keep-going", "--config", str(config_path), "--path-output", str(OUT)],
        capture_output=True,
        text=True,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, "the book build failed (warnings are errors):\n" + log[-6000:]
    return HTML


def test_every_toc_entry_has_a_page(built_book):
    missing = [p for p in _toc_pages() if not (built_book / p).with_suffix(".html").exists()]
    assert not missing, f"no HTML page for {missing}"
    assert (built_book / "_static" / "mathjax" / "tex-chtml.js").exists(), "MathJax is not served by the book"


def test_pages_render_definition_lists_and_show_the_licences_and_issues_button(built_book):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    problems = []
    for page_name in _toc_pages():
        html = (built_book / page_name).with_suffix(".html").read_text()
        # a MyST definition list left unparsed (deflist off) is a paragraph with a line starting ": "
        if re.search(r"<p>(?:(?!</p>).)*?^: ", html, re.S | re.M):
            problems.append(f"{page_name}: a definition list left as a paragraph of ': ' lines (MyST's deflist extension is off?)")
        if "CC BY 4.0" not in html or "MIT" not in html:
            problems.append(f"{page_name}: no licence line in the footer")
        if f'href="{config["repository"]["url"]}/issues/new' not in html:
            problems.append(f"{page_name}: no issues button for {config['repository']['url']}")
    assert not problems, "\n".join(problems)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]

# page checks run in the browser: unrendered math and images that did not load
PAGE_CHECKS = """() => {
  const problems = [];
  for (const img of document.images) {
    if (!img.complete || img.naturalWidth === 0) problems.push('image did not load: ' + (img.getAttribute('src') || '').slice(0, 80));
  }
  const article = document.querySelector('article') || document.body;
  const clone = article.cloneNode(true);
  clone.querySelectorAll('pre, code, mjx-container, script, .highlight').forEach(e => e.remove());
  const text = clone.textContent;
  for (const marker of ['$$', '\\\\begin{', '\\\\frac', '\\\\mathcal']) {
    if (text.includes(marker)) problems.push('raw math left in the page: ' + marker);
  }
  return {problems, mathSource: article.querySelectorAll('.math, mjx-container').length,
          rendered: document.querySelectorAll('mjx-container').length};
}"""


def test_pages_render_offline_in_chromium(built_book, tmp_path):
    chromium = _chromium()
    if chromium is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required in CI for the browser check (apt-get install chromium)")
        pytest.skip("Chromium not found: `apt-get install chromium` (Debian) enables the browser check")
    from playwright.sync_api import sync_playwright

    report = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for page_name in _toc_pages():
            path = (built_book / page_name).with_suffix(".html")
            page = context.new_page()
            problems: list[str] = []
            page.on("pageerror", lambda exc, problems=problems: problems.append(f"JavaScript error: {exc}"))
            page.on(
                "console",
                lambda msg, problems=problems: problems.append(f"console error: {msg.text[:200]}") if msg.type == "error" else None,
            )

            def block(route, problems=problems):
                problems.append(f"network request: {route.request.url[:120]}")
                route.abort()

            page.route("http*://**", block)
            page.goto(path.as_uri(), wait_until="load")
            if page.evaluate("() => !!document.querySelector('script[src*=\"mathjax\"]')"):
                # Sphinx loads MathJax on pages with math only; wait until it has typeset them
                try:
                    page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=20_000)
                    page.evaluate("() => MathJax.startup.promise")
                except Exception as exc:  # noqa: BLE001 - reported with the page's other problems
                    problems.append(f"MathJax did not start: {type(exc).__name__}")
            result = page.evaluate(PAGE_CHECKS)
            problems += result["problems"]
            if result["mathSource"] and not result["rendered"]:
                problems.append("the page has math but MathJax rendered none of it")
            if page_name.endswith("01_backpropagation") or (page_name.endswith("intro") and not (ROOT / "chapters/01_backpropagation.ipynb").exists()):
                page.screenshot(path=str(ROOT / "_build" / "screenshot-first-chapter.png"), full_page=False)
            report[page_name] = (problems, result["rendered"])
            page.close()
        browser.close()
    failures = {k: v[0] for k, v in report.items() if v[0]}
    assert not failures, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in failures.items())
    assert report, "no page visited"
    assert sum(r for _, r in report.values()) > 0, "MathJax rendered no math on any page"
