"""Tests of the multi-label stratified splitters."""

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    GridSearchCV,
    KFold,
    ShuffleSplit,
    check_cv,
    cross_val_score,
)

from skmultilabel import BinaryRelevance
from skmultilabel.datasets import (
    get_data_dir,
    load_benchmark,
    make_dependent_multilabel,
)
from skmultilabel.model_selection import (
    MultilabelStratifiedKFold,
    MultilabelStratifiedShuffleSplit,
    StratificationWarning,
    iterative_stratification,
)

DATA_DIR = get_data_dir()
needs_data = pytest.mark.skipif(
    not (DATA_DIR / "emotions" / "emotions.xml").is_file(),
    reason=f"MULAN data sets not found in {DATA_DIR}; set SKMULTILABEL_DATA",
)


def label_deviation(Y, splits):
    """Mean absolute deviation of the test folds' label rates from the data's."""
    Y = np.asarray(Y, dtype=float)
    p = Y.mean(axis=0)
    return np.mean([np.abs(Y[test].mean(axis=0) - p).mean() for _, test in splits])


def pair_deviation(Y, splits):
    Y = np.asarray(Y, dtype=float)
    iu = np.triu_indices(Y.shape[1], 1)
    P = (Y.T @ Y / len(Y))[iu]
    return np.mean([np.abs((Y[t].T @ Y[t] / len(t))[iu] - P).mean() for _, t in splits])


def missing_labels(Y, splits, n_splits):
    """(label, fold) pairs where a label with >= n_splits positives is absent."""
    Y = np.asarray(Y)
    frequent = Y.sum(axis=0) >= n_splits
    return [
        (j, f)
        for f, (_, test) in enumerate(splits)
        for j in np.flatnonzero(frequent & (Y[test].sum(axis=0) == 0))
    ]


def _random_Y(seed, n, L, density):
    rng = np.random.default_rng(seed)
    # Labels of very different frequencies, some rare.
    rates = density * rng.uniform(0.05, 2, size=L)
    return (rng.random((n, L)) < np.clip(rates, 0, 0.95)).astype(int)


# Tiny folds may be unable to hold every frequent label: that warns.
@pytest.mark.filterwarnings(
    "ignore::skmultilabel.model_selection.StratificationWarning"
)
@settings(deadline=None, max_examples=60)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(6, 120),
    L=st.integers(1, 8),
    density=st.floats(0.02, 0.6),
    n_splits=st.integers(2, 6),
    order=st.sampled_from([1, 2]),
    shuffle=st.booleans(),
)
def test_kfold_is_a_partition_into_equal_folds(
    seed, n, L, density, n_splits, order, shuffle
):
    n_splits = min(n_splits, n)
    Y = _random_Y(seed, n, L, density)
    cv = MultilabelStratifiedKFold(
        n_splits, order=order, shuffle=shuffle, random_state=seed if shuffle else None
    )
    splits = list(cv.split(np.zeros((n, 2)), Y))
    assert len(splits) == n_splits == cv.get_n_splits()
    tests = np.concatenate([test for _, test in splits])
    np.testing.assert_array_equal(np.sort(tests), np.arange(n))  # a partition
    for train, test in splits:
        assert len(np.intersect1d(train, test)) == 0
        assert len(train) + len(test) == n
    sizes = [len(test) for _, test in splits]
    assert max(sizes) - min(sizes) <= 1


@settings(deadline=None, max_examples=60)
@given(
    seed=st.integers(0, 10_000),
    fold_size=st.integers(8, 40),
    L=st.integers(1, 8),
    density=st.floats(0.02, 0.6),
    n_splits=st.integers(2, 6),
    order=st.sampled_from([1, 2]),
)
def test_every_frequent_label_in_every_test_fold(
    seed, fold_size, L, density, n_splits, order
):
    # With tiny folds the property can be impossible (n=7 in 5 folds: three
    # folds of one sample, which cannot each hold all the frequent labels);
    # with folds of 8 samples or more it must hold.
    n = fold_size * n_splits + seed % n_splits
    Y = _random_Y(seed, n, L, density)
    cv = MultilabelStratifiedKFold(
        n_splits, order=order, shuffle=True, random_state=seed
    )
    assert missing_labels(Y, list(cv.split(np.zeros((n, 1)), Y)), n_splits) == []


@settings(deadline=None, max_examples=30)
@given(
    seed=st.integers(0, 10_000),
    n_labels=st.integers(3, 10),
    dependence=st.sampled_from(["independent", "marginal", "conditional", "mode_gap"]),
    density=st.floats(0.02, 0.3),
    n_splits=st.integers(2, 10),
)
def test_every_frequent_label_in_every_test_fold_generated(
    seed, n_labels, dependence, density, n_splits
):
    _, Y = make_dependent_multilabel(
        150, n_labels, dependence=dependence, density=density, random_state=seed
    )
    splits = list(MultilabelStratifiedKFold(n_splits).split(np.zeros((150, 1)), Y))
    assert missing_labels(Y, splits, n_splits) == []


def _reviewer_Y():
    # 32 samples, 6 labels with 4 positives each: in 4 folds of 8, every
    # fold needs exactly one positive of each label. Single swaps could not
    # repair the greedy assignment (label 3 was missing from test fold 2).
    rows = {
        0: "100100", 3: "001000", 4: "110000", 5: "101000", 7: "000011",
        11: "010010", 12: "001000", 13: "001101", 15: "100010", 19: "000011",
        24: "000100", 27: "010000", 28: "000101", 30: "010000",
    }  # fmt: skip
    Y = np.zeros((32, 6), dtype=int)
    for i, labels in rows.items():
        Y[i] = [int(c) for c in labels]
    return Y


@pytest.mark.parametrize("seed", [None, *range(40)])
def test_every_label_in_every_fold_when_single_swaps_are_not_enough(seed):
    # 30 of these 41 splits need chains of moves; warnings are errors.
    Y = _reviewer_Y()
    X = np.zeros((32, 1))
    cv = MultilabelStratifiedKFold(4, shuffle=seed is not None, random_state=seed)
    splits = list(cv.split(X, Y))
    assert [len(test) for _, test in splits] == [8] * 4
    for _, test in splits:
        assert Y[test].sum(axis=0).tolist() == [1] * 6
    again = [test.tolist() for _, test in cv.split(X, Y)]
    assert again == [test.tolist() for _, test in splits]


def _planted_Y(seed):
    """A small Y built around a known valid split: every label has one
    positive in each fold of a hidden assignment (plus maybe one more), so
    a split with every label in every fold exists."""
    rng = np.random.default_rng(seed)
    k = int(rng.integers(2, 6))
    n = k * int(rng.integers(3, 11)) + int(rng.integers(0, k))
    L = int(rng.integers(3, 11))
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    fold = rng.permutation(np.repeat(np.arange(k), sizes))
    labeled = rng.random(n) < rng.uniform(0.4, 1.0)
    Y = np.zeros((n, L), dtype=int)
    for j in range(L):
        for f in range(k):
            pool = np.flatnonzero((fold == f) & labeled)
            if len(pool) == 0:
                pool = np.flatnonzero(fold == f)
            Y[rng.choice(pool), j] = 1
        others = np.flatnonzero(Y[:, j] == 0)
        more = min(int(rng.integers(0, 2)), len(others))
        Y[rng.choice(others, size=more, replace=False), j] = 1
    return Y, k


def test_every_label_in_every_fold_when_a_split_is_known_to_exist():
    # 400 splits of data with a planted valid split, where labels have about
    # as many positives as folds; the swaps-only repair failed on 33 of
    # them. Warnings are errors, so none may warn either.
    for seed in range(100):
        Y, k = _planted_Y(seed)
        X = np.zeros((len(Y), 1))
        for order in (1, 2):
            for shuffle in (False, True):
                cv = MultilabelStratifiedKFold(
                    k,
                    order=order,
                    shuffle=shuffle,
                    random_state=seed if shuffle else None,
                )
                splits = list(cv.split(X, Y))
                assert missing_labels(Y, splits, k) == [], (seed, order, shuffle)
                sizes = [len(test) for _, test in splits]
                assert max(sizes) - min(sizes) <= 1


def test_warns_when_no_split_has_every_label_in_every_fold():
    # Each pair of the first three samples shares a label, so in two folds
    # some label has both its positives in the same fold.
    Y = np.array([[1, 1, 0], [1, 0, 1], [0, 1, 1], [0, 0, 0]])
    X = np.zeros((4, 1))
    with pytest.warns(StratificationWarning, match=r"label 2 from test fold 0"):
        splits = list(MultilabelStratifiedKFold(2).split(X, Y))
    assert len(missing_labels(Y, splits, 2)) == 1
    assert sorted(len(test) for _, test in splits) == [2, 2]
    frame = pd.DataFrame(Y, columns=["x", "y", "z"])
    with pytest.warns(StratificationWarning, match=r"label 'z' \(2\) from fold 0"):
        iterative_stratification(frame, [1, 1])
    # Folds too small for all the frequent labels: 7 samples in 5 folds make
    # three folds of one sample, and only sample 3 has all three labels.
    Y7 = np.zeros((7, 3), dtype=int)
    Y7[[0, 1, 2, 3, 4], 0] = 1
    Y7[[2, 3, 4, 5, 6], 1] = 1
    Y7[[0, 1, 3, 5, 6], 2] = 1
    with pytest.warns(StratificationWarning, match="at least 5 positives"):
        list(MultilabelStratifiedKFold(5).split(np.zeros((7, 1)), Y7))
    # The shuffle split makes no promise, and does not warn.
    list(MultilabelStratifiedShuffleSplit(3, test_size=2, random_state=0).split(X, Y))


def test_kfold_deterministic_without_shuffle_and_seeded_with_it():
    _, Y = make_dependent_multilabel(300, 6, random_state=0)
    X = np.zeros((300, 1))

    def folds(cv):
        return [test.tolist() for _, test in cv.split(X, Y)]

    assert folds(MultilabelStratifiedKFold(4)) == folds(MultilabelStratifiedKFold(4))
    a = folds(MultilabelStratifiedKFold(4, shuffle=True, random_state=1))
    b = folds(MultilabelStratifiedKFold(4, shuffle=True, random_state=1))
    c = folds(MultilabelStratifiedKFold(4, shuffle=True, random_state=2))
    assert a == b and a != c


def test_kfold_beats_kfold_on_generated_data():
    _, Y = make_dependent_multilabel(
        600, 8, dependence="conditional", density=0.1, random_state=0
    )
    X = np.zeros((600, 1))
    ours = label_deviation(Y, MultilabelStratifiedKFold(5).split(X, Y))
    theirs = np.mean(
        [
            label_deviation(Y, KFold(5, shuffle=True, random_state=s).split(X))
            for s in range(5)
        ]
    )
    assert ours < theirs / 3


def test_second_order_balances_pairs():
    _, Y = make_dependent_multilabel(
        800, 6, dependence="conditional", strength=0.8, density=0.3, random_state=3
    )
    X = np.zeros((800, 1))
    dev = {
        order: np.mean(
            [
                pair_deviation(
                    Y,
                    MultilabelStratifiedKFold(
                        5, order=order, shuffle=True, random_state=s
                    ).split(X, Y),
                )
                for s in range(4)
            ]
        )
        for order in (1, 2)
    }
    assert dev[2] < dev[1]


@needs_data
@pytest.mark.parametrize(
    "name, subset",
    [
        ("emotions", "all"),
        ("yeast", "all"),
        ("scene", "all"),
        ("medical", "all"),
        ("enron", "all"),
        ("bibtex", "train"),
        ("tmc2007-500", "test"),
        ("delicious", "test"),
        ("rcv1subset1", "all"),
    ],
)
def test_real_data_better_than_kfold(name, subset):
    Y = load_benchmark(name, subset=subset).target
    X = np.zeros((len(Y), 1))
    ours = list(MultilabelStratifiedKFold(5).split(X, Y))
    assert missing_labels(Y, ours, 5) == []
    ours_dev = label_deviation(Y, ours)
    kfold_dev = [
        label_deviation(Y, list(KFold(5, shuffle=True, random_state=s).split(X)))
        for s in range(3)
    ]
    assert ours_dev < 0.7 * min(kfold_dev)


@needs_data
@pytest.mark.parametrize("name", ["emotions", "yeast"])
def test_real_data_second_order_pairs(name):
    Y = load_benchmark(name, subset="all").target
    X = np.zeros((len(Y), 1))
    dev = {
        order: np.mean(
            [
                pair_deviation(
                    Y,
                    MultilabelStratifiedKFold(
                        5, order=order, shuffle=True, random_state=s
                    ).split(X, Y),
                )
                for s in range(3)
            ]
        )
        for order in (1, 2)
    }
    assert dev[2] < 0.6 * dev[1]


def test_shuffle_split_sizes_and_stratification():
    _, Y = make_dependent_multilabel(500, 8, density=0.15, random_state=0)
    X = np.zeros((500, 1))
    cv = MultilabelStratifiedShuffleSplit(n_splits=6, test_size=0.2, random_state=0)
    splits = list(cv.split(X, Y))
    assert len(splits) == 6 == cv.get_n_splits()
    for train, test in splits:
        assert len(test) == 100 and len(train) == 400
        assert len(np.intersect1d(train, test)) == 0
    assert len({tuple(test) for _, test in splits}) == 6  # they differ
    ours = label_deviation(Y, splits)
    theirs = label_deviation(Y, ShuffleSplit(6, test_size=0.2, random_state=0).split(X))
    assert ours < theirs / 3
    again = list(cv.split(X, Y))
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(splits, again, strict=True))


@pytest.mark.parametrize(
    "test_size, train_size, n_train, n_test",
    [
        (None, None, 90, 10),
        (0.25, None, 75, 25),
        (None, 0.6, 60, 40),
        (13, None, 87, 13),
        (20, 50, 50, 20),
        (0.1, 0.3, 30, 10),
    ],
)
def test_shuffle_split_size_options(test_size, train_size, n_train, n_test):
    Y = _random_Y(0, 100, 4, 0.3)
    cv = MultilabelStratifiedShuffleSplit(
        3, test_size=test_size, train_size=train_size, random_state=0
    )
    for train, test in cv.split(np.zeros((100, 1)), Y):
        assert (len(train), len(test)) == (n_train, n_test)
        assert len(np.intersect1d(train, test)) == 0


def test_usable_as_cv_in_sklearn():
    X, Y = make_dependent_multilabel(200, 4, random_state=0)
    cv = MultilabelStratifiedKFold(3)
    assert check_cv(cv, Y, classifier=True) is cv
    scores = cross_val_score(BinaryRelevance(LogisticRegression()), X, Y, cv=cv)
    assert scores.shape == (3,) and np.all(scores > 0)
    search = GridSearchCV(
        BinaryRelevance(LogisticRegression()),
        {"estimator__C": [0.1, 1.0]},
        cv=MultilabelStratifiedShuffleSplit(2, test_size=0.3, random_state=0),
    ).fit(X, Y)
    assert search.best_params_["estimator__C"] in (0.1, 1.0)
    assert "MultilabelStratifiedKFold(n_splits=3" in repr(cv)


def test_sparse_and_single_column_targets():
    Y = _random_Y(1, 60, 3, 0.3)
    X = np.zeros((60, 1))
    dense = [t.tolist() for _, t in MultilabelStratifiedKFold(3).split(X, Y)]
    sparse = [
        t.tolist() for _, t in MultilabelStratifiedKFold(3).split(X, sp.csr_matrix(Y))
    ]
    assert dense == sparse
    one = list(MultilabelStratifiedKFold(3).split(X, Y[:, 0]))
    counts = [Y[t, 0].sum() for _, t in one]
    assert max(counts) - min(counts) <= 1


def test_iterative_stratification_function():
    Y = np.array([[1, 0], [1, 0], [0, 1], [0, 1], [1, 1], [1, 1], [0, 0], [0, 0]])
    folds = iterative_stratification(Y, [0.5, 0.5])
    assert np.bincount(folds).tolist() == [4, 4]
    for f in (0, 1):
        assert Y[folds == f].sum(axis=0).tolist() == [2, 2]
    unequal = iterative_stratification(Y, [3, 1], random_state=0)
    assert np.bincount(unequal).tolist() == [6, 2]
    with pytest.raises(ValueError, match="proportions"):
        iterative_stratification(Y, [1.0])
    with pytest.raises(ValueError, match="order must be 1 or 2"):
        iterative_stratification(Y, [1, 1], order=3)


def test_errors():
    Y = _random_Y(0, 20, 3, 0.3)
    X = np.zeros((20, 1))
    with pytest.raises(ValueError, match="random_state has no effect"):
        list(MultilabelStratifiedKFold(3, random_state=0).split(X, Y))
    with pytest.raises(ValueError, match="n_splits=2 or more"):
        list(MultilabelStratifiedKFold(1).split(X, Y))
    with pytest.raises(
        ValueError, match="n_splits=30 greater than the number of samples"
    ):
        list(MultilabelStratifiedKFold(30).split(X, Y))
    with pytest.raises(ValueError, match="needs the target"):
        list(MultilabelStratifiedKFold(3).split(X, None))
    with pytest.raises(ValueError, match="binary indicator"):
        list(MultilabelStratifiedKFold(3).split(X, Y * 2 + np.eye(20, 3, dtype=int)))
    with pytest.raises(ValueError, match="20"):
        list(MultilabelStratifiedKFold(3).split(X, Y[:10]))
    with pytest.raises(ValueError, match="order must be 1 or 2"):
        list(MultilabelStratifiedKFold(3, order=0).split(X, Y))
    with pytest.raises(ValueError, match="test_size=1.5"):
        list(MultilabelStratifiedShuffleSplit(test_size=1.5).split(X, Y))
    with pytest.raises(ValueError, match="smaller than the number of samples"):
        list(MultilabelStratifiedShuffleSplit(test_size=15, train_size=10).split(X, Y))
