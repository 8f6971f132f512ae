"""The label-coupled objective of :class:`~skmultilabel.LGBMMultiLabelClassifier`.

One LightGBM model holds one tree sequence per label (``num_class = L``);
``F[i, j]`` is the raw score (log-odds) of label ``j`` for sample ``i``. The
loss of sample ``i`` is

.. math::

    \\ell_i(F_i) = w_i \\Big[\\sum_j c_{ij}\\,
    \\mathrm{BCE}(F_{ij}, y_{ij})
    + \\lambda \\log\\Big(1 + \\sum_{p \\in P_i} \\sum_{q \\in N_i}
    e^{F_{iq} - F_{ip}}\\Big)\\Big]

with ``P_i`` the labels present in sample ``i``, ``N_i`` the absent ones,
``w_i`` the sample weight, ``c_ij`` the per-label class weight and
``lambda`` the ranking weight. The second term is the log-sum-exp pairwise
ranking loss (LSEP; Li et al., 2017), a smooth form of the BP-MLL loss of
Zhang and Zhou (2006): it pushes every present label's score above every
absent label's score of the same sample, so the gradient of a label depends
on the other labels of that sample.

The double sum factorises, ``sum_{p, q} exp(F_q - F_p) = A_i * B_i`` with
``A_i = sum_{q in N_i} exp(F_q)`` and ``B_i = sum_{p in P_i} exp(-F_p)``, so
loss, gradient and (diagonal) Hessian cost O(L) per sample, not O(L^2):

* ``d/dF_q = exp(F_q) B / (1 + AB)`` for an absent label ``q``;
* ``d/dF_p = -exp(-F_p) A / (1 + AB)`` for a present label ``p``;
* the diagonal second derivative is ``|g| (1 - |g|)`` in both cases.

Everything is computed in log space, so it neither overflows nor underflows.
"""

import numpy as np


def _masked_logsumexp(values, mask):
    """Row-wise ``log(sum(exp(values[mask])))``; -inf for rows with no entry."""
    masked = np.where(mask, values, -np.inf)
    top = masked.max(axis=1)
    finite = np.isfinite(top)
    shift = np.where(finite, top, 0.0)
    with np.errstate(divide="ignore"):
        total = np.log(np.exp(masked - shift[:, None]).sum(axis=1))
    return np.where(finite, total + shift, -np.inf)


def _sigmoid(F):
    out = np.empty_like(F)
    pos = F >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-F[pos]))
    e = np.exp(F[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def coupled_loss(F, Y, *, ranking_weight, label_weight=None, sample_weight=None,
                 return_grad=False):
    """Loss (and gradient, Hessian) of the label-coupled objective.

    Parameters
    ----------
    F : ndarray of shape (n_samples, n_labels)
        Raw scores (log-odds), one column per label.
    Y : ndarray of shape (n_samples, n_labels)
        The 0/1 targets.
    ranking_weight : float
        The weight ``lambda`` of the pairwise ranking term; 0 gives plain
        binary cross-entropy summed over the labels.
    label_weight : ndarray of shape (n_samples, n_labels), default=None
        Weights ``c_ij`` of the binary cross-entropy terms (class weights
        per label); None means 1.
    sample_weight : ndarray of shape (n_samples,), default=None
        Weights ``w_i`` of the samples; None means 1.
    return_grad : bool, default=False
        Whether to also return the gradient and the diagonal Hessian.

    Returns
    -------
    loss : float
        The weighted mean over samples of the per-sample loss.
    grad, hess : ndarray of shape (n_samples, n_labels)
        First and diagonal second derivatives of the total (summed) loss with
        respect to ``F``. Only when ``return_grad=True``.
    """
    F = np.asarray(F, dtype=np.float64)
    Y = np.asarray(Y)
    pos = Y > 0
    # Binary cross-entropy, log(1 + exp(-F)) for y = 1, log(1 + exp(F)) for y = 0.
    signed = np.where(pos, -F, F)
    bce = np.logaddexp(0.0, signed)
    if label_weight is not None:
        bce = bce * label_weight
    per_sample = bce.sum(axis=1)
    if return_grad:
        prob = _sigmoid(F)
        grad = prob - pos
        hess = prob * (1.0 - prob)
        if label_weight is not None:
            grad *= label_weight
            hess *= label_weight
    if ranking_weight > 0:
        log_a = _masked_logsumexp(F, ~pos)  # log sum over absent labels exp(F)
        log_b = _masked_logsumexp(-F, pos)  # log sum over present labels exp(-F)
        log_ab = log_a + log_b  # -inf when a sample has no present or no absent label
        log_denom = np.logaddexp(0.0, log_ab)
        per_sample = per_sample + ranking_weight * log_denom
        if return_grad:
            with np.errstate(over="ignore"):
                mag = np.where(
                    pos,
                    np.exp(-F + (log_a - log_denom)[:, None]),
                    np.exp(F + (log_b - log_denom)[:, None]),
                )
            mag = np.minimum(mag, 1.0)  # |g| <= 1 mathematically; guard rounding
            grad += ranking_weight * np.where(pos, -mag, mag)
            hess += ranking_weight * mag * (1.0 - mag)
    if sample_weight is not None:
        loss = float(np.average(per_sample, weights=sample_weight))
        if return_grad:
            grad *= sample_weight[:, None]
            hess *= sample_weight[:, None]
    else:
        loss = float(per_sample.mean())
    if return_grad:
        return loss, grad, hess
    return loss


class CoupledObjective:
    """LightGBM custom objective for the label-coupled loss.

    The raw scores LightGBM passes exclude the per-label offset (the prior
    log-odds) set as the Dataset's ``init_score``; LightGBM adds it before
    calling the objective, so ``preds`` are the full log-odds.

    Parameters
    ----------
    Y : ndarray of shape (n_samples, n_labels)
        The 0/1 targets of the training rows.
    ranking_weight : float
        Weight of the pairwise ranking term.
    label_weight, sample_weight : ndarray or None
        See :func:`coupled_loss`.
    """

    def __init__(self, Y, ranking_weight, label_weight=None, sample_weight=None):
        self.Y = Y
        self.ranking_weight = ranking_weight
        self.label_weight = label_weight
        self.sample_weight = sample_weight

    def __call__(self, preds, train_data):
        n_labels = self.Y.shape[1]
        F = np.asarray(preds).reshape(-1, n_labels)
        _, grad, hess = coupled_loss(
            F, self.Y, ranking_weight=self.ranking_weight,
            label_weight=self.label_weight, sample_weight=self.sample_weight,
            return_grad=True,
        )
        if n_labels == 1:
            return grad.ravel(), hess.ravel()
        return grad, hess


class CoupledMetric:
    """LightGBM ``feval`` reporting the coupled loss on a validation set.

    Lower is better; used for early stopping.
    """

    def __init__(self, Y, ranking_weight, label_weight=None, sample_weight=None):
        self.Y = Y
        self.ranking_weight = ranking_weight
        self.label_weight = label_weight
        self.sample_weight = sample_weight

    def __call__(self, preds, eval_data):
        F = np.asarray(preds).reshape(-1, self.Y.shape[1])
        loss = coupled_loss(
            F, self.Y, ranking_weight=self.ranking_weight,
            label_weight=self.label_weight, sample_weight=self.sample_weight,
        )
        return "coupled_loss", loss, False
