"""Gradient clipping by global norm (Pascanu, Mikolov and Bengio 2013).

An exploding gradient points in a sensible direction but is far too long.
Clipping by the *global* norm rescales every gradient of the model by the
same factor, so the step keeps its direction and only its length is capped;
clipping each element separately changes the direction.
"""

import numpy as np

from . import _validate as v


def global_norm(grads):
    """sqrt(sum of the squares of every entry of every array in grads): one number for the whole model."""
    return float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))


def clip_by_global_norm(grads, max_norm):
    """Scale every array of grads, in place, so that their global norm is at most max_norm.

    grads: a list of float arrays (one per parameter); max_norm > 0.
    With n = global_norm(grads), each gradient is multiplied by
        min(1, max_norm / (n + 1e-6)),
    the rule of torch.nn.utils.clip_grad_norm_ (the 1e-6 guards n = 0).
    Returns n, the norm before clipping, as torch does.
    """
    if isinstance(max_norm, bool) or not isinstance(max_norm, (int, float, np.integer, np.floating)) \
            or not np.isfinite(max_norm) or max_norm <= 0:
        raise ValueError(f"max_norm must be a positive number such as 1.0 or 5.0; got {max_norm!r}.")
    if not isinstance(grads, (list, tuple)) or not grads:
        raise TypeError("grads must be a non-empty list of gradient arrays, one per parameter.")
    for i, g in enumerate(grads):
        if not isinstance(g, np.ndarray) or g.dtype.kind != "f":
            raise TypeError(f"grads[{i}] must be a float numpy array (it is changed in place); "
                            f"got {type(g).__name__}.")
        v.check_finite(g, f"grads[{i}]", "The gradient overflowed before clipping: clip earlier or lower the learning rate.")
    norm = global_norm(grads)
    scale = max_norm / (norm + 1e-6)
    if scale < 1.0:
        for g in grads:
            g *= scale
    return norm
