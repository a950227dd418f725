"""feedforward: vectorized feed-forward networks and backpropagation in NumPy.

The teaching code of the companion book.  Modules, one job each:

- :mod:`~feedforward.activations` activation functions and their derivatives
- :mod:`~feedforward.losses` cost functions and output errors
- :mod:`~feedforward.initializers` weight initialisers
- :mod:`~feedforward.network` the network, backpropagation and training
- :mod:`~feedforward.optimizers` SGD, momentum, Adam
- :mod:`~feedforward.data` one-hot labels, splits, accuracy, the digits data and the book's split
- :mod:`~feedforward.compare` results over several seeds, with their spread
- :mod:`~feedforward.diagnostics` gradient checks, gradient norms, activation statistics
- :mod:`~feedforward.search` grid search and heatmaps
- :mod:`~feedforward.io` save and load to ``.npz``
- :mod:`~feedforward.reference` the lecture's original class, for comparison
- :mod:`~feedforward.ising` Monte Carlo samples of the 2D Ising model and Onsager's exact results
  (reached as ``ff.ising``; nothing of it is exported at the top level)
"""

from . import ising
from .activations import ACTIVATIONS, Activation, get_activation, log_softmax, sigmoid, softmax
from .compare import SeedSpread, over_seeds
from .data import DigitsSplit, accuracy, from_one_hot, load_digits_scaled, load_digits_split, one_hot, train_test_split
from .diagnostics import activation_statistics, gradient_check, layer_gradient_norms, numerical_gradients
from .io import load, save
from .losses import LOSSES, BinaryCrossEntropy, CrossEntropy, Loss, MeanSquaredError, get_loss
from .network import (
    FeedForwardNetwork,
    ForwardPass,
    History,
    TrainingDiverged,
    lambda_to_keras_l2,
    lambda_to_sklearn_alpha,
)
from .optimizers import SGD, Adam, Optimizer
from .search import GridResult, grid_search, plot_heatmap

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS", "Activation", "get_activation", "log_softmax", "sigmoid", "softmax",
    "SeedSpread", "over_seeds",
    "DigitsSplit", "accuracy", "from_one_hot", "load_digits_scaled", "load_digits_split", "one_hot", "train_test_split",
    "activation_statistics", "gradient_check", "layer_gradient_norms", "numerical_gradients",
    "load", "save",
    "LOSSES", "BinaryCrossEntropy", "CrossEntropy", "Loss", "MeanSquaredError", "get_loss",
    "FeedForwardNetwork", "ForwardPass", "History", "TrainingDiverged",
    "lambda_to_keras_l2", "lambda_to_sklearn_alpha",
    "SGD", "Adam", "Optimizer",
    "GridResult", "grid_search", "plot_heatmap",
]
