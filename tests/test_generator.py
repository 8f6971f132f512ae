"""Tests of make_dependent_multilabel: the dependence it generates is measured."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import LogisticRegression

from skmultilabel.datasets import make_dependent_multilabel


def _offdiag(M):
    return M[~np.eye(M.shape[0], dtype=bool)]


def _marginal_corr(Y):
    """Mean pairwise Pearson correlation of the labels."""
    return _offdiag(np.corrcoef(Y.T)).mean()


def _conditional_cov(Y, marginals):
    """Mean pairwise covariance of the residuals y_j - P(y_j=1|x).

    Under conditional independence given x, E[(y_i - p_i)(y_j - p_j)] = 0.
    """
    R = Y - marginals
    return _offdiag(R.T @ R / len(R)).mean()


def test_shapes_dtypes_and_reproducibility():
    X, Y = make_dependent_multilabel(300, 4, random_state=0)
    assert X.shape == (300, 18) and Y.shape == (300, 4)
    assert X.dtype == np.float64 and Y.dtype == np.int64
    assert set(np.unique(Y)) <= {0, 1}
    X2, Y2 = make_dependent_multilabel(300, 4, random_state=0)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    X3, _ = make_dependent_multilabel(300, 4, n_features=7, random_state=1)
    assert X3.shape == (300, 7)


def test_bad_parameters():
    with pytest.raises(ValueError, match="n_features >= n_labels \\+ 1 = 6"):
        make_dependent_multilabel(10, 5, n_features=5)
    with pytest.raises(ValueError, match="'independent' has no strength"):
        make_dependent_multilabel(10, 3, dependence="independent", strength=0.3)
    with pytest.raises(ValueError, match="needs n_labels >= 3"):
        make_dependent_multilabel(10, 2, dependence="mode_gap")
    with pytest.raises(ValueError, match="dependence"):
        make_dependent_multilabel(10, 3, dependence="strong")
    with pytest.raises(ValueError, match="strength"):
        make_dependent_multilabel(10, 3, dependence="marginal", strength=1.5)
    with pytest.raises(ValueError, match="flip_y"):
        make_dependent_multilabel(10, 3, flip_y=0.5)


@pytest.mark.parametrize("dependence", ["independent", "marginal", "conditional"])
def test_density(dependence):
    strength = None if dependence == "independent" else 0.5
    _, Y = make_dependent_multilabel(
        20000, 6, dependence=dependence, strength=strength, density=0.2, random_state=0
    )
    rates = Y.mean(axis=0)
    assert rates.mean() == pytest.approx(0.2, abs=0.03)
    assert rates.min() > 0.05 and rates.max() < 0.4


def test_independent_labels_are_independent():
    X, Y, bayes = make_dependent_multilabel(
        20000, 5, dependence="independent", return_bayes=True, random_state=0
    )
    assert abs(_marginal_corr(Y)) < 0.02
    assert abs(_conditional_cov(Y, bayes.marginals)) < 0.003
    # P(y_i=1, y_j=1) = P(y_i=1) P(y_j=1) for every pair
    joint = Y.T @ Y / len(Y)
    prod = np.outer(Y.mean(0), Y.mean(0))
    assert np.abs(_offdiag(joint - prod)).max() < 0.015


def test_marginal_dependence_grows_with_strength_but_stays_conditionally_independent():
    corrs, covs = [], []
    for strength in (0.0, 0.3, 0.6, 0.9):
        _, Y, bayes = make_dependent_multilabel(
            20000,
            5,
            dependence="marginal",
            strength=strength,
            return_bayes=True,
            random_state=1,
        )
        corrs.append(_marginal_corr(Y))
        covs.append(_conditional_cov(Y, bayes.marginals))
    assert abs(corrs[0]) < 0.02
    assert np.all(np.diff(corrs) > 0.04), corrs
    assert corrs[-1] > 0.2
    assert np.abs(covs).max() < 0.004, covs


def test_conditional_dependence_grows_with_strength():
    covs = []
    for strength in (0.0, 0.3, 0.6, 0.9):
        _, Y, bayes = make_dependent_multilabel(
            20000,
            5,
            dependence="conditional",
            strength=strength,
            return_bayes=True,
            random_state=2,
        )
        covs.append(_conditional_cov(Y, bayes.marginals))
    assert abs(covs[0]) < 0.004
    assert np.all(np.diff(covs) > 0.005), covs
    # The observed features do not explain the dependence: it is conditional.
    assert covs[-1] > 0.04


def test_conditional_joint_mode_differs_sometimes():
    _, Y, bayes = make_dependent_multilabel(
        20000,
        6,
        dependence="conditional",
        strength=0.9,
        separation=3.0,
        return_bayes=True,
        random_state=3,
    )
    differ = (bayes.subset != bayes.hamming).any(axis=1).mean()
    assert 0.05 < differ < 0.9
    # Measured on the sampled labels: the joint mode wins on subset accuracy,
    # the marginal modes on Hamming loss.
    subset_acc_joint = (Y == bayes.subset).all(axis=1).mean()
    subset_acc_marg = (Y == bayes.hamming).all(axis=1).mean()
    assert subset_acc_joint > subset_acc_marg + 0.03
    assert (Y != bayes.hamming).mean() < (Y != bayes.subset).mean()


def test_mode_gap_is_large_and_measured():
    _, Y, bayes = make_dependent_multilabel(
        20000, 5, dependence="mode_gap", return_bayes=True, random_state=4
    )
    assert (bayes.subset != bayes.hamming).any(axis=1).mean() > 0.5
    subset_acc_joint = (Y == bayes.subset).all(axis=1).mean()
    subset_acc_marg = (Y == bayes.hamming).all(axis=1).mean()
    assert subset_acc_joint > subset_acc_marg + 0.15
    assert (Y != bayes.hamming).mean() < (Y != bayes.subset).mean() - 0.02
    # The oracle's probabilities agree with the sampled labels.
    assert bayes.subset_subset_accuracy.mean() == pytest.approx(
        subset_acc_joint, abs=0.015
    )
    assert bayes.hamming_subset_accuracy.mean() == pytest.approx(
        subset_acc_marg, abs=0.015
    )
    # Strength moves the gap: none of the empty-set mass at strength 0.
    _, Y0 = make_dependent_multilabel(
        5000, 5, dependence="mode_gap", strength=0.0, random_state=4
    )
    assert (Y0.sum(axis=1) == 4).all()
    assert (Y.sum(axis=1) == 0).mean() == pytest.approx(3 / 8, abs=0.02)


@pytest.mark.parametrize("dependence", ["marginal", "conditional", "mode_gap"])
def test_oracle_marginals_are_calibrated(dependence):
    _, Y, bayes = make_dependent_multilabel(
        30000, 4, dependence=dependence, flip_y=0.1, return_bayes=True, random_state=5
    )
    P = bayes.marginals.ravel()
    y = Y.ravel()
    bins = np.digitize(P, np.linspace(0, 1, 11))
    for b in np.unique(bins):
        sel = bins == b
        if sel.sum() > 2000:
            assert y[sel].mean() == pytest.approx(P[sel].mean(), abs=0.02)
    # Noise keeps the marginals inside [flip_y, 1 - flip_y].
    assert P.min() >= 0.1 - 1e-12 and P.max() <= 0.9 + 1e-12
    np.testing.assert_array_equal(bayes.hamming, bayes.marginals > 0.5)
    acc = (Y == bayes.subset).all(axis=1).mean()
    assert bayes.subset_subset_accuracy.mean() == pytest.approx(acc, abs=0.015)


def _pcc_joint_mode(X_train, Y_train, X_test):
    """A probabilistic classifier chain with exhaustive inference."""
    n_labels = Y_train.shape[1]
    models = [
        LogisticRegression().fit(np.hstack([X_train, Y_train[:, :j]]), Y_train[:, j])
        for j in range(n_labels)
    ]
    n = len(X_test)
    best, best_p = np.zeros((n, n_labels), dtype=int), np.full(n, -1.0)
    for y in itertools.product([0, 1], repeat=n_labels):
        y = np.asarray(y)
        p = np.ones(n)
        for j, model in enumerate(models):
            pj = model.predict_proba(np.hstack([X_test, np.tile(y[:j], (n, 1))]))[:, 1]
            p *= pj if y[j] else 1 - pj
        better = p > best_p
        best[better], best_p[better] = y, p[better]
    return best


def test_chain_with_joint_inference_beats_binary_relevance_on_mode_gap():
    kw = dict(dependence="mode_gap", strength=1.0, separation=1.0)
    X, Y = make_dependent_multilabel(2000, 5, random_state=10, **kw)
    Xt, Yt, bayes = make_dependent_multilabel(
        2000, 5, return_bayes=True, random_state=11, **kw
    )
    br = np.column_stack(
        [LogisticRegression().fit(X, Y[:, j]).predict(Xt) for j in range(5)]
    )
    pcc = _pcc_joint_mode(X, Y, Xt)

    def subset_acc(P):
        return (P == Yt).all(axis=1).mean()

    assert subset_acc(pcc) > subset_acc(br) + 0.1
    # Neither learner beats the Bayes-optimal oracle on its own loss.
    assert subset_acc(bayes.subset) >= subset_acc(pcc) - 0.01
    assert (bayes.hamming != Yt).mean() <= (br != Yt).mean() + 0.01
    assert subset_acc(bayes.subset) > subset_acc(bayes.hamming) + 0.2


@settings(deadline=None, max_examples=30)
@given(
    n_labels=st.integers(3, 7),
    dependence=st.sampled_from(["independent", "marginal", "conditional", "mode_gap"]),
    strength=st.floats(0, 1),
    flip_y=st.sampled_from([0.0, 0.05, 0.3]),
    seed=st.integers(0, 1000),
)
def test_oracle_invariants(n_labels, dependence, strength, flip_y, seed):
    if dependence == "independent":
        strength = 0.0
    X, Y, bayes = make_dependent_multilabel(
        50,
        n_labels,
        dependence=dependence,
        strength=strength,
        flip_y=flip_y,
        return_bayes=True,
        random_state=seed,
    )
    assert Y.shape == (50, n_labels) and X.shape == (50, 2 * n_labels + 10)
    assert np.all((bayes.marginals >= 0) & (bayes.marginals <= 1))
    # The joint mode is at least as probable as the marginal-mode vector.
    assert np.all(bayes.subset_subset_accuracy >= bayes.hamming_subset_accuracy - 1e-12)
    assert np.all(bayes.subset_subset_accuracy <= 1 + 1e-12)
    assert set(np.unique(bayes.subset)) <= {0, 1}


def test_many_labels_without_table():
    X, Y, bayes = make_dependent_multilabel(
        200, 20, dependence="conditional", return_bayes=True, random_state=0
    )
    assert Y.shape == (200, 20)
    assert bayes.subset is None
    assert bayes.marginals.shape == (200, 20)
