"""Results over several random seeds: a conclusion rests on the spread, not on one run.

A single training run is one draw: its initial weights and its shuffles are random, and on 360 test
images one image is 0.0028 of the accuracy. :func:`over_seeds` repeats a run for several seeds and
returns a :class:`SeedSpread`, which prints the mean, the standard deviation over the seeds and the
range, and says how many runs diverged instead of averaging a NaN.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

__all__ = ["SeedSpread", "over_seeds"]


@dataclass(frozen=True)
class SeedSpread:
    """Scores of one experiment repeated with several seeds.

    Attributes
    ----------
    seeds : tuple of int
    values : ndarray of shape (n_seeds,)
        One score per seed, NaN where the training diverged.
    """

    seeds: tuple[int, ...]
    values: np.ndarray

    def __post_init__(self) -> None:
        values = np.asarray(self.values, dtype=float)
        if values.ndim != 1 or values.size == 0 or values.size != len(self.seeds):
            raise ValueError(f"need one value per seed: {len(self.seeds)} seeds, values of shape {values.shape}")
        object.__setattr__(self, "values", values)

    @property
    def n(self) -> int:
        """Number of seeds."""
        return self.values.size

    @property
    def finite(self) -> np.ndarray:
        """The scores of the runs that did not diverge."""
        return self.values[np.isfinite(self.values)]

    @property
    def n_diverged(self) -> int:
        return self.n - self.finite.size

    def _of_finite(self, statistic: Callable[[np.ndarray], float]) -> float:
        return float(statistic(self.finite)) if self.finite.size else float("nan")

    @property
    def mean(self) -> float:
        """Mean over the runs that did not diverge."""
        return self._of_finite(np.mean)

    @property
    def std(self) -> float:
        """Sample standard deviation (``ddof=1``) over the runs that did not diverge; 0 for one run."""
        return self._of_finite(lambda v: np.std(v, ddof=1) if v.size > 1 else 0.0)

    @property
    def min(self) -> float:
        return self._of_finite(np.min)

    @property
    def max(self) -> float:
        return self._of_finite(np.max)

    def format(self, digits: int = 3, *, unit: str = "seeds") -> str:
        """``"0.965 ± 0.003 (5 seeds, 0.961 to 0.969)"``, with the diverged runs counted, not averaged.

        ``unit`` names what the runs are when each is more than a seed, e.g. ``"repetitions"`` for runs
        that each draw their own data as well."""
        if not self.finite.size:
            return f"diverged for all {self.n} {unit}"
        text = (f"{self.mean:.{digits}f} ± {self.std:.{digits}f} "
                f"({self.finite.size} {unit}, {self.min:.{digits}f} to {self.max:.{digits}f})")
        if self.n_diverged:
            text += f"; diverged for {self.n_diverged} of {self.n} {unit}"
        return text

    def __str__(self) -> str:
        return self.format()


def over_seeds(run: Callable[[int], float], seeds: Iterable[int] = range(5), *, n_jobs: int = 1) -> SeedSpread:
    """Call ``run(seed)`` for every seed and collect the scores.

    Parameters
    ----------
    run : callable
        ``run(seed) -> score``: builds, trains and scores one model from that seed (initial weights
        and shuffles). A :class:`~feedforward.network.TrainingDiverged` it raises records NaN.
    seeds : iterable of int
    n_jobs : int
        Parallel workers (joblib, processes); 1 runs here. The result does not depend on it.

    Returns
    -------
    SeedSpread
    """
    seeds = tuple(int(seed) for seed in seeds)
    if not seeds:
        raise ValueError("seeds is empty: give at least one seed")
    if n_jobs == 1:
        values = [_run_one(run, seed) for seed in seeds]
    else:
        from joblib import Parallel, delayed

        values = Parallel(n_jobs=n_jobs)(delayed(_run_one)(run, seed) for seed in seeds)
    return SeedSpread(seeds, np.array(values, dtype=float))


def _run_one(run: Callable[[int], float], seed: int) -> float:
    from .network import TrainingDiverged

    try:
        return float(run(seed))
    except TrainingDiverged:
        return float("nan")
