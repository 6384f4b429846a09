"""nnlib: the small numpy library shared by every lesson of the course.

Notation follows the course: X is (m, n), one example per row; Theta^(l) is
(s_(l+1), s_l + 1) with the bias column first; Y is (m, K) of 0/1 or a vector
of labels. Submodules: activations, network (forward, cost, backprop),
gradcheck, training, data, plots, the explorers of the lessons (guessing,
sorter, descent, explorer, gallery) and checks (for exercise check cells).
"""

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
from .gradcheck import compare, gradient_check, numerical_gradient, relative_difference
from .network import Forward, backprop, cost, forward, init_weights, one_hot, predict, predict_proba
from .source import show_source
from .training import GradientDescent, ProgressBar, TrainResult, train
# Submodules, reachable as nnlib.data, nnlib.explorer, ...
from . import checks, data, descent, explorer, gallery, guessing, plots, sorter  # noqa: E402

__version__ = "0.1.0"
