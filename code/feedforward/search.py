"""Grid search over learning rate x regularisation, and its heatmap."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["GridResult", "grid_search", "plot_heatmap", "progress_enabled"]


@dataclass
class GridResult:
    """Scores of a grid search: ``train[i, j]`` and ``test[i, j]`` for ``etas[i]`` and ``lmbds[j]``.

    A cell whose training diverged holds NaN, and ``diverged[i, j]`` is True.
    """

    etas: np.ndarray
    lmbds: np.ndarray
    train: np.ndarray
    test: np.ndarray
    diverged: np.ndarray

    def best(self, on: str = "test") -> tuple[float, float, float]:
        """``(eta, lmbd, score)`` of the best cell on ``"test"`` or ``"train"`` scores (first of ties)."""
        scores = getattr(self, on)
        i, j = np.unravel_index(np.nanargmax(scores), scores.shape)
        return float(self.etas[i]), float(self.lmbds[j]), float(scores[i, j])


def progress_enabled() -> bool:
    """Progress bars show unless ``FEEDFORWARD_PROGRESS=0`` (set by the Makefile and the test
    configuration, so that stored notebook outputs hold no progress noise)."""
    return os.environ.get("FEEDFORWARD_PROGRESS", "1") != "0"


def _run_cell(fit_and_score, eta, lmbd):
    from .network import TrainingDiverged

    try:
        train, test = fit_and_score(eta, lmbd)
        return float(train), float(test), False
    except TrainingDiverged:
        return float("nan"), float("nan"), True


def grid_search(
    fit_and_score: Callable[[float, float], tuple[float, float]],
    etas: Sequence[float],
    lmbds: Sequence[float],
    *,
    n_jobs: int = 1,
    backend: str | None = None,
    progress: bool | None = None,
) -> GridResult:
    """Evaluate ``fit_and_score(eta, lmbd) -> (train_score, test_score)`` on every pair.

    Parameters
    ----------
    fit_and_score : callable
        Builds, trains and scores one model.  Seed it inside (e.g. from a fixed integer), so
        each cell is reproducible whichever worker runs it.  A ``TrainingDiverged`` it raises
        marks the cell as diverged (NaN scores) instead of stopping the search.
    etas, lmbds : sequences of float
    n_jobs : int
        Number of parallel workers (joblib); 1 runs in this process.
    backend : str, optional
        A joblib backend name: ``"loky"`` (default for ``n_jobs > 1``), ``"threading"``, or
        ``"dask"`` / ``"ray"`` once their joblib backends are registered, for larger grids.
    progress : bool, optional
        Show a tqdm progress bar on stderr; default from :func:`progress_enabled`.
    """
    etas, lmbds = np.asarray(etas, dtype=float), np.asarray(lmbds, dtype=float)
    if etas.ndim != 1 or lmbds.ndim != 1 or etas.size == 0 or lmbds.size == 0:
        raise ValueError("etas and lmbds must be non-empty 1-D sequences")
    pairs = [(eta, lmbd) for eta in etas for lmbd in lmbds]
    show = progress_enabled() if progress is None else progress
    if n_jobs == 1:
        iterator = pairs
        if show:
            from tqdm import tqdm

            iterator = tqdm(pairs, desc="grid", file=sys.stderr)
        results = [_run_cell(fit_and_score, eta, lmbd) for eta, lmbd in iterator]
    else:
        from joblib import Parallel, delayed

        parallel = Parallel(n_jobs=n_jobs, backend=backend, return_as="generator")
        gen = parallel(delayed(_run_cell)(fit_and_score, eta, lmbd) for eta, lmbd in pairs)
        if show:
            from tqdm import tqdm

            gen = tqdm(gen, total=len(pairs), desc="grid", file=sys.stderr)
        results = list(gen)
    arr = np.array(results, dtype=object).reshape(len(etas), len(lmbds), 3)
    return GridResult(
        etas,
        lmbds,
        arr[..., 0].astype(float),
        arr[..., 1].astype(float),
        arr[..., 2].astype(bool),
    )


def plot_heatmap(
    scores: np.ndarray,
    row_values: Sequence[float],
    col_values: Sequence[float],
    *,
    title: str,
    row_label: str = r"learning rate $\eta$",
    col_label: str = r"regularisation $\lambda$",
    ax=None,
    fmt: str = ".3f",
    vmin: float = 0.0,
    vmax: float = 1.0,
):
    """Seaborn heatmap of a score grid with labelled axes; NaN (diverged) cells are shown blank
    and annotated "div".

    Returns the matplotlib ``Axes``.
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 5.2))
    scores = np.asarray(scores, dtype=float)
    sns.heatmap(
        scores,
        annot=True,
        fmt=fmt,
        cmap="viridis",
        vmin=vmin,
        vmax=vmax,
        xticklabels=[f"{v:g}" for v in col_values],
        yticklabels=[f"{v:g}" for v in row_values],
        cbar_kws={"label": "accuracy"},
        ax=ax,
        annot_kws={"fontsize": 8},
    )
    for i, j in zip(*np.nonzero(np.isnan(scores))):
        ax.text(j + 0.5, i + 0.5, "div", ha="center", va="center", fontsize=8, color="0.4")
    ax.set_title(title)
    ax.set_ylabel(row_label)
    ax.set_xlabel(col_label)
    return ax
