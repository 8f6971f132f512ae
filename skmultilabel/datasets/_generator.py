"""Synthetic multi-label data whose label dependence the user sets."""

import numbers

import numpy as np
from scipy.special import expit, logit
from sklearn.utils import Bunch, check_random_state
from sklearn.utils._param_validation import Interval, StrOptions, validate_params

__all__ = ["make_dependent_multilabel"]

_DEPENDENCE = ("independent", "marginal", "conditional", "mode_gap")
_DEFAULT_STRENGTH = {
    "independent": 0.0,
    "marginal": 0.5,
    "conditional": 0.5,
    "mode_gap": 1.0,
}
# The joint label distribution is tabulated (2**n_labels entries per sample)
# to compute the Bayes-optimal subset-accuracy prediction.
_MAX_TABLE_LABELS = 12
_N_QUADRATURE = 40


def _bits(n_labels):
    """All 2**n_labels label vectors, as rows of a 0/1 matrix."""
    codes = np.arange(2**n_labels)
    return ((codes[:, None] >> np.arange(n_labels)) & 1).astype(np.float64)


def _product_table(P, B):
    """P(y | x) of independent Bernoulli labels, for every y in ``B``."""
    eps = 1e-300
    return np.exp(np.log(P + eps) @ B.T + np.log(1 - P + eps) @ (1 - B.T))


def _flip_table(table, flip_y, n_labels):
    """Pass the joint table through independent label flips of rate ``flip_y``."""
    if flip_y == 0:
        return table
    n = table.shape[0]
    shape = (n,) + (2,) * n_labels
    # Bits are little-endian in the code; axis k+1 of the reshaped table is
    # label n_labels - 1 - k in C order.
    T = table.reshape(shape)
    for axis in range(1, n_labels + 1):
        T = (1 - flip_y) * T + flip_y * np.flip(T, axis=axis)
    return T.reshape(n, -1)


@validate_params(
    {
        "n_samples": [Interval(numbers.Integral, 1, None, closed="left")],
        "n_labels": [Interval(numbers.Integral, 1, None, closed="left")],
        "n_features": [Interval(numbers.Integral, 1, None, closed="left"), None],
        "dependence": [StrOptions(set(_DEPENDENCE))],
        "strength": [Interval(numbers.Real, 0, 1, closed="both"), None],
        "separation": [Interval(numbers.Real, 0, None, closed="left")],
        "density": [Interval(numbers.Real, 0, 1, closed="neither")],
        "flip_y": [Interval(numbers.Real, 0, 0.5, closed="left")],
        "return_bayes": ["boolean"],
        "random_state": ["random_state"],
    },
    prefer_skip_nested_validation=True,
)
def make_dependent_multilabel(
    n_samples=1000,
    n_labels=5,
    *,
    n_features=None,
    dependence="conditional",
    strength=None,
    separation=2.0,
    density=0.3,
    flip_y=0.0,
    return_bayes=False,
    random_state=None,
):
    r"""Generate multi-label data with a chosen kind and strength of label dependence.

    The four settings follow Dembczynski et al. (2012). Features are
    standard normal; column ``j`` (for ``j < n_labels``) is the own signal
    :math:`u_j` of label ``j``, column ``n_labels`` is a shared factor
    :math:`z`, and the remaining columns are pure noise. Labels are drawn
    from logistic models :math:`P(y_j = 1 \mid \cdot) = \sigma(a\,\eta_j +
    b_j)`, with ``a = separation`` and :math:`b_j` set so that label ``j``
    occurs in about a fraction ``density`` of the samples (the rates vary
    between labels, from ``density / 2`` to ``1.5 * density``, capped at
    0.999). The offsets come from an approximation that is close between
    0.1 and 0.8 (within 5% at the default separation) but makes rare labels
    rarer: ``density=0.05`` gives about 0.04, 0.01 about 0.005 (0.003 at
    separation 4). With
    ``s = strength``:

    ``"independent"``
        Marginal independence: :math:`\eta_j = u_j`. Each label has its own
        features; the labels are independent, marginally and given x.
        ``strength`` must be 0 (or None).

    ``"marginal"``
        Marginal dependence with conditional independence:
        :math:`\eta_j = \sqrt{1-s}\,u_j + \sqrt{s}\,z`. The labels share the
        *observed* factor z, so they are correlated, but given x they are
        drawn independently.

    ``"conditional"``
        Conditional dependence: :math:`\eta_j = \sqrt{1-s}\,u_j +
        \sqrt{s}\,h` with a *hidden* :math:`h \sim N(0, 1)` drawn per sample
        and not part of X. The labels stay dependent given x (positively:
        h raises or lowers all of them together).

    ``"mode_gap"``
        The extreme case where the joint mode differs from the marginal
        modes. With probability :math:`\pi` a sample has no label; otherwise
        it has every label but one, the missing one drawn with probabilities
        :math:`\mathrm{softmax}(a\,u)`. :math:`\pi = s\,\pi_{\max}` with
        :math:`\pi_{\max} = (L-2)/(2(L-1))`, the largest value that keeps the
        average label marginal at least 1/2 (exactly 1/2 at ``s = 1``).
        Label ``j``'s marginal is :math:`(1 - \pi)(1 - q_j)`, with
        :math:`q = \mathrm{softmax}(a\,u)`, so the marginal modes leave out
        the labels most likely to be the missing one: with 5 labels and the
        defaults, one label for 47% of the samples and two or more (a set
        that never occurs) for 53%. The joint mode is the empty set
        (probability :math:`\pi`; for 45% of the samples with 5 labels, 80%
        with 8) or the most likely "all but one". Needs ``n_labels >= 3``;
        ``density`` is not used.

    Finally each label is flipped with probability ``flip_y``.

    Which predictor is Bayes-optimal (``return_bayes=True`` returns both):

    =================  ==========================  ================================
    dependence         Hamming loss                subset accuracy (0/1 loss)
    =================  ==========================  ================================
    independent        marginal modes (BR)         marginal modes (BR)
    marginal           marginal modes (BR)         marginal modes (BR): given x the
                                                   labels are independent
    conditional        marginal modes (BR)         joint mode: can differ from the
                                                   marginal modes (e.g. a chain with
                                                   joint inference)
    mode_gap           marginal modes (BR)         joint mode, usually far from the
                                                   marginal modes
    =================  ==========================  ================================

    "BR" is binary relevance with well-calibrated per-label probabilities
    thresholded at 1/2; the joint mode is :math:`\arg\max_y P(y \mid x)`,
    which a probabilistic classifier chain with exact or beam inference
    approximates, or a label powerset.

    Parameters
    ----------
    n_samples : int, default=1000
        The number of samples.

    n_labels : int, default=5
        The number of labels.

    n_features : int, default=None
        The number of features, at least ``n_labels + 1``; the columns past
        ``n_labels`` are noise. None gives ``2 * n_labels + 10``.

    dependence : str, default="conditional"
        The kind of label dependence: "independent", "marginal",
        "conditional" or "mode_gap", see above.

    strength : float in [0, 1], default=None
        The strength of the dependence: the share of the logit variance due
        to the shared (``"marginal"``) or hidden (``"conditional"``) factor,
        or :math:`\pi / \pi_{\max}` for ``"mode_gap"``. 0 gives independent
        labels for ``"marginal"`` and ``"conditional"``. None gives 0.5, and
        1.0 for ``"mode_gap"`` (the largest gap).

    separation : float, default=2.0
        The scale ``a`` of the logits: larger values make the labels easier
        to predict from the features (less intrinsic noise).

    density : float in (0, 1), default=0.3
        The average fraction of samples that have a label, approximately
        (see above: below 0.1 the labels come out rarer than asked).

    flip_y : float in [0, 0.5), default=0.0
        The probability that a label value is flipped (label noise).

    return_bayes : bool, default=False
        Whether to also return the Bayes-optimal predictions.

    random_state : int, RandomState instance or None, default=None
        Seed for reproducible output.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
        The features.

    Y : ndarray of shape (n_samples, n_labels)
        The label indicator matrix, int64 0/1.

    bayes : :class:`~sklearn.utils.Bunch`
        Only with ``return_bayes=True``. ``marginals``: the true
        :math:`P(y_j = 1 \mid x)`; ``hamming``: the marginal modes, the
        Bayes-optimal prediction for Hamming loss; ``subset``: the joint
        mode, the Bayes-optimal prediction for subset accuracy;
        ``hamming_subset_accuracy`` and ``subset_subset_accuracy``: the
        probabilities :math:`P(Y = \hat y \mid x)` of each prediction (their
        means are the expected subset accuracies). For ``"conditional"``
        and ``"mode_gap"`` the joint mode is found by enumeration, so it
        needs ``n_labels <= 12`` (otherwise ``subset`` is None and the two
        accuracies are NaN).

    References
    ----------
    .. [1] K. Dembczynski, W. Waegeman, W. Cheng, E. Hüllermeier. "On label
       dependence and loss minimization in multi-label classification."
       Machine Learning 88, 5-45, 2012.

    Examples
    --------
    >>> from skmultilabel.datasets import make_dependent_multilabel
    >>> X, Y, bayes = make_dependent_multilabel(
    ...     500, 5, dependence="mode_gap", return_bayes=True, random_state=0)
    >>> X.shape, Y.shape
    ((500, 20), (500, 5))
    >>> # Expected subset accuracy of the two Bayes-optimal predictors:
    >>> print(f"{bayes.hamming_subset_accuracy.mean():.2f}",
    ...       f"{bayes.subset_subset_accuracy.mean():.2f}")
    0.24 0.44
    """
    rng = check_random_state(random_state)
    L = int(n_labels)
    n_features = 2 * L + 10 if n_features is None else int(n_features)
    if n_features < L + 1:
        raise ValueError(
            f"n_features={n_features} is too small: the generator needs one "
            f"feature per label and a shared one, n_features >= n_labels + 1 = {L + 1}."
        )
    if strength is None:
        strength = _DEFAULT_STRENGTH[dependence]
    s = float(strength)
    if dependence == "independent" and s != 0:
        raise ValueError(
            "dependence='independent' has no strength: pass strength=None or 0 "
            f"(got {strength!r}); use dependence='marginal' or 'conditional' "
            "for dependent labels."
        )
    if dependence == "mode_gap" and L < 3:
        raise ValueError(
            f"dependence='mode_gap' needs n_labels >= 3, got n_labels={L}: with "
            "fewer labels the joint mode and the marginal modes cannot differ "
            "by construction."
        )

    X = rng.standard_normal((n_samples, n_features))
    U = X[:, :L]
    z = X[:, L]
    a = float(separation)

    if dependence == "mode_gap":
        pi = s * (L - 2) / (2 * (L - 1))
        q = np.exp(a * U - (a * U).max(axis=1, keepdims=True))
        q /= q.sum(axis=1, keepdims=True)
        empty = rng.random(n_samples) < pi
        dropped = (q.cumsum(axis=1) > rng.random((n_samples, 1))).argmax(axis=1)
        Y = np.ones((n_samples, L), dtype=np.int64)
        Y[np.arange(n_samples), dropped] = 0
        Y[empty] = 0
    else:
        # Per-label rates between density/2 and 1.5*density; the offset
        # corrects for the spread of a*eta (probit approximation of the
        # logistic-normal mean).
        rates = np.clip(density * rng.uniform(0.5, 1.5, size=L), 1e-3, 1 - 1e-3)
        b = logit(rates) * np.sqrt(1 + np.pi * a**2 / 8)
        if dependence == "independent":
            eta = U
        elif dependence == "marginal":
            eta = np.sqrt(1 - s) * U + np.sqrt(s) * z[:, None]
        else:
            h = rng.standard_normal(n_samples)
            eta = np.sqrt(1 - s) * U + np.sqrt(s) * h[:, None]
        P = expit(a * eta + b)
        Y = (rng.random((n_samples, L)) < P).astype(np.int64)
    if flip_y > 0:
        Y ^= (rng.random(Y.shape) < flip_y).astype(np.int64)

    if not return_bayes:
        return X, Y

    bayes = Bunch()
    if dependence in ("independent", "marginal"):
        P = (1 - flip_y) * P + flip_y * (1 - P)
        hamming = (P > 0.5).astype(np.int64)
        prob = np.prod(np.where(hamming == 1, P, 1 - P), axis=1)
        bayes.update(
            marginals=P,
            hamming=hamming,
            subset=hamming.copy(),
            hamming_subset_accuracy=prob,
            subset_subset_accuracy=prob.copy(),
        )
        return X, Y, bayes

    # Tabulate P(y | x) when it fits, else marginals only.
    tabulate = L <= _MAX_TABLE_LABELS
    marginals = np.empty((n_samples, L))
    hamming_acc = np.full(n_samples, np.nan)
    subset_pred = np.zeros((n_samples, L), dtype=np.int64) if tabulate else None
    subset_acc = np.full(n_samples, np.nan)
    if dependence == "conditional":
        nodes, weights = np.polynomial.hermite_e.hermegauss(_N_QUADRATURE)
        weights = weights / weights.sum()
    B = _bits(L) if tabulate else None
    chunk = max(
        1,
        2**20
        // (2**L if tabulate else 1)
        // (_N_QUADRATURE if dependence == "conditional" else 1),
    )
    for start in range(0, n_samples, chunk):
        sl = slice(start, min(start + chunk, n_samples))
        n = sl.stop - sl.start
        if dependence == "conditional":
            # P(y_j=1 | x, h) at the quadrature nodes: (n, K, L)
            Ph = expit(
                a
                * (np.sqrt(1 - s) * U[sl, None, :] + np.sqrt(s) * nodes[None, :, None])
                + b
            )
            marginals[sl] = np.einsum("k,nkl->nl", weights, Ph)
            if tabulate:
                table = np.zeros((n, 2**L))
                for k in range(len(nodes)):
                    table += weights[k] * _product_table(Ph[:, k, :], B)
        else:  # mode_gap
            qs = q[sl]
            marginals[sl] = (1 - pi) * (1 - qs)
            if tabulate:
                table = np.zeros((n, 2**L))
                table[:, 0] += pi
                full = 2**L - 1
                for j in range(L):
                    table[:, full - 2**j] += (1 - pi) * qs[:, j]
        marginals[sl] = (1 - flip_y) * marginals[sl] + flip_y * (1 - marginals[sl])
        if tabulate:
            table = _flip_table(table, flip_y, L)
            # The code of a label vector is sum_j y_j 2**j; _flip_table flips
            # every axis, so the bit order does not matter.
            mode = table.argmax(axis=1)
            subset_pred[sl] = B[mode].astype(np.int64)
            subset_acc[sl] = table[np.arange(n), mode]
            ham = (marginals[sl] > 0.5).astype(np.int64)
            ham_code = ham @ (2 ** np.arange(L))
            hamming_acc[sl] = table[np.arange(n), ham_code]
    bayes.update(
        marginals=marginals,
        hamming=(marginals > 0.5).astype(np.int64),
        subset=subset_pred,
        hamming_subset_accuracy=hamming_acc,
        subset_subset_accuracy=subset_acc,
    )
    return X, Y, bayes
