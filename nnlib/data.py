"""The course's data sets, made or loaded without any download.

- ``fruit``: apples and oranges, each described by its size and colour
  (levels 1 and 2), made by a seeded random generator.
- ``digits``: the 8x8 handwritten digits that ship inside scikit-learn
  (level 3 on), 1797 images of 64 pixels.
"""

import importlib.util
from pathlib import Path

import numpy as np

from . import _validate as v

FRUIT_FEATURES = ("size (cm across)", "colour (0 = red, 10 = orange)")
FRUIT_NAMES = ("apple", "orange")  # label 0, label 1


def fruit(n_per_class=20, seed=0, separable=True):
    """Apples (label 0) and oranges (label 1): X (2 n_per_class, 2), y (2 n_per_class,).

    Column 0 is the size in centimetres across, column 1 the colour on a
    0 (deep red) to 10 (bright orange) scale. Apples are a little smaller and
    redder. With ``separable=True`` (the default) a straight line can sort
    every fruit: fruit too close to the line colour + 0.5 size = 9 are
    redrawn, leaving a clear gap. With ``separable=False`` the two kinds
    overlap a little, like real fruit.
    """
    n_per_class = v.whole_number(n_per_class, "n_per_class")
    if not isinstance(separable, (bool, np.bool_)):
        raise TypeError(f"separable must be True or False; got {separable!r}.")
    rng = v.random_generator(seed)
    centres = {0: (7.3, 3.2), 1: (8.6, 7.0)}
    spread = (0.6, 1.1) if separable else (0.8, 1.7)
    X, y = [], []
    for label, (size, colour) in centres.items():
        kept = 0
        while kept < n_per_class:
            point = rng.normal((size, colour), spread)
            point[1] = np.clip(point[1], 0.0, 10.0)
            side = point[1] + 0.5 * point[0] - 9.0  # > 0 on the orange side
            if separable and (side * (1 if label else -1) < 0.6):
                continue
            X.append(np.round(point, 1))
            y.append(label)
            kept += 1
    order = rng.permutation(len(y))
    return np.array(X)[order], np.array(y)[order]


def digits():
    """The 8x8 handwritten digits bundled with scikit-learn: X (1797, 64), y (1797,).

    Pixels are scaled from 0..16 to 0..1; y holds the digit 0..9. Each row of
    X is one image read row by row: X[i].reshape(8, 8) draws it.
    """
    shipped = _sklearn_digits_file()
    if shipped is not None:
        # scikit-learn's own file, read as its load_digits reads it, without importing scikit-learn
        # (which takes about a second, and loads scipy with a second BLAS)
        data = np.loadtxt(shipped, delimiter=",")
        return data[:, :-1] / 16.0, data[:, -1].astype(int)
    try:
        from sklearn.datasets import load_digits  # imported here: it takes a second
    except ImportError:
        # The course's in-browser version ships the same digits inside nnlib (tools/site.py writes
        # digits.npz into its wheel), so that it needs neither scikit-learn nor scipy.
        bundled = Path(__file__).with_name("digits.npz")
        if bundled.exists():
            with np.load(bundled) as saved:
                return saved["pixels"] / 16.0, saved["labels"].astype(int)
        raise ImportError(
            "nnlib.data.digits reads the digits that ship inside scikit-learn, which is not installed "
            "here: install the course's requirements (python3 course.py setup, or pip install scikit-learn)."
        ) from None

    data = load_digits()
    return data.data / 16.0, data.target.astype(int)


def _sklearn_digits_file():
    """The path of scikit-learn's digits.csv.gz when scikit-learn is installed (found, not imported), else None."""
    try:
        spec = importlib.util.find_spec("sklearn")
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(folder) / "datasets" / "data" / "digits.csv.gz"
        if path.is_file():
            return path
    return None


def train_test_split(X, y, test_fraction=0.25, seed=0):
    """Shuffle and split into (X_train, X_test, y_train, y_test), class by class.

    Each class is split in the same proportion (stratified), so a small test
    set still holds every class. The test set is kept apart to measure how
    well the model does on examples it has never seen.
    """
    X = v.check_X(X)
    y = split_labels(y, X.shape[0])
    test_fraction = v.real_number(test_fraction, "test_fraction", expected="a fraction between 0 and 1, such as 0.25")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1 (such as 0.25); got {test_fraction!r}.")
    rng = v.random_generator(seed)
    test = []
    for label in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == label))
        test.extend(idx[: int(round(test_fraction * len(idx)))])
    is_test = np.zeros(len(y), dtype=bool)
    is_test[test] = True
    n_test = int(is_test.sum())
    if n_test == 0 or n_test == len(y):
        raise ValueError(
            f"splitting {len(y)} example{'s' if len(y) > 1 else ''} with test_fraction={test_fraction:g} leaves {n_test} for the "
            f"test set and {len(y) - n_test} for training (each class is split in that proportion, "
            "rounded): both sets need at least one example. Use more examples, or a test_fraction "
            f"{'larger' if n_test == 0 else 'smaller'} than {test_fraction:g}."
        )
    train_idx = rng.permutation(np.flatnonzero(~is_test))
    test_idx = rng.permutation(np.flatnonzero(is_test))
    return X[train_idx], X[test_idx], y[train_idx], y[test_idx]


def split_labels(y, m):
    """y as a 1-D array of m class labels (numbers or names), none of them NaN, or a clear error."""
    if isinstance(y, (str, bytes)) or y is None:
        raise TypeError(f"y must be a 1-D array of labels, one per row of X; got {type(y).__name__}.")
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] != m:
        raise ValueError(f"y must be a 1-D vector with one label per row of X ({m}); got shape {y.shape}.")
    if y.dtype.kind not in "biuUS":  # numbers other than whole ones must be finite reals
        v.check_finite(v.as_float_array(y, "y"), "y", "Every example needs a label: drop the rows without one.")
    return y


def standardize(X_train, *others):
    """Scale every feature to mean 0 and standard deviation 1, using the training set only.

    Returns the scaled X_train followed by each array of ``others`` scaled
    with the training set's mean and spread (features that never vary are
    left centred, not divided by 0).
    """
    X_train = v.check_X(X_train, "X_train")
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std[std == 0] = 1.0
    out = [(X_train - mean) / std]
    for i, X in enumerate(others):
        X = v.check_X(X, f"array {i + 2}")
        if X.shape[1] != X_train.shape[1]:
            raise ValueError(f"array {i + 2} has {X.shape[1]} features but X_train has {X_train.shape[1]}.")
        out.append((X - mean) / std)
    return out[0] if not others else tuple(out)
