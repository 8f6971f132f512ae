"""Decision thresholds on top of a multi-label probabilistic classifier."""

from numbers import Integral, Real

import numpy as np
import scipy.sparse as sp
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    MetaEstimatorMixin,
    _fit_context,
    clone,
)
from sklearn.exceptions import NotFittedError
from sklearn.metrics import get_scorer, get_scorer_names
from sklearn.model_selection import ShuffleSplit, check_cv
from sklearn.utils import _safe_indexing
from sklearn.utils._param_validation import HasMethods, Interval, RealNotInt, StrOptions
from sklearn.utils.metadata_routing import (
    MetadataRouter,
    MethodMapping,
    _routing_enabled,
)
from sklearn.utils.parallel import Parallel, delayed
from sklearn.utils.validation import _check_method_params, _num_samples, check_is_fitted

from ._base import (
    MultiLabelClassifierMixin,
    _binary_output,
    _route_fit_params,
    _validate_X,
)
from ._threshold_search import (
    OBJECTIVES,
    ThresholdObjective,
    apply_thresholds,
    search_thresholds,
    search_thresholds_callable,
)
from .model_selection import MultilabelStratifiedKFold

__all__ = ["FixedThresholdsClassifier", "TunedThresholdsClassifierCV"]


def _positive_proba_column(classes, proba):
    """P(label = 1) from one label's (n_samples, n_classes) probabilities.

    Of two classes the greater is present, as in
    :func:`~skmultilabel.utils.check_multilabel_target`: 1 of {0, 1},
    True, 1 of {-1, 1}, 2 of {1, 2} (a prefit estimator may have been fitted
    on any such encoding; the folds' estimators are fitted on 0/1). A single
    class (a label constant in training) is present when it is 1 or True.
    """
    classes = np.asarray(classes)
    proba = np.asarray(proba, dtype=float)
    if proba.ndim == 1:
        return proba
    if len(classes) == 1:
        return proba[:, 0] if classes[0] == 1 else np.zeros(proba.shape[0])
    return proba[:, int(np.argmax(classes))]


def _proba_matrix(estimator, X, n_labels):
    """The wrapped estimator's P(label = 1) as an (n_samples, n_labels) array.

    Accepts the (n_samples, n_labels) ndarray of the package's estimators and
    of :class:`~sklearn.multiclass.OneVsRestClassifier`, the list of
    per-label (n_samples, 2) arrays of
    :class:`~sklearn.multioutput.MultiOutputClassifier` and of multi-output
    trees, and the (n_samples, 2) array of a binary classifier (one label).
    """
    proba = estimator.predict_proba(X)
    n = _num_samples(X)
    if isinstance(proba, list):
        classes = getattr(estimator, "classes_", [[0, 1]] * len(proba))
        P = np.column_stack(
            [_positive_proba_column(c, p) for c, p in zip(classes, proba, strict=True)]
        )
    else:
        P = np.asarray(proba.toarray() if sp.issparse(proba) else proba, dtype=float)
        if P.ndim == 1:
            P = P[:, None]
        elif n_labels == 1 and P.shape[1] == 2:
            classes = getattr(estimator, "classes_", [0, 1])
            P = _positive_proba_column(classes, P)[:, None]
    if P.shape != (n, n_labels):
        raise ValueError(
            f"predict_proba of {type(estimator).__name__} returned shape "
            f"{P.shape}; a multi-label estimator must return P(label = 1) of "
            f"shape (n_samples, n_labels) = ({n}, {n_labels})."
        )
    return P


def _resolve_objective(scoring):
    """A ThresholdObjective for the exact search, or None for the fallback."""
    if isinstance(scoring, ThresholdObjective):
        return scoring
    if isinstance(scoring, str) and scoring in OBJECTIVES:
        return OBJECTIVES[scoring]()
    return None


def _check_threshold_dependent(scoring):
    """Refuse a scorer (name or object) whose score thresholds cannot change."""
    if isinstance(scoring, ThresholdObjective) or (
        isinstance(scoring, str) and scoring in OBJECTIVES
    ):
        return
    scorer = get_scorer(scoring) if isinstance(scoring, str) else scoring
    # scikit-learn's scorer objects say which method they call; a plain
    # callable does not, and is trusted
    response = getattr(scorer, "_response_method", "predict")
    if response != "predict":
        raise ValueError(
            f"scoring={scoring!r} scores the probabilities or decision values "
            f"({response}), which the thresholds do not change, so there is "
            "nothing to tune. Name a metric of the 0/1 predictions, such as "
            "'f1_macro', 'f1_samples' or 'neg_hamming_loss'."
        )


class _Decisions(ClassifierMixin, BaseEstimator):
    """A stand-in estimator whose ``predict`` returns given decisions.

    It lets a scikit-learn scorer (or a callable with the scorer signature)
    evaluate thresholded out-of-fold decisions without refitting anything.
    """

    classes_ = np.array([0, 1])  # each label's classes, for the scorers

    def __init__(self, decisions=None, proba=None):
        self.decisions = decisions
        self.proba = proba

    def fit(self, X, y):  # pragma: no cover - never fitted
        return self

    def predict(self, X):
        return self.decisions

    def predict_proba(self, X):
        return self.proba

    def __sklearn_is_fitted__(self):
        return True


def _target_for_estimator(clf, Y):
    """The dense 0/1 target handed to the wrapped estimator (1-D for one label).

    Dense also for a sparse target (the meta-estimator returns sparse
    predictions itself): scikit-learn's multi-label classifiers, such as
    ``MultiOutputClassifier`` or a random forest, refuse a sparse target.
    """
    if getattr(clf, "_target_1d", False):
        return np.asarray(Y[:, 0])
    return Y


def _constant_labels(Y):
    Y = np.asarray(Y)
    if Y.ndim == 1:
        Y = Y[:, None]
    return np.flatnonzero(Y.min(axis=0) == Y.max(axis=0))


def _fit_fold(estimator, X, Y, Y_fit, params, train, val, n_labels, fold, names):
    """Fit a clone on ``train``; return it and its probabilities on ``val``."""
    est = clone(estimator)
    X_train = _safe_indexing(X, train)
    Y_train = _safe_indexing(Y_fit, train)
    fold_params = _check_method_params(X, params, indices=train)
    try:
        est.fit(X_train, Y_train, **fold_params)
    except Exception as exc:
        constant = _constant_labels(Y[train])
        if constant.shape[0]:
            shown = ", ".join(
                str(names[j]) if isinstance(names[j], (int, np.integer))
                else repr(names[j])
                for j in constant[:10]
            )
            raise ValueError(
                f"Fitting {type(estimator).__name__} failed on the training "
                f"part of {fold}, in which label(s) {shown} hold a single "
                "value (a label never seen, or always present, in that "
                "fold). Wrap the base classifier in skmultilabel's "
                "BinaryRelevance (it fits a constant predictor for such a "
                "label), or use fewer folds (an integer cv stratifies the "
                f"labels). The error was: {exc}"
            ) from exc
        raise
    if val is None:
        return est, None
    return est, _proba_matrix(est, _safe_indexing(X, val), n_labels)


class _ThresholdMixin(MultiLabelClassifierMixin):
    """What the two threshold meta-estimators share."""

    _passes_X_through = True  # X reaches the base estimator as it is

    def _check_predict_input(self, X):
        check_is_fitted(self, "thresholds_")
        return _validate_X(self, X, reset=False, base_estimator=self.estimator)

    @_binary_output("predict_proba")
    def predict_proba(self, X):
        """Return the wrapped estimator's probability of each label.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        P : ndarray of shape (n_samples, n_labels)
            P(label j = 1 | x) in column j, unchanged by the thresholds.
        """
        return self._proba(X)

    def _proba(self, X):
        X = self._check_predict_input(X)
        return _proba_matrix(self.estimator_, X, self._n_labels())

    def predict(self, X):
        """Predict the labels: ``predict_proba(X) > thresholds_``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        Y : ndarray or sparse CSR matrix of shape (n_samples, n_labels)
            A label is predicted when its probability is strictly greater
            than its threshold; with ``min_labels=k`` every sample also gets
            its ``k`` most probable labels. Sparse when the training target
            was sparse, in the target's encoding otherwise.
        """
        P = self._proba(X)
        return self._format_predictions(
            apply_thresholds(P, self.thresholds_, self.min_labels)
        )

    def get_metadata_routing(self):
        """Get the metadata routing of this object.

        Returns
        -------
        routing : MetadataRouter
            Routes ``fit`` parameters to the wrapped estimator's ``fit``.
        """
        return MetadataRouter(owner=type(self).__name__).add(
            estimator=self.estimator,
            method_mapping=MethodMapping().add(caller="fit", callee="fit"),
        )


class FixedThresholdsClassifier(
    _ThresholdMixin, ClassifierMixin, MetaEstimatorMixin, BaseEstimator
):
    """Multi-label classifier that predicts with given decision thresholds.

    It fits a clone of ``estimator`` and predicts label ``j`` when
    ``predict_proba(X)[:, j] > thresholds[j]``. Use it to apply thresholds
    chosen by hand or by a domain rule, for example ``fp_cost / (fp_cost +
    fn_cost)`` for a calibrated model. To threshold an already fitted model
    without refitting it, wrap it in :class:`sklearn.frozen.FrozenEstimator`.

    Parameters
    ----------
    estimator : estimator object
        A multi-label classifier with ``fit`` and ``predict_proba`` returning
        P(label = 1), for example :class:`~skmultilabel.BinaryRelevance`
        (scikit-learn's multi-output classifiers work too).

    thresholds : float or array-like of shape (n_labels,), default=0.5
        One threshold for all labels, or one per label. A label is predicted
        when its probability is strictly greater than its threshold, so 0.5
        gives the predictions of a logistic regression's ``predict``.

    min_labels : int, default=0
        Every sample also gets its ``min_labels`` most probable labels (ties
        go to the label of lower index), whatever the thresholds.

    Attributes
    ----------
    estimator_ : estimator object
        The fitted clone of ``estimator``.

    thresholds_ : ndarray of shape (n_labels,)
        The threshold of each label, from ``thresholds`` as it is at the time
        of the call: ``set_params(thresholds=...)`` after fit changes the
        predictions without a refit (as for scikit-learn's
        :class:`~sklearn.model_selection.FixedThresholdClassifier`), and so
        does ``min_labels``.

    classes_ : ndarray of shape (n_labels,)
        The label names: the column names of a pandas target, otherwise
        ``0, ..., n_labels - 1``. For a 1-D target, its two values: the
        estimator is then a binary classifier, whose ``predict_proba`` has
        the two columns P(absent), P(present).

    sparse_target_ : bool
        Whether the training target was sparse.

    target_encoding_ : ndarray of shape (2,)
        The values of the training target meaning absent and present.

    n_features_in_ : int
        The number of features seen during ``fit``.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during ``fit``, when ``X`` has string column
        names.

    See Also
    --------
    TunedThresholdsClassifierCV : Chooses the thresholds by cross-validation.

    Examples
    --------
    >>> from sklearn.datasets import make_multilabel_classification
    >>> from skmultilabel import BinaryRelevance, FixedThresholdsClassifier
    >>> X, Y = make_multilabel_classification(n_samples=100, n_classes=3,
    ...                                       random_state=0)
    >>> clf = FixedThresholdsClassifier(BinaryRelevance(),
    ...                                 thresholds=[0.1, 0.5, 0.4]).fit(X, Y)
    >>> clf.predict_proba(X[:2]).round(2)
    array([[0.06, 1.  , 0.04],
           [0.12, 1.  , 0.48]])
    >>> clf.predict(X[:2])
    array([[0, 1, 0],
           [1, 1, 1]])
    """

    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict_proba"])],
        "thresholds": [Real, "array-like"],
        "min_labels": [Interval(Integral, 0, None, closed="left")],
    }

    def __init__(self, estimator, *, thresholds=0.5, min_labels=0):
        self.estimator = estimator
        self.thresholds = thresholds
        self.min_labels = min_labels

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y, sample_weight=None, **fit_params):
        """Fit a clone of the wrapped estimator.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        y : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_labels)
            The 0/1 (or boolean) indicator matrix of the labels.

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights passed to the wrapped estimator's ``fit``.

        **fit_params : dict
            Further parameters for the wrapped estimator's ``fit`` (routed by
            its requests when metadata routing is enabled).

        Returns
        -------
        self : object
            The fitted estimator.
        """
        X, Y = self._validate_fit_data(X, y, base_estimator=self.estimator)
        self._per_label_thresholds(Y.shape[1])  # a wrong shape fails before fitting
        params = _route_fit_params(
            self, self.estimator, X, sample_weight=sample_weight, **fit_params
        )
        Y = Y.toarray() if sp.issparse(Y) else Y
        self.estimator_ = clone(self.estimator).fit(
            X, _target_for_estimator(self, Y), **params
        )
        return self

    def _per_label_thresholds(self, n_labels):
        t = np.asarray(self.thresholds, dtype=float)
        if t.ndim > 1 or (t.ndim == 1 and t.shape[0] != n_labels):
            raise ValueError(
                f"thresholds has shape {t.shape}; give one number or one "
                f"threshold per label ({n_labels} labels)."
            )
        if np.isnan(t).any():
            raise ValueError("thresholds must not hold NaN.")
        return np.broadcast_to(t, (n_labels,)).copy()

    @property
    def thresholds_(self):
        """The threshold of each label: ``thresholds``, read at every call."""
        # read at predict time, as scikit-learn's FixedThresholdClassifier
        # reads its threshold, so that set_params(thresholds=...) after fit
        # takes effect without refitting
        check_is_fitted(self, "estimator_")
        return self._per_label_thresholds(self._n_labels())


class TunedThresholdsClassifierCV(
    _ThresholdMixin, ClassifierMixin, MetaEstimatorMixin, BaseEstimator
):
    """Multi-label classifier whose decision thresholds are tuned by cross-validation.

    The wrapped estimator is fitted on the training part of each fold, once
    for all labels, and predicts the probabilities of the validation part.
    On these out-of-fold probabilities the thresholds that maximise the
    objective named by ``scoring`` are searched exactly: each label's scores
    are sorted once and every distinct cut is evaluated with cumulative
    sums, so a label costs O(n log n) instead of one metric call per
    candidate threshold. For macro F-beta and Jaccard, a label with few
    positives has its optimum pulled toward the best global threshold
    (``shrinkage``), or is not tuned (``min_positives``): its out-of-fold
    optimum is mostly noise. The estimator is then refitted on all the data
    and predicts ``predict_proba(X) > thresholds_``.

    Thresholds trade metrics against each other: per-label thresholds tuned
    for macro-F1 raise it, but usually predict more labels and can lower
    subset accuracy. Tune for the metric you report.

    Parameters
    ----------
    estimator : estimator object
        A multi-label classifier with ``fit`` and ``predict_proba`` returning
        P(label = 1) of shape (n_samples, n_labels), for example
        :class:`~skmultilabel.BinaryRelevance`. Scikit-learn's multi-label
        classifiers work too; those that cannot fit a label that is constant
        in a training fold raise an error naming the labels.

    scoring : str, ThresholdObjective or callable, default="f1_macro"
        The objective to maximise on the out-of-fold probabilities. An exact
        search for:

        - ``"f1_macro"``, ``"f1_micro"``, ``"f1_samples"``: F1 averaged over
          labels, pooled, or over samples;
        - ``"jaccard_macro"``, ``"jaccard_micro"``, ``"jaccard_samples"``;
        - ``"neg_hamming_loss"``: minus the Hamming loss;
        - an objective object, for parameters: :class:`FBetaObjective`
          (``beta``, ``average``), :class:`JaccardObjective`,
          :class:`HammingObjective`, :class:`CostObjective` (a false-positive
          and a false-negative cost per label),
          :class:`PrecisionAtRecallObjective` (a required recall) and
          :class:`RecallAtPrecisionObjective` (a required precision).

        Slower fallback: any other scikit-learn scorer name of 0/1
        predictions (names that score probabilities, such as ``"roc_auc"``,
        are an error: thresholds do not change them), or a callable
        ``scorer(estimator, X, y)`` with the scorer signature. It is called
        once per candidate threshold with a stand-in estimator whose
        ``predict`` returns the thresholded out-of-fold decisions, a
        placeholder ``X`` and the 0/1 out-of-fold target; at most
        ``n_candidates`` thresholds per label are tried.

    strategy : {"per_label", "global"}, default="per_label"
        ``"per_label"``: one threshold per label. For objectives that are sums
        over labels (macro averages, Hamming loss, costs) each label's
        threshold is the exact optimum; for micro and samples averages,
        which couple the labels, a coordinate ascent over the labels starts
        from the best global threshold and takes exact one-label steps that
        never decrease the objective. ``"global"``: one threshold shared by
        all labels, the exact optimum.

    cv : int, float, cross-validation generator, iterable or "prefit", default=5
        How the out-of-fold probabilities are made:

        - an int: the number of folds of a
          :class:`~skmultilabel.model_selection.MultilabelStratifiedKFold`
          (iterative stratification, shuffled with ``random_state``), which
          puts every label with at least ``cv`` positives in every fold (a
          :class:`~skmultilabel.model_selection.StratificationWarning` says
          when it cannot);
        - a float in (0, 1): a single validation split of that fraction;
        - a splitter or an iterable of (train, validation) index arrays;
        - ``"prefit"``: ``estimator`` is already fitted and the data passed to
          ``fit`` is only used to tune the thresholds (it should not be the
          data the estimator was trained on); requires ``refit=False``.

    refit : bool, default=True
        Whether to refit the estimator on all the data after the search.
        ``False`` keeps the estimator fitted on the training part of a single
        split (it is an error with several folds).

    min_labels : int, default=0
        Every sample gets at least ``min_labels`` labels: its most probable
        ones are always predicted (ties go to the label of lower index). The
        search optimises the objective of the decisions with this rule.

    min_positives : int, default=3
        Rare labels, with ``strategy="per_label"`` and a macro F-beta or
        Jaccard objective: a label with fewer positive out-of-fold entries
        is not tuned, it is predicted only for samples scoring above its
        highest out-of-fold probability (the SCutFBR.1 rule of Yang, 2001).
        With one or two positives the out-of-fold optimum is a cut placed
        around those very samples; it does not generalise. 0 tunes every
        label.

    shrinkage : float, default=10.0
        Rare labels, with ``strategy="per_label"`` and a macro F-beta or
        Jaccard objective: each tuned label's out-of-fold optimum ``t_j`` is
        pulled toward the best single threshold for all labels ``t_g``
        (same objective, same data): the threshold is ``(n_j t_j +
        shrinkage t_g) / (n_j + shrinkage)``, with ``n_j`` the label's
        number of positive out-of-fold entries. A label with many positives
        keeps nearly its own optimum; one with a handful, whose optimum is
        mostly noise, borrows from all the labels (``shrinkage`` acts as a
        number of pseudo-positives). 0 keeps every label's own optimum.

    min_label_score : float or None, default=None
        Like ``min_positives``, but on the score: a label whose best
        out-of-fold score is below this value is predicted only above its
        highest out-of-fold probability (the fbr rule of SCutFBR.1). None
        applies no score floor.

    n_candidates : int, default=100
        The number of thresholds per label tried by the fallback search of a
        scorer or callable ``scoring``; the built-in objectives search every
        cut.

    n_jobs : int, default=None
        The number of folds fitted in parallel (the final refit runs in the
        same batch). None means 1; -1 means all processors. Keep the wrapped
        estimator single-threaded when you set it.

    random_state : int, RandomState instance or None, default=None
        The shuffling of the stratified folds of an integer ``cv`` and the
        split of a float ``cv``.

    store_cv_results : bool, default=False
        Whether to keep the out-of-fold probabilities and the objective as a
        function of the thresholds in ``cv_results_``.

    Attributes
    ----------
    estimator_ : estimator object
        The fitted estimator used to predict.

    thresholds_ : ndarray of shape (n_labels,)
        The threshold of each label (all equal with ``strategy="global"``).

    best_score_ : float
        The objective of the chosen thresholds on the out-of-fold
        probabilities (greater is better: losses and costs are negated).

    objective_ : ThresholdObjective or None
        The objective searched exactly, or None for a fallback scorer.

    cv_results_ : dict
        Only with ``store_cv_results=True``. ``"oof_proba"`` and ``"oof_target"``:
        the out-of-fold probabilities and true labels searched (rows of
        every validation set, in fold order), ``"oof_index"``: their row
        indices in ``X``, ``"oof_mask"``: False where the fold's training
        part held a single value of the label (left out of the search);
        ``"thresholds"`` and ``"scores"``: for
        ``strategy="global"`` the candidate thresholds and the objective at
        each, for ``"per_label"`` one array per label of its candidate
        thresholds and of the objective as a function of that label's
        threshold with the other labels at their chosen thresholds;
        ``"history"``: the objective at the start and after each sweep of a
        coordinate ascent.

    classes_ : ndarray of shape (n_labels,)
        The label names: the column names of a pandas target, otherwise
        ``0, ..., n_labels - 1``. For a 1-D target, its two values: the
        estimator is then a binary classifier, whose ``predict_proba`` has
        the two columns P(absent), P(present).

    sparse_target_ : bool
        Whether the training target was sparse.

    target_encoding_ : ndarray of shape (2,)
        The values of the training target meaning absent and present.

    n_features_in_ : int
        The number of features seen during ``fit``.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during ``fit``, when ``X`` has string column
        names.

    See Also
    --------
    FixedThresholdsClassifier : Predicts with thresholds given by hand.
    sklearn.model_selection.TunedThresholdClassifierCV : The binary
        scikit-learn estimator, with a grid of thresholds.

    References
    ----------
    .. [1] Y. Yang, "A study of thresholding strategies for text
       categorization", SIGIR 2001.

    Notes
    -----
    A threshold ``t`` predicts a label when its probability is strictly
    greater than ``t``; samples with equal probabilities always get the same
    decision, and thresholds of 0.5 reproduce the ``predict`` of a logistic
    regression (which predicts 1 when the decision value is strictly
    positive). The exact optimum of a threshold lies midway between the
    lowest out-of-fold probability it accepts and the next lower one; a
    label that is best never predicted gets ``max(1, highest probability)``.
    That is the tuned threshold with ``shrinkage=0`` and
    ``min_positives=0``; by default a label with few positives is pulled
    toward the best global threshold, or not tuned.

    A label that holds a single value in the training part of a fold (a
    rare label absent from it) is scored by that fold's model with a
    constant, which says nothing about the label: the exact search leaves
    those out-of-fold entries out (see ``cv_results_["oof_mask"]``), and a
    label without any usable entry keeps the threshold 0.5 (with
    ``strategy="per_label"``; ``"global"`` gives it the shared threshold
    too). A single rare
    positive scored 0 by such a model would otherwise make "predict the
    label for everyone" the F1-optimal decision. The fallback search of a
    scorer or callable ``scoring`` scores those entries as true negatives
    whatever the thresholds (for metrics built on true and false positives
    and negatives, such as F-scores, this is the same as leaving them out)
    and takes its candidate thresholds from the other entries.

    Examples
    --------
    >>> from sklearn.datasets import make_multilabel_classification
    >>> from skmultilabel import BinaryRelevance, TunedThresholdsClassifierCV
    >>> X, Y = make_multilabel_classification(n_samples=200, n_classes=3,
    ...                                       random_state=0)
    >>> clf = TunedThresholdsClassifierCV(BinaryRelevance(), cv=3,
    ...                                   random_state=0).fit(X, Y)
    >>> clf.thresholds_.shape
    (3,)
    >>> clf.predict(X[:2]).shape
    (2, 3)
    """

    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict_proba"])],
        "scoring": [
            StrOptions(set(OBJECTIVES) | set(get_scorer_names())),
            ThresholdObjective,
            callable,
        ],
        "strategy": [StrOptions({"per_label", "global"})],
        "cv": [
            "cv_object",
            StrOptions({"prefit"}),
            Interval(RealNotInt, 0.0, 1.0, closed="neither"),
        ],
        "refit": ["boolean"],
        "min_labels": [Interval(Integral, 0, None, closed="left")],
        "min_positives": [Interval(Integral, 0, None, closed="left")],
        "shrinkage": [Interval(Real, 0, None, closed="left")],
        "min_label_score": [Interval(Real, 0, 1, closed="both"), None],
        "n_candidates": [Interval(Integral, 2, None, closed="left")],
        "n_jobs": [Integral, None],
        "random_state": ["random_state"],
        "store_cv_results": ["boolean"],
    }

    def __init__(
        self,
        estimator,
        *,
        scoring="f1_macro",
        strategy="per_label",
        cv=5,
        refit=True,
        min_labels=0,
        min_positives=3,
        shrinkage=10.0,
        min_label_score=None,
        n_candidates=100,
        n_jobs=None,
        random_state=None,
        store_cv_results=False,
    ):
        self.estimator = estimator
        self.scoring = scoring
        self.strategy = strategy
        self.cv = cv
        self.refit = refit
        self.min_labels = min_labels
        self.min_positives = min_positives
        self.shrinkage = shrinkage
        self.min_label_score = min_label_score
        self.n_candidates = n_candidates
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.store_cv_results = store_cv_results

    def get_metadata_routing(self):
        """Get the metadata routing of this object.

        Returns
        -------
        routing : MetadataRouter
            Routes ``fit`` parameters to the wrapped estimator's ``fit``, and
            holds this estimator's own requests: ``sample_weight`` weights
            the threshold objective and ``groups`` reaches the splitter, so
            under a :class:`~sklearn.model_selection.GridSearchCV` or
            :func:`~sklearn.model_selection.cross_validate` with metadata
            routing they come here as ``set_fit_request`` asks.
        """
        return (
            MetadataRouter(owner=type(self).__name__)
            .add_self_request(self)
            .add(
                estimator=self.estimator,
                method_mapping=MethodMapping().add(caller="fit", callee="fit"),
            )
        )

    def _splitter(self, Y):
        cv = 5 if self.cv is None else self.cv
        if isinstance(cv, Real) and not isinstance(cv, Integral) and 0 < cv < 1:
            return ShuffleSplit(
                n_splits=1, test_size=cv, random_state=self.random_state
            )
        if isinstance(cv, Integral):
            return MultilabelStratifiedKFold(
                n_splits=cv, shuffle=True, random_state=self.random_state
            )
        return check_cv(cv, Y, classifier=False)

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y, sample_weight=None, groups=None, **fit_params):
        """Fit the estimator on each fold, tune the thresholds, refit.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        y : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_labels)
            The 0/1 (or boolean) indicator matrix of the labels.

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights: passed to the wrapped estimator's ``fit`` and
            used to weight the objective of the threshold search. With
            metadata routing enabled, the wrapped estimator gets them as its
            own ``set_fit_request`` asks, and the objective unless this
            estimator's ``set_fit_request(sample_weight=False)``; under a
            ``GridSearchCV`` or ``cross_validate`` they come here when this
            estimator or the wrapped one requests them.

        groups : array-like of shape (n_samples,), default=None
            Group labels of the samples, passed to the ``split`` of a ``cv``
            splitter that uses them (for example
            :class:`~sklearn.model_selection.GroupKFold`), so that no group
            is both in the training and the validation part of a fold. An
            integer or float ``cv`` does not split by groups: giving
            ``groups`` with one is an error. With metadata routing enabled,
            ``set_fit_request(groups=True)`` lets a ``GridSearchCV`` or
            ``cross_validate`` pass them on.

        **fit_params : dict
            Further parameters for the wrapped estimator's ``fit`` (routed by
            its requests when metadata routing is enabled).

        Returns
        -------
        self : object
            The fitted estimator.
        """
        _check_threshold_dependent(self.scoring)
        X, Y = self._validate_fit_data(X, y, base_estimator=self.estimator)
        Y = Y.toarray().astype(np.int64) if sp.issparse(Y) else Y
        n_samples, n_labels = Y.shape
        objective = _resolve_objective(self.scoring)
        if objective is not None:  # per-label costs: before the folds are fitted
            objective._check_n_labels(n_labels)
        names = self._label_names()
        if sample_weight is not None:
            sample_weight = np.asarray(sample_weight, dtype=float)
            if sample_weight.shape != (n_samples,):
                raise ValueError(
                    f"sample_weight has shape {sample_weight.shape}; expected "
                    f"({n_samples},), one weight per sample."
                )
        Y_fit = _target_for_estimator(self, Y)

        if isinstance(self.cv, str) and self.cv == "prefit":
            if self.refit:
                raise ValueError(
                    "cv='prefit' tunes the thresholds of an already fitted "
                    "estimator on the data passed to fit; set refit=False."
                )
            try:
                check_is_fitted(self.estimator)
            except NotFittedError as exc:
                raise NotFittedError(
                    "cv='prefit' requires a fitted estimator; fit it first, "
                    "or use cross-validation (an integer cv)."
                ) from exc
            self.estimator_ = self.estimator
            val_sets = [np.arange(n_samples)]
            probas = [_proba_matrix(self.estimator_, X, n_labels)]
            masks = [np.ones((n_samples, n_labels), dtype=bool)]
        else:
            params = _route_fit_params(
                self, self.estimator, X, sample_weight=sample_weight, **fit_params
            )
            splitter = self._splitter(Y)
            if groups is not None:
                if isinstance(self.cv, Real) or self.cv is None:
                    raise ValueError(
                        f"groups were given but cv={self.cv!r} makes splits "
                        "that ignore them; pass a splitter that uses groups, "
                        "for example cv=GroupKFold(5)."
                    )
                groups = np.asarray(groups)
                if groups.shape[0] != n_samples:
                    raise ValueError(
                        f"groups has {groups.shape[0]} entries but X has "
                        f"{n_samples} samples; give one group per sample."
                    )
            splits = list(splitter.split(X, Y, groups))
            if not self.refit and len(splits) > 1:
                raise ValueError(
                    f"refit=False keeps the estimator of a single split, but "
                    f"cv makes {len(splits)} splits; use refit=True or a "
                    "single split (a float cv or one (train, val) pair)."
                )
            jobs = [
                (train, val, f"fold {i + 1}/{len(splits)}")
                for i, (train, val) in enumerate(splits)
            ]
            if self.refit:
                jobs.append((np.arange(n_samples), None, "the final refit"))
            results = Parallel(n_jobs=self.n_jobs)(
                delayed(_fit_fold)(
                    self.estimator, X, Y, Y_fit, params, train, val, n_labels,
                    fold, names,
                )
                for train, val, fold in jobs
            )
            self.estimator_ = results[-1][0]
            val_sets = [val for _, val, _ in jobs if val is not None]
            probas = [p for _, p in results if p is not None]
            # a fold whose training part holds one value of a label scores
            # it with a constant: leave those entries out of the search
            masks = [
                np.broadcast_to(Y[train].min(0) != Y[train].max(0),
                                (val.shape[0], n_labels))
                for train, val, _ in jobs if val is not None
            ]

        index = np.concatenate(val_sets)
        P = np.vstack(probas)
        mask = np.vstack(masks)
        Y_val = Y[index]
        if sample_weight is not None and _routing_enabled() and (
            self._get_metadata_request().fit.requests.get("sample_weight") is False
        ):
            # set_fit_request(sample_weight=False): the weights came for the
            # wrapped estimator only, not for the objective
            sample_weight = None
        w_val = None if sample_weight is None else sample_weight[index]
        result = self._search(P, Y_val, w_val, mask)
        thresholds = np.asarray(result.thresholds, dtype=float)
        if self.strategy == "per_label":
            # no usable out-of-fold entry (a label constant in every training
            # fold): the refitted model's own decision, 0.5
            thresholds[~mask.any(axis=0)] = 0.5
        self.thresholds_ = thresholds
        self.best_score_ = float(result.score)
        if self.store_cv_results:
            if self.strategy == "global":
                thresholds, scores = result.curves
            else:
                thresholds = [c[0] for c in result.curves]
                scores = [c[1] for c in result.curves]
            self.cv_results_ = {
                "oof_proba": P,
                "oof_target": Y_val,
                "oof_index": index,
                "oof_mask": mask,
                "thresholds": thresholds,
                "scores": scores,
                "history": list(result.history),
            }
        return self

    def _search(self, P, Y, w, mask):
        objective = _resolve_objective(self.scoring)
        self.objective_ = objective
        if objective is not None:
            return search_thresholds(
                objective, P, Y, sample_weight=w, strategy=self.strategy,
                min_labels=self.min_labels, return_curves=self.store_cv_results,
                mask=None if mask.all() else mask,
                min_label_score=self.min_label_score,
                min_positives=self.min_positives, shrinkage=self.shrinkage,
            )
        scorer = (
            get_scorer(self.scoring) if isinstance(self.scoring, str) else self.scoring
        )
        placeholder = np.arange(P.shape[0]).reshape(-1, 1)
        kwargs = {} if w is None else {"sample_weight": w}
        one = getattr(self, "_target_1d", False)  # a 1-D target: 1-D decisions
        # a masked entry is a true negative whatever the thresholds: it adds
        # no true or false positive or negative that a threshold decides
        Y = np.where(mask, Y, 0)
        y_true = Y[:, 0] if one else Y

        def score_func(decisions):
            d = decisions[:, 0] if one else decisions
            return scorer(_Decisions(d, P), placeholder, y_true, **kwargs)

        return search_thresholds_callable(
            score_func, P, strategy=self.strategy, min_labels=self.min_labels,
            n_candidates=self.n_candidates, return_curves=self.store_cv_results,
            mask=None if mask.all() else mask,
        )
