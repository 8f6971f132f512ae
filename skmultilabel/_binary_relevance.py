"""Binary relevance: one binary classifier per label."""

from numbers import Integral

import numpy as np
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    MetaEstimatorMixin,
    _fit_context,
    clone,
)
from sklearn.utils._param_validation import HasMethods
from sklearn.utils.metadata_routing import MetadataRouter, MethodMapping
from sklearn.utils.metaestimators import available_if
from sklearn.utils.parallel import Parallel, delayed

from ._base import (
    MultiLabelClassifierMixin,
    _base_has,
    _binary_output,
    _column,
    _ConstantBinaryClassifier,
    _fit_binary,
    _positive_decision,
    _positive_proba,
    _route_fit_params,
)


def _partial_fit_binary(est, base, X, y, params):
    if isinstance(est, _ConstantBinaryClassifier):
        # fit saw one value of this label; learning goes on from a fresh
        # learner, told both classes
        est = clone(base)
    est.partial_fit(X, y, classes=np.array([0, 1]), **params)
    return est


class BinaryRelevance(
    MultiLabelClassifierMixin, ClassifierMixin, MetaEstimatorMixin, BaseEstimator
):
    """Binary relevance: one binary classifier per label.

    Binary relevance fits one clone of ``estimator`` per label column of the
    indicator target ``y``, each on all the features. It treats the labels
    as independent problems; it is the baseline every other method of the
    package is measured against, and the right choice for Hamming loss when
    the base learner is well calibrated.

    Compared with :class:`sklearn.multiclass.OneVsRestClassifier` and
    :class:`sklearn.multioutput.MultiOutputClassifier` it accepts a sparse or
    pandas target, keeps label names in ``classes_``, fits a constant
    predictor for a label that is all 0 or all 1 in the training data (for
    example in a cross-validation fold) instead of failing, and always
    returns ``predict_proba`` as one ndarray of shape (n_samples, n_labels).

    Rare labels: pass a base estimator with ``class_weight="balanced"``
    (for example ``LogisticRegression(class_weight="balanced")``). Each label
    has its own clone, so each label is re-weighted by its own class
    frequencies, which raises recall on rare labels. Tune the per-label
    decision thresholds afterwards for the metric you report.

    Parameters
    ----------
    estimator : estimator object, default=None
        The binary classifier fitted once per label. It must implement
        ``fit`` and ``predict``; ``predict_proba``, ``decision_function`` and
        ``partial_fit`` are offered when it implements them. None means
        ``LogisticRegression()``.

    n_jobs : int, default=None
        The number of labels fitted in parallel. None means 1 unless in a
        :obj:`joblib.parallel_backend` context; -1 means all processors.
        Keep the base estimator single-threaded when you set it.

    verbose : int, default=0
        When above 0, print a line as each label's classifier is fitted.

    Attributes
    ----------
    estimators_ : list of estimators
        The fitted binary classifiers, one per label, in label order. A label
        that held a single value in the training data has a constant
        predictor.

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
        The values of the training target meaning absent and present
        (usually ``[0, 1]``); ``predict`` returns these values.

    n_features_in_ : int
        The number of features seen during ``fit``.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of the features seen during ``fit``, when ``X`` has string
        column names.

    See Also
    --------
    ClassifierChain : Links the labels in a chain to use their dependence.
    sklearn.multiclass.OneVsRestClassifier : The scikit-learn model of this
        estimator.

    References
    ----------
    .. [1] G. Tsoumakas, I. Katakis, I. Vlahavas, "Mining multi-label data",
       Data Mining and Knowledge Discovery Handbook, Springer, 2010.

    Examples
    --------
    >>> from sklearn.datasets import make_multilabel_classification
    >>> from skmultilabel import BinaryRelevance
    >>> X, Y = make_multilabel_classification(n_samples=100, n_classes=3,
    ...                                       random_state=0)
    >>> clf = BinaryRelevance().fit(X, Y)
    >>> clf.predict(X[:2])
    array([[0, 1, 0],
           [0, 1, 0]])
    >>> clf.predict_proba(X[:2]).shape
    (2, 3)
    """

    _passes_X_through = True  # X reaches the base estimator as it is

    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict"]), None],
        "n_jobs": [Integral, None],
        "verbose": ["verbose"],
    }

    def __init__(self, estimator=None, *, n_jobs=None, verbose=0):
        self.estimator = estimator
        self.n_jobs = n_jobs
        self.verbose = verbose

    def _progress(self, j, n_labels):
        if not self.verbose:
            return None
        return (
            f"[{type(self).__name__}] label {j + 1}/{n_labels} "
            f"({self._label_names()[j]!r}) fitted"
        )

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y, sample_weight=None, **fit_params):
        """Fit one binary classifier per label.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        y : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_labels)
            The 0/1 (or boolean) indicator matrix of the labels.

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights passed to every label's classifier.

        **fit_params : dict
            Further parameters for the base estimator's ``fit``. With
            metadata routing enabled, they are routed by the base estimator's
            requests.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        base = self._base_estimator()
        X, Y = self._validate_fit_data(X, y, base_estimator=base)
        params = _route_fit_params(
            self, base, X, sample_weight=sample_weight, **fit_params
        )
        n_labels = Y.shape[1]
        self.estimators_ = Parallel(n_jobs=self.n_jobs)(
            delayed(_fit_binary)(
                base, X, _column(Y, j), fit_params=params,
                message=self._progress(j, n_labels),
            )
            for j in range(n_labels)
        )
        return self

    @available_if(_base_has("partial_fit"))
    @_fit_context(prefer_skip_nested_validation=False)
    def partial_fit(self, X, y, classes=None, sample_weight=None,
                    **partial_fit_params):
        """Update each label's classifier with one batch of samples.

        The first call fixes the labels; later calls must give ``y`` with the
        same number of columns (and, for a DataFrame, the same column names
        in the same order). Every label's classifier is told both classes
        (0 and 1) up front, so a batch in which a label is constant is fine.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The batch of input samples.

        y : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_labels)
            The batch's 0/1 indicator matrix.

        classes : list of array-like or array-like of shape (n_labels,), \
                default=None
            Not needed: each label's two classes are known. Accepted, and
            checked, for code written for scikit-learn's meta-estimators:
            as :class:`~sklearn.multioutput.MultiOutputClassifier` takes it
            (one array of the label's values per label, such as ``[0, 1]``)
            or as :class:`~sklearn.multiclass.OneVsRestClassifier` takes it
            (the labels, ``classes_``).

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights for this batch.

        **partial_fit_params : dict
            Further parameters for the base estimator's ``partial_fit``.

        Returns
        -------
        self : object
            The updated estimator.
        """
        first = not hasattr(self, "estimators_")
        base = self._base_estimator()
        X, Y = self._validate_fit_data(X, y, base_estimator=base, reset=first)
        if classes is not None:
            self._check_partial_fit_classes(classes)
        params = _route_fit_params(
            self, base, X, method="partial_fit", sample_weight=sample_weight,
            **partial_fit_params,
        )
        if first:
            self.estimators_ = [clone(base) for _ in range(Y.shape[1])]
        self.estimators_ = Parallel(n_jobs=self.n_jobs)(
            delayed(_partial_fit_binary)(est, base, X, _column(Y, j), params)
            for j, est in enumerate(self.estimators_)
        )
        return self

    def _check_partial_fit_classes(self, classes):
        """Refuse a ``classes`` of partial_fit that contradicts the target."""
        labels, values = self._label_names(), self.target_encoding_

        def same(a, b):
            a = np.asarray(a, dtype=object)
            return a.shape == b.shape and bool(np.all(a == b))

        values_ = np.asarray(values, dtype=object)
        if getattr(self, "_target_1d", False):
            # a binary classifier's form: the two values
            if same(np.unique(np.asarray(classes)), values_):
                return
            expected = f"the two values of y, {values.tolist()}"
        else:
            try:
                per_label = [np.unique(np.asarray(c)) for c in classes]
            except TypeError:  # not a sequence
                per_label = []
            if len(per_label) == len(labels) and all(
                same(c, values_) for c in per_label
            ):
                return  # MultiOutputClassifier's form: each label's values
            if same(classes, np.asarray(labels, dtype=object)):
                return  # OneVsRestClassifier's form: the labels
            expected = (f"each label's values, [{values.tolist()}] * "
                        f"{len(labels)}, or the labels, {labels.tolist()}")
        raise ValueError(
            f"classes={classes!r} does not describe this target. It is not "
            f"needed (each label's classes are known); if given, pass {expected}."
        )

    def predict(self, X):
        """Predict the labels of each sample.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        Y : ndarray or sparse CSR matrix of shape (n_samples, n_labels)
            The 0/1 predictions of each label's classifier; sparse when the
            training target was sparse.
        """
        X = self._check_predict_input(X)
        Y = np.column_stack([est.predict(X) for est in self.estimators_])
        return self._format_predictions(Y)

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
            P(label j = 1 | x) in column j. (Not two columns per label: this
            works as is with ``roc_auc_score`` and other multi-label metrics.)
        """
        X = self._check_predict_input(X)
        return np.column_stack([_positive_proba(est, X) for est in self.estimators_])

    @available_if(_base_has("decision_function"))
    @_binary_output("decision_function")
    def decision_function(self, X):
        """Return each label's decision value (positive means present).

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        D : ndarray of shape (n_samples, n_labels)
            The decision values. A label that was constant in training has
            +1 (always present) or -1 (always absent).
        """
        X = self._check_predict_input(X)
        return np.column_stack(
            [_positive_decision(est, X) for est in self.estimators_]
        )

    def get_metadata_routing(self):
        """Get the metadata routing of this object.

        Returns
        -------
        routing : MetadataRouter
            Routes ``fit`` parameters to the base estimator's ``fit`` and
            ``partial_fit`` parameters to its ``partial_fit``.
        """
        return MetadataRouter(owner=type(self).__name__).add(
            estimator=self._base_estimator(),
            method_mapping=MethodMapping()
            .add(caller="fit", callee="fit")
            .add(caller="partial_fit", callee="partial_fit"),
        )
