"""Tests of RakelD and RakelO."""

import pickle
from math import comb

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from skmultilabel import BinaryRelevance, LabelPowerset, RakelD, RakelO

LR = LogisticRegression(max_iter=1000)


def data(n_samples=150, n_labels=5, seed=0):
    X, Y = make_multilabel_classification(
        n_samples=n_samples, n_features=8, n_classes=n_labels, random_state=seed
    )
    return StandardScaler().fit_transform(X), Y


@pytest.mark.parametrize("rakel", [RakelD, RakelO])
def test_k_equal_to_n_labels_is_label_powerset(rakel):
    X, Y = data()
    lp = LabelPowerset(LR).fit(X, Y)
    for k in (5, 9):
        model = rakel(LR, labelset_size=k, random_state=0).fit(X, Y)
        assert len(model.estimators_) == 1
        np.testing.assert_array_equal(model.predict(X), lp.predict(X))
        np.testing.assert_allclose(model.predict_proba(X), lp.predict_proba(X),
                                   atol=1e-6)


def test_rakel_d_with_k_1_is_binary_relevance():
    X, Y = data()
    rakel = RakelD(LR, labelset_size=1, random_state=0).fit(X, Y)
    br = BinaryRelevance(LR).fit(X, Y)
    np.testing.assert_array_equal(rakel.predict(X), br.predict(X))
    np.testing.assert_allclose(rakel.predict_proba(X), br.predict_proba(X), atol=1e-5)


def test_rakel_d_partitions_the_labels():
    X, Y = data(n_labels=7)
    model = RakelD(LR, labelset_size=3, random_state=4).fit(X, Y)
    sizes = [len(s) for s in model.labelsets_]
    assert sizes == [3, 3, 1]
    assert sorted(np.concatenate(model.labelsets_).tolist()) == list(range(7))
    # Each label is predicted by the label powerset of its subset.
    pred = model.predict(X)
    for subset, lp in zip(model.labelsets_, model.estimators_, strict=True):
        np.testing.assert_array_equal(pred[:, subset], lp.predict(X))
    again = RakelD(LR, labelset_size=3, random_state=4).fit(X, Y)
    assert [s.tolist() for s in again.labelsets_] == [
        s.tolist() for s in model.labelsets_
    ]


def test_rakel_o_votes_are_averaged_and_thresholded():
    X, Y = data(n_labels=6)
    model = RakelO(LR, labelset_size=3, n_estimators=8, random_state=1).fit(X, Y)
    votes = np.zeros(Y.shape)
    proba = np.zeros(Y.shape)
    count = np.zeros(6)
    for subset, lp in zip(model.labelsets_, model.estimators_, strict=True):
        votes[:, subset] += lp.predict(X)
        proba[:, subset] += lp.predict_proba(X)
        count[subset] += 1
    np.testing.assert_array_equal(model.predict(X), (votes / count > 0.5).astype(int))
    np.testing.assert_allclose(model.predict_proba(X), proba / count)
    strict = model.set_params(threshold=0.0)
    np.testing.assert_array_equal(strict.predict(X), (votes > 0).astype(int))


def test_rakel_o_subsets_are_distinct_cover_the_labels_and_default_to_2L():
    X, Y = data(n_samples=60, n_labels=5)
    model = RakelO(LR, random_state=0).fit(X, Y)
    keys = {tuple(s.tolist()) for s in model.labelsets_}
    assert len(model.labelsets_) == len(keys) == 10
    assert all(len(s) == 3 for s in model.labelsets_)
    assert set(np.concatenate(model.labelsets_).tolist()) == set(range(5))
    # At most comb(L, k) distinct subsets exist.
    X4, Y4 = data(n_samples=60, n_labels=4)
    capped = RakelO(LR, labelset_size=3, random_state=0).fit(X4, Y4)
    assert len(capped.labelsets_) == comb(4, 3)


def test_rakel_o_too_few_estimators_is_a_clear_error():
    X, Y = data(n_labels=7)
    with pytest.raises(ValueError, match="cannot cover all 7 labels.*>= 3"):
        RakelO(LR, n_estimators=2).fit(X, Y)


@pytest.mark.parametrize("rakel", [RakelD, RakelO])
def test_parallel_equals_sequential_and_pickle(rakel):
    X, Y = data(n_samples=80, n_labels=4)
    one = rakel(LR, random_state=0).fit(X, Y)
    two = rakel(LR, random_state=0, n_jobs=2).fit(X, Y)
    np.testing.assert_allclose(one.predict_proba(X), two.predict_proba(X))
    restored = pickle.loads(pickle.dumps(two))
    np.testing.assert_array_equal(restored.predict(X), one.predict(X))


@pytest.mark.parametrize("rakel", [RakelD, RakelO])
def test_sparse_target_and_sample_weight(rakel):
    X, Y = data(n_samples=100, n_labels=4)
    dense = rakel(LR, random_state=0).fit(X, Y)
    sparse = rakel(LR, random_state=0).fit(X, sp.csr_matrix(Y))
    assert sp.issparse(sparse.predict(X))
    np.testing.assert_array_equal(sparse.predict(X).toarray(), dense.predict(X))
    w = np.ones(len(X))
    np.testing.assert_allclose(
        rakel(LR, random_state=0).fit(X, Y, sample_weight=w).predict_proba(X),
        dense.predict_proba(X),
    )
    w[:30] = 0.0
    zeroed = rakel(LR, random_state=0).fit(X, Y, sample_weight=w)
    dropped = rakel(LR, random_state=0).fit(X[30:], Y[30:])
    np.testing.assert_allclose(zeroed.predict_proba(X), dropped.predict_proba(X),
                               atol=1e-3)


@settings(deadline=None, max_examples=10)
@given(seed=st.integers(0, 1000), n_labels=st.integers(1, 5), k=st.integers(1, 4))
def test_properties(seed, n_labels, k):
    X, Y = data(40, n_labels, seed)
    for model in (RakelD(LR, labelset_size=k, random_state=seed),
                  RakelO(LR, labelset_size=k, random_state=seed)):
        model.fit(X, Y)
        pred, proba = model.predict(X), model.predict_proba(X)
        assert pred.shape == proba.shape == Y.shape
        assert set(np.unique(pred)) <= {0, 1}
        assert (proba >= 0).all() and (proba <= 1 + 1e-12).all()
        assert set(np.concatenate(model.labelsets_).tolist()) == set(range(n_labels))
