"""Tests of LabelPowerset and its pruned sets."""

import pickle

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

from skmultilabel import LabelPowerset

LR = LogisticRegression(max_iter=1000)


class RecordingClassifier(ClassifierMixin, BaseEstimator):
    """A multiclass learner that remembers what it was fitted on."""

    def fit(self, X, y, sample_weight=None):
        self.X_fit_ = np.asarray(X)
        self.y_fit_ = np.asarray(y)
        self.sample_weight_ = sample_weight
        self.inner_ = DummyClassifier(strategy="prior").fit(X, y)
        self.classes_ = self.inner_.classes_
        return self

    def predict(self, X):
        return self.inner_.predict(X)

    def predict_proba(self, X):
        return self.inner_.predict_proba(X)


def few_label_sets(n_samples=300, seed=0):
    """Data whose targets hold only four label sets, each tied to a cluster."""
    rng = np.random.RandomState(seed)
    sets = np.array([[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 1]])
    names = np.array(["none", "a", "ab", "bc"])
    cls = rng.randint(0, 4, n_samples)
    centers = rng.normal(scale=2.0, size=(4, 5))
    X = centers[cls] + rng.normal(size=(n_samples, 5))
    return X, sets[cls], names[cls], sets, names


def test_equals_the_multiclass_classifier_it_wraps():
    X, Y, y_multiclass, sets, names = few_label_sets()
    lp = LabelPowerset(LR).fit(X, Y)
    mc = clone(LR).fit(X, y_multiclass)
    # LP's classes are the label sets in lexicographic order; map the
    # multiclass model's classes (names) onto them.
    assert lp.label_sets_.tolist() == sorted(sets.tolist())
    name_of_set = {tuple(s): n for s, n in zip(sets.tolist(), names, strict=True)}
    class_names = [name_of_set[tuple(s)] for s in lp.label_sets_.tolist()]
    set_of_name = dict(zip(names, sets.tolist(), strict=True))
    expected = np.array([set_of_name[n] for n in mc.predict(X)])
    np.testing.assert_array_equal(lp.predict(X), expected)
    label_sets, joint = lp.predict_joint_proba(X)
    columns = [list(mc.classes_).index(n) for n in class_names]
    np.testing.assert_allclose(joint, mc.predict_proba(X)[:, columns], atol=1e-6)
    np.testing.assert_array_equal(label_sets, lp.label_sets_)
    np.testing.assert_allclose(lp.predict_proba(X), joint @ label_sets)


class _SumsAboveOne(ClassifierMixin, BaseEstimator):
    """Class probabilities that add up to one plus a rounding error."""

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])

    def predict_proba(self, X):
        P = np.zeros((len(X), len(self.classes_)))
        P[:, 0], P[:, 1] = 0.7, 0.3 + 4e-16  # a sum of 1 + 2.2e-16
        return P


def test_marginals_stay_probabilities_when_the_classes_sum_above_one():
    from skmultilabel import LossAwareClassifier, RakelD

    X = np.arange(8.0).reshape(-1, 1)
    Y = np.array([[1, 0], [1, 1]] * 4)  # label 0 is in every label set
    assert 0.7 + (0.3 + 4e-16) > 1.0
    for clf in (
        LabelPowerset(_SumsAboveOne()),
        LossAwareClassifier(LabelPowerset(_SumsAboveOne())),
        RakelD(_SumsAboveOne(), labelset_size=2, random_state=0),
    ):
        P = clf.fit(X, Y).predict_proba(X)
        np.testing.assert_array_equal(P[:, 0], 1.0)
        np.testing.assert_allclose(P[:, 1], 0.3, atol=1e-15)


def test_predicts_only_label_sets_seen_in_training():
    rng = np.random.RandomState(1)
    X = rng.normal(size=(200, 4))
    # Labels 0 and 1 are each present half the time but never together.
    Y = np.zeros((200, 2), dtype=int)
    Y[np.arange(200), (X[:, 0] > 0).astype(int)] = 1
    lp = LabelPowerset(LR).fit(X, Y)
    assert lp.label_sets_.tolist() == [[0, 1], [1, 0]]
    pred = lp.predict(rng.normal(size=(500, 4)) * 5)
    assert {tuple(r) for r in pred.tolist()} <= {(0, 1), (1, 0)}
    # The marginals of the two labels add up to one.
    np.testing.assert_allclose(lp.predict_proba(X).sum(axis=1), 1.0)


def _pruning_data():
    """Label sets: {0}: 5, {0,1}: 3, {2}: 3, {0,1,2}: 1, {3}: 1, {1,2}: 1."""
    rows = (
        [[1, 0, 0, 0]] * 5 + [[1, 1, 0, 0]] * 3 + [[0, 0, 1, 0]] * 3
        + [[1, 1, 1, 0]] + [[0, 0, 0, 1]] + [[0, 1, 1, 0]]
    )
    Y = np.array(rows)
    X = np.arange(len(rows), dtype=float).reshape(-1, 1)
    return X, Y


def _fitted_rows(lp):
    """(sample index, label set) of every row the base estimator saw."""
    est = lp.estimator_
    return [
        (int(x), tuple(lp.label_sets_[c].tolist()))
        for x, c in zip(est.X_fit_.ravel(), est.y_fit_, strict=True)
    ]


def test_pruned_sets_reassign_to_largest_frequent_subsets():
    X, Y = _pruning_data()
    lp = LabelPowerset(RecordingClassifier(), min_count=3).fit(X, Y)
    assert lp.label_sets_.tolist() == [[0, 0, 1, 0], [1, 0, 0, 0], [1, 1, 0, 0]]
    np.testing.assert_array_equal(lp.label_set_counts_, [3, 5, 3])
    rows = _fitted_rows(lp)
    # Frequent examples keep their own label set.
    assert (0, (1, 0, 0, 0)) in rows and (10, (0, 0, 1, 0)) in rows
    # {0,1,2} (sample 11) goes to its largest frequent subset, {0,1}.
    assert [r for r in rows if r[0] == 11] == [(11, (1, 1, 0, 0))]
    # {1,2} (sample 13): its only frequent subset is {2}.
    assert [r for r in rows if r[0] == 13] == [(13, (0, 0, 1, 0))]
    # {3} (sample 12) has no frequent subset (the empty set is not
    # frequent): it is dropped.
    assert all(r[0] != 12 for r in rows)
    assert len(rows) == 13


def test_pruned_sets_b_largest_ties_go_to_the_more_frequent():
    X, Y = _pruning_data()
    lp = LabelPowerset(RecordingClassifier(), min_count=3, reassign_b=2).fit(X, Y)
    # {0,1,2}: {0,1} (size 2), then among the size-1 subsets {0} (5 times)
    # before {2} (3 times).
    assert [r for r in _fitted_rows(lp) if r[0] == 11] == [
        (11, (1, 1, 0, 0)), (11, (1, 0, 0, 0))
    ]
    drop = LabelPowerset(RecordingClassifier(), min_count=3, reassign_b=0).fit(X, Y)
    assert {r[0] for r in _fitted_rows(drop)} == set(range(11))


def test_pruned_sets_larger_than_strategy():
    X, Y = _pruning_data()
    lp = LabelPowerset(
        RecordingClassifier(), min_count=3, reassign="larger_than", reassign_b=0
    ).fit(X, Y)
    # Every frequent subset with more than 0 labels.
    assert sorted(r[1] for r in _fitted_rows(lp) if r[0] == 11) == [
        (0, 0, 1, 0), (1, 0, 0, 0), (1, 1, 0, 0)
    ]
    lp1 = lp.set_params(reassign_b=1).fit(X, Y)
    assert [r for r in _fitted_rows(lp1) if r[0] == 11] == [(11, (1, 1, 0, 0))]
    # {1,2}'s only frequent subset has one label: not more than 1, dropped.
    assert all(r[0] != 13 for r in _fitted_rows(lp1))


def test_empty_set_is_the_fallback_when_frequent():
    Y = np.array([[0, 0]] * 4 + [[1, 0]] * 4 + [[0, 1]])
    X = np.arange(9, dtype=float).reshape(-1, 1)
    lp = LabelPowerset(RecordingClassifier(), min_count=2).fit(X, Y)
    assert [r for r in _fitted_rows(lp) if r[0] == 8] == [(8, (0, 0))]


def test_reassigned_copies_keep_their_sample_weight():
    X, Y = _pruning_data()
    w = np.arange(1, 15, dtype=float)
    lp = LabelPowerset(RecordingClassifier(), min_count=3, reassign_b=2)
    lp.fit(X, Y, sample_weight=w)
    est = lp.estimator_
    np.testing.assert_array_equal(est.sample_weight_, w[est.X_fit_.ravel().astype(int)])


def test_no_frequent_label_set_is_a_clear_error():
    X, Y = _pruning_data()
    with pytest.raises(ValueError, match="No label set occurs at least min_count=6"):
        LabelPowerset(min_count=6).fit(X, Y)


def test_single_label_set_predicts_it_with_certainty():
    X = np.random.RandomState(0).normal(size=(10, 3))
    Y = np.tile([1, 0, 1], (10, 1))
    lp = LabelPowerset().fit(X, Y)
    np.testing.assert_array_equal(lp.predict(X), Y)
    np.testing.assert_array_equal(lp.predict_proba(X), Y.astype(float))


def test_estimator_without_predict_proba():
    X, Y, *_ = few_label_sets()
    lp = LabelPowerset(LinearSVC()).fit(X, Y)
    assert lp.predict(X).shape == Y.shape
    assert not hasattr(lp, "predict_proba")
    assert not hasattr(lp, "predict_joint_proba")


def test_target_formats():
    X, Y, *_ = few_label_sets(100)
    dense = LabelPowerset(LR).fit(X, Y).predict(X)
    sparse = LabelPowerset(LR).fit(X, sp.csr_matrix(Y)).predict(X)
    assert sp.issparse(sparse)
    np.testing.assert_array_equal(sparse.toarray(), dense)
    signed = LabelPowerset(LR).fit(X, 2 * Y - 1).predict(X)
    np.testing.assert_array_equal(signed, 2 * dense - 1)
    one = LabelPowerset(LR).fit(X, Y[:, 0]).predict(X)
    assert one.shape == (100,)
    np.testing.assert_array_equal(
        one, LogisticRegression(max_iter=1000).fit(X, Y[:, 0]).predict(X)
    )


def test_sparse_X_matches_dense():
    X, Y, *_ = few_label_sets(120)
    X = np.abs(X)
    dense = LabelPowerset(LR).fit(X, Y)
    sparse = LabelPowerset(LR).fit(sp.csr_matrix(X), Y)
    np.testing.assert_allclose(
        sparse.predict_proba(sp.csr_matrix(X)), dense.predict_proba(X), atol=1e-4
    )


def test_bad_input_errors():
    X, Y, *_ = few_label_sets(50)
    bad = Y.copy()
    bad[0, 1] = 2
    with pytest.raises(ValueError, match="binary indicator matrix"):
        LabelPowerset().fit(X, bad)
    with pytest.raises(ValueError, match="rows"):
        LabelPowerset().fit(X[:40], Y)
    lp = LabelPowerset(LR).fit(X, Y)
    with pytest.raises(ValueError, match="features"):
        lp.predict(X[:, :3])


def test_pipeline_grid_search_and_pickle():
    X, Y, *_ = few_label_sets(150)
    search = GridSearchCV(
        make_pipeline(StandardScaler(), LabelPowerset(LR)),
        {"labelpowerset__min_count": [1, 5]}, cv=3,
    ).fit(X, Y)
    restored = pickle.loads(pickle.dumps(search))
    np.testing.assert_array_equal(restored.predict(X), search.predict(X))


@settings(deadline=None, max_examples=25)
@given(
    seed=st.integers(0, 10_000),
    n_labels=st.integers(1, 5),
    min_count=st.integers(1, 3),
)
def test_properties(seed, n_labels, min_count):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(40, 3))
    Y = (rng.uniform(size=(40, n_labels)) < 0.4).astype(int)
    Y[:4] = 1  # one label set that occurs at least 4 times
    lp = LabelPowerset(LR, min_count=min_count).fit(X, Y)
    pred = lp.predict(X)
    assert pred.shape == Y.shape and pred.dtype.kind == "i"
    seen = {tuple(r) for r in lp.label_sets_.tolist()}
    assert {tuple(r) for r in pred.tolist()} <= seen
    label_sets, joint = lp.predict_joint_proba(X)
    assert joint.shape == (40, len(label_sets))
    np.testing.assert_allclose(joint.sum(axis=1), 1.0)
    proba = lp.predict_proba(X)
    assert proba.shape == Y.shape
    assert (proba >= 0).all() and (proba <= 1 + 1e-12).all()
    # predict is the most probable label set.
    np.testing.assert_array_equal(pred, label_sets[joint.argmax(axis=1)])
    assert (lp.label_set_counts_ >= min_count).all()


def test_sample_weight_with_metadata_routing():
    from sklearn import config_context

    X, Y = _pruning_data()
    w = np.arange(1, 15, dtype=float)
    with config_context(enable_metadata_routing=True):
        base = RecordingClassifier().set_fit_request(sample_weight=True)
        lp = LabelPowerset(base, min_count=3).fit(X, Y, sample_weight=w)
        est = lp.estimator_
        np.testing.assert_array_equal(
            est.sample_weight_, w[est.X_fit_.ravel().astype(int)]
        )
        # Not requested by the base estimator: scikit-learn's routing error.
        with pytest.raises(TypeError, match="not routed to any object"):
            LabelPowerset(RecordingClassifier().set_fit_request(
                sample_weight=False)).fit(X, Y, sample_weight=w)
