"""Gradient clipping by global norm (Pascanu, Mikolov and Bengio 2013).

An exploding gradient points in a sensible direction but is far too long.
Clipping by the *global* norm rescales every gradient of the model by the
same factor, so the step keeps its direction and only its length is capped;
clipping each element separately changes the direction.
"""

import numpy as np

from . import _validate as v


def global_norm(grads):
    """sqrt(sum of the squares of every entry of every array in grads): one number for the whole model.

    grads: a list of arrays. Computed as M * sqrt(sum((g / M)^2)) with M the
    largest |entry|, so that squares of huge entries (1e200) do not overflow
    and squares of tiny ones (1e-200) do not vanish.
    """
    grads = _check_grads(grads, "global_norm")
    largest = max(float(np.max(np.abs(g), initial=0.0)) for g in grads)
    if largest == 0.0:
        return 0.0
    with np.errstate(over="ignore"):  # a norm beyond float64 is reported below
        norm = largest * float(np.sqrt(sum(np.sum(np.square(g / largest)) for g in grads)))
    if not np.isfinite(norm):
        raise ValueError(
            "global_norm (which clip_by_global_norm computes first): the global norm of grads is larger than "
            "1.8e308, the largest float64 number, though every entry is finite: the gradient has exploded beyond "
            "repair. Lower the learning rate, or clip at every step, before it grows this far."
        )
    return norm


def clip_by_global_norm(grads, max_norm):
    """Scale every array of grads, in place, so that their global norm is at most max_norm.

    grads: a list of float arrays (one per parameter); max_norm > 0.
    With n = global_norm(grads), each gradient is multiplied by
        min(1, max_norm / (n + 1e-6)),
    the rule of torch.nn.utils.clip_grad_norm_ (the 1e-6 guards n = 0).
    Returns n, the norm before clipping, as torch does.
    """
    grads, max_norm = _check_clip(grads, max_norm)
    norm = global_norm(grads)
    scale = max_norm / (norm + 1e-6)
    if scale < 1.0:
        for g in grads:
            g *= scale
    return norm


# ---------------------------------------------------------------- input checks


def _check_grads(grads, where):
    grads = v.array_list(grads, f"{where}: grads", "one gradient per parameter", "grad")
    return v.arrays(where, [f"grads[{i}]" for i in range(len(grads))], grads,
                    "The gradient overflowed before clipping: clip earlier or lower the learning rate.")


def _check_clip(grads, max_norm):
    where = "clip_by_global_norm"
    max_norm = v.positive_number(max_norm, "max_norm (the largest global norm allowed)", example="1.0 or 5.0")
    grads = v.array_list(grads, f"{where}: grads", "one gradient per parameter, scaled in place", "grad")
    for i, g in enumerate(grads):
        v.in_place_array(g, f"grads[{i}]", f"{where} scales it in place")
    v.distinct_arrays(grads, "grads")
    _check_grads(grads, where)
    return grads, max_norm  # a norm beyond float64 is reported by global_norm, before anything is scaled
