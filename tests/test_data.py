"""The course's data sets and the split into training and test sets (nnlib.data)."""

import numpy as np

from nnlib import data


def test_fruit_is_seeded_separable_and_labelled():
    X, y = data.fruit(n_per_class=25, seed=7)
    X2, y2 = data.fruit(n_per_class=25, seed=7)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert X.shape == (50, 2) and sorted(set(y)) == [0, 1] and y.sum() == 25
    side = X[:, 1] + 0.5 * X[:, 0] - 9.0
    assert np.all((side > 0) == (y == 1))  # the documented line sorts every fruit
    assert X[y == 0, 0].mean() < X[y == 1, 0].mean()  # apples smaller
    Xo, yo = data.fruit(n_per_class=200, seed=7, separable=False)
    side = Xo[:, 1] + 0.5 * Xo[:, 0] - 9.0
    assert not np.all((side > 0) == (yo == 1))  # real fruit overlap a little


def test_digits_and_stratified_split():
    X, y = data.digits()
    assert X.shape == (1797, 64) and X.min() == 0.0 and X.max() == 1.0
    assert sorted(set(y)) == list(range(10))
    Xtr, Xte, ytr, yte = data.train_test_split(X, y, test_fraction=0.2, seed=0)
    assert len(Xtr) + len(Xte) == 1797
    assert abs(len(Xte) - 0.2 * 1797) < 10
    assert sorted(set(yte)) == list(range(10))
    Ztr, Zte = data.standardize(Xtr, Xte)
    assert np.allclose(Ztr.mean(axis=0), 0.0)
