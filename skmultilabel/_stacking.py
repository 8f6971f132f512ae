"""Stacked binary relevance (BR+, 2BR): out-of-fold label predictions as features."""

from numbers import Integral

import numpy as np
import scipy.sparse as sp
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    MetaEstimatorMixin,
    _fit_context,
)
from sklearn.model_selection import KFold, check_cv
from sklearn.utils import _safe_indexing
from sklearn.utils._param_validation import HasMethods, StrOptions
from sklearn.utils.metadata_routing import (
    MetadataRouter,
    MethodMapping,
    _routing_enabled,
    process_routing,
)
from sklearn.utils.metaestimators import available_if
from sklearn.utils.parallel import Parallel, delayed
from sklearn.utils.validation import _check_method_params, _num_samples

from ._base import (
    MultiLabelClassifierMixin,
    _binary_output,
    _column,
    _fit_binary,
    _positive_decision,
    _positive_proba,
    _route_fit_params,
)


def _final_has(attr):
    """available_if check: the (default) second-level estimator has ``attr``."""

    def check(self):
        getattr(self._final_estimator(), attr)
        return True

    return check


def _score(est, X, method):
    """The first-level output of one label's learner, as a float column."""
    if method == "predict_proba":
        return _positive_proba(est, X)
    if method == "decision_function":
        return _positive_decision(est, X)
    return np.asarray(est.predict(X), dtype=np.float64)


def _fit_fold(base, X, y, train, test, params, method):
    """Fit on the ``train`` rows, return the scores of the ``test`` rows."""
    X_train = _safe_indexing(X, train)
    fold_params = _check_method_params(X, params=params, indices=train)
    est = _fit_binary(base, X_train, y[train], fit_params=fold_params)
    return _score(est, _safe_indexing(X, test), method)


def _stacked_names(columns, n_labels):
    """Names of the stacked columns beside a DataFrame's ``columns``.

    ``stacked_label_j``, with as many leading underscores as it takes for
    none of them to be one of ``columns`` (a column of that name would make
    the second level's input ambiguous). The names depend on the columns
    only, so ``fit`` and ``predict`` (which checks them) agree.
    """
    taken = set(columns)
    prefix = "stacked_label_"
    while any(f"{prefix}{j}" in taken for j in range(n_labels)):
        prefix = "_" + prefix
    return [f"{prefix}{j}" for j in range(n_labels)]


class StackedBinaryRelevance(
    MultiLabelClassifierMixin, ClassifierMixin, MetaEstimatorMixin, BaseEstimator
):
    """Stacked binary relevance (BR+, 2BR): label predictions as features.

    A first level of binary relevance predicts every label from ``x``; a
    second level predicts each label from ``x`` together with the first
    level's predictions of **all** the labels, so it can learn that labels
    go together (Godbole and Sarawagi, 2004; the "dependent binary
    relevance" family of Montanes et al., 2014). Both levels fit the labels
    independently (in parallel with ``n_jobs``), unlike a classifier chain.

    The second level is trained on **out-of-fold** first-level predictions:
    each training sample's stacked features come from first-level models
    fitted on the other folds of ``cv``. In-sample predictions would leak
    the labels (a first-level model that fits its training data well hands
    the second level the answer, which it then trusts too much at predict
    time). At predict time the stacked features come from first-level
    models refitted on all the training data, as in
    :class:`sklearn.ensemble.StackingClassifier`.

    The second level's input is of the kind of ``X``: a sparse ``X`` gets
    sparse stacked columns, and a DataFrame stays a DataFrame (its dtypes,
    such as ``category`` columns, reach the second level as they reached
    the first), with the stacked columns named ``stacked_label_0``, ...
    (underscores in front where a feature already has such a name), or
    numbered after the features when its column names are not strings.

    Parameters
    ----------
    estimator : estimator object, default=None
        The binary classifier of the first level, fitted once per label on
        all the data and once per label and fold. None means
        ``LogisticRegression()``.

    final_estimator : estimator object, default=None
        The binary classifier of the second level, fitted once per label on
        ``x`` and the stacked predictions. None means the same as
        ``estimator``.

    cv : int, cross-validation generator, iterable or None, default=5
        The folds of the out-of-fold first-level predictions: an int is the
        number of folds of a shuffled :class:`~sklearn.model_selection.KFold`
        (seeded by ``random_state``; None means 5), or a splitter (it gets
        ``X`` and the target, so
        :class:`~skmultilabel.model_selection.MultilabelStratifiedKFold`
        works) or an iterable of (train, test) splits. The test folds must
        hold every sample exactly once. The folds are shuffled because
        multi-label data sets are often sorted by label set: contiguous folds
        would then hide whole label sets from the first-level models.

    stack_method : {"auto", "predict_proba", "decision_function", "predict"}, \
            default="auto"
        The first-level output that is stacked. "auto" takes
        ``predict_proba`` if the estimator has it, then
        ``decision_function``, then ``predict``.

    n_jobs : int, default=None
        The number of binary classifiers fitted in parallel (all labels and
        folds of the first level at once, then all labels of the second).
        None means 1 unless in a :obj:`joblib.parallel_backend` context.

    random_state : int, RandomState instance or None, default=None
        Shuffles the folds when ``cv`` is an int; pass an int for
        reproducible fits. Unused when ``cv`` is a splitter or iterable.

    Attributes
    ----------
    estimators_ : list of estimators
        The first-level classifiers fitted on all the data, one per label;
        they make the stacked features at predict time.

    final_estimators_ : list of estimators
        The second-level classifiers, one per label, whose features are the
        ``n_features_in_`` input features followed by one stacked column per
        label.

    stack_method_ : str
        The first-level method that is stacked.

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
    BinaryRelevance : The first level alone.
    sklearn.ensemble.StackingClassifier : Stacking of single-output models.

    References
    ----------
    .. [1] S. Godbole, S. Sarawagi, "Discriminative methods for multi-labeled
       classification", PAKDD 2004.
    .. [2] E. Montanes, R. Senge, J. Barranquero, J. R. Quevedo, J. J. del
       Coz, E. Hullermeier, "Dependent binary relevance models for
       multi-label classification", Pattern Recognition 47(3), 2014.

    Examples
    --------
    >>> from sklearn.datasets import make_multilabel_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from skmultilabel import StackedBinaryRelevance
    >>> X, Y = make_multilabel_classification(n_samples=100, n_classes=3,
    ...                                       random_state=0)
    >>> clf = StackedBinaryRelevance(LogisticRegression(max_iter=1000),
    ...                              cv=3, random_state=0).fit(X, Y)
    >>> clf.predict(X[:2])
    array([[0, 1, 0],
           [0, 1, 1]])
    >>> clf.final_estimators_[0].n_features_in_  # 20 features + 3 stacked
    23
    """

    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict"]), None],
        "final_estimator": [HasMethods(["fit", "predict"]), None],
        "cv": ["cv_object"],
        "stack_method": [
            StrOptions({"auto", "predict_proba", "decision_function", "predict"})
        ],
        "n_jobs": [Integral, None],
        "random_state": ["random_state"],
    }

    def __init__(self, estimator=None, *, final_estimator=None, cv=5,
                 stack_method="auto", n_jobs=None, random_state=None):
        self.estimator = estimator
        self.final_estimator = final_estimator
        self.cv = cv
        self.stack_method = stack_method
        self.n_jobs = n_jobs
        self.random_state = random_state

    def _splits(self, X, Y):
        """The (train, test) folds; every sample in exactly one test fold."""
        cv = 5 if self.cv is None else self.cv  # None: the default, as in sklearn
        if isinstance(cv, Integral):
            cv = KFold(cv, shuffle=True, random_state=self.random_state)
        else:
            cv = check_cv(cv)
        # y goes to the splitter, so that stratified multi-label splitters
        # (MultilabelStratifiedKFold) can be used
        splits = list(cv.split(X, Y))
        times = np.zeros(_num_samples(X), dtype=np.int64)
        for _, test in splits:
            np.add.at(times, test, 1)
        if (times != 1).any():
            raise ValueError(
                "The cv splits must put every sample in a test fold exactly "
                "once, so that each has one out-of-fold prediction; "
                f"{int((times == 0).sum())} samples are in no test fold and "
                f"{int((times > 1).sum())} in more than one (repeated "
                "splitters such as RepeatedKFold cannot be used here)."
            )
        return splits

    def _final_estimator(self):
        if self.final_estimator is not None:
            return self.final_estimator
        return self._base_estimator()

    def _resolve_stack_method(self, base):
        if self.stack_method != "auto":
            if not hasattr(base, self.stack_method):
                raise ValueError(
                    f"stack_method={self.stack_method!r}, but the estimator "
                    f"{type(base).__name__} has no {self.stack_method} method."
                )
            return self.stack_method
        for method in ("predict_proba", "decision_function"):
            if hasattr(base, method):
                return method
        return "predict"

    def _stack(self, X, Z):
        """The second level's input: ``X`` with the stacked columns ``Z``."""
        if hasattr(X, "iloc") and hasattr(X, "columns"):
            # a DataFrame stays one, so that its dtypes (category columns)
            # reach the second level as they reached the first
            import pandas as pd

            if all(isinstance(c, str) for c in X.columns):
                names = _stacked_names(X.columns, Z.shape[1])
            else:
                # names that are not strings are not feature names for
                # scikit-learn: number all the columns by position
                d = X.shape[1]
                X = X.set_axis(range(d), axis=1)
                names = range(d, d + Z.shape[1])
            extra = pd.DataFrame(Z, index=X.index, columns=names)
            return pd.concat([X, extra], axis=1)
        if sp.issparse(X):
            return sp.hstack([X, sp.csr_matrix(Z)], format="csr")
        return np.hstack([np.asarray(X), Z])

    def _split_params(self, X, sample_weight, fit_params):
        """Fit parameters of the first and of the second level."""
        base, final = self._base_estimator(), self._final_estimator()
        if _routing_enabled():
            if sample_weight is not None:
                fit_params["sample_weight"] = sample_weight
            routed = process_routing(self, "fit", **fit_params)
            return dict(routed.estimator.fit), dict(routed.final_estimator.fit)
        first = _route_fit_params(
            self, base, X, sample_weight=sample_weight, **dict(fit_params)
        )
        second = _route_fit_params(
            self, final, X, sample_weight=sample_weight, **dict(fit_params)
        )
        return first, second

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y, sample_weight=None, **fit_params):
        """Fit both levels.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        y : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_labels)
            The 0/1 (or boolean) indicator matrix of the labels.

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights passed to every classifier of both levels.

        **fit_params : dict
            Further parameters for the classifiers' ``fit``. With metadata
            routing enabled, they are routed by the requests of
            ``estimator`` and ``final_estimator``.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        base, final = self._base_estimator(), self._final_estimator()
        X, Y = self._validate_fit_data(X, y, base_estimator=base)
        first_params, second_params = self._split_params(X, sample_weight, fit_params)
        method = self.stack_method_ = self._resolve_stack_method(base)
        splits = self._splits(X, Y)
        n_labels = Y.shape[1]
        columns = [_column(Y, j) for j in range(n_labels)]

        # First level: every label on all the data, and every label on
        # every fold, in one parallel batch.
        jobs = [
            delayed(_fit_binary)(base, X, columns[j], fit_params=first_params)
            for j in range(n_labels)
        ] + [
            delayed(_fit_fold)(base, X, columns[j], train, test, first_params, method)
            for j in range(n_labels)
            for train, test in splits
        ]
        results = Parallel(n_jobs=self.n_jobs)(jobs)
        self.estimators_ = results[:n_labels]
        Z = np.full((columns[0].shape[0], n_labels), np.nan)
        fold_scores = iter(results[n_labels:])
        for j in range(n_labels):
            for _, test in splits:
                Z[test, j] = next(fold_scores)

        # Second level: every label on x and the out-of-fold predictions.
        X_stacked = self._stack(X, Z)
        self.final_estimators_ = Parallel(n_jobs=self.n_jobs)(
            delayed(_fit_binary)(final, X_stacked, columns[j], fit_params=second_params)
            for j in range(n_labels)
        )
        return self

    def _stacked_input(self, X):
        X = self._check_predict_input(X)
        Z = np.column_stack(
            [_score(est, X, self.stack_method_) for est in self.estimators_]
        )
        return self._stack(X, Z)

    def predict(self, X):
        """Predict the labels of each sample.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        Y : ndarray or sparse CSR matrix of shape (n_samples, n_labels)
            The second level's 0/1 predictions; sparse when the training
            target was sparse.
        """
        X_stacked = self._stacked_input(X)
        Y = np.column_stack([est.predict(X_stacked) for est in self.final_estimators_])
        return self._format_predictions(Y)

    @available_if(_final_has("predict_proba"))
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
            The second level's P(label j = 1 | x) in column j.
        """
        X_stacked = self._stacked_input(X)
        return np.column_stack(
            [_positive_proba(est, X_stacked) for est in self.final_estimators_]
        )

    @available_if(_final_has("decision_function"))
    @_binary_output("decision_function")
    def decision_function(self, X):
        """Return the second level's decision value of each label.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        D : ndarray of shape (n_samples, n_labels)
            The decision values (positive means present).
        """
        X_stacked = self._stacked_input(X)
        return np.column_stack(
            [_positive_decision(est, X_stacked) for est in self.final_estimators_]
        )

    def get_metadata_routing(self):
        """Get the metadata routing of this object.

        Returns
        -------
        routing : MetadataRouter
            Routes ``fit`` parameters to the ``fit`` of both levels.
        """
        return (
            MetadataRouter(owner=type(self).__name__)
            .add(
                estimator=self._base_estimator(),
                method_mapping=MethodMapping().add(caller="fit", callee="fit"),
            )
            .add(
                final_estimator=self._final_estimator(),
                method_mapping=MethodMapping().add(caller="fit", callee="fit"),
            )
        )
