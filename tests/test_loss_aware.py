"""Tests of the Bayes-optimal predictions: GFM, Hamming, subset, LossAwareClassifier."""

import itertools
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, hamming_loss
from sklearn.utils import check_random_state

from skmultilabel import (
    BinaryRelevance,
    ClassifierChain,
    LabelPowerset,
    LossAwareClassifier,
    bayes_optimal_predict,
    gfm_predict,
    gfm_statistics,
)

LR = LogisticRegression(max_iter=1000)


def all_label_sets(n_labels):
    return np.array(list(itertools.product([0, 1], repeat=n_labels)))


def f_measure(y, h, beta=1.0):
    """Example-based F-beta of one prediction, with F(0, 0) = 1."""
    tp = (y * h).sum()
    denom = beta**2 * y.sum() + h.sum()
    return 1.0 if denom == 0 else (1 + beta**2) * tp / denom


def expected_f(support, proba, h, beta=1.0):
    return sum(p * f_measure(y, h, beta) for y, p in zip(support, proba, strict=True))


def random_distribution(rng, n_labels, sparsity):
    """A random distribution over all 2**L label sets, some sets at zero."""
    support = all_label_sets(n_labels)
    p = rng.dirichlet(np.full(len(support), 0.3))
    p[rng.uniform(size=len(support)) < sparsity] = 0.0
    if p.sum() == 0:
        p[rng.randint(len(support))] = 1.0
    return support, p / p.sum()


@settings(deadline=None, max_examples=60)
@given(
    seed=st.integers(0, 100_000),
    n_labels=st.integers(1, 6),
    sparsity=st.sampled_from([0.0, 0.5, 0.9]),
    beta=st.sampled_from([1.0, 0.5, 2.0]),
)
def test_gfm_matches_brute_force(seed, n_labels, sparsity, beta):
    rng = np.random.RandomState(seed)
    support, p = random_distribution(rng, n_labels, sparsity)
    P, p_empty = gfm_statistics(support, p[None, :])
    (h,), (value,) = gfm_predict(P, p_empty, beta=beta, return_expected=True)
    candidates = all_label_sets(n_labels)
    best = max(expected_f(support, p, c, beta) for c in candidates)
    # The GFM's prediction is optimal, and its reported value is its own.
    assert expected_f(support, p, h, beta) == pytest.approx(best, abs=1e-10)
    assert value == pytest.approx(best, abs=1e-10)


@settings(deadline=None, max_examples=40)
@given(seed=st.integers(0, 100_000), n_labels=st.integers(1, 5))
def test_hamming_and_subset_match_brute_force(seed, n_labels):
    rng = np.random.RandomState(seed)
    support, p = random_distribution(rng, n_labels, 0.3)
    candidates = all_label_sets(n_labels)

    def expected_hamming(h):
        return sum(pi * np.mean(y != h) for y, pi in zip(support, p, strict=True))

    h = bayes_optimal_predict(support, p[None, :], loss="hamming")[0]
    assert expected_hamming(h) == pytest.approx(
        min(expected_hamming(c) for c in candidates), abs=1e-12
    )
    h = bayes_optimal_predict(support, p[None, :], loss="subset")[0]
    assert p[(support == h).all(axis=1)].sum() == pytest.approx(p.max())


def test_gfm_vectorised_over_samples_equals_one_at_a_time():
    rng = np.random.RandomState(3)
    support = all_label_sets(4)
    proba = rng.dirichlet(np.full(16, 0.5), size=30)
    P, p_empty = gfm_statistics(support, proba)
    Y, value = gfm_predict(P, p_empty, return_expected=True)
    for i in range(30):
        Yi, vi = gfm_predict(P[i:i + 1], p_empty[i:i + 1], return_expected=True)
        np.testing.assert_array_equal(Y[i], Yi[0])
        assert value[i] == pytest.approx(vi[0])


def test_empty_prediction_convention():
    support = np.array([[0, 0, 0], [1, 0, 0]])
    # All mass on the empty set: predict nothing, F(0, 0) = 1.
    Y, value = gfm_predict(*gfm_statistics(support, [[1.0, 0.0]]), return_expected=True)
    np.testing.assert_array_equal(Y, [[0, 0, 0]])
    assert value[0] == 1.0
    # Mostly empty, but the one label is likely enough to be worth it.
    Y = gfm_predict(*gfm_statistics(support, [[0.45, 0.55]]))
    np.testing.assert_array_equal(Y, [[1, 0, 0]])


def test_f1_differs_from_hamming_and_subset():
    # Two exclusive labels, each half the time: nothing is best for Hamming
    # (marginals of 0.5 do not exceed 0.5), one label for subset accuracy,
    # both labels for F1 (expected F1 2/3 against 1/2).
    support = [[1, 0], [0, 1]]
    proba = [[0.5, 0.5]]
    assert bayes_optimal_predict(support, proba, loss="hamming").tolist() == [[0, 0]]
    assert bayes_optimal_predict(support, proba, loss="subset").tolist() == [[1, 0]]
    assert bayes_optimal_predict(support, proba, loss="f1").tolist() == [[1, 1]]


def test_statistics_from_draws_equal_those_from_the_distribution():
    rng = np.random.RandomState(0)
    support = all_label_sets(3)
    counts = rng.multinomial(40, np.full(8, 1 / 8), size=5)  # 40 draws per row
    draws = np.stack([np.repeat(support, c, axis=0) for c in counts])
    for i in range(5):
        draws[i] = draws[i][rng.permutation(40)]
    P_draws, e_draws = gfm_statistics(draws)
    P_dist, e_dist = gfm_statistics(support, counts / 40)
    np.testing.assert_allclose(P_draws, P_dist)
    np.testing.assert_allclose(e_draws, e_dist)
    for loss in ("hamming", "f1"):
        np.testing.assert_array_equal(
            bayes_optimal_predict(draws, loss=loss),
            bayes_optimal_predict(support, counts / 40, loss=loss),
        )


def test_subset_mode_of_draws():
    draws = np.array([[[1, 0], [0, 1], [0, 1], [1, 1]],
                      [[1, 1], [0, 0], [0, 0], [1, 1]]])
    # Row 1 is a tie: the set drawn first wins.
    np.testing.assert_array_equal(
        bayes_optimal_predict(draws, loss="subset"), [[0, 1], [1, 1]]
    )


def test_bad_distributions_are_clear_errors():
    with pytest.raises(ValueError, match="row 0 sums to 0.9"):
        bayes_optimal_predict([[0], [1]], [[0.4, 0.5]])
    with pytest.raises(ValueError, match=r"proba must have shape \(n_samples, 2\)"):
        bayes_optimal_predict([[0], [1]], [[0.4, 0.3, 0.3]])
    with pytest.raises(ValueError, match="only 0 and 1"):
        bayes_optimal_predict([[0], [2]], [[0.5, 0.5]])
    with pytest.raises(ValueError, match="draws of shape"):
        bayes_optimal_predict([[0, 1], [1, 1]])
    with pytest.raises(ValueError, match="non-negative"):
        bayes_optimal_predict([[0], [1]], [[1.5, -0.5]])
    with pytest.raises(ValueError, match="do not describe a distribution"):
        gfm_predict(np.full((1, 2, 2), 0.5), [0.5])
    with pytest.raises(ValueError, match=r"p_empty must have shape \(1,\)"):
        gfm_predict(np.zeros((1, 2, 2)), [1.0, 0.0])
    with pytest.raises(ValueError, match="P must have shape"):
        gfm_predict(np.zeros((1, 2, 3)), [1.0])


def exclusive_labels_data(n_samples, seed):
    """Three mutually exclusive labels (or none); x shifts which one."""
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n_samples, 4))
    logits = np.column_stack([X[:, 0], X[:, 1], -X[:, 0] - X[:, 1], 0.5 + 0 * X[:, 0]])
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    cls = (rng.uniform(size=(n_samples, 1)) > p.cumsum(axis=1)).sum(axis=1)
    Y = np.zeros((n_samples, 3), dtype=int)
    has = cls < 3
    Y[np.flatnonzero(has), cls[has]] = 1
    return X, Y


def test_loss_aware_label_powerset_is_bayes_optimal_for_each_loss():
    X, Y = exclusive_labels_data(300, 0)
    lp = LabelPowerset(LR).fit(X, Y)
    label_sets, joint = lp.predict_joint_proba(X)
    for loss in ("hamming", "subset", "f1"):
        clf = LossAwareClassifier(LabelPowerset(LR), loss=loss).fit(X, Y)
        np.testing.assert_array_equal(
            clf.predict(X), bayes_optimal_predict(label_sets, joint, loss=loss)
        )
        np.testing.assert_allclose(clf.predict_proba(X), lp.predict_proba(X))
    subset = LossAwareClassifier(LabelPowerset(LR), loss="subset").fit(X, Y)
    np.testing.assert_array_equal(subset.predict(X), lp.predict(X))
    hamming = LossAwareClassifier(LabelPowerset(LR), loss="hamming").fit(X, Y)
    np.testing.assert_array_equal(hamming.predict(X), hamming.predict_proba(X) > 0.5)


def test_gfm_beats_thresholded_marginals_on_example_f1():
    # The joint distribution is easy to estimate (a multinomial logistic
    # model is the true model), so the GFM's example-F1 is the better one.
    X, Y = exclusive_labels_data(2000, 1)
    X_test, Y_test = exclusive_labels_data(2000, 2)
    f1 = LossAwareClassifier(LabelPowerset(LR), loss="f1").fit(X, Y)
    hamming = LossAwareClassifier(LabelPowerset(LR), loss="hamming").fit(X, Y)
    f1_gfm = f1_score(Y_test, f1.predict(X_test), average="samples", zero_division=1)
    f1_ham = f1_score(Y_test, hamming.predict(X_test), average="samples",
                      zero_division=1)
    assert f1_gfm > f1_ham + 0.02
    # ... and each prediction wins on its own loss.
    assert hamming_loss(Y_test, hamming.predict(X_test)) < hamming_loss(
        Y_test, f1.predict(X_test)
    )


class ToySampler(ClassifierMixin, BaseEstimator):
    """Draws from a fixed joint distribution, whatever x is."""

    def __init__(self, support=None, proba=None):
        self.support = support
        self.proba = proba

    def fit(self, X, y):
        self.n_features_in_ = np.asarray(X).shape[1]
        self.classes_ = np.arange(np.asarray(y).shape[1])
        return self

    def predict(self, X):
        return np.zeros((len(X), len(self.classes_)), dtype=int)

    def sample_joint(self, X, n_draws=100, random_state=None):
        rng = check_random_state(random_state)
        idx = rng.choice(len(self.proba), size=(len(X), n_draws), p=self.proba)
        return np.asarray(self.support)[idx]


def test_loss_aware_from_draws():
    support = [[1, 0], [0, 1], [0, 0]]
    proba = [0.35, 0.35, 0.3]
    X = np.zeros((5, 2))
    Y = np.array([[1, 0], [0, 1], [0, 0], [1, 0], [0, 1]])
    clf = LossAwareClassifier(
        ToySampler(support, proba), n_draws=4000, random_state=0
    ).fit(X, Y)
    # F1: both labels (expected 0.467) beat one (0.35) and none (0.3).
    np.testing.assert_array_equal(clf.predict(X), np.ones((5, 2)))
    np.testing.assert_allclose(clf.predict_proba(X), 0.35, atol=0.03)
    np.testing.assert_array_equal(clf.predict(X), clf.predict(X))  # seeded
    assert not hasattr(clf, "predict_joint_proba")
    assert clf.set_params(loss="hamming").predict(X).sum() == 0


def test_loss_aware_from_a_probabilistic_chain():
    X, Y = exclusive_labels_data(600, 3)
    chain = ClassifierChain(LR, order=[0, 1, 2], random_state=0)
    clf = LossAwareClassifier(chain, loss="f1", n_draws=500, random_state=0).fit(X, Y)
    draws = clf.estimator_.sample_joint(X[:50], n_draws=500,
                                        random_state=check_random_state(0))
    np.testing.assert_array_equal(
        clf.predict(X[:50]), bayes_optimal_predict(draws, loss="f1")
    )
    np.testing.assert_allclose(clf.predict_proba(X[:50]), draws.mean(axis=1))
    # On held-out data the chain's F1 predictions beat its thresholded
    # marginals on example-based F1.
    X_test, Y_test = exclusive_labels_data(1000, 5)
    hamming = clone(clf).set_params(loss="hamming").fit(X, Y)
    f1_gfm = f1_score(Y_test, clf.predict(X_test), average="samples",
                      zero_division=1)
    f1_ham = f1_score(Y_test, hamming.predict(X_test), average="samples",
                      zero_division=1)
    assert f1_gfm > f1_ham + 0.02


@pytest.mark.parametrize("loss", ["hamming", "subset", "f1"])
def test_a_label_set_listed_twice_counts_once_with_both_probabilities(loss):
    # [1, 1] listed twice holds 0.6 in all: the subset mode (it was [0, 0])
    sets, proba = [[0, 0], [1, 1], [1, 1]], [[0.4, 0.3, 0.3]]
    twice = bayes_optimal_predict(sets, proba, loss=loss)
    once = bayes_optimal_predict([[0, 0], [1, 1]], [[0.4, 0.6]], loss=loss)
    np.testing.assert_array_equal(twice, once)
    np.testing.assert_array_equal(
        bayes_optimal_predict(sets, proba, loss="subset"), [[1, 1]]
    )


def test_parameters_set_after_fit_are_validated_at_predict():
    X, Y = exclusive_labels_data(50, 0)
    clf = LossAwareClassifier(LabelPowerset()).fit(X, Y)
    clf.set_params(loss="hammming")  # a typo: it acted as "f1"
    for method in (clf.predict, clf.predict_proba):
        with pytest.raises(ValueError, match="loss"):
            method(X)


def test_estimator_without_a_joint_distribution_is_a_clear_error():
    X, Y = exclusive_labels_data(50, 0)
    with pytest.raises(TypeError, match="predict_joint_proba.*sample_joint"):
        LossAwareClassifier(BinaryRelevance()).fit(X, Y)
    # a chain with out-of-fold links has sample_joint but no joint model:
    # fit says so (it failed only at the first predict)
    with pytest.raises(ValueError, match="joint distribution"):
        LossAwareClassifier(ClassifierChain(LR, cv=3)).fit(X, Y)


def test_target_encoding_and_pickle():
    X, Y = exclusive_labels_data(150, 4)
    clf = LossAwareClassifier(LabelPowerset(LR)).fit(X, 2 * Y - 1)
    pred = clf.predict(X)
    assert set(np.unique(pred)) <= {-1, 1}
    restored = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(restored.predict(X), pred)
    label_sets, joint = clf.predict_joint_proba(X)
    assert joint.shape == (150, len(label_sets))
