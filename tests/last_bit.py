"""Test-only hook for `make test-portable`: move every initial weight by one unit in the last place.

The stored outputs of the book must not depend on the last bits of floating-point arithmetic, because
another processor (other SIMD paths in NumPy's ``exp``/``log``, another BLAS kernel) rounds differently.
`make test-portable` emulates that on one machine: it switches NumPy to other SIMD paths
(``NPY_DISABLE_CPU_FEATURES``) and, through this hook, starts every training run one ulp away from the
stored one. A printed result that changes is one that a student's laptop could print differently.

The hook is installed in every Python process of that check, the notebook kernels and the worker
processes of joblib alike, by ``tests/portable_site/sitecustomize.py`` (the Makefile puts that folder on
``PYTHONPATH``) when ``BOOK_PERTURB_LAST_BIT`` is ``up`` or ``down``; otherwise nothing here runs. It patches, as each library is imported:

- ``feedforward``: the weight initialisers and the lecture's class (``LectureNeuralNetwork``), with the
  same deterministic rule, so that both still start from identical weights;
- scikit-learn: ``MLPClassifier``/``MLPRegressor``'s initial weights;
- Keras: the trainable weights of a model, once, at its first ``fit``.

The rule is ``np.nextafter(w, +inf)`` (``up``) or ``np.nextafter(w, -inf)`` (``down``) for every non-zero weight:
deterministic, one ulp in the weight's own precision (float32 for Keras), and it consumes no random
numbers, so seeded streams stay as they were. `make test-portable` runs nbval once in each direction:
a chaotic run that lands on its stored result by chance once (an accuracy at chance level takes only a
few values) is caught by the other pass. A target that cannot be found raises, so the check never
runs silently unperturbed.
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import sys
import weakref

import numpy as np

ENV_VAR = "BOOK_PERTURB_LAST_BIT"
DIRECTIONS = {"up": np.inf, "down": -np.inf}
_towards = np.inf


def one_ulp(array):
    """``array`` with every non-zero element moved one unit in the last place (see :func:`install`).

    Exact zeros (Keras' initial biases) stay zero: one ulp of zero is a subnormal number, which
    TensorFlow flushes to zero and which slows NumPy's arithmetic down.
    """
    array = np.asarray(array)
    return np.where(array != 0, np.nextafter(array, np.array(_towards, dtype=array.dtype)), array)


def _patch_initializers(module) -> None:
    table = module.INITIALIZERS
    for name, draw in list(table.items()):
        table[name] = (lambda draw: lambda rng, n_in, n_out: one_ulp(draw(rng, n_in, n_out)))(draw)


def _patch_lecture_class(module) -> None:
    cls = module.LectureNeuralNetwork
    create = cls.create_biases_and_weights

    @functools.wraps(create)
    def create_biases_and_weights(self):
        create(self)
        self.hidden_weights = one_ulp(self.hidden_weights)
        self.output_weights = one_ulp(self.output_weights)

    cls.create_biases_and_weights = create_biases_and_weights


def _patch_sklearn_mlp(module) -> None:
    cls = module.BaseMultilayerPerceptron
    init_coef = cls._init_coef

    @functools.wraps(init_coef)
    def _init_coef(self, fan_in, fan_out, dtype):
        coef, intercept = init_coef(self, fan_in, fan_out, dtype)
        return one_ulp(coef), intercept

    cls._init_coef = _init_coef


def _patch_keras(module) -> None:
    model_class = module.Model
    fit = model_class.fit
    perturbed = weakref.WeakSet()

    @functools.wraps(fit)
    def fit_from_perturbed_weights(self, *args, **kwargs):
        if self not in perturbed:
            perturbed.add(self)
            for variable in self.trainable_variables:
                variable.assign(one_ulp(variable.numpy()))
        return fit(self, *args, **kwargs)

    model_class.fit = fit_from_perturbed_weights


PATCHES = {
    "feedforward.initializers": _patch_initializers,
    "feedforward.reference": _patch_lecture_class,
    "sklearn.neural_network._multilayer_perceptron": _patch_sklearn_mlp,
    "keras": _patch_keras,
}


class _PatchAfterImport(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds the modules of :data:`PATCHES` with the usual machinery, then patches them once loaded."""

    def find_spec(self, name, path, target=None):
        if name not in PATCHES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None:
            raise ImportError(f"{ENV_VAR}: cannot find {name} to perturb its initial weights")
        self._loaders = getattr(self, "_loaders", {})
        self._loaders[name] = spec.loader
        spec.loader = self
        return spec

    def create_module(self, spec):
        return self._loaders[spec.name].create_module(spec)

    def exec_module(self, module):
        loader = self._loaders[module.__spec__.name]
        module.__spec__.loader = module.__loader__ = loader  # resources are found through the real loader
        loader.exec_module(module)
        PATCHES[module.__spec__.name](module)


def install(direction: str = "up") -> None:
    """Patch what is imported already and everything of :data:`PATCHES` imported later.

    ``direction`` is ``"up"`` (every initial weight one ulp towards +inf) or ``"down"``.
    """
    global _towards
    if direction not in DIRECTIONS:
        raise ValueError(f"{ENV_VAR} must be one of {sorted(DIRECTIONS)}, got {direction!r}")
    _towards = DIRECTIONS[direction]
    for name, patch in PATCHES.items():
        if name in sys.modules:
            patch(sys.modules[name])
    if not any(isinstance(finder, _PatchAfterImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _PatchAfterImport())


def numpy_features_to_disable() -> str:
    """The SIMD targets above NumPy's baseline that this processor has, for ``NPY_DISABLE_CPU_FEATURES``.

    Disabling them sends ``exp``, ``log``, ``tanh`` ... to the baseline code paths, which round
    differently from the ones the stored outputs were made with (AVX2 or AVX-512 on most machines).
    """
    from numpy._core import _multiarray_umath as umath

    return " ".join(f for f in umath.__cpu_dispatch__ if umath.__cpu_features__.get(f))


if __name__ == "__main__":
    print(numpy_features_to_disable())
