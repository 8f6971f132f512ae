"""Classifier chains: labels predicted in sequence, each given the earlier ones."""

from numbers import Integral

import numpy as np
import scipy.sparse as sp
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    MetaEstimatorMixin,
    _fit_context,
    is_classifier,
)
from sklearn.model_selection import check_cv
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions
from sklearn.utils.metadata_routing import MetadataRouter, MethodMapping
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import (
    _check_method_params,
    _check_response_method,
    check_array,
    check_is_fitted,
)

from . import _chain_inference as ci
from ._base import (
    MultiLabelClassifierMixin,
    _allows_nan,
    _base_has,
    _binary_output,
    _fit_binary,
    _positive_column,
    _positive_decision,
    _positive_proba,
    _route_fit_params,
    _validate_X,
)
from .metrics import mutual_information_matrix


def _reusable_cv(cv):
    """``cv`` with an iterable of (train, test) splits (a generator, which
    one use would exhaust) made a list; an int, a splitter or None as is."""
    if cv is not None and not isinstance(cv, Integral) and not hasattr(cv, "split"):
        return list(cv)
    return cv


_CHAIN_METHODS = {"predict", "predict_proba", "predict_log_proba", "decision_function"}
_LOG_EPS = float(np.log(np.finfo(np.float64).eps))


def _link_score(est, X, method):
    """The output of one link used as a chain feature or as a prediction."""
    if method == "predict":
        return est.predict(X)
    if method == "predict_proba":
        return _positive_proba(est, X)
    if method == "decision_function":
        return _positive_decision(est, X)
    # predict_log_proba: a link for a constant label gives log(0) = -inf;
    # keep the chain features finite.
    with np.errstate(divide="ignore"):
        scores = _positive_column(est, est.predict_log_proba(X))
    return np.maximum(scores, _LOG_EPS) if np.isneginf(scores).any() else scores


def _hstack(X, F):
    """scikit-learn's way of appending the chain columns ``F`` to ``X``."""
    return (sp.hstack if sp.issparse(X) else np.hstack)((X, F))


class ClassifierChain(
    MultiLabelClassifierMixin, ClassifierMixin, MetaEstimatorMixin, BaseEstimator
):
    """A chain of binary classifiers, each given the labels before it.

    Link ``k`` of the chain predicts label ``order_[k]`` from the features
    and the labels ``order_[:k]``, so the labels depend on one another
    instead of being ``L`` independent problems. With its default
    parameters it is a drop-in replacement for
    :class:`sklearn.multioutput.ClassifierChain`: for the same ``estimator``,
    ``order``, ``cv``, ``chain_method`` and ``random_state`` it gives the
    same ``predict``, ``predict_proba`` and ``decision_function`` (in the
    target's encoding rather than floats). On top of that:

    * ``order="dependency"`` puts the labels that share the most information
      with the others first;
    * ``inference`` turns the fitted chain into a model of the joint
      distribution ``P(y | x) = prod_k P(y_{order_[k]} | x, y_{order_[:k]})``
      and answers with its true marginals (``predict_proba``) and its joint
      mode (``predict``), exactly for a few labels or by beam search and
      Monte Carlo sampling for many (see the user guide for which suits
      which metric);
    * :meth:`sample_joint` draws label vectors from that distribution;
    * constant label columns, sparse or pandas targets, ``sample_weight``
      and a base estimator without ``predict_proba`` all work as in
      :class:`BinaryRelevance`.

    The inference parameters only act at prediction time: change them with
    ``set_params`` on a fitted chain without refitting.

    Parameters
    ----------
    estimator : estimator object, default=None
        The binary classifier cloned for each link. It must implement
        ``fit`` and ``predict``; probabilistic inference needs
        ``predict_proba``. None means ``LogisticRegression()``.

    order : array-like of shape (n_labels,), {"random", "dependency"} or None, \
            default=None
        The order of the labels in the chain.

        - None: the column order of ``y``.
        - array-like: ``order[k]`` is the label column predicted by link
          ``k`` (a permutation of ``0, ..., n_labels - 1``).
        - "random": a random permutation drawn from ``random_state``.
        - "dependency": the labels sorted by decreasing total mutual
          information with the other labels in the training target (the
          row sums, less the diagonal, of
          :func:`skmultilabel.metrics.mutual_information_matrix`, with the
          counts weighted by ``sample_weight``; ties keep column order).
          The labels that tell most about the others come first, so that
          the later links can condition on them.

    cv : int, cross-validation generator, iterable or None, default=None
        Where the chain features of the earlier labels come from at fit
        time. None uses the true labels. Otherwise they are out-of-fold
        predictions (by ``chain_method``) over these splits, as in
        :func:`~sklearn.model_selection.cross_val_predict` (an int means
        that many stratified folds), so that the links are trained on
        inputs like those they receive at prediction time. Probabilistic
        inference needs ``cv=None``.

    chain_method : {"predict", "predict_proba", "predict_log_proba", \
            "decision_function"} or list of str, default="predict"
        The output of each link that becomes a feature of the later links;
        a list gives methods in order of preference (the first one the
        base estimator has is used). Probabilistic inference needs
        "predict", which feeds the parent labels as 0/1.

    inference : {"greedy", "exact", "beam", "sample"}, default="greedy"
        How ``predict`` and ``predict_proba`` reason through the chain.

        - "greedy": scikit-learn's chain. Each link receives the earlier
          links' outputs (by ``chain_method``); ``predict`` is the vector
          of the links' predictions and ``predict_proba`` the links'
          probabilities along that single path.
        - "exact": the joint distribution is enumerated over all
          ``2**n_labels`` label vectors (up to ``max_exact_labels``).
          ``predict_proba`` gives the exact marginals ``P(y_j = 1 | x)``,
          ``predict`` the most probable label vector.
        - "beam": ``predict`` is the most probable vector found by beam
          search of width ``beam_width``; ``predict_proba`` gives Monte
          Carlo marginals from ``n_draws`` ancestral samples.
        - "sample": ``predict_proba`` gives Monte Carlo marginals from
          ``n_draws`` ancestral samples; ``predict`` the most probable of
          the sampled vectors.

        The Monte Carlo estimates use stratified (Latin hypercube) uniform
        variates per link: unbiased, with less variance than independent
        draws.

        Everything but "greedy" needs ``chain_method="predict"`` and
        ``cv=None``: only then are the links the factors of the joint
        distribution by the chain rule.

    predict_mode : {"joint", "marginal"}, default="joint"
        What ``predict`` returns when ``inference`` is not "greedy".
        "joint": the (approximate) joint mode, the label vector of highest
        probability, which maximises the expected subset accuracy.
        "marginal": each label present when its marginal probability (from
        ``predict_proba``) is above 0.5, which minimises the expected
        Hamming loss.

    beam_width : int, default=10
        The number of partial label vectors kept by ``inference="beam"``.
        The cost grows linearly with it; a width of ``2**n_labels`` is
        exact.

    n_draws : int, default=200
        The number of ancestral samples per row of ``inference="sample"``
        and of the marginals of ``inference="beam"``. The standard error of
        a sampled marginal is at most ``0.5 / sqrt(n_draws)``.

    max_exact_labels : int, default=16
        The largest number of labels ``inference="exact"`` accepts; its
        time grows as ``2**n_labels`` per row. Up to 20.

    random_state : int, RandomState instance or None, default=None
        Draws the order for ``order="random"`` (as in scikit-learn) and the
        uniform variates of sampling at prediction time. With an int, the
        sampled predictions are reproducible and each row's draws do not
        depend on the other rows predicted with it.

    verbose : bool or int, default=False
        When true, print a line as each link is fitted.

    Attributes
    ----------
    estimators_ : list of estimators
        The fitted links, in chain order. A label that held a single value
        in the training data has a constant predictor.

    order_ : ndarray of shape (n_labels,)
        The label column predicted by each link.

    chain_method_ : str
        The link method whose outputs are the chain features.

    classes_ : ndarray of shape (n_labels,)
        The label names: the column names of a pandas target, otherwise
        ``0, ..., n_labels - 1``. For a 1-D target, its two values: the
        estimator is then a binary classifier, whose ``predict_proba`` has
        the two columns P(absent), P(present). (scikit-learn's chain holds each link's
        classes here instead.)

    sparse_target_ : bool
        Whether the training target was sparse; ``predict`` then returns
        CSR: a ``csr_array`` for a sparse array target, else a
        ``csr_matrix``.

    target_encoding_ : ndarray of shape (2,)
        The values of the training target meaning absent and present.

    n_features_in_ : int
        The number of features seen during ``fit``.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during ``fit``, when ``X`` has string
        column names.

    See Also
    --------
    EnsembleClassifierChain : Averages chains with different orders.
    BinaryRelevance : Independent binary classifiers, one per label.
    sklearn.multioutput.ClassifierChain : The scikit-learn chain.

    Notes
    -----
    scikit-learn's ``base_estimator`` parameter is gone in scikit-learn 1.9
    (use ``estimator``), so it is not accepted here either.

    The links receive ``X`` with the parent label columns appended, so a
    pandas ``X`` is converted to a numeric array (as scikit-learn's chain
    does); its column names are still checked at prediction time.

    Every inference evaluates each link on one batch: exact enumeration
    evaluates link ``k`` on the ``2**k`` partial label vectors of every row
    at once, beam search on the ``beam_width`` kept vectors, sampling on the
    distinct sampled prefixes. No link method is called twice on the same
    input.

    References
    ----------
    .. [1] J. Read, B. Pfahringer, G. Holmes, E. Frank, "Classifier chains
       for multi-label classification", Machine Learning 85(3), 2011.
    .. [2] K. Dembczynski, W. Cheng, E. Hüllermeier, "Bayes optimal
       multilabel classification via probabilistic classifier chains",
       ICML 2010.
    .. [3] A. Kumar, S. Vembu, A. K. Menon, C. Elkan, "Beam search
       algorithms for multilabel learning", Machine Learning 92, 2013.

    Examples
    --------
    Labels 2 and 3 can only be present with label 1. The joint mode can
    then differ from the vector of the most probable values of each label:

    >>> import numpy as np
    >>> from skmultilabel import ClassifierChain
    >>> rng = np.random.RandomState(0)
    >>> X = rng.normal(size=(500, 3))
    >>> y1 = rng.uniform(size=500) < 1 / (1 + np.exp(-2 * X[:, 0]))
    >>> y23 = y1[:, None] & (X[:, 1:] + rng.normal(size=(500, 2)) > 0)
    >>> Y = np.column_stack([y1, y23]).astype(int)
    >>> chain = ClassifierChain(inference="exact").fit(X, Y)
    >>> X_new = np.array([[0.3, 0.1, -0.2], [2.0, 1.5, 1.5]])
    >>> chain.predict(X_new)
    array([[0, 0, 0],
           [1, 1, 1]])
    >>> chain.predict_proba(X_new).round(2)
    array([[0.63, 0.33, 0.24],
           [0.98, 0.86, 0.91]])
    >>> chain.set_params(predict_mode="marginal").predict(X_new)
    array([[1, 0, 0],
           [1, 1, 1]])
    >>> chain.sample_joint(X_new, n_draws=4, random_state=0).shape
    (2, 4, 3)
    """

    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict"]), None],
        "order": ["array-like", StrOptions({"random", "dependency"}), None],
        "cv": ["cv_object"],
        "chain_method": [list, tuple, StrOptions(_CHAIN_METHODS)],
        "inference": [StrOptions({"greedy", "exact", "beam", "sample"})],
        "predict_mode": [StrOptions({"joint", "marginal"})],
        "beam_width": [Interval(Integral, 1, None, closed="left")],
        "n_draws": [Interval(Integral, 1, None, closed="left")],
        "max_exact_labels": [Interval(Integral, 1, 20, closed="both")],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
    }

    def __init__(
        self,
        estimator=None,
        *,
        order=None,
        cv=None,
        chain_method="predict",
        inference="greedy",
        predict_mode="joint",
        beam_width=10,
        n_draws=200,
        max_exact_labels=16,
        random_state=None,
        verbose=False,
    ):
        self.estimator = estimator
        self.order = order
        self.cv = cv
        self.chain_method = chain_method
        self.inference = inference
        self.predict_mode = predict_mode
        self.beam_width = beam_width
        self.n_draws = n_draws
        self.max_exact_labels = max_exact_labels
        self.random_state = random_state
        self.verbose = verbose

    # ------------------------------------------------------------------ fit

    def _as_matrix(self, X):
        """An ndarray or CSR matrix to which chain columns can be appended."""
        finite = "allow-nan" if _allows_nan(self._base_estimator()) else True
        if sp.issparse(X):
            return X
        if hasattr(X, "iloc") or np.asarray(X).dtype.kind not in "biuf":
            return check_array(X, dtype="numeric", ensure_all_finite=finite)
        return X

    def _resolve_order(self, Y, random_state, sample_weight):
        n_labels = Y.shape[1]
        order = self.order
        if order is None:
            return np.arange(n_labels)
        if isinstance(order, str):
            if order == "random":
                return random_state.permutation(n_labels)
            mi = mutual_information_matrix(Y, sample_weight=sample_weight)
            score = mi.sum(axis=1) - np.diag(mi)
            return np.argsort(-score, kind="stable")
        order = np.asarray(order)
        if (
            order.ndim != 1
            or order.dtype.kind not in "iu"
            or sorted(order.tolist()) != list(range(n_labels))
        ):
            raise ValueError(
                "order must be a permutation of the label columns 0, ..., "
                f"{n_labels - 1} (y has {n_labels} labels); got "
                f"{np.asarray(self.order).tolist()!r}."
            )
        return order

    def _progress(self, k):
        if not self.verbose:
            return None
        return (
            f"[{type(self).__name__}] ({k + 1} of {len(self.order_)}) link for "
            f"label {self._label_names()[self.order_[k]]!r} fitted"
        )

    def _out_of_fold(self, base, Xk, y, params, cv):
        """Out-of-fold ``chain_method_`` scores of one link, as a column."""
        splitter = check_cv(cv, y, classifier=is_classifier(base))
        scores = np.full(y.shape[0], np.nan)
        seen = np.zeros(y.shape[0], dtype=int)
        for train, test in splitter.split(Xk, y):
            est = _fit_binary(
                base,
                Xk[train],
                y[train],
                fit_params=_check_method_params(Xk, params=params, indices=train),
            )
            scores[test] = _link_score(est, Xk[test], self.chain_method_)
            seen[test] += 1
        if not (seen == 1).all():
            raise ValueError(
                "cv must give test folds that partition the samples (each "
                "sample in exactly one test fold) to produce out-of-fold "
                "chain features."
            )
        return scores

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y, sample_weight=None, **fit_params):
        """Fit the links of the chain.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        y : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_labels)
            The 0/1 (or boolean) indicator matrix of the labels.

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights passed to every link's classifier (and used in
            the label statistics of ``order="dependency"``).

        **fit_params : dict
            Further parameters for the base estimator's ``fit``. With
            metadata routing enabled, they are routed by the base
            estimator's requests.

        Returns
        -------
        self : object
            The fitted estimator.
        """
        base = self._base_estimator()
        random_state = check_random_state(self.random_state)
        X, Y = self._validate_fit_data(X, y, base_estimator=base)
        X = self._as_matrix(X)
        params = _route_fit_params(
            self, base, X, sample_weight=sample_weight, **fit_params
        )
        self.order_ = self._resolve_order(Y, random_state, sample_weight)
        self.chain_method_ = _check_response_method(base, self.chain_method).__name__
        n_samples, n_labels = Y.shape
        n_features = X.shape[1]
        Y_chain = Y[:, self.order_]
        Y_chain = Y_chain.toarray() if sp.issparse(Y_chain) else Y_chain
        cv = _reusable_cv(self.cv)  # a generator of splits serves every link
        if cv is None:
            F = Y_chain.astype(np.float64)
        else:
            F = np.zeros((n_samples, n_labels))
        if sp.issparse(X):
            X = sp.csr_matrix(X) if not sp.isspmatrix(X) else X.tocsr()
            X_aug = sp.hstack((X, F), format="csr") if cv is None else None
        else:
            X_aug = np.hstack((X, F))
        self._oof_features = cv is not None
        self.estimators_ = []
        for k in range(n_labels):
            if X_aug is not None:
                Xk = X_aug[:, : n_features + k]
            else:
                Xk = sp.hstack((X, F[:, :k]), format="csr")
            y_k = Y_chain[:, k]
            self.estimators_.append(
                _fit_binary(base, Xk, y_k, fit_params=params, message=self._progress(k))
            )
            if cv is not None and k < n_labels - 1:
                oof = self._out_of_fold(base, Xk, y_k, params, cv)
                F[:, k] = oof
                if not sp.issparse(X):
                    X_aug[:, n_features + k] = oof
        return self

    # -------------------------------------------------------------- predict

    def _check_predict_input(self, X):
        check_is_fitted(self)
        self._validate_params()
        X = _validate_X(self, X, reset=False, base_estimator=self._base_estimator())
        return self._prepare_X(X)

    def _prepare_X(self, X):
        """A validated X as an ndarray or CSR matrix, ready for the links."""
        X = self._as_matrix(X)
        if sp.issparse(X):
            X = sp.csr_matrix(X) if not sp.isspmatrix(X) else X.tocsr()
        return X

    def _greedy(self, X, output):
        """scikit-learn's chain: one pass, the links' outputs as features."""
        n_labels = len(self.estimators_)
        features = np.zeros((X.shape[0], n_labels))
        outputs = np.zeros((X.shape[0], n_labels))
        for k, est in enumerate(self.estimators_):
            X_aug = _hstack(X, features[:, :k])
            features[:, k] = _link_score(est, X_aug, self.chain_method_)
            if output == self.chain_method_:
                outputs[:, k] = features[:, k]
            else:
                outputs[:, k] = _link_score(est, X_aug, output)
        return self._to_label_order(outputs)

    def _to_label_order(self, M):
        """Map the last axis of ``M`` from chain order to label order."""
        return M[..., np.argsort(self.order_)]

    def _check_joint_model(self, what, inference=None, max_exact_labels=None):
        """Probabilistic inference needs links that factor P(y | x)."""
        inference = self.inference if inference is None else inference
        if max_exact_labels is None:
            max_exact_labels = self.max_exact_labels
        if self.chain_method_ != "predict" or self._oof_features:
            raise ValueError(
                f"{what} needs the chain's joint distribution P(y | x) = "
                "prod_k P(y_k | x, y_<k), whose factors are the links only "
                "when they were fitted on the true parent labels as 0/1 "
                "inputs: chain_method='predict' and cv=None. This chain was "
                f"fitted with chain_method={self.chain_method_!r} and "
                f"{'out-of-fold' if self._oof_features else 'true'} parent "
                "labels (cv). Refit with those settings, or use "
                "inference='greedy'."
            )
        if not hasattr(self.estimators_[-1], "predict_proba") or not all(
            hasattr(est, "predict_proba") for est in self.estimators_
        ):
            raise ValueError(
                f"{what} needs the links' probabilities, but the base "
                f"estimator {type(self._base_estimator()).__name__} has no "
                "predict_proba. Wrap it, e.g. in "
                "sklearn.calibration.CalibratedClassifierCV, or use "
                "inference='greedy'."
            )
        if inference == "exact" and len(self.estimators_) > max_exact_labels:
            raise ValueError(
                f"inference='exact' enumerates all 2**{len(self.estimators_)} "
                f"label vectors per sample, more than the limit "
                f"max_exact_labels={max_exact_labels} allows. Use "
                "inference='beam' (joint mode) or inference='sample' "
                "(marginals), or raise max_exact_labels (at most 20)."
            )

    def _uniforms(self, n_draws, random_state, stratified):
        """Uniform variates, one row per draw and one column per link.

        Stratified (Latin hypercube) variates put exactly one draw in each
        interval [i / n_draws, (i + 1) / n_draws) of every column, in an
        independent random order per column: each draw is still an exact
        ancestral sample, and the estimates of the marginals keep no bias
        but lose variance (the first link's is within 1 / n_draws).
        """
        rng = check_random_state(random_state)
        shape = (n_draws, len(self.estimators_))
        if not stratified:
            return rng.random_sample(shape)
        strata = np.argsort(rng.random_sample(shape), axis=0)
        return (strata + rng.random_sample(shape)) / n_draws

    def _sample_chain_order(self, X, n_draws, random_state, stratified=True):
        uniforms = self._uniforms(n_draws, random_state, stratified)
        return ci.propagate(self.estimators_, X, uniforms=uniforms)

    def _marginals(self, X):
        """Marginals in label order under the chosen probabilistic inference."""
        if self.inference == "exact":
            marginals, _, _ = ci.exact_inference(self.estimators_, X)
        else:
            draws, _ = self._sample_chain_order(X, self.n_draws, self.random_state)
            marginals = draws.mean(axis=1)
        return self._to_label_order(marginals)

    def _joint_mode(self, X):
        """The (approximate) joint mode in label order and its log-probability."""
        if self.inference == "exact":
            _, mode, mode_lp = ci.exact_inference(self.estimators_, X)
        elif self.inference == "beam":
            beams, beam_lp = ci.beam_search(self.estimators_, X, self.beam_width)
            mode, mode_lp = beams[:, 0], beam_lp[:, 0]
        else:
            draws, lp = self._sample_chain_order(X, self.n_draws, self.random_state)
            best = np.argmax(lp, axis=1)
            rows = np.arange(X.shape[0])
            mode, mode_lp = draws[rows, best], lp[rows, best]
        return self._to_label_order(mode), mode_lp

    def predict(self, X):
        """Predict the labels of each sample.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        Y : ndarray or sparse CSR matrix of shape (n_samples, n_labels)
            The predicted labels in the target's encoding: the greedy
            chain's predictions, or the joint mode or thresholded marginals
            (see ``inference`` and ``predict_mode``).
        """
        X = self._check_predict_input(X)
        if self.inference == "greedy":
            return self._format_predictions(self._greedy(X, "predict"))
        self._check_joint_model(f"inference={self.inference!r}")
        if self.predict_mode == "marginal":
            return self._format_predictions(self._marginals(X) > 0.5)
        return self._format_predictions(self._joint_mode(X)[0])

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
            Column ``j`` holds P(label j = 1 | x): the link probabilities
            along the greedy path for ``inference="greedy"`` (as
            scikit-learn), otherwise the marginals of the chain's joint
            distribution, exact or sampled.
        """
        X = self._check_predict_input(X)
        if self.inference == "greedy":
            return self._greedy(X, "predict_proba")
        self._check_joint_model(f"inference={self.inference!r}")
        return self._marginals(X)

    @available_if(_base_has("predict_proba"))
    def predict_log_proba(self, X):
        """Return the log of :meth:`predict_proba`.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        log_P : ndarray of shape (n_samples, n_labels)
            log P(label j = 1 | x) in column ``j``.
        """
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    @available_if(_base_has("decision_function"))
    @_binary_output("decision_function")
    def decision_function(self, X):
        """Return each link's decision value along the greedy chain.

        This follows scikit-learn's chain whatever ``inference`` is: the
        decision values of the links, each given the earlier links' outputs
        by ``chain_method``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        D : ndarray of shape (n_samples, n_labels)
            The decision values, in label order (positive means present).
        """
        X = self._check_predict_input(X)
        return self._greedy(X, "decision_function")

    def sample_joint(self, X, n_draws=None, random_state=None):
        """Draw label vectors from the chain's joint distribution.

        Ancestral sampling: for each draw, link ``k`` gives ``P(y = 1)``
        for label ``order_[k]`` given ``x`` and the labels drawn before it,
        and the label is drawn from it. Each row's draws are independent
        samples of ``P(y | x)``; the uniform variates are shared by the
        rows (common random numbers), so with a fixed ``random_state`` a
        row's draws do not depend on the other rows of ``X``.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        n_draws : int, default=None
            The number of label vectors drawn per sample. None means the
            estimator's ``n_draws``.

        random_state : int, RandomState instance or None, default=None
            The source of the draws. Pass an int for reproducible draws.

        Returns
        -------
        draws : ndarray of int of shape (n_samples, n_draws, n_labels)
            The drawn 0/1 label vectors, in the original label order.

        Raises
        ------
        ValueError
            If the chain is not a joint model (see ``inference``): fitted
            with ``chain_method`` other than "predict", with ``cv``, or on
            a base estimator without ``predict_proba``.
        """
        X = self._check_predict_input(X)
        self._check_joint_model("sample_joint")
        n_draws = self.n_draws if n_draws is None else n_draws
        if not isinstance(n_draws, Integral) or n_draws < 1:
            raise ValueError(f"n_draws must be a positive integer, got {n_draws!r}.")
        draws, _ = self._sample_chain_order(X, n_draws, random_state, stratified=False)
        return self._to_label_order(draws).astype(np.int64)

    # ---------------------------------------- internals used by the ensemble

    def _joint_log_proba(self, X, Y):
        """log P(Y[i, c] | X[i]) for label vectors given in label order."""
        _, lp = ci.propagate(self.estimators_, X, candidates=Y[..., self.order_])
        return lp

    def _state_codes(self):
        """Column permutation from chain-order to label-order state codes."""
        bits = ci.state_bits(1 << len(self.order_), len(self.order_)).astype(np.int64)
        return bits @ (np.int64(1) << self.order_.astype(np.int64))

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
