"""Bayes-optimal multi-label predictions for a named loss.

A model of the joint distribution of the labels given ``x`` (a label
powerset's class probabilities, draws from a probabilistic classifier chain)
says more than any single prediction: the best prediction depends on the
loss it is judged by. For a distribution P(y | x) the Bayes-optimal
predictions are

- Hamming loss: each label whose marginal P(y_j = 1 | x) exceeds 0.5;
- subset 0/1 loss: the mode of the joint distribution;
- example-based F-measure: the General F-measure Maximizer (GFM) of
  Jansche (2007) and Dembczynski et al. (2011), exact in O(L^3) from the
  L x L matrix P(y_j = 1, |y| = s | x) and P(y = 0 | x).

A joint distribution is given here in one of two forms:

- *weighted label sets*: ``label_sets`` of shape (n_label_sets, n_labels),
  shared by all samples, and ``proba`` of shape (n_samples, n_label_sets),
  as returned by :meth:`LabelPowerset.predict_joint_proba`;
- *draws*: ``label_sets`` of shape (n_samples, n_draws, n_labels) and
  ``proba=None``, each draw weighing ``1 / n_draws``, as returned by a
  chain's ``sample_joint``.
"""

from numbers import Integral, Real

import numpy as np
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    MetaEstimatorMixin,
    _fit_context,
    clone,
)
from sklearn.utils import _safe_indexing, check_random_state
from sklearn.utils._param_validation import (
    HasMethods,
    Interval,
    StrOptions,
    validate_params,
)
from sklearn.utils.metadata_routing import MetadataRouter, MethodMapping
from sklearn.utils.metaestimators import available_if

from ._base import (
    MultiLabelClassifierMixin,
    _base_has,
    _binary_output,
    _route_fit_params,
)
from ._label_powerset import LabelPowerset, _set_marginals

__all__ = [
    "LossAwareClassifier",
    "bayes_optimal_predict",
    "gfm_predict",
    "gfm_statistics",
]

_LOSSES = ("hamming", "subset", "f1")

# Rows of draws processed at once, so that (rows, n_draws, n_labels) arrays
# stay small whatever the number of samples.
_DRAW_BLOCK = 2_000_000


def _check_joint(label_sets, proba):
    """Validate a joint distribution in either form; return it as arrays."""
    label_sets = np.asarray(label_sets)
    if label_sets.dtype.kind not in "biuf":
        raise TypeError(
            f"label_sets must hold 0/1 numbers, got dtype {label_sets.dtype}."
        )
    if label_sets.size and not ((label_sets == 0) | (label_sets == 1)).all():
        raise ValueError("label_sets must hold only 0 and 1.")
    label_sets = np.asarray(label_sets, dtype=np.int64)
    if proba is None:
        if label_sets.ndim != 3:
            raise ValueError(
                "Without proba, label_sets must be draws of shape (n_samples, "
                f"n_draws, n_labels); got shape {label_sets.shape}."
            )
        if 0 in label_sets.shape:
            raise ValueError(
                f"label_sets of shape {label_sets.shape} is empty: at least one "
                "sample, one draw and one label are needed."
            )
        return label_sets, None
    proba = np.asarray(proba, dtype=np.float64)
    if label_sets.ndim != 2:
        raise ValueError(
            "With proba, label_sets must be the label sets of shape "
            f"(n_label_sets, n_labels); got shape {label_sets.shape}."
        )
    if proba.ndim != 2 or proba.shape[1] != label_sets.shape[0]:
        raise ValueError(
            f"proba must have shape (n_samples, {label_sets.shape[0]}), one "
            f"column per label set; got shape {proba.shape}."
        )
    if 0 in label_sets.shape or proba.shape[0] == 0:
        raise ValueError("label_sets and proba must not be empty.")
    if not np.isfinite(proba).all() or (proba < 0).any():
        raise ValueError("proba must hold finite, non-negative probabilities.")
    sums = proba.sum(axis=1)
    if not np.allclose(sums, 1.0, atol=1e-6):
        bad = int(np.argmax(np.abs(sums - 1.0)))
        raise ValueError(
            "Each row of proba must sum to 1 (a distribution over the label "
            f"sets); row {bad} sums to {sums[bad]:.6g}."
        )
    unique, inverse = np.unique(label_sets, axis=0, return_inverse=True)
    if unique.shape[0] < label_sets.shape[0]:
        # a label set listed twice: its probability is the sum of its columns
        merged = np.zeros((proba.shape[0], unique.shape[0]))
        np.add.at(merged.T, inverse.ravel(), proba.T)
        return unique, merged
    return label_sets, proba


def _blocks(n_samples, n_draws, n_labels):
    size = max(1, _DRAW_BLOCK // max(1, n_draws * n_labels))
    for start in range(0, n_samples, size):
        yield slice(start, min(start + size, n_samples))


def _gfm_statistics(label_sets, proba):
    """:func:`gfm_statistics` without input validation."""
    n_labels = label_sets.shape[-1]
    if proba is not None:
        sizes = label_sets.sum(axis=1)
        # M[k, j, s - 1] = y_kj [|y_k| = s]
        onehot = np.zeros((label_sets.shape[0], n_labels + 1))
        onehot[np.arange(label_sets.shape[0]), sizes] = 1.0
        M = label_sets[:, :, None] * onehot[:, None, 1:]
        P = (proba @ M.reshape(M.shape[0], -1)).reshape(-1, n_labels, n_labels)
        p_empty = proba @ (sizes == 0).astype(np.float64)
        return P, p_empty
    n_samples, n_draws, _ = label_sets.shape
    P = np.empty((n_samples, n_labels, n_labels))
    p_empty = np.empty(n_samples)
    width = n_labels + 1
    for rows in _blocks(n_samples, n_draws, n_labels):
        draws = label_sets[rows]
        n_rows = draws.shape[0]
        sizes = draws.sum(axis=2)
        # Count, per row i, label j and size s, the draws with y_j = 1 and
        # |y| = s: one bincount over the (i, j, s) cells of the ones.
        cell = (
            (np.arange(n_rows)[:, None, None] * n_labels
             + np.arange(n_labels)[None, None, :]) * width
            + sizes[:, :, None]
        )
        counts = np.bincount(
            cell[draws.astype(bool)], minlength=n_rows * n_labels * width
        ).reshape(n_rows, n_labels, width)
        P[rows] = counts[:, :, 1:] / n_draws
        p_empty[rows] = (sizes == 0).mean(axis=1)
    return P, p_empty


@validate_params(
    {"label_sets": ["array-like"], "proba": ["array-like", None]},
    prefer_skip_nested_validation=True,
)
def gfm_statistics(label_sets, proba=None):
    """The inputs of the GFM from a joint distribution of the labels.

    Parameters
    ----------
    label_sets : array-like of shape (n_label_sets, n_labels) or \
            (n_samples, n_draws, n_labels)
        0/1 label vectors: the support of the distribution, shared by the
        samples (with ``proba``), or draws from each sample's distribution
        (without ``proba``, each draw weighing ``1 / n_draws``).

    proba : array-like of shape (n_samples, n_label_sets), default=None
        ``proba[i, k]``: the probability of ``label_sets[k]`` for sample
        ``i``; each row sums to 1. None when ``label_sets`` holds draws.

    Returns
    -------
    P : ndarray of shape (n_samples, n_labels, n_labels)
        ``P[i, j, s - 1] = P(y_j = 1, |y| = s | x_i)`` for ``s = 1..L``.

    p_empty : ndarray of shape (n_samples,)
        ``P(y = 0 | x_i)``, the probability of the empty label set.

    See Also
    --------
    gfm_predict : The F-measure maximising prediction from these inputs.

    Examples
    --------
    >>> from skmultilabel import gfm_statistics
    >>> P, p_empty = gfm_statistics([[0, 0], [1, 0], [1, 1]], [[0.2, 0.5, 0.3]])
    >>> P[0]
    array([[0.5, 0.3],
           [0. , 0.3]])
    >>> p_empty
    array([0.2])
    """
    return _gfm_statistics(*_check_joint(label_sets, proba))


def _gfm_predict(P, p_empty, beta):
    """:func:`gfm_predict` without input validation."""
    n_samples, n_labels, _ = P.shape
    s = np.arange(1, n_labels + 1, dtype=np.float64)
    b2 = beta * beta
    # W[s - 1, k - 1] = (1 + beta^2) / (beta^2 s + k): the F-measure gained,
    # per true positive, by a prediction of size k when |y| = s.
    W = (1.0 + b2) / (b2 * s[:, None] + s[None, :])
    delta = P @ W  # delta[i, j, k - 1]: the gain of label j in a size-k prediction
    order = np.argsort(-delta, axis=1, kind="stable")
    best = np.take_along_axis(delta, order, axis=1).cumsum(axis=1)
    k_index = np.arange(n_labels)
    expected = np.empty((n_samples, n_labels + 1))
    expected[:, 0] = p_empty
    expected[:, 1:] = best[:, k_index, k_index]  # the top-k sum for each k
    k_best = np.argmax(expected, axis=1)
    Y = np.zeros((n_samples, n_labels), dtype=np.int64)
    for k in np.unique(k_best):
        if k == 0:
            continue
        rows = np.flatnonzero(k_best == k)
        top = order[rows, :k, k - 1]
        Y[rows[:, None], top] = 1
    return Y, expected[np.arange(n_samples), k_best]


@validate_params(
    {
        "P": ["array-like"],
        "p_empty": ["array-like"],
        "beta": [Interval(Real, 0, None, closed="neither")],
        "return_expected": ["boolean"],
    },
    prefer_skip_nested_validation=True,
)
def gfm_predict(P, p_empty, *, beta=1.0, return_expected=False):
    """The prediction that maximises the expected example-based F-measure.

    The General F-measure Maximizer (GFM) of Dembczynski et al. (2011) is
    exact for any joint distribution of the labels, in O(L^3) per sample.
    For each prediction size k it takes the k labels with the largest
    ``sum_s P(y_j = 1, |y| = s | x) (1 + beta^2) / (beta^2 s + k)``, and
    keeps the size whose expected F-measure is largest; the empty
    prediction is worth ``P(y = 0 | x)`` (the convention F(0, 0) = 1).
    The computation is vectorised across samples.

    Parameters
    ----------
    P : array-like of shape (n_samples, n_labels, n_labels)
        ``P[i, j, s - 1] = P(y_j = 1, |y| = s | x_i)``, as returned by
        :func:`gfm_statistics`.

    p_empty : array-like of shape (n_samples,)
        ``P(y = 0 | x_i)``.

    beta : float, default=1.0
        The beta of the F-measure (1 for F1).

    return_expected : bool, default=False
        Whether to also return the expected F-measure of each prediction.

    Returns
    -------
    Y : ndarray of shape (n_samples, n_labels)
        The 0/1 predictions.

    expected_f : ndarray of shape (n_samples,)
        The expected F-measure of each prediction under the given
        distribution. Only returned when ``return_expected=True``.

    See Also
    --------
    bayes_optimal_predict : The same from the joint distribution itself,
        and for the other losses.

    References
    ----------
    .. [1] K. Dembczynski, W. Waegeman, W. Cheng, E. Hullermeier, "An exact
       algorithm for F-measure maximization", NIPS 2011.
    .. [2] M. Jansche, "A maximum expected utility framework for binary
       sequence labeling", ACL 2007.

    Examples
    --------
    Two labels, each present with probability 0.5 but never together: the
    best prediction for Hamming loss is nothing, for F1 it is both labels.

    >>> from skmultilabel import gfm_predict, gfm_statistics
    >>> P, p_empty = gfm_statistics([[1, 0], [0, 1]], [[0.5, 0.5]])
    >>> gfm_predict(P, p_empty, return_expected=True)
    (array([[1, 1]]), array([0.6666...]))
    """
    P = np.asarray(P, dtype=np.float64)
    p_empty = np.asarray(p_empty, dtype=np.float64)
    if P.ndim != 3 or P.shape[1] != P.shape[2] or 0 in P.shape:
        raise ValueError(
            "P must have shape (n_samples, n_labels, n_labels) with "
            f"P[i, j, s - 1] = P(y_j = 1, |y| = s | x_i); got shape {P.shape}."
        )
    if p_empty.shape != (P.shape[0],):
        raise ValueError(
            f"p_empty must have shape ({P.shape[0]},), one probability per "
            f"sample of P; got shape {p_empty.shape}."
        )
    if not (np.isfinite(P).all() and np.isfinite(p_empty).all()):
        raise ValueError("P and p_empty must be finite.")
    if (P < 0).any() or (p_empty < 0).any() or (p_empty > 1 + 1e-9).any():
        raise ValueError("P and p_empty must hold probabilities in [0, 1].")
    # sum_j P(y_j = 1, |y| = s) = s P(|y| = s), so these add up to 1.
    s = np.arange(1, P.shape[1] + 1)
    total = (P.sum(axis=1) / s).sum(axis=1) + p_empty
    if not np.allclose(total, 1.0, atol=1e-6):
        bad = int(np.argmax(np.abs(total - 1.0)))
        raise ValueError(
            "P and p_empty do not describe a distribution of label sets: "
            "p_empty + sum_s P(|y| = s) must be 1, and for sample "
            f"{bad} it is {total[bad]:.6g}."
        )
    Y, expected = _gfm_predict(P, p_empty, float(beta))
    return (Y, expected) if return_expected else Y


def _mode_of_draws(draws):
    """The most frequent draw of each sample (ties: the earliest drawn)."""
    n_samples, n_draws, n_labels = draws.shape
    Y = np.empty((n_samples, n_labels), dtype=np.int64)
    packed = np.packbits(draws.astype(np.uint8), axis=2)
    keys = np.ascontiguousarray(packed).view(
        np.dtype((np.void, packed.shape[2]))
    )[:, :, 0]
    for i in range(n_samples):
        _, first, inverse, counts = np.unique(
            keys[i], return_index=True, return_inverse=True, return_counts=True
        )
        winners = np.flatnonzero(counts == counts.max())
        Y[i] = draws[i, first[winners].min()]
    return Y


def _marginals(label_sets, proba):
    if proba is not None:
        return _set_marginals(proba, label_sets)
    return label_sets.mean(axis=1)


def _bayes_optimal(label_sets, proba, loss, beta):
    """:func:`bayes_optimal_predict` without input validation."""
    if loss == "hamming":
        return (_marginals(label_sets, proba) > 0.5).astype(np.int64)
    if loss == "subset":
        if proba is not None:
            return label_sets[np.argmax(proba, axis=1)]
        return _mode_of_draws(label_sets)
    P, p_empty = _gfm_statistics(label_sets, proba)
    return _gfm_predict(P, p_empty, beta)[0]


@validate_params(
    {
        "label_sets": ["array-like"],
        "proba": ["array-like", None],
        "loss": [StrOptions(set(_LOSSES))],
        "beta": [Interval(Real, 0, None, closed="neither")],
    },
    prefer_skip_nested_validation=True,
)
def bayes_optimal_predict(label_sets, proba=None, *, loss="f1", beta=1.0):
    """The prediction that minimises the expected loss under a joint distribution.

    Parameters
    ----------
    label_sets : array-like of shape (n_label_sets, n_labels) or \
            (n_samples, n_draws, n_labels)
        0/1 label vectors: the support of the distribution, shared by the
        samples (with ``proba``; a label set listed twice has the sum of its
        columns' probabilities), or draws from each sample's distribution
        (without ``proba``).

    proba : array-like of shape (n_samples, n_label_sets), default=None
        The probability of each label set for each sample (rows sum to 1).
        None when ``label_sets`` holds draws.

    loss : {"hamming", "subset", "f1"}, default="f1"
        The loss to minimise: Hamming loss (the labels whose marginal
        probability exceeds 0.5), subset 0/1 loss (the most probable label
        set; among draws, the most frequent one, ties to the earliest) or
        one minus the example-based F-measure (the GFM, see
        :func:`gfm_predict`).

    beta : float, default=1.0
        The beta of the F-measure when ``loss="f1"`` (1 for F1).

    Returns
    -------
    Y : ndarray of shape (n_samples, n_labels)
        The 0/1 predictions.

    See Also
    --------
    LossAwareClassifier : The same as a meta-estimator.

    Examples
    --------
    >>> from skmultilabel import bayes_optimal_predict
    >>> label_sets = [[0, 0], [1, 1], [1, 0], [0, 1]]
    >>> proba = [[0.34, 0.0, 0.33, 0.33]]
    >>> for loss in ("hamming", "subset", "f1"):
    ...     print(loss, bayes_optimal_predict(label_sets, proba, loss=loss))
    hamming [[0 0]]
    subset [[0 0]]
    f1 [[1 1]]
    """
    label_sets, proba = _check_joint(label_sets, proba)
    return _bayes_optimal(label_sets, proba, loss, float(beta))


def _joint_provider(self):
    """available_if check: the base estimator has a joint-distribution method."""
    base = self._base_estimator()
    if not (hasattr(base, "predict_joint_proba") or hasattr(base, "sample_joint")):
        raise AttributeError(
            f"{type(base).__name__} has neither predict_joint_proba nor sample_joint."
        )
    return True


class LossAwareClassifier(
    MultiLabelClassifierMixin, ClassifierMixin, MetaEstimatorMixin, BaseEstimator
):
    """Predictions that are Bayes-optimal for the loss you name.

    A meta-estimator around a model of the joint distribution of the labels
    given ``x``: a :class:`LabelPowerset` (or anything with
    ``predict_joint_proba(X) -> (label_sets, proba)``) or a probabilistic
    classifier chain (anything with ``sample_joint(X, n_draws=...,
    random_state=...)``, whose draws estimate the distribution). ``predict``
    returns the prediction that minimises the expected ``loss`` under that
    distribution (see :func:`bayes_optimal_predict`):

    - ``"hamming"``: the labels whose marginal probability exceeds 0.5;
    - ``"subset"``: the most probable label set (subset accuracy);
    - ``"f1"``: the labels that maximise the expected example-based
      F-measure, by the exact General F-measure Maximizer
      (:func:`gfm_predict`).

    The predictions are only as good as the distribution: the Bayes-optimal
    prediction for the estimated distribution is optimal for the true one
    when the estimate is good, and a label powerset can only put mass on
    label sets seen in training.

    Parameters
    ----------
    estimator : estimator object, default=None
        The multi-label model of the joint distribution, fitted on a clone.
        It must implement ``fit`` and ``predict_joint_proba`` or
        ``sample_joint`` (``predict_joint_proba`` is used when it has both).
        None means ``LabelPowerset()``.

    loss : {"hamming", "subset", "f1"}, default="f1"
        The loss whose expectation ``predict`` minimises.

    beta : float, default=1.0
        The beta of the F-measure when ``loss="f1"`` (1 for F1).

    n_draws : int, default=1000
        The number of label vectors drawn per sample from a model that has
        only ``sample_joint``. More draws estimate the distribution better;
        the cost grows linearly.

    random_state : int, RandomState instance or None, default=None
        Seeds the draws of ``sample_joint``; an int makes ``predict``
        deterministic. Unused with ``predict_joint_proba``.

    Attributes
    ----------
    estimator_ : estimator
        The fitted model of the joint distribution.

    classes_ : ndarray of shape (n_labels,)
        The label names: the column names of a pandas target, otherwise
        ``0, ..., n_labels - 1``. For a 1-D target, its two values: the
        estimator is then a binary classifier, whose ``predict_proba`` has
        the two columns P(absent), P(present).

    sparse_target_ : bool
        Whether the training target was sparse; ``predict`` then returns
        CSR: a ``csr_array`` for a sparse array target, else a
        ``csr_matrix``.

    target_encoding_ : ndarray of shape (2,)
        The values of the training target meaning absent and present.

    n_features_in_ : int
        The number of features seen during ``fit``.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of the features seen during ``fit``, when ``X`` has string
        column names.

    See Also
    --------
    bayes_optimal_predict : The same from a given joint distribution.
    gfm_predict : The General F-measure Maximizer.
    LabelPowerset : A model of the joint distribution.

    References
    ----------
    .. [1] K. Dembczynski, W. Waegeman, W. Cheng, E. Hullermeier, "On label
       dependence and loss minimization in multi-label classification",
       Machine Learning 88, 2012.
    .. [2] K. Dembczynski, W. Waegeman, W. Cheng, E. Hullermeier, "An exact
       algorithm for F-measure maximization", NIPS 2011.

    Examples
    --------
    >>> from sklearn.datasets import make_multilabel_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from skmultilabel import LabelPowerset, LossAwareClassifier
    >>> X, Y = make_multilabel_classification(n_samples=200, n_classes=4,
    ...                                       random_state=0)
    >>> lp = LabelPowerset(LogisticRegression(max_iter=1000))
    >>> clf = LossAwareClassifier(lp, loss="f1").fit(X, Y)
    >>> clf.predict(X[:2])
    array([[1, 0, 1, 0],
           [0, 0, 0, 0]])
    >>> clf.predict_proba(X[:2]).shape
    (2, 4)
    """

    _passes_X_through = True  # X reaches the base estimator as it is

    _parameter_constraints = {
        "estimator": [HasMethods(["fit"]), None],
        "loss": [StrOptions(set(_LOSSES))],
        "beta": [Interval(Real, 0, None, closed="neither")],
        "n_draws": [Interval(Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
    }

    def __init__(self, estimator=None, *, loss="f1", beta=1.0, n_draws=1000,
                 random_state=None):
        self.estimator = estimator
        self.loss = loss
        self.beta = beta
        self.n_draws = n_draws
        self.random_state = random_state

    def _base_estimator(self):
        if self.estimator is None:
            return LabelPowerset()
        return self.estimator

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y, sample_weight=None, **fit_params):
        """Fit the model of the joint distribution.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        y : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_labels)
            The 0/1 (or boolean) indicator matrix of the labels.

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights passed to the estimator's ``fit``.

        **fit_params : dict
            Further parameters for the estimator's ``fit``.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        base = self._base_estimator()
        try:
            _joint_provider(self)
        except AttributeError as exc:
            raise TypeError(
                "LossAwareClassifier needs an estimator that models the joint "
                "distribution of the labels, with a predict_joint_proba(X) or "
                f"a sample_joint(X, n_draws=...) method: {exc}"
            ) from None
        X, Y = self._validate_fit_data(X, y, base_estimator=base)
        params = _route_fit_params(
            self, base, X, sample_weight=sample_weight, **fit_params
        )
        self.estimator_ = clone(base).fit(X, Y, **params)
        # a fitted model may still not be a joint one (a chain fitted with
        # cv or on decision values): say so now, not at the first predict
        self._joint(_safe_indexing(X, [0]))
        return self

    def _joint(self, X):
        """The joint distribution of the labels for ``X``, in either form."""
        self._validate_params()  # loss, beta and n_draws may be set after fit
        X = self._check_predict_input(X)
        est = self.estimator_
        if hasattr(est, "predict_joint_proba"):
            label_sets, proba = est.predict_joint_proba(X)
            return _check_joint(label_sets, proba)
        draws = est.sample_joint(
            X, n_draws=self.n_draws, random_state=check_random_state(self.random_state)
        )
        return _check_joint(draws, None)

    def predict(self, X):
        """Predict the labels that minimise the expected ``loss``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        Y : ndarray or sparse CSR matrix of shape (n_samples, n_labels)
            The 0/1 predictions; sparse when the training target was sparse.
        """
        label_sets, proba = self._joint(X)
        return self._format_predictions(
            _bayes_optimal(label_sets, proba, self.loss, float(self.beta))
        )

    @_binary_output("predict_proba")
    def predict_proba(self, X):
        """Return the marginal probability that each label is present.

        The marginals of the joint distribution (estimated from the draws
        for a model that only samples), so that with ``loss="hamming"``
        ``predict`` is ``predict_proba(X) > 0.5``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        P : ndarray of shape (n_samples, n_labels)
            P(label j = 1 | x) in column j.
        """
        label_sets, proba = self._joint(X)
        return _marginals(label_sets, proba).astype(np.float64)

    @available_if(_base_has("predict_joint_proba"))
    def predict_joint_proba(self, X):
        """Return the joint distribution estimated by the fitted estimator.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        label_sets : ndarray of shape (n_label_sets, n_labels)
            The label sets.

        proba : ndarray of shape (n_samples, n_label_sets)
            The probability of each label set for each sample.
        """
        return self._joint(X)

    def get_metadata_routing(self):
        """Get the metadata routing of this object.

        Returns
        -------
        routing : MetadataRouter
            Routes ``fit`` parameters to the estimator's ``fit``.
        """
        return MetadataRouter(owner=type(self).__name__).add(
            estimator=self._base_estimator(),
            method_mapping=MethodMapping().add(caller="fit", callee="fit"),
        )
