"""Ensembles of classifier chains (Read et al., 2011)."""

from numbers import Integral, Real

import numpy as np
from scipy.special import logsumexp
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    MetaEstimatorMixin,
    _fit_context,
)
from sklearn.model_selection import BaseCrossValidator, GroupKFold, StratifiedGroupKFold
from sklearn.utils import _safe_indexing, check_random_state
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions
from sklearn.utils.metadata_routing import MetadataRouter, MethodMapping
from sklearn.utils.metaestimators import available_if
from sklearn.utils.parallel import Parallel, delayed
from sklearn.utils.validation import _check_method_params, check_is_fitted

from . import _chain_inference as ci
from ._base import (
    MultiLabelClassifierMixin,
    _base_has,
    _binary_output,
    _route_fit_params,
    _validate_X,
)
from ._chain import _CHAIN_METHODS, ClassifierChain, _reusable_cv

_MAX_SEED = np.iinfo(np.int32).max


def _fit_one_chain(chain, X, Y, indices, params, message):
    X_sub = X if indices is None else _safe_indexing(X, indices)
    Y_sub = Y if indices is None else Y[indices]
    sub_params = (
        params
        if indices is None
        else _check_method_params(X, params=params, indices=indices)
    )
    chain.fit(X_sub, Y_sub, **sub_params)
    if message is not None:
        print(message, flush=True)
    return chain


class _GroupedSplitter(BaseCrossValidator):
    """``splitter`` with ``groups`` bound: it splits a bootstrap sample so
    that the copies of one original row (one group) stay in one fold."""

    def __init__(self, splitter, groups):
        self.splitter = splitter
        self.groups = groups

    def split(self, X, y=None, groups=None):
        return self.splitter.split(X, y, self.groups)

    def get_n_splits(self, X=None, y=None, groups=None):
        return self.splitter.get_n_splits(X, y, self.groups)


def _chain_of_draws(n_draws, n_chains, rng):
    """The chain of each draw: ``d % n_chains``, except that the last
    ``n_draws % n_chains`` draws go to as many chains picked at random."""
    chain_of = np.arange(n_draws) % n_chains
    rest = n_draws % n_chains
    if rest:
        chain_of[n_draws - rest:] = np.sort(rng.choice(n_chains, rest, replace=False))
    return chain_of


class EnsembleClassifierChain(
    MultiLabelClassifierMixin, ClassifierMixin, MetaEstimatorMixin, BaseEstimator
):
    """An ensemble of classifier chains with different label orders.

    Each of ``n_chains`` :class:`ClassifierChain` models is fitted with its
    own label order (random by default) on its own sample of the training
    rows (a bootstrap sample by default), as in the ensembles of classifier
    chains of Read et al. The ensemble is a mixture of the chains' joint
    distributions, ``P(y | x) = mean_c P_c(y | x)``, which removes most of
    the sensitivity of a single chain to its order.

    - ``predict_proba`` averages the chains' marginals (greedy, exact or
      sampled, by ``inference``): the mixture's marginals.
    - ``predict`` with ``inference="greedy"`` is Read et al.'s vote, soft
      when the base estimator has ``predict_proba`` (a label is present when
      its averaged probability is above 0.5, so ``predict`` agrees with
      ``predict_proba``) and hard otherwise (present when at least half the
      chains predict it). Otherwise, with
      ``predict_mode="joint"``, it is the mixture's joint mode: exact
      (``inference="exact"``, the joint probabilities of the ``2**L``
      vectors averaged over the chains), or the best of a set of candidate
      vectors, the chains' final beams (``"beam"``) or draws from the
      mixture (``"sample"``), each scored by its mixture probability. With
      ``predict_mode="marginal"``, the labels whose mixture marginal is
      above 0.5.

    Parameters
    ----------
    estimator : estimator object, default=None
        The binary classifier cloned for each link of each chain. None means
        ``LogisticRegression()``.

    n_chains : int, default=10
        The number of chains.

    order : {"random", "dependency"}, array-like of shape (n_labels,) or \
            None, default="random"
        The label order of the chains: "random" gives each chain its own
        random permutation; None, "dependency" or an explicit permutation
        give every chain the same order (see :class:`ClassifierChain`);
        "dependency" is computed once, on all the training rows.

    cv : int, cross-validation generator, iterable or None, default=None
        Out-of-fold chain features, as in :class:`ClassifierChain`, made on
        each chain's own sample of rows. With ``bootstrap=True`` the copies
        of a row stay in one fold (the folds group the sample by original
        row; an int is then a stratified group k-fold per link, a splitter
        gives its number of folds to a group k-fold), so that no link is
        scored on a copy of a row it was fitted on. An iterable of (train,
        test) splits indexes all the training rows, so it needs every chain
        to see all of them in order (``bootstrap=False`` and
        ``max_samples=1.0``).

    chain_method : str or list of str, default="predict"
        The link output used as a chain feature, as in
        :class:`ClassifierChain`.

    bootstrap : bool, default=True
        Whether each chain's training rows are drawn with replacement
        (bagging). When False they are drawn without replacement.

    max_samples : int or float, default=1.0
        The number of training rows of each chain: an int, or a fraction of
        the training rows. With ``bootstrap=False`` and 1.0 every chain
        sees all the rows (and only the orders differ).

    inference : {"greedy", "exact", "beam", "sample"}, default="greedy"
        The inference of each chain (see :class:`ClassifierChain`) and of
        the mixture, as described above.

    predict_mode : {"joint", "marginal"}, default="joint"
        What ``predict`` returns when ``inference`` is not "greedy": the
        mixture's joint mode (subset accuracy) or its thresholded marginals
        (Hamming loss).

    beam_width : int, default=10
        The beam width of each chain for ``inference="beam"``.

    n_draws : int, default=200
        The number of draws per row from the mixture, spread evenly over
        the chains, for ``inference="sample"`` and the marginals of
        ``inference="beam"``.

    max_exact_labels : int, default=16
        The largest number of labels ``inference="exact"`` accepts (up to
        20).

    n_jobs : int, default=None
        The number of chains fitted in parallel. None means 1 unless in a
        :obj:`joblib.parallel_backend` context; -1 means all processors.

    random_state : int, RandomState instance or None, default=None
        Draws the chains' orders and training rows at fit time, and the
        uniform variates of sampling at prediction time.

    verbose : int, default=0
        When above 0, print a line as each chain is fitted.

    Attributes
    ----------
    estimators_ : list of ClassifierChain
        The fitted chains.

    estimators_samples_ : list of ndarray
        The training rows of each chain (indices into the training data).

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
        Names of features seen during ``fit``, when ``X`` has string
        column names.

    See Also
    --------
    ClassifierChain : A single chain, and the meaning of the inference
        parameters.

    Notes
    -----
    There is no ``decision_function``: averaged decision values of the
    chains would disagree with the vote and with the averaged
    probabilities. Rank by ``predict_proba`` instead.

    With ``bootstrap=True`` on small data with rare labels, a chain's sample
    often holds no positive of a rare label, whose link then always
    predicts it absent; ``bootstrap=False`` (every chain sees every row,
    only the orders differ) avoids this.

    References
    ----------
    .. [1] J. Read, B. Pfahringer, G. Holmes, E. Frank, "Classifier chains
       for multi-label classification", Machine Learning 85(3), 2011.
    .. [2] K. Dembczynski, W. Cheng, E. Hüllermeier, "Bayes optimal
       multilabel classification via probabilistic classifier chains",
       ICML 2010.

    Examples
    --------
    >>> from sklearn.datasets import make_multilabel_classification
    >>> from skmultilabel import EnsembleClassifierChain
    >>> X, Y = make_multilabel_classification(n_samples=200, n_classes=4,
    ...                                       random_state=0)
    >>> ecc = EnsembleClassifierChain(n_chains=5, random_state=0).fit(X, Y)
    >>> ecc.predict(X[:2])
    array([[1, 0, 0, 0],
           [0, 1, 0, 0]])
    >>> ecc.set_params(inference="exact").predict_proba(X[:2]).round(2)
    array([[0.98, 0.  , 0.36, 0.  ],
           [0.28, 0.66, 0.06, 0.07]])
    >>> ecc.sample_joint(X[:2], n_draws=10, random_state=0).shape
    (2, 10, 4)
    """

    _parameter_constraints = {
        "estimator": [HasMethods(["fit", "predict"]), None],
        "n_chains": [Interval(Integral, 1, None, closed="left")],
        "order": ["array-like", StrOptions({"random", "dependency"}), None],
        "cv": ["cv_object"],
        "chain_method": [list, tuple, StrOptions(_CHAIN_METHODS)],
        "bootstrap": ["boolean"],
        "max_samples": [
            Interval(Integral, 1, None, closed="left"),
            Interval(Real, 0, 1, closed="right"),
        ],
        "inference": [StrOptions({"greedy", "exact", "beam", "sample"})],
        "predict_mode": [StrOptions({"joint", "marginal"})],
        "beam_width": [Interval(Integral, 1, None, closed="left")],
        "n_draws": [Interval(Integral, 1, None, closed="left")],
        "max_exact_labels": [Interval(Integral, 1, 20, closed="both")],
        "n_jobs": [Integral, None],
        "random_state": ["random_state"],
        "verbose": ["verbose"],
    }

    def __init__(
        self,
        estimator=None,
        *,
        n_chains=10,
        order="random",
        cv=None,
        chain_method="predict",
        bootstrap=True,
        max_samples=1.0,
        inference="greedy",
        predict_mode="joint",
        beam_width=10,
        n_draws=200,
        max_exact_labels=16,
        n_jobs=None,
        random_state=None,
        verbose=0,
    ):
        self.estimator = estimator
        self.n_chains = n_chains
        self.order = order
        self.cv = cv
        self.chain_method = chain_method
        self.bootstrap = bootstrap
        self.max_samples = max_samples
        self.inference = inference
        self.predict_mode = predict_mode
        self.beam_width = beam_width
        self.n_draws = n_draws
        self.max_exact_labels = max_exact_labels
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.verbose = verbose

    def _sample_rows(self, n_samples, rng):
        if isinstance(self.max_samples, Integral):
            if self.max_samples > n_samples:
                raise ValueError(
                    f"max_samples={self.max_samples} is more than the "
                    f"{n_samples} training samples."
                )
            n_sub = int(self.max_samples)
        else:
            n_sub = max(1, int(round(self.max_samples * n_samples)))
        if self.bootstrap:
            return rng.randint(0, n_samples, n_sub)
        if n_sub == n_samples:
            return None
        return np.sort(rng.permutation(n_samples)[:n_sub])

    def _chain_cv(self, cv, rows):
        """The ``cv`` of the chain fitted on the rows ``rows`` (None: all)."""
        if cv is None or rows is None:
            return cv
        if isinstance(cv, list):
            raise ValueError(
                "cv is a list of (train, test) splits of all the training "
                "rows, but each chain is fitted on its own sample of them "
                f"(bootstrap={self.bootstrap}, max_samples={self.max_samples}). "
                "Pass an int or a splitter, or bootstrap=False with "
                "max_samples=1.0."
            )
        if not self.bootstrap:
            return cv  # distinct rows: the chain splits its sample as it is
        if isinstance(cv, Integral):
            return _GroupedSplitter(StratifiedGroupKFold(cv), rows)
        return _GroupedSplitter(GroupKFold(cv.get_n_splits()), rows)

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y, sample_weight=None, **fit_params):
        """Fit the chains, each on its own order and sample of rows.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        y : {array-like, sparse matrix, DataFrame} of shape (n_samples, n_labels)
            The 0/1 (or boolean) indicator matrix of the labels.

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights passed to every link's classifier.

        **fit_params : dict
            Further parameters for the base estimator's ``fit``.

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
        order = self.order
        if isinstance(order, str) and order == "dependency":
            # one order for every chain, from all the training rows
            order = ClassifierChain(order=order)._resolve_order(
                Y, None, sample_weight
            )
        rng = check_random_state(self.random_state)
        seeds = rng.randint(_MAX_SEED, size=self.n_chains)
        cv = _reusable_cv(self.cv)  # a generator of splits serves every chain
        samples, chains = [], []
        for seed in seeds:
            chain_rng = np.random.RandomState(seed)
            rows = self._sample_rows(Y.shape[0], chain_rng)
            samples.append(rows)
            chains.append(
                ClassifierChain(
                    self.estimator,
                    order=order,
                    cv=self._chain_cv(cv, rows),
                    chain_method=self.chain_method,
                    random_state=int(seed),
                )
            )
        n_chains = self.n_chains
        self.estimators_ = Parallel(n_jobs=self.n_jobs)(
            delayed(_fit_one_chain)(
                chain,
                X,
                Y,
                rows,
                params,
                f"[{type(self).__name__}] chain {c + 1}/{n_chains} fitted"
                if self.verbose
                else None,
            )
            for c, (chain, rows) in enumerate(zip(chains, samples, strict=True))
        )
        self.estimators_samples_ = [
            np.arange(Y.shape[0]) if rows is None else rows for rows in samples
        ]
        return self

    # -------------------------------------------------------------- predict

    def _check_predict_input(self, X):
        check_is_fitted(self)
        self._validate_params()
        X = _validate_X(self, X, reset=False, base_estimator=self._base_estimator())
        return self.estimators_[0]._prepare_X(X)

    def _check_joint_model(self, what):
        for chain in self.estimators_:
            chain._check_joint_model(what, self.inference, self.max_exact_labels)

    def _draws(self, X, n_draws, random_state, stratified=True):
        """Draws from the mixture in label order.

        Draw ``d`` comes from chain ``d % n_chains``, except the last
        ``n_draws % n_chains`` draws: they come from as many chains picked
        at random, so that every chain has the expected share
        ``1 / n_chains`` of the draws and their mean is an unbiased estimate
        of the mixture's marginals.
        """
        rng = check_random_state(random_state)
        chain_of = _chain_of_draws(n_draws, len(self.estimators_), rng)
        out = np.empty((X.shape[0], n_draws, self._n_labels()), dtype=np.int8)
        for c, chain in enumerate(self.estimators_):
            idx = np.flatnonzero(chain_of == c)
            if idx.size == 0:
                continue
            draws, _ = chain._sample_chain_order(X, idx.size, rng, stratified)
            out[:, idx] = chain._to_label_order(draws)
        return out

    def _mixture_log_proba(self, X, candidates):
        """log mean_c P_c(candidate | x) for label vectors in label order."""
        scores = np.stack(
            [chain._joint_log_proba(X, candidates) for chain in self.estimators_]
        )
        return logsumexp(scores, axis=0) - np.log(len(self.estimators_))

    def _best_of(self, X, candidates):
        lp = self._mixture_log_proba(X, candidates)
        best = np.argmax(lp, axis=1)
        return candidates[np.arange(X.shape[0]), best]

    def _exact_mode(self, X):
        n_labels = self._n_labels()
        n_states = 1 << n_labels
        bits = ci.state_bits(n_states, n_labels)
        mode = np.empty((X.shape[0], n_labels), dtype=np.int8)
        codes = [chain._state_codes() for chain in self.estimators_]
        for chunk in ci.row_chunks(X, n_labels, n_states):
            joint = np.zeros((chunk.stop - chunk.start, n_states))
            for chain, code in zip(self.estimators_, codes, strict=True):
                log_joint = ci.exact_log_joint(chain.estimators_, X[chunk])
                joint[:, code] += np.exp(log_joint)
            mode[chunk] = bits[np.argmax(joint, axis=1)]
        return mode

    def _marginals(self, X):
        if self.inference == "exact":
            return np.mean(
                [
                    chain._to_label_order(ci.exact_inference(chain.estimators_, X)[0])
                    for chain in self.estimators_
                ],
                axis=0,
            )
        return self._draws(X, self.n_draws, self.random_state).mean(axis=1)

    def predict(self, X):
        """Predict the labels of each sample.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_samples, n_features)
            The input samples.

        Returns
        -------
        Y : ndarray or sparse CSR matrix of shape (n_samples, n_labels)
            The predicted labels in the target's encoding: the chains'
            (soft) vote for ``inference="greedy"``, otherwise the mixture's
            joint mode or its thresholded marginals (``predict_mode``).
        """
        X = self._check_predict_input(X)
        if self.inference == "greedy":
            if hasattr(self._base_estimator(), "predict_proba"):
                proba = np.mean(
                    [chain._greedy(X, "predict_proba") for chain in self.estimators_],
                    axis=0,
                )
                return self._format_predictions(proba > 0.5)
            votes = np.mean(
                [chain._greedy(X, "predict") for chain in self.estimators_], axis=0
            )
            return self._format_predictions(votes >= 0.5)
        self._check_joint_model(f"inference={self.inference!r}")
        if self.predict_mode == "marginal":
            return self._format_predictions(self._marginals(X) > 0.5)
        if self.inference == "exact":
            return self._format_predictions(self._exact_mode(X))
        if self.inference == "beam":
            candidates = np.concatenate(
                [
                    chain._to_label_order(
                        ci.beam_search(chain.estimators_, X, self.beam_width)[0]
                    )
                    for chain in self.estimators_
                ],
                axis=1,
            )
        else:
            candidates = self._draws(X, self.n_draws, self.random_state)
        return self._format_predictions(self._best_of(X, candidates))

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
            The chains' marginals P(label j = 1 | x) averaged: greedy link
            probabilities for ``inference="greedy"``, otherwise exact or
            sampled marginals of the mixture.
        """
        X = self._check_predict_input(X)
        if self.inference == "greedy":
            return np.mean(
                [chain._greedy(X, "predict_proba") for chain in self.estimators_],
                axis=0,
            )
        self._check_joint_model(f"inference={self.inference!r}")
        return self._marginals(X)

    def sample_joint(self, X, n_draws=None, random_state=None):
        """Draw label vectors from the ensemble's mixture distribution.

        The draws are spread evenly over the chains: draw ``d`` of every
        row is an ancestral sample of chain ``d % n_chains`` (a stratified
        sample of the mixture ``mean_c P_c(y | x)``); when ``n_draws`` is not
        a multiple of ``n_chains``, the last ``n_draws % n_chains`` draws
        come from as many chains picked at random, so that each chain's
        expected share of the draws is ``1 / n_chains``. As for
        :meth:`ClassifierChain.sample_joint`, the uniform variates are
        shared by the rows, so with a fixed ``random_state`` a row's draws
        do not depend on the other rows of ``X``.

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
            If the chains are not joint models (fitted with
            ``chain_method`` other than "predict", with ``cv``, or on a
            base estimator without ``predict_proba``).
        """
        X = self._check_predict_input(X)
        for chain in self.estimators_:
            chain._check_joint_model("sample_joint", "sample")
        n_draws = self.n_draws if n_draws is None else n_draws
        if not isinstance(n_draws, Integral) or n_draws < 1:
            raise ValueError(f"n_draws must be a positive integer, got {n_draws!r}.")
        return self._draws(X, n_draws, random_state, stratified=False).astype(np.int64)

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
