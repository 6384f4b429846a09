"""nnlib: the small numpy library shared by every lesson of the course.

Notation follows the course: X is (m, n), one example per row; Theta^(l) is
(s_(l+1), s_l + 1) with the bias column first; Y is (m, K) of 0/1 or a vector
of labels.

The package has three layers, and ``import nnlib`` loads only the first:

- the maths (numpy only): activations, network (forward, cost, backprop, as
  the lessons write them), fast (the same, faster, for training), gradcheck,
  training, optim, data, and the lessons' own small models
  (guessing, sorter, descent); layers (level 4); recurrent, conv and clip
  (level 5);
- ``nnlib.viz``: figures and widgets (matplotlib, ipywidgets), one module per
  idea, each drawing what the maths module of the same name computes;
- ``nnlib.checks``: the exercise check cells, one module per level.

``nnlib.viz``, ``nnlib.checks`` and ``nnlib.ProgressBar`` load on first use.
"""

import importlib

from . import data, descent, fast, guessing, layers, optim, sorter
from . import clip, conv, recurrent  # level 5
from .activations import (
    ACTIVATIONS,
    DERIVATIVES,
    linear,
    linear_gradient,
    relu,
    relu_gradient,
    sigmoid,
    sigmoid_gradient,
    step,
    step_gradient,
    tanh,
    tanh_gradient,
)
from .gradcheck import (
    difference_verdict,
    gradient_check,
    numerical_gradient,
    relative_difference,
    report_difference,
)
from .network import Forward, backprop, cost, forward, init_weights, one_hot, predict, predict_proba
from .optim import Adam, GradientDescent, Momentum, RMSprop
from .source import show_source
from .training import DivergenceWarning, TrainingInterrupted, TrainResult, train

__version__ = "0.1.0"

# Loaded on first use, so that the maths imports without matplotlib or ipywidgets.
_LAZY_MODULES = ("viz", "checks")
_LAZY_NAMES = {"ProgressBar": "viz.progress"}

__all__ = [
    "ACTIVATIONS", "DERIVATIVES", "DivergenceWarning", "Forward", "GradientDescent", "ProgressBar", "TrainResult",
    "TrainingInterrupted",
    "backprop", "cost", "difference_verdict", "forward", "gradient_check", "init_weights", "linear",
    "linear_gradient", "numerical_gradient", "one_hot", "predict", "predict_proba",
    "relative_difference", "relu", "report_difference", "relu_gradient", "show_source", "sigmoid", "sigmoid_gradient",
    "step", "step_gradient", "tanh", "tanh_gradient", "train",
    "checks", "data", "descent", "fast", "guessing", "optim", "sorter", "viz",
    "Adam", "Momentum", "RMSprop", "layers",
    "clip", "conv", "recurrent",
]


def __getattr__(name):
    if name in _LAZY_MODULES:
        return importlib.import_module(f".{name}", __name__)
    if name in _LAZY_NAMES:
        return getattr(importlib.import_module(f".{_LAZY_NAMES[name]}", __name__), name)
    raise AttributeError(f"module 'nnlib' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
