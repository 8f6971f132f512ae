"""Machinery shared by the package's multi-label estimators.

Every estimator here fits binary learners, one per label or per link, on a
validated 0/1 indicator target. This module holds what they have in common:

* :class:`MultiLabelClassifierMixin`: target validation at fit time
  (``classes_``, sparse-target bookkeeping), the estimator tags of a
  multi-label classifier, and the formatting of ``predict`` output.
* :func:`_fit_binary`: fit one clone of a base estimator on one label column,
  or a :class:`_ConstantBinaryClassifier` when the column holds one value.
* :func:`_positive_proba` / :func:`_positive_decision`: the score of the
  positive class of a fitted binary learner, whatever its ``classes_`` order.
* :func:`_route_fit_params`: metadata routing of ``sample_weight`` and other
  fit parameters to the base estimator, with or without routing enabled.
"""

import functools

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, clone
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.utils import get_tags
from sklearn.utils.metadata_routing import _routing_enabled, process_routing
from sklearn.utils.validation import (
    _check_method_params,
    _num_samples,
    check_is_fitted,
    has_fit_parameter,
    validate_data,
)

from ._compat import is_sparse_array
from .utils._validation import check_multilabel_target, label_names_of


def _default_estimator():
    """The base learner used when ``estimator=None``."""
    return LogisticRegression()


class _ConstantBinaryClassifier(BaseEstimator):
    """Binary learner for a label column that holds a single value.

    A label that is always absent (or always present) in the training data
    cannot be learned by a classifier that needs two classes. This predictor
    returns that value for every sample: probability 1.0 for it, and a
    decision value of +1 (present) or -1 (absent).

    Parameters
    ----------
    value : {0, 1}
        The constant value of the label.
    n_features_in : int
        The number of features of the training data.
    """

    def __init__(self, value=0, n_features_in=None):
        self.value = value
        self.n_features_in = n_features_in

    def fit(self, X=None, y=None):
        self.classes_ = np.array([0, 1])
        self.constant_ = int(self.value)
        if self.n_features_in is not None:
            self.n_features_in_ = self.n_features_in
        return self

    def predict(self, X):
        check_is_fitted(self)
        return np.full(_num_samples(X), self.constant_, dtype=np.int64)

    def predict_proba(self, X):
        check_is_fitted(self)
        proba = np.zeros((_num_samples(X), 2))
        proba[:, self.constant_] = 1.0
        return proba

    def predict_log_proba(self, X):
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def decision_function(self, X):
        check_is_fitted(self)
        return np.full(_num_samples(X), 1.0 if self.constant_ else -1.0)


def _binary_output(kind):
    """Decorate ``predict_proba`` or ``decision_function`` of a mixin user.

    The method computes the multi-label output, one column per label. For a
    1-D target (one label) the estimator answers as scikit-learn's binary
    classifiers do, so that scorers, ``cross_val_predict`` and wrappers read
    it right: ``predict_proba`` gives the two columns P(absent), P(present)
    in the order of ``classes_``, and ``decision_function`` a 1-D array.
    """

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, X):
            out = method(self, X)
            if not getattr(self, "_target_1d", False):
                return out
            if kind == "decision_function":
                return out[:, 0]
            return np.column_stack([1.0 - out[:, 0], out[:, 0]])

        return wrapper

    return decorate


def _column(Y, j):
    """Column ``j`` of a dense or CSC indicator matrix, as a dense 1-D array."""
    if sp.issparse(Y):
        return Y[:, [j]].toarray().ravel()
    return Y[:, j]


def _fit_binary(estimator, X, y, *, fit_params=None, message=None):
    """Fit a clone of ``estimator`` on one binary column, or a constant."""
    values = np.unique(y)
    if values.shape[0] < 2:
        est = _ConstantBinaryClassifier(
            value=int(values[0]) if values.shape[0] else 0,
            n_features_in=X.shape[1] if hasattr(X, "shape") else None,
        ).fit(X, y)
    else:
        est = clone(estimator)
        est.fit(X, y, **(fit_params or {}))
    if message is not None:
        print(message, flush=True)
    return est


def _base_has(attr):
    """``available_if`` check: the (default) base estimator has ``attr``."""

    def check(self):
        getattr(self._base_estimator(), attr)
        return True

    return check


def _positive_column(est, scores):
    """Pick the column of the positive class (1) from 2-column scores."""
    if isinstance(est, MultiLabelClassifierMixin) and scores.ndim == 2 and (
        scores.shape[1] == 1
    ):
        # A multi-label classifier of this package fitted on one label: its
        # single column already holds P(label = 1) (or its decision value).
        return scores[:, 0]
    classes = list(est.classes_)
    if len(classes) == 1:  # a base learner that saw one class
        return np.full(scores.shape[0], float(classes[0] == 1))
    return scores[:, classes.index(1)]


def _positive_proba(est, X):
    """P(label = 1 | x) from a fitted binary learner, shape (n_samples,)."""
    return _positive_column(est, est.predict_proba(X))


def _positive_decision(est, X):
    """The decision value of a fitted binary learner (positive = label 1)."""
    scores = est.decision_function(X)
    if scores.ndim == 2:  # some learners return one column per class
        return _positive_column(est, scores)
    if list(est.classes_) == [1, 0]:
        return -scores
    return scores


def _route_fit_params(estimator_owner, base_estimator, X, *, method="fit",
                      sample_weight=None, **fit_params):
    """Route ``sample_weight`` and ``fit_params`` to the base estimator.

    With metadata routing enabled, the base estimator's requests decide what
    it receives; without it, everything goes to the base estimator's ``fit``
    (as in scikit-learn's meta-estimators), and ``sample_weight`` raises a
    clear error when the base estimator does not take it.

    Returns
    -------
    params : dict
        The keyword arguments for the base estimator's ``method``.
    """
    if _routing_enabled():
        if sample_weight is not None:
            fit_params["sample_weight"] = sample_weight
        routed = process_routing(estimator_owner, method, **fit_params)
        return dict(routed.estimator[method])
    if sample_weight is not None and not has_fit_parameter(
        base_estimator, "sample_weight"
    ):
        raise ValueError(
            f"The base estimator {type(base_estimator).__name__} does not "
            "support sample_weight in fit."
        )
    params = dict(_check_method_params(X, params=fit_params))
    if sample_weight is not None:
        params["sample_weight"] = sample_weight
    return params


def _one_dimensional(X):
    """Whether X is a 1-D sequence of samples (texts, dicts), not a matrix."""
    if sp.issparse(X):
        return False
    ndim = getattr(X, "ndim", None)
    if ndim is not None:
        return ndim == 1
    if isinstance(X, (list, tuple)):
        return len(X) > 0 and np.ndim(X[0]) == 0
    return False


def _allows_nan(estimator):
    """Whether NaN in X may reach ``estimator``, which then checks X itself.

    Its ``allow_nan`` tag, but always for a :class:`~sklearn.pipeline.Pipeline`:
    scikit-learn tags a pipeline as refusing NaN whatever its steps (an
    imputer in front, or a learner that takes NaN), so a pipeline's own
    steps check its input, as every base estimator of
    ``OneVsRestClassifier`` does.
    """
    if isinstance(estimator, Pipeline):
        return True
    return get_tags(estimator).input_tags.allow_nan


def _validate_X(estimator, X, *, reset, base_estimator=None, accept_sparse=True,
                ensure_all_finite=None):
    """Check ``X`` for a meta-estimator and record or check its features.

    A pandas DataFrame is passed on unchanged (its dtypes, e.g. categorical
    columns, reach the base estimator); other inputs are converted once to
    an array or sparse matrix. Finiteness is left to the base estimator when
    its tags say it accepts NaN; ``ensure_all_finite`` overrides that choice.
    """
    # at predict time only an estimator fitted on such an X (it has no
    # n_features_in_) takes it; otherwise the usual "Reshape your data"
    if _one_dimensional(X) and (reset or not hasattr(estimator, "n_features_in_")):
        if getattr(estimator, "_passes_X_through", False):
            # texts (or dicts) for a base estimator that takes them, such as
            # a TfidfVectorizer pipeline: X reaches it as it is, as with
            # OneVsRestClassifier; the base estimator checks it
            validate_data(estimator, X, reset=reset, skip_check_array=True)
            return X
        name = type(estimator).__name__
        raise ValueError(
            f"X is 1-D (one value or one text per sample), but {name} needs a "
            "2-D matrix of features, shape (n_samples, n_features). For texts, "
            f"vectorize before it: make_pipeline(TfidfVectorizer(), {name}(...))"
            "; for a single feature, X.reshape(-1, 1)."
        )
    allow_nan = base_estimator is not None and _allows_nan(base_estimator)
    if ensure_all_finite is None:
        ensure_all_finite = "allow-nan" if allow_nan else True
    if hasattr(X, "iloc") and hasattr(X, "columns"):
        validate_data(estimator, X, reset=reset, skip_check_array=True)
        return X
    return validate_data(
        estimator,
        X,
        reset=reset,
        accept_sparse=["csr", "csc"] if accept_sparse else False,
        dtype=None if base_estimator is not None else "numeric",
        ensure_all_finite=ensure_all_finite,
    )


class MultiLabelClassifierMixin:
    """Mixin for the package's multi-label classifiers.

    An estimator that hands ``X`` unchanged to its base estimator sets the
    class attribute ``_passes_X_through = True``: a 1-D ``X`` (texts for a
    text pipeline) then reaches the base estimator as it is (see
    :func:`_validate_X`).

    It provides the target validation that records ``classes_`` (label names
    or ``0..L-1``) and whether the target was sparse, the estimator tags of a
    multi-label classifier, and ``predict`` output in the target's format.
    Put it left of scikit-learn's ``ClassifierMixin``.
    """

    def _base_estimator(self):
        """The base estimator: ``estimator``, or the default when it is None.

        A meta-estimator whose default is another learner overrides this.
        """
        estimator = getattr(self, "estimator", None)
        return _default_estimator() if estimator is None else estimator

    def _check_predict_input(self, X):
        """Check that the estimator is fitted and ``X`` matches the fit."""
        check_is_fitted(self)
        return _validate_X(self, X, reset=False, base_estimator=self._base_estimator())

    def _validate_fit_data(self, X, y, *, base_estimator=None, accept_sparse_X=True,
                           reset=True, target_dtype=np.int64, ensure_all_finite=None):
        """Validate ``X`` and ``y`` at fit time and record the label metadata.

        Returns
        -------
        X : validated input (DataFrames are passed through).
        Y : ndarray or CSC matrix, the 0/1 indicator target: dense of
            ``target_dtype`` (see :func:`check_multilabel_target` for None).
        """
        names = label_names_of(y)
        X = _validate_X(
            self, X, reset=reset, base_estimator=base_estimator,
            accept_sparse=accept_sparse_X, ensure_all_finite=ensure_all_finite,
        )
        Y, values = check_multilabel_target(
            y, return_values=True, dtype=target_dtype,
            encoding=None if reset else self.target_encoding_,
        )
        n_rows = _num_samples(X)
        if Y.shape[0] != n_rows:
            raise ValueError(
                f"X has {n_rows} rows but y has {Y.shape[0]}: they must have "
                "the same number of samples."
            )
        if reset:
            self.sparse_target_ = sp.issparse(y)
            # predictions come back as the kind of sparse container y was
            self._sparse_target_array = is_sparse_array(y)
            self.target_encoding_ = values
            # A 1-D y is one label, and the estimator is then a binary
            # classifier (see _binary_output): classes_ holds the two values.
            self._target_1d = not sp.issparse(y) and np.asarray(y).ndim == 1
            if self._target_1d:
                self.classes_ = values
            else:
                self.classes_ = names if names is not None else np.arange(Y.shape[1])
            self._named_labels = names is not None and not self._target_1d
        elif Y.shape[1] != self._n_labels():
            raise ValueError(
                f"y has {Y.shape[1]} label columns, but the estimator was "
                f"fitted with {self._n_labels()}."
            )
        elif (names is not None and getattr(self, "_named_labels", False)
              and not np.array_equal(names, self.classes_)):
            # a DataFrame batch must name the labels as the first one did,
            # in the same order (columns are matched by position)
            raise ValueError(
                f"y's label columns are {list(names)}, but the estimator was "
                f"fitted with {list(self.classes_)}: pass the same labels in "
                "the same order."
            )
        return X, Y

    def _label_names(self):
        """The label names: ``classes_``, or ``[0]`` for a 1-D target (whose
        ``classes_`` holds its two values)."""
        return np.arange(1) if getattr(self, "_target_1d", False) else self.classes_

    def _n_labels(self):
        return len(self._label_names())

    def _format_predictions(self, Y):
        """Return 0/1 predictions in the format and encoding of the target.

        Dense targets come back in their own dtype and values (0/1, booleans
        or the pair they were encoded with); sparse targets as CSR 0/1, a
        ``csr_array`` for a sparse array target, else a ``csr_matrix``.
        """
        Y = np.asarray(Y, dtype=np.int64)
        if self.sparse_target_:
            if getattr(self, "_sparse_target_array", False):
                return sp.csr_array(Y)
            return sp.csr_matrix(Y)
        Y = self.target_encoding_[Y]
        return Y.ravel() if getattr(self, "_target_1d", False) else Y

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        tags.target_tags.multi_output = True
        tags.target_tags.single_output = False
        tags.classifier_tags.multi_label = True
        tags.classifier_tags.multi_class = False
        if "estimator" in self.get_params(deep=False):
            base_tags = get_tags(self._base_estimator())
            tags.input_tags.sparse = base_tags.input_tags.sparse
            tags.input_tags.allow_nan = _allows_nan(self._base_estimator())
        return tags

