"""Label powerset: each distinct label set is one class of a multiclass problem."""

import warnings
from numbers import Integral

import numpy as np
import scipy.sparse as sp
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    MetaEstimatorMixin,
    _fit_context,
    clone,
)
from sklearn.dummy import DummyClassifier
from sklearn.utils import _safe_indexing
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions
from sklearn.utils.metadata_routing import MetadataRouter, MethodMapping
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import _num_samples

from ._base import (
    MultiLabelClassifierMixin,
    _base_has,
    _binary_output,
    _route_fit_params,
)


def _set_marginals(joint, label_sets):
    """P(label j = 1) from a distribution over label sets.

    The sum of the probabilities of the sets that contain label j, clipped
    to [0, 1]: the rows of a classifier's ``predict_proba`` may sum to one
    plus a rounding error.
    """
    return np.clip(joint @ label_sets, 0.0, 1.0)


def _prune_label_sets(Y, *, min_count, reassign, reassign_b):
    """Pruned sets (Read et al., 2008): the training rows of a label powerset.

    Parameters
    ----------
    Y : ndarray of shape (n_samples, n_labels)
        The 0/1 target.
    min_count, reassign, reassign_b
        See :class:`LabelPowerset`.

    Returns
    -------
    label_sets : ndarray of shape (n_classes, n_labels)
        The frequent label sets, in lexicographic order: class ``c`` is
        ``label_sets[c]``.
    counts : ndarray of shape (n_classes,)
        How often each frequent label set occurs in ``Y``.
    rows : ndarray of shape (n_rows,)
        The index into ``Y`` of each training row (a pruned example may
        appear several times, or not at all).
    classes : ndarray of shape (n_rows,)
        The class of each training row.
    """
    unique, inverse, counts = np.unique(
        Y, axis=0, return_inverse=True, return_counts=True
    )
    inverse = inverse.ravel()
    frequent = counts >= min_count
    if not frequent.any():
        raise ValueError(
            f"No label set occurs at least min_count={min_count} times in y "
            f"(the most frequent occurs {counts.max()} times): lower min_count."
        )
    class_of_unique = np.full(unique.shape[0], -1)
    class_of_unique[frequent] = np.arange(frequent.sum())
    label_sets = unique[frequent]
    kept = frequent[inverse]
    rows = [np.flatnonzero(kept)]
    classes = [class_of_unique[inverse[kept]]]
    pruned = np.flatnonzero(~frequent)
    if pruned.size and not (reassign == "largest" and reassign_b == 0):
        # contained[k, m]: frequent set k is a subset of pruned set m.
        contained = (label_sets @ (1 - unique[pruned]).T) == 0
        sizes = label_sets.sum(axis=1)
        freq = counts[frequent]
        for m, u in enumerate(pruned):
            candidates = np.flatnonzero(contained[:, m])
            if reassign == "largest":
                # Largest first; among equal sizes, the more frequent first.
                order = np.lexsort((-freq[candidates], -sizes[candidates]))
                chosen = candidates[order[:reassign_b]]
            else:  # "larger_than"
                chosen = candidates[sizes[candidates] > reassign_b]
            if chosen.size == 0:
                continue  # no frequent subset: the examples are dropped
            members = np.flatnonzero(inverse == u)
            rows.append(np.repeat(members, chosen.size))
            classes.append(np.tile(chosen, members.size))
    rows = np.concatenate(rows)
    classes = np.concatenate(classes)
    return label_sets, counts[frequent], rows, classes


class LabelPowerset(
    MultiLabelClassifierMixin, ClassifierMixin, MetaEstimatorMixin, BaseEstimator
):
    """Label powerset: one multiclass problem whose classes are the label sets.

    Each distinct label set (row of ``y``) seen in training becomes one class
    of a multiclass problem, solved by one clone of a multiclass
    ``estimator``. This models the dependence between labels fully: the
    class probabilities are an estimate of the joint distribution of the
    labels given ``x``, and ``predict`` returns its mode, the prediction
    that minimises the subset 0/1 loss.

    **The limit of the method**: it can only predict label sets seen in
    training (and kept after pruning). A label set absent from the training
    data is never predicted, however well each of its labels is supported.
    The number of classes grows with the number of distinct label sets (up
    to ``min(n_samples, 2**n_labels)``), each with few examples; prune the
    rare ones with ``min_count``, or use :class:`RakelD` / :class:`RakelO`
    on larger label spaces.

    Pruned sets (Read et al., 2008): with ``min_count > 1``, the label sets
    seen fewer than ``min_count`` times are not made classes. Each example
    of such a pruned set is re-assigned to frequent label sets that are
    subsets of its own (one copy of the example per chosen subset), chosen
    by ``reassign``:

    - ``"largest"`` (Read et al.'s strategy A): the ``reassign_b`` largest
      frequent subsets, larger first and, among equal sizes, more frequent
      first. ``reassign_b=0`` drops the pruned examples.
    - ``"larger_than"`` (strategy B): every frequent subset with more than
      ``reassign_b`` labels.

    An example whose label set has no frequent subset that qualifies is
    dropped from training. The empty label set counts as a subset (of size
    0) when it is frequent, so with ``"largest"`` an example falls back on
    "no label" only when no frequent subset with a label exists.

    Parameters
    ----------
    estimator : estimator object, default=None
        The multiclass classifier fitted on the label-set classes. It must
        implement ``fit`` and ``predict``; ``predict_proba`` (and so
        :meth:`predict_proba` and :meth:`predict_joint_proba`) is offered
        when it implements it. None means ``LogisticRegression()``.

    min_count : int, default=1
        Label sets seen fewer than ``min_count`` times in training are
        pruned. 1 keeps every label set (the plain label powerset).

    reassign : {"largest", "larger_than"}, default="largest"
        How the examples of pruned label sets are re-assigned; see above.

    reassign_b : int, default=1
        The ``b`` of Read et al.: the number of subsets kept with
        ``"largest"``, the size a subset must exceed with ``"larger_than"``.

    Attributes
    ----------
    estimator_ : estimator
        The fitted multiclass classifier; its class ``c`` is the label set
        ``label_sets_[c]``. When training held a single label set it is a
        :class:`~sklearn.dummy.DummyClassifier`.

    label_sets_ : ndarray of shape (n_label_sets, n_labels)
        The label sets the model can predict (the frequent ones), as 0/1
        rows in lexicographic order.

    label_set_counts_ : ndarray of shape (n_label_sets,)
        How many training samples had each label set (before re-assignment).

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
    RakelD : Label powersets on disjoint random subsets of the labels.
    RakelO : Label powersets on overlapping random subsets of the labels.
    LossAwareClassifier : Turns the joint distribution estimated here into
        the best prediction for Hamming loss, subset 0/1 loss or F1.

    References
    ----------
    .. [1] G. Tsoumakas, I. Katakis, "Multi-label classification: an
       overview", International Journal of Data Warehousing and Mining 3(3),
       2007.
    .. [2] J. Read, B. Pfahringer, G. Holmes, "Multi-label classification
       using ensembles of pruned sets", ICDM 2008.

    Examples
    --------
    >>> import numpy as np
    >>> from skmultilabel import LabelPowerset
    >>> X = np.array([[0.0], [0.1], [1.0], [1.1], [2.0], [2.1]])
    >>> Y = np.array([[1, 0], [1, 0], [1, 1], [1, 1], [0, 1], [0, 1]])
    >>> clf = LabelPowerset().fit(X, Y)
    >>> clf.label_sets_
    array([[0, 1],
           [1, 0],
           [1, 1]])
    >>> clf.predict([[0.05], [2.05]])
    array([[1, 0],
           [0, 1]])
    """

    _passes_X_through = True  # X reaches the base estimator as it is

    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict"]), None],
        "min_count": [Interval(Integral, 1, None, closed="left")],
        "reassign": [StrOptions({"largest", "larger_than"})],
        "reassign_b": [Interval(Integral, 0, None, closed="left")],
    }

    def __init__(self, estimator=None, *, min_count=1, reassign="largest",
                 reassign_b=1):
        self.estimator = estimator
        self.min_count = min_count
        self.reassign = reassign
        self.reassign_b = reassign_b

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y, sample_weight=None, **fit_params):
        """Fit the multiclass classifier on the label-set classes.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        y : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_labels)
            The 0/1 (or boolean) indicator matrix of the labels.

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights passed to the base estimator (a re-assigned
            example keeps its weight in each of its copies).

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
        self._fit_validated(X, Y, params)
        return self

    def _fit_validated(self, X, Y, params):
        """Fit on a validated ``X`` and 0/1 ``Y`` with routed ``params``.

        Used by :meth:`fit` and by RAkEL, which fits one label powerset per
        label subset without validating ``X`` again.
        """
        if sp.issparse(Y):
            Y = Y.toarray()
        Y = np.asarray(Y, dtype=np.int64)
        label_sets, counts, rows, classes = _prune_label_sets(
            Y, min_count=self.min_count, reassign=self.reassign,
            reassign_b=self.reassign_b,
        )
        self.label_sets_ = label_sets
        self.label_set_counts_ = counts
        n_samples = Y.shape[0]
        if rows.shape[0] != n_samples or not np.array_equal(rows, np.arange(n_samples)):
            X = _safe_indexing(X, rows)
            params = {
                key: _safe_indexing(value, rows)
                if _num_samples_or_none(value) == n_samples else value
                for key, value in params.items()
            }
        if label_sets.shape[0] == 1:
            # One label set: a multiclass learner cannot be fitted on one
            # class; predict that set with probability 1.
            est = DummyClassifier(strategy="prior")
            params = {k: v for k, v in params.items() if k == "sample_weight"}
        else:
            est = clone(self._base_estimator())
        with warnings.catch_warnings():
            # The classes are label sets: many distinct ones do not mean the
            # target is continuous, which is what this warning suspects.
            warnings.filterwarnings(
                "ignore", message="The number of unique classes is greater than",
                category=UserWarning,
            )
            self.estimator_ = est.fit(X, classes, **params)
        return self

    def _predict_01(self, X):
        return self.label_sets_[self.estimator_.predict(X)]

    def _joint_proba(self, X):
        P = np.zeros((_num_samples(X), self.label_sets_.shape[0]))
        P[:, self.estimator_.classes_] = self.estimator_.predict_proba(X)
        return P

    def predict(self, X):
        """Predict the label set of each sample.

        The base estimator's predicted class, as a label set: the mode of
        the estimated joint distribution when the base estimator predicts
        the most probable class. Only label sets in ``label_sets_`` can be
        predicted.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        Y : ndarray or sparse CSR matrix of shape (n_samples, n_labels)
            The 0/1 predictions; sparse when the training target was sparse.
        """
        X = self._check_predict_input(X)
        return self._format_predictions(self._predict_01(X))

    @available_if(_base_has("predict_proba"))
    def predict_joint_proba(self, X):
        """Return the estimated joint distribution of the labels.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        label_sets : ndarray of shape (n_label_sets, n_labels)
            The label sets (0/1 rows), a copy of ``label_sets_``.

        proba : ndarray of shape (n_samples, n_label_sets)
            ``proba[i, k]`` is the probability that sample ``i`` has
            exactly the label set ``label_sets[k]``; each row sums to 1.
        """
        X = self._check_predict_input(X)
        return self.label_sets_.copy(), self._joint_proba(X)

    @available_if(_base_has("predict_proba"))
    @_binary_output("predict_proba")
    def predict_proba(self, X):
        """Return the probability that each label is present.

        The marginals of the joint distribution: P(label j = 1 | x) is the
        sum of the probabilities of the label sets that contain j.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        P : ndarray of shape (n_samples, n_labels)
            P(label j = 1 | x) in column j.
        """
        X = self._check_predict_input(X)
        return _set_marginals(self._joint_proba(X), self.label_sets_)

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


def _num_samples_or_none(value):
    """The number of samples of an array-like fit parameter, or None."""
    if not (hasattr(value, "shape") or hasattr(value, "__len__")):
        return None
    try:
        return _num_samples(value)
    except TypeError:
        return None
