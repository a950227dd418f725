"""Save and load trained networks as ``.npz`` files: plain arrays plus a JSON header, no pickle."""

from __future__ import annotations

import json

import numpy as np

from .activations import ACTIVATIONS
from .losses import LOSSES

__all__ = ["save", "load"]

_FORMAT = 1


def save(network, path) -> None:
    """Write ``network``'s configuration and parameters to ``path`` (``.npz``).

    Raises
    ------
    ValueError
        If the network uses an activation or loss that is not in the package's registries
        (it could not be rebuilt by name).
    """
    for f in network.activations:
        if ACTIVATIONS.get(f.name) is not f:
            raise ValueError(f"cannot save custom activation {f.name!r}: only registered activations are saved by name")
    if LOSSES.get(network.loss.name) != network.loss:
        raise ValueError(f"cannot save custom loss {network.loss.name!r}")
    header = {
        "format": _FORMAT,
        "layer_sizes": list(network.layer_sizes),
        "activations": [f.name for f in network.activations],
        "loss": network.loss.name,
        "lmbd": network.lmbd,
        "dtype": network.dtype.name,
        "init": network.init,
    }
    arrays = {f"W{l + 1}": W for l, W in enumerate(network.weights)}
    arrays.update({f"b{l + 1}": b for l, b in enumerate(network.biases)})
    np.savez(path, header=np.array(json.dumps(header)), **arrays)


def load(path):
    """Rebuild a :class:`~feedforward.network.FeedForwardNetwork` saved by :func:`save`."""
    from .network import FeedForwardNetwork

    with np.load(path, allow_pickle=False) as data:
        header = json.loads(str(data["header"]))
        if header.get("format") != _FORMAT:
            raise ValueError(f"{path}: unknown file format {header.get('format')!r}")
        acts = header["activations"]
        net = FeedForwardNetwork(
            header["layer_sizes"],
            hidden_activation=acts[:-1],
            output_activation=acts[-1],
            loss=header["loss"],
            init=header["init"],
            lmbd=header["lmbd"],
            dtype=np.dtype(header["dtype"]).type,
            rng=0,
        )
        for l in range(net.n_layers):
            net.weights[l][...] = data[f"W{l + 1}"]
            net.biases[l][...] = data[f"b{l + 1}"]
    return net
