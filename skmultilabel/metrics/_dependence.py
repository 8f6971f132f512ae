"""Label statistics and label-dependence measures that scikit-learn lacks."""

import numpy as np
import scipy.sparse as sp
from scipy.stats import chi2, norm
from sklearn.utils.validation import _check_sample_weight

from ..utils import check_multilabel_target, label_names_of

__all__ = [
    "DependenceReport",
    "cooccurrence_matrix",
    "dependence_report",
    "label_cardinality",
    "label_density",
    "lift_matrix",
    "mutual_information_matrix",
    "phi_matrix",
]


def _check_Y(Y):
    Y01 = check_multilabel_target(Y, input_name="Y")
    return sp.csc_matrix(Y01, dtype=np.float64) if sp.issparse(Y01) else Y01


def _check_Y_and_names(Y, label_names):
    """``(Y01, names)``: the checked target and one name per label.

    ``label_names`` when given, else the DataFrame's columns, else
    ``"0" .. "L-1"``.
    """
    names = (
        label_names_of(Y)
        if label_names is None
        else np.asarray(label_names, dtype=object)
    )
    Y01 = _check_Y(Y)
    L = Y01.shape[1]
    if names is None:
        names = np.arange(L).astype(str).astype(object)
    if len(names) != L:
        raise ValueError(f"label_names has {len(names)} names for {L} labels")
    return Y01, names


def _counts(Y01, sample_weight=None):
    """Total weight n, per-label positives c (L,), co-occurrences C (L, L).

    Without ``sample_weight`` every sample weighs 1 and ``n`` is the number
    of samples.
    """
    if sample_weight is None:
        w = np.ones(Y01.shape[0])
    else:
        w = _check_sample_weight(sample_weight, Y01)
    if sp.issparse(Y01):
        Yw = sp.csc_matrix(Y01.multiply(w[:, None]))
        C = np.asarray((Yw.T @ Y01).todense(), dtype=np.float64)
        c = np.asarray(Yw.sum(axis=0), dtype=np.float64).ravel()
    else:
        Yf = Y01.astype(np.float64)
        C = (Yf * w[:, None]).T @ Yf
        c = w @ Yf
    return w.sum(), c, C


def label_cardinality(Y):
    """Return the mean number of labels per sample.

    Parameters
    ----------
    Y : array-like or sparse matrix of shape (n_samples, n_labels)
        The label indicator matrix.

    Returns
    -------
    cardinality : float
        The average number of positive labels in a row.

    See Also
    --------
    label_density : The cardinality divided by the number of labels.

    Examples
    --------
    >>> from skmultilabel.metrics import label_cardinality
    >>> label_cardinality([[1, 1, 0], [0, 1, 0], [0, 0, 0], [1, 1, 1]])
    1.5
    """
    Y01 = _check_Y(Y)
    return float(Y01.sum() / Y01.shape[0])


def label_density(Y):
    """Return the label cardinality divided by the number of labels.

    Parameters
    ----------
    Y : array-like or sparse matrix of shape (n_samples, n_labels)
        The label indicator matrix.

    Returns
    -------
    density : float
        The fraction of the entries of ``Y`` that are positive.

    See Also
    --------
    label_cardinality : The mean number of labels per sample.

    Examples
    --------
    >>> from skmultilabel.metrics import label_density
    >>> label_density([[1, 1, 0], [0, 1, 0], [0, 0, 0], [1, 1, 1]])
    0.5
    """
    Y01 = _check_Y(Y)
    return float(Y01.sum() / (Y01.shape[0] * Y01.shape[1]))


def cooccurrence_matrix(Y, *, normalize=None):
    """Return how often each pair of labels occurs together.

    Parameters
    ----------
    Y : array-like or sparse matrix of shape (n_samples, n_labels)
        The label indicator matrix.

    normalize : {None, "all", "row"}, default=None
        None gives counts (the diagonal holds each label's count); "all"
        divides by the number of samples, giving the joint probabilities
        :math:`P(y_i = 1, y_j = 1)`; "row" divides row ``i`` by the count of
        label ``i``, giving :math:`P(y_j = 1 \\mid y_i = 1)` (NaN for a label
        that never occurs).

    Returns
    -------
    C : ndarray of shape (n_labels, n_labels)
        The co-occurrence matrix, symmetric unless ``normalize="row"``.

    Examples
    --------
    >>> from skmultilabel.metrics import cooccurrence_matrix
    >>> Y = [[1, 1, 0], [0, 1, 0], [0, 0, 0], [1, 1, 1]]
    >>> cooccurrence_matrix(Y)
    array([[2., 2., 1.],
           [2., 3., 1.],
           [1., 1., 1.]])
    >>> cooccurrence_matrix(Y, normalize="row")[0]
    array([1. , 1. , 0.5])
    """
    if normalize not in (None, "all", "row"):
        raise ValueError(f"normalize must be None, 'all' or 'row', got {normalize!r}")
    n, c, C = _counts(_check_Y(Y))
    if normalize == "all":
        return C / n
    if normalize == "row":
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(c[:, None] > 0, C / np.where(c > 0, c, 1)[:, None], np.nan)
    return C


def lift_matrix(Y):
    """Return the lift of each label pair: :math:`P(i, j) / (P(i) P(j))`.

    1 means the two labels occur together as often as if independent,
    above 1 more often, below 1 less often (0: never together). NaN where
    a label never occurs.

    Parameters
    ----------
    Y : array-like or sparse matrix of shape (n_samples, n_labels)
        The label indicator matrix.

    Returns
    -------
    lift : ndarray of shape (n_labels, n_labels)
        The symmetric lift matrix; the diagonal holds :math:`1 / P(i)`.

    Examples
    --------
    >>> from skmultilabel.metrics import lift_matrix
    >>> lift_matrix([[1, 1, 0], [0, 0, 1], [1, 1, 0], [0, 0, 1]])
    array([[2., 2., 0.],
           [2., 2., 0.],
           [0., 0., 2.]])
    """
    n, c, C = _counts(_check_Y(Y))
    expected = np.outer(c, c) / n
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(expected > 0, C / np.where(expected > 0, expected, 1), np.nan)


def _pair_tables(n, c, C):
    """The four cells of each pair's 2x2 table, as probabilities."""
    p11 = C / n
    p10 = (c[:, None] - C) / n
    p01 = (c[None, :] - C) / n
    p00 = 1 - p11 - p10 - p01
    return p11, p10, p01, np.clip(p00, 0, 1)


def _plogp_ratio(p, q):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(
            p > 0, p * np.log(np.where(p > 0, p, 1) / np.where(q > 0, q, 1)), 0.0
        )


def mutual_information_matrix(Y, *, normalize=False, sample_weight=None):
    """Return the mutual information between each pair of labels, in nats.

    Parameters
    ----------
    Y : array-like or sparse matrix of shape (n_samples, n_labels)
        The label indicator matrix.

    normalize : bool, default=False
        Whether to divide by the smaller of the two label entropies, which
        gives 1 when one label determines the other and makes rare and
        frequent labels comparable (0 where a label is constant).

    sample_weight : array-like of shape (n_samples,), default=None
        Weights of the samples in the contingency counts; an integer weight
        counts as that many repeated rows.

    Returns
    -------
    mi : ndarray of shape (n_labels, n_labels)
        The symmetric matrix of mutual informations; the diagonal holds each
        label's entropy (1 when normalized, for a non-constant label).

    Examples
    --------
    >>> from skmultilabel.metrics import mutual_information_matrix
    >>> mi = mutual_information_matrix([[1, 1, 0], [0, 0, 1], [1, 1, 1], [0, 0, 0]])
    >>> mi.round(3)
    array([[0.693, 0.693, 0.   ],
           [0.693, 0.693, 0.   ],
           [0.   , 0.   , 0.693]])
    """
    n, c, C = _counts(_check_Y(Y), sample_weight)
    p = c / n
    p11, p10, p01, p00 = _pair_tables(n, c, C)
    pi, pj = p[:, None], p[None, :]
    mi = (
        _plogp_ratio(p11, pi * pj)
        + _plogp_ratio(p10, pi * (1 - pj))
        + _plogp_ratio(p01, (1 - pi) * pj)
        + _plogp_ratio(p00, (1 - pi) * (1 - pj))
    )
    mi = np.maximum(mi, 0.0)
    mi = (mi + mi.T) / 2
    if normalize:
        h = -_plogp_ratio(p, np.ones_like(p)) - _plogp_ratio(1 - p, np.ones_like(p))
        hmin = np.minimum(h[:, None], h[None, :])
        with np.errstate(invalid="ignore", divide="ignore"):
            mi = np.where(hmin > 1e-12, mi / np.where(hmin > 1e-12, hmin, 1), 0.0)
        mi = np.minimum(mi, 1.0)
    return mi


def phi_matrix(Y):
    """Return the phi coefficient (Pearson correlation) of each label pair.

    Parameters
    ----------
    Y : array-like or sparse matrix of shape (n_samples, n_labels)
        The label indicator matrix.

    Returns
    -------
    phi : ndarray of shape (n_labels, n_labels)
        Correlations in [-1, 1]; NaN where a label is constant.

    Examples
    --------
    >>> from skmultilabel.metrics import phi_matrix
    >>> phi_matrix([[1, 1, 0], [0, 0, 1], [1, 1, 1], [0, 0, 0]])
    array([[1., 1., 0.],
           [1., 1., 0.],
           [0., 0., 1.]])
    """
    n, c, C = _counts(_check_Y(Y))
    p = c / n
    cov = C / n - np.outer(p, p)
    sd = np.sqrt(p * (1 - p))
    with np.errstate(invalid="ignore", divide="ignore"):
        phi = cov / np.outer(sd, sd)
    phi[np.outer(sd, sd) == 0] = np.nan
    return np.clip(phi, -1, 1)


def _strength_word(value):
    if value < 0.1:
        return "weak"
    if value < 0.3:
        return "moderate"
    return "strong"


class DependenceReport:
    """The result of :func:`dependence_report`; print it for a summary.

    Attributes
    ----------
    n_samples, n_labels : int
        The shape of the label matrix.

    cardinality, density : float
        See :func:`label_cardinality` and :func:`label_density`.

    n_labelsets : int
        The number of distinct label sets (rows) in ``Y``.

    label_names : ndarray of object
        The label names.

    phi, lift, mutual_information, p_values : ndarray of shape (n_labels, n_labels)
        Pairwise measures; ``p_values`` are those of the G-test of
        independence of each pair.

    significant : ndarray of bool of shape (n_labels, n_labels)
        The pairs whose dependence is significant at level ``alpha`` after
        the Benjamini-Hochberg correction over all pairs.

    top_pairs : list of dict
        The most dependent significant pairs (by ``|phi|``), each with
        ``labels``, ``phi``, ``lift``, ``mutual_information``, ``p_value``
        and ``direction`` ("together" or "apart").

    strength : str
        "none" (no significant pair), "weak", "moderate" or "strong",
        from the mean ``|phi|`` over the significant pairs.

    conditional : dict or None
        With ``X``: the dependence left given the features, from the
        correlations of the out-of-fold residuals :math:`y_j - \\hat p_j(x)`:
        ``residual_phi`` (matrix), ``significant`` (per pair of the upper
        triangle, Fisher z-test with Benjamini-Hochberg at ``alpha``),
        ``mean_abs_residual_corr``, ``mean_abs_marginal_corr`` and
        ``strength`` ("no detectable", "weak", "moderate" or "strong", from the
        significant pairs).
    """

    def __init__(self, **fields):
        self.__dict__.update(fields)

    def __repr__(self):
        return (
            f"DependenceReport(n_samples={self.n_samples}, n_labels={self.n_labels}, "
            f"strength={self.strength!r}, n_significant_pairs="
            f"{int(np.triu(self.significant, 1).sum())})"
        )

    def __str__(self):
        L = self.n_labels
        n_pairs = L * (L - 1) // 2
        n_sig = int(np.triu(self.significant, 1).sum())
        lines = [
            f"{self.n_samples} samples, {L} labels, cardinality "
            f"{self.cardinality:.3f}, density {self.density:.3f}, "
            f"{self.n_labelsets} distinct label sets.",
        ]
        if n_pairs == 0:
            lines.append("One label: no pair to compare.")
            return "\n".join(lines)
        if n_sig == 0:
            lines.append(
                f"Marginal dependence: none detected (0 of {n_pairs} pairs "
                f"significant at alpha={self.alpha} after Benjamini-Hochberg)."
            )
        else:
            lines.append(
                f"Marginal dependence: {self.strength} ({n_sig} of {n_pairs} pairs "
                f"significant at alpha={self.alpha}; mean |phi| over them "
                f"{self.mean_abs_phi:.2f})."
            )
            if self.top_pairs:
                lines.append("Most dependent pairs:")
            for pair in self.top_pairs:
                a, b = pair["labels"]
                lines.append(
                    f"  {a} & {b}: phi={pair['phi']:+.2f}, lift={pair['lift']:.2f}, "
                    f"MI={pair['mutual_information']:.3f} nats, occur "
                    f"{pair['direction']}"
                )
        if self.conditional is not None:
            cond = self.conditional
            lines.append(
                f"Given X: {cond['strength']} dependence left (mean |corr| of "
                f"out-of-fold residuals {cond['mean_abs_residual_corr']:.3f}, "
                f"against {cond['mean_abs_marginal_corr']:.3f} for the labels "
                "themselves)."
            )
        return "\n".join(lines)


def _benjamini_hochberg(p, alpha):
    m = len(p)
    if m == 0:
        return np.zeros(0, dtype=bool)
    order = np.argsort(p)
    ranked = p[order] * m / np.arange(1, m + 1)
    passed = ranked <= alpha
    out = np.zeros(m, dtype=bool)
    if passed.any():
        out[order[: np.flatnonzero(passed).max() + 1]] = True
    return out


def dependence_report(
    Y, X=None, *, label_names=None, top=5, alpha=0.01, estimator=None, cv=5
):
    """Say how strongly the labels depend on each other, and which pairs.

    Each pair of labels gets a G-test of independence (:math:`G = 2 n
    \\mathrm{MI}`, chi-squared with one degree of freedom); the p-values
    are corrected for the number of pairs by Benjamini-Hochberg. The
    overall strength is read from the mean ``|phi|`` of the significant
    pairs: below 0.1 weak, below 0.3 moderate, else strong.

    This is *marginal* dependence. Whether labels still depend on each
    other once the features are known (*conditional* dependence, the kind
    that classifier chains and label powersets exploit for subset accuracy,
    see Dembczynski et al., 2012) needs ``X``: per-label probabilities are
    then estimated out of fold and the correlations of the residuals
    :math:`y_j - \\hat p_j(x)` are reported.

    Parameters
    ----------
    Y : array-like or sparse matrix of shape (n_samples, n_labels)
        The label indicator matrix (a DataFrame gives the label names).

    X : array-like or sparse matrix of shape (n_samples, n_features), default=None
        The features, to also measure the dependence left given them.

    label_names : array-like of str, default=None
        The label names; default the DataFrame columns or ``0 .. L-1``.

    top : int, default=5
        How many of the most dependent pairs to list.

    alpha : float, default=0.01
        The false discovery rate of the pairwise tests.

    estimator : classifier, default=None
        The per-label probabilistic classifier used with ``X``; None gives
        :class:`~sklearn.linear_model.LogisticRegression`.

    cv : int or cross-validation generator, default=5
        The out-of-fold scheme used with ``X`` (an int means
        :class:`~skmultilabel.model_selection.MultilabelStratifiedKFold`).

    Returns
    -------
    report : DependenceReport
        Printing it gives a short summary; its attributes hold the numbers.

    Examples
    --------
    >>> from skmultilabel.datasets import make_dependent_multilabel
    >>> from skmultilabel.metrics import dependence_report
    >>> X, Y = make_dependent_multilabel(2000, 4, dependence="marginal",
    ...                                  strength=0.8, random_state=0)
    >>> report = dependence_report(Y, X, top=2)
    >>> print(report)  # doctest: +NORMALIZE_WHITESPACE
    2000 samples, 4 labels, cardinality 1.474, density 0.368, 16 distinct label sets.
    Marginal dependence: moderate (6 of 6 pairs significant at alpha=0.01;
    mean |phi| over them 0.28).
    Most dependent pairs:
      0 & 1: phi=+0.33, lift=1.45, MI=0.054 nats, occur together
      1 & 3: phi=+0.32, lift=1.44, MI=0.051 nats, occur together
    Given X: no detectable dependence left (mean |corr| of out-of-fold
    residuals 0.0..., against 0.279 for the labels themselves).
    """
    if not (isinstance(top, int | np.integer) and top >= 0):
        raise ValueError(f"top must be a non-negative int, got {top!r}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha!r}")
    Y01, names = _check_Y_and_names(Y, label_names)
    n, L = Y01.shape
    n_, c, C = _counts(Y01)
    mi = mutual_information_matrix(Y01)
    phi = phi_matrix(Y01)
    lift = lift_matrix(Y01)
    G = 2 * n * mi
    p_values = chi2.sf(G, df=1)
    iu = np.triu_indices(L, 1)
    testable = ~np.isnan(phi[iu])
    sig_flat = np.zeros(len(iu[0]), dtype=bool)
    sig_flat[testable] = _benjamini_hochberg(p_values[iu][testable], alpha)
    significant = np.zeros((L, L), dtype=bool)
    significant[iu] = sig_flat
    significant |= significant.T
    abs_phi = np.abs(phi[iu])
    if sig_flat.any():
        mean_abs_phi = float(abs_phi[sig_flat].mean())
        strength = _strength_word(mean_abs_phi)
    else:
        mean_abs_phi = 0.0
        strength = "none"
    order = np.flatnonzero(sig_flat)[np.argsort(-abs_phi[sig_flat], kind="stable")]
    top_pairs = []
    for k in order[:top]:
        i, j = iu[0][k], iu[1][k]
        top_pairs.append(
            {
                "labels": (names[i], names[j]),
                "phi": float(phi[i, j]),
                "lift": float(lift[i, j]),
                "mutual_information": float(mi[i, j]),
                "p_value": float(p_values[i, j]),
                "direction": "together" if phi[i, j] > 0 else "apart",
            }
        )
    Yd = Y01.toarray() if sp.issparse(Y01) else Y01
    n_labelsets = len(np.unique(Yd, axis=0))
    conditional = None
    if X is not None:
        conditional = _conditional_dependence(X, Yd, phi, estimator, cv, alpha)
    return DependenceReport(
        n_samples=n,
        n_labels=L,
        cardinality=float(c.sum() / n),
        density=float(c.sum() / (n * L)),
        n_labelsets=n_labelsets,
        label_names=names,
        phi=phi,
        lift=lift,
        mutual_information=mi,
        p_values=p_values,
        significant=significant,
        alpha=alpha,
        mean_abs_phi=mean_abs_phi,
        top_pairs=top_pairs,
        strength=strength,
        conditional=conditional,
    )


def _conditional_dependence(X, Y, phi, estimator, cv, alpha):
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import check_cv, cross_val_predict

    from ..model_selection import MultilabelStratifiedKFold

    if isinstance(cv, int | np.integer):
        cv = MultilabelStratifiedKFold(int(cv))
    folds = list(check_cv(cv, Y, classifier=False).split(X, Y))
    estimator = LogisticRegression() if estimator is None else estimator
    n, L = Y.shape
    P = np.empty((n, L))
    for j in range(L):
        y = Y[:, j]
        if y.min() == y.max():
            P[:, j] = y
            continue
        ok = all(len(np.unique(y[train])) == 2 for train, _ in folds)
        if not ok:
            P[:, j] = y.mean()  # too rare to model: use the base rate
            continue
        P[:, j] = cross_val_predict(
            clone(estimator), X, y, cv=folds, method="predict_proba"
        )[:, 1]
    R = Y - P
    sd = R.std(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = np.atleast_2d(np.corrcoef(R.T)) if L > 1 else np.ones((1, 1))
    corr[np.outer(sd, sd) == 0] = np.nan
    iu = np.triu_indices(L, 1)
    resid = corr[iu]
    testable = np.isfinite(resid)
    # Fisher z-test of each residual correlation, Benjamini-Hochberg over pairs.
    z = np.arctanh(np.clip(resid[testable], -0.999999, 0.999999)) * np.sqrt(
        max(n - 3, 1)
    )
    sig = np.zeros(len(resid), dtype=bool)
    sig[testable] = _benjamini_hochberg(2 * norm.sf(np.abs(z)), alpha)
    marg = np.abs(phi[iu])
    mean_resid = float(np.abs(resid[testable]).mean()) if testable.any() else 0.0
    mean_marg = float(np.nanmean(marg)) if np.isfinite(marg).any() else 0.0
    if sig.any():
        strength = _strength_word(float(np.abs(resid[sig]).mean()))
    else:
        strength = "no detectable"
    return {
        "residual_phi": corr,
        "significant": sig,
        "mean_abs_residual_corr": mean_resid,
        "mean_abs_marginal_corr": mean_marg,
        "strength": strength,
    }
