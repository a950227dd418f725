"""The Makefile's environment: progress bars off where outputs are stored or checked, on in `make lab`.

Each target runs with stand-ins for .venv's programs that print FEEDFORWARD_PROGRESS instead of
working, and with no install step (STAMP=), so the check takes a fraction of a second.
"""

import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
STORED_OR_CHECKED = ["book", "test", "test-unit", "test-notebooks", "test-book", "test-portable", "execute"]


def _progress_seen_by(target: str, tmp_path: pathlib.Path, environment_value: str) -> set[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for program in ("python", "jupyter", "jupyter-book"):
        stand_in = bin_dir / program
        stand_in.write_text('#!/bin/sh\necho "FEEDFORWARD_PROGRESS=$FEEDFORWARD_PROGRESS"\n')
        stand_in.chmod(0o755)
    env = {**os.environ, "FEEDFORWARD_PROGRESS": environment_value}
    result = subprocess.run(
        ["make", "--no-print-directory", target, f"BIN={bin_dir}", "STAMP=", "NOTEBOOKS=chapters/none.ipynb"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {line for line in result.stdout.splitlines() if line.startswith("FEEDFORWARD_PROGRESS=")}


pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@pytest.mark.parametrize("target", STORED_OR_CHECKED)
def test_no_progress_bars_where_outputs_are_stored_or_checked(target, tmp_path):
    assert _progress_seen_by(target, tmp_path, environment_value="1") == {"FEEDFORWARD_PROGRESS=0"}, (
        f"make {target} must run with FEEDFORWARD_PROGRESS=0: its outputs are stored or compared"
    )


def test_lab_shows_progress_bars(tmp_path):
    assert _progress_seen_by("lab", tmp_path, environment_value="0") == {"FEEDFORWARD_PROGRESS=1"}, (
        "make lab must show the grid search's progress bar (FEEDFORWARD_PROGRESS=1)"
    )
