"""RAkEL: label powersets on random subsets of the labels (Tsoumakas et al., 2011)."""

from math import comb
from numbers import Integral, Real

import numpy as np
import scipy.sparse as sp
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    MetaEstimatorMixin,
    _fit_context,
)
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import HasMethods, Interval
from sklearn.utils.metadata_routing import MetadataRouter, MethodMapping
from sklearn.utils.metaestimators import available_if
from sklearn.utils.parallel import Parallel, delayed
from sklearn.utils.validation import _num_samples

from ._base import (
    MultiLabelClassifierMixin,
    _base_has,
    _binary_output,
    _route_fit_params,
)
from ._label_powerset import LabelPowerset, _set_marginals


def _fit_one(base, X, Y_sub, params):
    lp = LabelPowerset(estimator=base)
    return lp._fit_validated(X, Y_sub, params)


def _finish_label_powerset(lp, owner, subset):
    """Give a subset's label powerset the metadata of a fitted estimator.

    Then it works on its own too (``lp.predict(X)`` gives the subset's
    labels), not only through the RAkEL model.
    """
    lp.classes_ = owner._label_names()[subset]
    lp.sparse_target_ = False
    lp.target_encoding_ = np.array([0, 1])
    lp._target_1d = False
    if hasattr(owner, "n_features_in_"):  # not for texts
        lp.n_features_in_ = owner.n_features_in_
    if hasattr(owner, "feature_names_in_"):
        lp.feature_names_in_ = owner.feature_names_in_
    return lp


def _disjoint_subsets(n_labels, k, rng):
    """A random partition of the labels into subsets of size k (the last smaller)."""
    perm = rng.permutation(n_labels)
    return [np.sort(perm[i:i + k]) for i in range(0, n_labels, k)]


def _overlapping_subsets(n_labels, k, n_subsets, rng):
    """``n_subsets`` distinct random k-subsets of the labels covering every label.

    The first ``ceil(L / k)`` subsets cover the labels (a random partition,
    the last part filled up with random other labels); the others are drawn
    uniformly among the k-subsets not yet chosen.
    """
    subsets = []
    seen = set()
    for part in _disjoint_subsets(n_labels, k, rng):
        if part.shape[0] < k:
            others = np.setdiff1d(np.arange(n_labels), part)
            part = np.sort(np.concatenate(
                [part, rng.choice(others, k - part.shape[0], replace=False)]
            ))
        key = tuple(part.tolist())
        if key not in seen:
            seen.add(key)
            subsets.append(part)
    while len(subsets) < n_subsets:
        part = np.sort(rng.choice(n_labels, k, replace=False))
        key = tuple(part.tolist())
        if key not in seen:
            seen.add(key)
            subsets.append(part)
    return subsets


class _BaseRakel(
    MultiLabelClassifierMixin, ClassifierMixin, MetaEstimatorMixin, BaseEstimator
):
    """Common code of RakelD and RakelO: fit one label powerset per subset."""

    _passes_X_through = True  # X reaches the base estimator as it is

    def _fit_subsets(self, X, y, sample_weight, fit_params, make_subsets):
        base = self._base_estimator()
        X, Y = self._validate_fit_data(X, y, base_estimator=base)
        if sp.issparse(Y):
            Y = Y.toarray()
        params = _route_fit_params(
            self, base, X, sample_weight=sample_weight, **fit_params
        )
        n_labels = Y.shape[1]
        k = min(self.labelset_size, n_labels)
        rng = check_random_state(self.random_state)
        self.labelsets_ = make_subsets(n_labels, k, rng)
        self.estimators_ = Parallel(n_jobs=self.n_jobs)(
            delayed(_fit_one)(base, X, Y[:, subset], params)
            for subset in self.labelsets_
        )
        for lp, subset in zip(self.estimators_, self.labelsets_, strict=True):
            _finish_label_powerset(lp, self, subset)
        return self

    def _votes(self, X, method):
        """Sum and count, per label, of the subset models' outputs."""
        n_labels = self._n_labels()
        total = np.zeros((_num_samples(X), n_labels))
        count = np.zeros(n_labels)
        for subset, lp in zip(self.labelsets_, self.estimators_, strict=True):
            if method == "predict":
                out = lp._predict_01(X)
            else:
                out = _set_marginals(lp._joint_proba(X), lp.label_sets_)
            total[:, subset] += out
            count[subset] += 1
        return total, count

    def get_metadata_routing(self):
        """Get the metadata routing of this object.

        Returns
        -------
        routing : MetadataRouter
            Routes ``fit`` parameters to the base estimator's ``fit``.
        """
        return MetadataRouter(owner=type(self).__name__).add(
            estimator=self._base_estimator(),
            method_mapping=MethodMapping().add(caller="fit", callee="fit"),
        )


class RakelD(_BaseRakel):
    """RAkEL-d: label powersets on disjoint random subsets of the labels.

    The labels are split at random into disjoint subsets of
    ``labelset_size`` labels (the last subset takes what is left), and a
    :class:`LabelPowerset` is fitted on each. Each label is predicted by the
    one model whose subset holds it. Within a subset the labels' dependence
    is modelled; across subsets it is ignored. With a subset size of at
    least the number of labels it is one label powerset.

    Parameters
    ----------
    estimator : estimator object, default=None
        The multiclass classifier of each label powerset. It must implement
        ``fit`` and ``predict``; ``predict_proba`` is offered when it
        implements it. None means ``LogisticRegression()``.

    labelset_size : int, default=3
        The size k of the label subsets (3 in Tsoumakas et al.). A k of at
        least the number of labels gives one label powerset on all labels.

    random_state : int, RandomState instance or None, default=None
        Draws the random partition of the labels.

    n_jobs : int, default=None
        The number of label powersets fitted in parallel. None means 1
        unless in a :obj:`joblib.parallel_backend` context.

    Attributes
    ----------
    labelsets_ : list of ndarray
        The label indices (columns of ``y``) of each subset.

    estimators_ : list of LabelPowerset
        The fitted label powerset of each subset, on the columns
        ``labelsets_[i]`` of ``y``.

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
    RakelO : Overlapping subsets whose votes are averaged.
    LabelPowerset : One label powerset on all the labels.

    References
    ----------
    .. [1] G. Tsoumakas, I. Katakis, I. Vlahavas, "Random k-labelsets for
       multilabel classification", IEEE Transactions on Knowledge and Data
       Engineering 23(7), 2011.

    Examples
    --------
    >>> from sklearn.datasets import make_multilabel_classification
    >>> from sklearn.preprocessing import StandardScaler
    >>> from skmultilabel import RakelD
    >>> X, Y = make_multilabel_classification(n_samples=100, n_classes=5,
    ...                                       random_state=0)
    >>> X = StandardScaler().fit_transform(X)
    >>> clf = RakelD(labelset_size=2, random_state=0).fit(X, Y)
    >>> [subset.tolist() for subset in clf.labelsets_]
    [[0, 2], [1, 3], [4]]
    >>> clf.predict(X[:2])
    array([[0, 0, 0, 1, 1],
           [0, 0, 1, 0, 0]])
    """

    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict"]), None],
        "labelset_size": [Interval(Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
        "n_jobs": [Integral, None],
    }

    def __init__(self, estimator=None, *, labelset_size=3, random_state=None,
                 n_jobs=None):
        self.estimator = estimator
        self.labelset_size = labelset_size
        self.random_state = random_state
        self.n_jobs = n_jobs

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y, sample_weight=None, **fit_params):
        """Fit one label powerset per disjoint label subset.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        y : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_labels)
            The 0/1 (or boolean) indicator matrix of the labels.

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights passed to every label powerset.

        **fit_params : dict
            Further parameters for the base estimator's ``fit``.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        return self._fit_subsets(X, y, sample_weight, fit_params, _disjoint_subsets)

    def predict(self, X):
        """Predict the labels of each sample.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        Y : ndarray or sparse CSR matrix of shape (n_samples, n_labels)
            Each label as predicted by the label powerset of its subset.
        """
        X = self._check_predict_input(X)
        total, _ = self._votes(X, "predict")
        return self._format_predictions(total)

    @available_if(_base_has("predict_proba"))
    @_binary_output("predict_proba")
    def predict_proba(self, X):
        """Return the probability that each label is present.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        P : ndarray of shape (n_samples, n_labels)
            The marginal P(label j = 1 | x) of the label powerset of j's
            subset.
        """
        X = self._check_predict_input(X)
        return self._votes(X, "predict_proba")[0]


class RakelO(_BaseRakel):
    """RAkEL-o: label powersets on overlapping random subsets, votes averaged.

    ``n_estimators`` distinct random subsets of ``labelset_size`` labels are
    drawn, and a :class:`LabelPowerset` is fitted on each. A label's score
    is the average, over the models whose subset holds the label, of their
    0/1 predictions for it; it is predicted present when that average
    exceeds ``threshold``. ``predict_proba`` averages the models' marginal
    probabilities the same way.

    Every label is covered: the first ``ceil(n_labels / labelset_size)``
    subsets are a random partition of the labels (the last part filled up
    with random other labels), the rest are drawn uniformly among the
    subsets not yet chosen. At most ``comb(n_labels, labelset_size)``
    distinct subsets exist; ``n_estimators`` is capped there.

    Parameters
    ----------
    estimator : estimator object, default=None
        The multiclass classifier of each label powerset. It must implement
        ``fit`` and ``predict``; ``predict_proba`` is offered when it
        implements it. None means ``LogisticRegression()``.

    labelset_size : int, default=3
        The size k of the label subsets (3 in Tsoumakas et al.). A k of at
        least the number of labels gives one label powerset on all labels.

    n_estimators : int, default=None
        The number of subsets (models). None means ``2 * n_labels``, the
        choice of Tsoumakas et al. It must be at least
        ``ceil(n_labels / labelset_size)`` so that every label is covered;
        at most ``C(n_labels, labelset_size)`` distinct subsets exist, and
        a larger number gives all of them.

    threshold : float, default=0.5
        A label is predicted when the average vote for it exceeds this.

    random_state : int, RandomState instance or None, default=None
        Draws the random subsets.

    n_jobs : int, default=None
        The number of label powersets fitted in parallel. None means 1
        unless in a :obj:`joblib.parallel_backend` context.

    Attributes
    ----------
    labelsets_ : list of ndarray
        The label indices (columns of ``y``) of each subset.

    estimators_ : list of LabelPowerset
        The fitted label powerset of each subset, on the columns
        ``labelsets_[i]`` of ``y``.

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
    RakelD : Disjoint subsets, one model per label.
    LabelPowerset : One label powerset on all the labels.

    References
    ----------
    .. [1] G. Tsoumakas, I. Katakis, I. Vlahavas, "Random k-labelsets for
       multilabel classification", IEEE Transactions on Knowledge and Data
       Engineering 23(7), 2011.

    Examples
    --------
    >>> from sklearn.datasets import make_multilabel_classification
    >>> from sklearn.preprocessing import StandardScaler
    >>> from skmultilabel import RakelO
    >>> X, Y = make_multilabel_classification(n_samples=100, n_classes=5,
    ...                                       random_state=0)
    >>> X = StandardScaler().fit_transform(X)
    >>> clf = RakelO(random_state=0).fit(X, Y)
    >>> len(clf.estimators_)
    10
    >>> clf.predict(X[:2])
    array([[0, 0, 1, 1, 1],
           [0, 0, 1, 0, 0]])
    """

    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict"]), None],
        "labelset_size": [Interval(Integral, 1, None, closed="left")],
        "n_estimators": [Interval(Integral, 1, None, closed="left"), None],
        "threshold": [Interval(Real, 0, 1, closed="left")],
        "random_state": ["random_state"],
        "n_jobs": [Integral, None],
    }

    def __init__(self, estimator=None, *, labelset_size=3, n_estimators=None,
                 threshold=0.5, random_state=None, n_jobs=None):
        self.estimator = estimator
        self.labelset_size = labelset_size
        self.n_estimators = n_estimators
        self.threshold = threshold
        self.random_state = random_state
        self.n_jobs = n_jobs

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y, sample_weight=None, **fit_params):
        """Fit one label powerset per random label subset.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        y : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_labels)
            The 0/1 (or boolean) indicator matrix of the labels.

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights passed to every label powerset.

        **fit_params : dict
            Further parameters for the base estimator's ``fit``.

        Returns
        -------
        self : object
            The fitted estimator.
        """

        def make_subsets(n_labels, k, rng):
            n_min = -(-n_labels // k)
            wanted = 2 * n_labels if self.n_estimators is None else self.n_estimators
            if wanted < n_min:
                raise ValueError(
                    f"n_estimators={wanted} subsets of {k} labels cannot cover "
                    f"all {n_labels} labels; use n_estimators >= {n_min}."
                )
            return _overlapping_subsets(
                n_labels, k, min(wanted, comb(n_labels, k)), rng
            )

        return self._fit_subsets(X, y, sample_weight, fit_params, make_subsets)

    def predict(self, X):
        """Predict the labels whose average vote exceeds ``threshold``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        Y : ndarray or sparse CSR matrix of shape (n_samples, n_labels)
            The 0/1 predictions.
        """
        X = self._check_predict_input(X)
        total, count = self._votes(X, "predict")
        return self._format_predictions((total / count) > self.threshold)

    @available_if(_base_has("predict_proba"))
    @_binary_output("predict_proba")
    def predict_proba(self, X):
        """Return the average marginal probability that each label is present.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        P : ndarray of shape (n_samples, n_labels)
            Per label, the mean of P(label j = 1 | x) over the label
            powersets whose subset holds j.
        """
        X = self._check_predict_input(X)
        total, count = self._votes(X, "predict_proba")
        return total / count
