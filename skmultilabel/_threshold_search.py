"""Exact, vectorised search of decision thresholds for multi-label objectives.

A threshold ``t`` of a label predicts the label when its probability is
*strictly greater* than ``t`` (``p > t``). Scores that are equal fall on the
same side of every threshold, so a label whose out-of-fold scores hold ``m``
distinct values has exactly ``m + 1`` distinct decisions ("cuts"): none of
the samples predicted, the samples of the highest value, of the two highest
values, ..., all of them. The search sorts each label's scores once and gets
the confusion counts of every cut from cumulative sums, so one label costs
O(n log n) whatever the objective, instead of one metric call per candidate
threshold. The threshold reported for a cut is the midpoint between the
lowest score it predicts and the next lower score, ``max(1, highest score)``
for the empty cut and half the lowest score (or the lowest score minus one
when it is not positive) for the cut that predicts every sample.

Objectives (all "greater is better") are small value objects:

* :class:`FBetaObjective` (macro, micro or samples average; F1 by default),
* :class:`JaccardObjective` (macro, micro or samples average),
* :class:`HammingObjective` (minus the Hamming loss),
* :class:`CostObjective` (minus the mean cost of false positives and false
  negatives per sample, with a cost per label),
* :class:`PrecisionAtRecallObjective` and :class:`RecallAtPrecisionObjective`
  (a constrained objective, macro or micro).

Macro averages, the Hamming loss and costs are sums over labels, so the best
threshold of each label is found independently and exactly. Micro and
sample averages couple the labels: the search then runs a coordinate ascent
over the labels, starting from the best single (global) threshold, in which
each step is an exact search over one label's cuts with the other labels
held fixed; a step is taken only when it raises the objective, so the
objective never decreases.
"""

from numbers import Real

import numpy as np

__all__ = [
    "CostObjective",
    "FBetaObjective",
    "HammingObjective",
    "JaccardObjective",
    "PrecisionAtRecallObjective",
    "RecallAtPrecisionObjective",
    "ThresholdObjective",
]

# A step of the coordinate ascent must raise the objective by more than this
# (relative) amount, so rounding noise cannot make it cycle.
_TOL = 1e-12
# Upper bound on the sweeps of a coordinate ascent (it stops earlier, as soon
# as a sweep over all labels changes nothing).
_MAX_SWEEPS = 100


# ---------------------------------------------------------------------------
# Objectives
# ---------------------------------------------------------------------------


def _check_average(average, allowed, name):
    if average not in allowed:
        raise ValueError(
            f"{name} supports average in {sorted(allowed)}; got {average!r}."
        )


def _check_unit_interval(value, name):
    if isinstance(value, bool) or not isinstance(value, Real) or not 0 <= value <= 1:
        raise ValueError(f"{name} must be a number in [0, 1]; got {value!r}.")


class ThresholdObjective:
    """Base class of the objectives the threshold search maximises.

    An objective is a function of the confusion counts of a multi-label
    prediction; greater is better. Subclasses define the value of one set of
    counts in ``_value`` and say how values are combined (``_kind``):
    ``"label"`` (a sum over labels, divided by ``_norm``), ``"micro"`` (the
    value of the counts summed over labels) or ``"samples"`` (a weighted mean
    over samples of per-sample values).
    """

    _kind = "label"
    # whether min_label_score applies (per-label scores in [0, 1])
    _label_fallback = False

    def _value(self, tp, fp, pos, neg, label=None):
        raise NotImplementedError

    def _norm(self, n_labels, total_weight, entry_weight):
        """The divisor of the summed label values (``_kind="label"``)."""
        return n_labels

    def _check_n_labels(self, n_labels):
        """Check the objective against the number of labels (hook)."""

    def score(self, y_true, y_pred, sample_weight=None):
        """Evaluate the objective on a prediction.

        Parameters
        ----------
        y_true : array-like of shape (n_samples, n_labels)
            The 0/1 indicator matrix of the true labels.

        y_pred : array-like of shape (n_samples, n_labels)
            The 0/1 indicator matrix of the predicted labels.

        sample_weight : array-like of shape (n_samples,), default=None
            Sample weights.

        Returns
        -------
        score : float
            The value of the objective (greater is better); ``-inf`` when a
            constraint is violated.
        """
        Y = np.asarray(y_true, dtype=float)
        Z = np.asarray(y_pred, dtype=float)
        if Y.ndim == 1:
            Y, Z = Y[:, None], Z.reshape(-1, 1)
        if Y.shape != Z.shape:
            raise ValueError(
                f"y_true has shape {Y.shape} but y_pred has shape {Z.shape}."
            )
        w = np.ones(Y.shape[0]) if sample_weight is None else np.asarray(
            sample_weight, dtype=float
        )
        self._check_n_labels(Y.shape[1])
        if self._kind == "samples":
            v = self._value(
                (Y * Z).sum(1), ((1 - Y) * Z).sum(1), Y.sum(1), (1 - Y).sum(1)
            )
            return float(np.dot(w, v) / w.sum())
        tp = w @ (Y * Z)
        fp = w @ ((1 - Y) * Z)
        pos = w @ Y
        neg = w @ (1 - Y)
        if self._kind == "micro":
            return float(self._value(tp.sum(), fp.sum(), pos.sum(), neg.sum()))
        v = self._value(tp, fp, pos, neg, label=np.arange(Y.shape[1]))
        return float(
            v.sum() / self._norm(Y.shape[1], w.sum(), w.sum() * Y.shape[1])
        )

    def _params(self):
        return {}

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self._params().items())
        return f"{type(self).__name__}({args})"

    def __eq__(self, other):
        if type(self) is not type(other):
            return NotImplemented
        a, b = self._params(), other._params()
        return all(np.array_equal(np.asarray(a[k]), np.asarray(b[k])) for k in a)

    def __hash__(self):
        # equal objectives hash equal: parameters by their values and shapes
        return hash((type(self), *(
            (np.shape(v), tuple(np.ravel(v).tolist()))
            for v in self._params().values()
        )))


class _AveragedObjective(ThresholdObjective):
    """An objective with a macro, micro or samples average."""

    _averages = ("macro", "micro", "samples")

    @property
    def _kind(self):
        return "label" if self.average == "macro" else self.average

    @property
    def _label_fallback(self):
        return self.average == "macro" and isinstance(
            self, (FBetaObjective, JaccardObjective)
        )


class FBetaObjective(_AveragedObjective):
    """The F-beta score, averaged over labels, over all counts or over samples.

    F-beta is ``(1 + beta**2) tp / ((1 + beta**2) tp + beta**2 fn + fp)``;
    ``beta > 1`` favours recall. ``average="macro"`` is the mean of the
    labels' scores (what ``f1_score(average="macro")`` computes),
    ``"micro"`` the score of the counts pooled over labels and ``"samples"``
    the (weighted) mean of each sample's score.

    Parameters
    ----------
    beta : float, default=1.0
        The weight of recall relative to precision.

    average : {"macro", "micro", "samples"}, default="macro"
        How the scores of the labels are combined.

    zero_division : float, default=0.0
        The score of a label (macro) or sample (samples) with no true and no
        predicted label, as scikit-learn's ``zero_division``.

    Examples
    --------
    >>> from skmultilabel import FBetaObjective
    >>> FBetaObjective(beta=2, average="micro").score([[1, 0], [1, 1]],
    ...                                               [[1, 1], [0, 1]])
    0.666...
    """

    def __init__(self, beta=1.0, average="macro", zero_division=0.0):
        if isinstance(beta, bool) or not isinstance(beta, Real) or not beta > 0:
            raise ValueError(f"beta must be a positive number; got {beta!r}.")
        _check_average(average, self._averages, "FBetaObjective")
        _check_unit_interval(zero_division, "zero_division")
        self.beta = beta
        self.average = average
        self.zero_division = zero_division

    def _params(self):
        return {"beta": self.beta, "average": self.average,
                "zero_division": self.zero_division}

    def _value(self, tp, fp, pos, neg, label=None):
        b2 = float(self.beta) ** 2
        den = (1 + b2) * tp + b2 * (pos - tp) + fp
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(den > 0, (1 + b2) * tp / den, float(self.zero_division))


class JaccardObjective(_AveragedObjective):
    """The Jaccard index ``tp / (tp + fp + fn)``, averaged as requested.

    Parameters
    ----------
    average : {"macro", "micro", "samples"}, default="samples"
        How the scores are combined: the mean over labels, the index of the
        pooled counts, or the (weighted) mean over samples.

    zero_division : float, default=0.0
        The score when ``tp + fp + fn`` is zero.

    Examples
    --------
    >>> from skmultilabel import JaccardObjective
    >>> JaccardObjective().score([[1, 0], [1, 1]], [[1, 1], [0, 1]])
    0.5
    """

    def __init__(self, average="samples", zero_division=0.0):
        _check_average(average, self._averages, "JaccardObjective")
        _check_unit_interval(zero_division, "zero_division")
        self.average = average
        self.zero_division = zero_division

    def _params(self):
        return {"average": self.average, "zero_division": self.zero_division}

    def _value(self, tp, fp, pos, neg, label=None):
        den = pos + fp
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(den > 0, tp / den, float(self.zero_division))


class HammingObjective(ThresholdObjective):
    """Minus the Hamming loss: the fraction of wrong label decisions, negated.

    Examples
    --------
    >>> from skmultilabel import HammingObjective
    >>> HammingObjective().score([[1, 0], [1, 1]], [[1, 1], [0, 1]])
    -0.5
    """

    def _value(self, tp, fp, pos, neg, label=None):
        return -(fp + (pos - tp))

    def _norm(self, n_labels, total_weight, entry_weight):
        return entry_weight if entry_weight > 0 else 1.0


class CostObjective(ThresholdObjective):
    """Minus the mean cost per sample of the wrong decisions.

    A false positive of label ``j`` costs ``fp_cost[j]`` and a false negative
    ``fn_cost[j]``; the objective is minus the (weighted) total cost divided
    by the (weighted) number of samples. For calibrated probabilities the
    cost-minimising threshold of a label is ``fp_cost / (fp_cost +
    fn_cost)``; the search finds the best one on the out-of-fold scores.

    Parameters
    ----------
    fp_cost : float or array-like of shape (n_labels,), default=1.0
        The cost of a false positive, one for all labels or one per label.

    fn_cost : float or array-like of shape (n_labels,), default=1.0
        The cost of a false negative, one for all labels or one per label.

    Examples
    --------
    >>> from skmultilabel import CostObjective
    >>> CostObjective(fp_cost=1, fn_cost=[5, 1]).score([[1, 0], [1, 1]],
    ...                                                [[1, 1], [0, 1]])
    -3.0
    """

    def __init__(self, fp_cost=1.0, fn_cost=1.0):
        for name, cost in (("fp_cost", fp_cost), ("fn_cost", fn_cost)):
            arr = np.asarray(cost, dtype=float)
            if arr.ndim > 1 or not np.all(np.isfinite(arr)) or np.any(arr < 0):
                raise ValueError(
                    f"{name} must be a non-negative number or a 1-D array of "
                    f"them, one per label; got {cost!r}."
                )
        self.fp_cost = fp_cost
        self.fn_cost = fn_cost

    def _params(self):
        return {"fp_cost": self.fp_cost, "fn_cost": self.fn_cost}

    def _check_n_labels(self, n_labels):
        for name in ("fp_cost", "fn_cost"):
            arr = np.asarray(getattr(self, name), dtype=float)
            if arr.ndim == 1 and arr.shape[0] != n_labels:
                raise ValueError(
                    f"{name} has {arr.shape[0]} values but y has {n_labels} "
                    "labels; give one cost per label or a single number."
                )

    def _costs(self, label):
        cfp = np.asarray(self.fp_cost, dtype=float)
        cfn = np.asarray(self.fn_cost, dtype=float)
        if label is not None:
            cfp = cfp[label] if cfp.ndim else cfp
            cfn = cfn[label] if cfn.ndim else cfn
        return cfp, cfn

    def _value(self, tp, fp, pos, neg, label=None):
        cfp, cfn = self._costs(label)
        return -(cfp * fp + cfn * (pos - tp))

    def _norm(self, n_labels, total_weight, entry_weight):
        return total_weight


def _precision_recall(tp, fp, pos):
    """Precision and recall; an empty prediction (or label) counts as 1."""
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), 1.0)
        recall = np.where(pos > 0, tp / pos, 1.0)
    return precision, recall


class PrecisionAtRecallObjective(_AveragedObjective):
    """Precision, subject to a required recall.

    A decision is feasible when its recall is at least ``min_recall``; its
    value is then its precision, and ``-inf`` otherwise. With
    ``average="macro"`` every label must reach the recall and the objective
    is the mean precision; with ``"micro"`` the pooled counts must. Recall
    of a label without positives, and precision of an empty prediction,
    count as 1, so predicting every sample is always feasible.

    Parameters
    ----------
    min_recall : float
        The required recall, in [0, 1].

    average : {"macro", "micro"}, default="macro"
        Per label (each label meets the constraint) or pooled counts.

    Examples
    --------
    >>> from skmultilabel import PrecisionAtRecallObjective
    >>> obj = PrecisionAtRecallObjective(0.9)
    >>> obj.score([[1, 0], [1, 1]], [[1, 1], [1, 1]])
    0.75
    >>> obj.score([[1, 0], [1, 1]], [[1, 0], [0, 1]])
    -inf
    """

    _averages = ("macro", "micro")

    def __init__(self, min_recall, average="macro"):
        _check_unit_interval(min_recall, "min_recall")
        _check_average(average, self._averages, "PrecisionAtRecallObjective")
        self.min_recall = min_recall
        self.average = average

    def _params(self):
        return {"min_recall": self.min_recall, "average": self.average}

    def _value(self, tp, fp, pos, neg, label=None):
        precision, recall = _precision_recall(tp, fp, pos)
        return np.where(recall >= self.min_recall - _TOL, precision, -np.inf)


class RecallAtPrecisionObjective(_AveragedObjective):
    """Recall, subject to a required precision.

    A decision is feasible when its precision is at least ``min_precision``;
    its value is then its recall, and ``-inf`` otherwise. Precision of an
    empty prediction, and recall of a label without positives, count as 1,
    so predicting nothing is always feasible.

    Parameters
    ----------
    min_precision : float
        The required precision, in [0, 1].

    average : {"macro", "micro"}, default="macro"
        Per label (each label meets the constraint) or pooled counts.

    Examples
    --------
    >>> from skmultilabel import RecallAtPrecisionObjective
    >>> RecallAtPrecisionObjective(0.5).score([[1, 0], [1, 1]],
    ...                                       [[1, 1], [1, 1]])
    1.0
    """

    _averages = ("macro", "micro")

    def __init__(self, min_precision, average="macro"):
        _check_unit_interval(min_precision, "min_precision")
        _check_average(average, self._averages, "RecallAtPrecisionObjective")
        self.min_precision = min_precision
        self.average = average

    def _params(self):
        return {"min_precision": self.min_precision, "average": self.average}

    def _value(self, tp, fp, pos, neg, label=None):
        precision, recall = _precision_recall(tp, fp, pos)
        return np.where(precision >= self.min_precision - _TOL, recall, -np.inf)


#: The objectives named by a string ``scoring``.
OBJECTIVES = {
    "f1_macro": lambda: FBetaObjective(1.0, "macro"),
    "f1_micro": lambda: FBetaObjective(1.0, "micro"),
    "f1_samples": lambda: FBetaObjective(1.0, "samples"),
    "jaccard_macro": lambda: JaccardObjective("macro"),
    "jaccard_micro": lambda: JaccardObjective("micro"),
    "jaccard_samples": lambda: JaccardObjective("samples"),
    "neg_hamming_loss": HammingObjective,
}


# ---------------------------------------------------------------------------
# Cuts of one label
# ---------------------------------------------------------------------------


def _split_inf(values):
    """(finite part, infeasible indicator) of values that may be -inf."""
    bad = ~np.isfinite(values)
    return np.where(bad, 0.0, values), bad.astype(np.int64)


def _cut_thresholds(values_desc):
    """Thresholds of the cuts of distinct scores sorted in decreasing order.

    Cut ``k`` predicts the ``k`` highest distinct values (``p > t``).
    """
    m = values_desc.shape[0]
    t = np.empty(m + 1)
    if m == 0:
        t[0] = 1.0
        return t
    t[0] = max(1.0, values_desc[0])
    hi, lo = values_desc[:-1], values_desc[1:]
    mid = (hi + lo) / 2
    t[1:m] = np.where(mid < hi, mid, lo)  # guard: adjacent floats
    last = values_desc[-1]
    t[m] = last / 2 if last > 0 else last - 1.0
    return t


class _LabelCuts:
    """The sorted scores of one label and the confusion counts of its cuts.

    Attributes
    ----------
    rows : ndarray of int
        The samples that the threshold decides (not forced), by decreasing
        score.
    ends : ndarray of int
        The position in ``rows`` of the last sample of each distinct score.
    values : ndarray
        The distinct scores, decreasing.
    thresholds : ndarray of shape (m + 1,)
        The threshold of each cut, decreasing.
    tp, fp : ndarray of shape (m + 1,)
        The (weighted) true and false positives of each cut, forced samples
        included.
    """

    def __init__(self, p, yp, yn, w, forced, valid):
        free = np.ones(p.shape[0], dtype=bool) if valid is None else valid.copy()
        if forced is not None:
            free &= ~forced
        free = np.flatnonzero(free)
        order = free[np.argsort(-p[free], kind="stable")]
        s = p[order]
        self.rows = order
        if s.shape[0]:
            self.ends = np.flatnonzero(np.r_[s[1:] != s[:-1], True])
        else:
            self.ends = np.zeros(0, dtype=np.int64)
        self.values = s[self.ends]
        self.thresholds = _cut_thresholds(self.values)
        wy = w * yp
        wn = w * yn
        f_tp = wy[forced].sum() if forced is not None else 0.0
        f_fp = wn[forced].sum() if forced is not None else 0.0
        self.tp = f_tp + np.r_[0.0, np.cumsum(wy[order])[self.ends]]
        self.fp = f_fp + np.r_[0.0, np.cumsum(wn[order])[self.ends]]

    def index_of(self, t):
        """The cut that threshold ``t`` makes (number of values above it)."""
        return int(np.count_nonzero(self.values > t))


def _forced_mask(P, min_labels):
    """The top-``min_labels`` scoring labels of each row (ties: lower index)."""
    n, L = P.shape
    if not min_labels:
        return None
    forced = np.zeros((n, L), dtype=bool)
    k = min(int(min_labels), L)
    top = np.argsort(-P, axis=1, kind="stable")[:, :k]
    np.put_along_axis(forced, top, True, axis=1)
    return forced


def apply_thresholds(P, thresholds, min_labels=0):
    """Turn scores into 0/1 decisions: ``P > thresholds``, plus the top labels.

    Parameters
    ----------
    P : ndarray of shape (n_samples, n_labels)
        The scores, P(label = 1).

    thresholds : float or ndarray of shape (n_labels,)
        The thresholds; a label is predicted when its score is strictly
        greater.

    min_labels : int, default=0
        Every row also gets its ``min_labels`` highest-scoring labels.

    Returns
    -------
    Y : ndarray of shape (n_samples, n_labels) of int64
        The decisions.
    """
    Y = P > np.asarray(thresholds, dtype=float)
    forced = _forced_mask(P, min_labels)
    if forced is not None:
        Y |= forced
    return Y.astype(np.int64)


# ---------------------------------------------------------------------------
# The search
# ---------------------------------------------------------------------------


class SearchResult:
    """What a threshold search found.

    Attributes
    ----------
    thresholds : ndarray of shape (n_labels,)
    score : float
        The objective at ``thresholds`` on the data searched.
    history : list of float
        The objective after the start and after each sweep of a coordinate
        ascent (one value when none ran).
    curves : list of (thresholds, scores) or None
        Per label, the objective as a function of that label's threshold
        with the other labels at their final thresholds (per-label
        strategies), or one (thresholds, scores) pair of the global
        threshold.
    """

    def __init__(self, thresholds, score, history, curves=None):
        self.thresholds = thresholds
        self.score = score
        self.history = history
        self.curves = curves


def _best_shared_cut(s, total, bad, norm):
    """The best cut of scores ``s`` sorted in decreasing order.

    ``total[i]`` and ``bad[i]`` are the objective's finite part and its
    number of infeasible (-inf) terms once the ``i`` highest entries are
    predicted (``i = 0``: none); only the ends of runs of equal scores are
    cuts.

    Returns
    -------
    threshold, score, (thresholds, scores)
    """
    if s.shape[0]:
        ends = np.flatnonzero(np.r_[s[1:] != s[:-1], True])
    else:
        ends = np.zeros(0, dtype=np.int64)
    cut_pos = np.r_[0, ends + 1]
    scores = np.where(bad[cut_pos] > 0, -np.inf, total[cut_pos] / norm)
    thresholds = _cut_thresholds(s[ends])
    k = int(np.argmax(scores))
    return thresholds[k], float(scores[k]), (thresholds, scores)


def _global_search(obj, P, Yp, Yn, w, forced, valid):
    """Exact search of one threshold shared by every label, for a micro or
    samples average (objectives that sum over labels use
    :func:`_global_from_label_values`).

    All (sample, label) scores are sorted once; walking down them, each
    entry changes the counts of one group (its sample for sample averages,
    everything for micro averages), and the change of the objective is
    accumulated with cumulative sums.
    """
    n, L = P.shape
    kind = obj._kind
    free = np.ones((n, L), dtype=bool) if valid is None else valid.copy()
    if forced is not None:
        free &= ~forced
    rows, cols = np.nonzero(free)
    s = P[rows, cols]
    order = np.argsort(-s, kind="stable")
    rows, cols, s = rows[order], cols[order], s[order]
    yp, yn = Yp[rows, cols], Yn[rows, cols]
    Ff = forced.astype(float) if forced is not None else np.zeros((n, L))

    if kind == "samples":
        dtp, dfp = yp, yn
        group = rows
        g_tp0 = (Yp * Ff).sum(1)
        g_fp0 = (Yn * Ff).sum(1)
        g_pos, g_neg = Yp.sum(1), Yn.sum(1)
        g_w = w
        norm = w.sum()
    else:  # micro: one group of all the counts
        dtp, dfp = w[rows] * yp, w[rows] * yn
        group = np.zeros(rows.shape[0], dtype=np.int64)
        g_tp0 = np.array([(w @ (Yp * Ff)).sum()])
        g_fp0 = np.array([(w @ (Yn * Ff)).sum()])
        g_pos, g_neg = np.array([(w @ Yp).sum()]), np.array([(w @ Yn).sum()])
        g_w = np.ones(1)
        norm = 1.0

    # counts of each group after each entry: cumulative sums within groups
    by_group = np.argsort(group, kind="stable")
    gs = group[by_group]
    starts = np.flatnonzero(np.r_[True, gs[1:] != gs[:-1]])[: gs.shape[0]]
    run = np.zeros(gs.shape[0], dtype=np.int64)
    run[starts] = 1
    seg = np.cumsum(run) - 1  # segment id of each sorted entry

    def within(d):
        c = np.cumsum(d[by_group])
        offset = np.r_[0.0, c][starts]
        out = np.empty_like(c)
        out[by_group] = c - offset[seg]
        return out

    tp_after = g_tp0[group] + within(dtp)
    fp_after = g_fp0[group] + within(dfp)
    v_after = obj._value(tp_after, fp_after, g_pos[group], g_neg[group])
    v_before = obj._value(tp_after - dtp, fp_after - dfp, g_pos[group], g_neg[group])
    v0 = obj._value(g_tp0, g_fp0, g_pos, g_neg)
    fa, ba = _split_inf(v_after)
    fb, bb = _split_inf(v_before)
    f0, b0 = _split_inf(v0)
    gw = g_w[group]
    total = np.r_[0.0, np.cumsum(gw * (fa - fb))] + np.dot(g_w, f0)
    bad = np.r_[0, np.cumsum(ba - bb)] + b0.sum()
    return _best_shared_cut(s, total, bad, norm)


def _label_values(obj, cuts, pos, neg, j):
    return obj._value(cuts.tp, cuts.fp, pos, neg, label=j)


def _global_from_label_values(cuts, values, norm):
    """Exact search of one threshold shared by labels whose objectives add up.

    ``values[j]`` is label ``j``'s objective at each of its cuts: moving the
    shared threshold below one of label ``j``'s distinct scores adds the
    change of that label's objective, so one sort of all the labels'
    distinct scores gives the total at every shared cut. A ``-inf`` value
    (an infeasible label) makes the total ``-inf`` while it lasts.

    Returns
    -------
    threshold, score, (thresholds, scores)
    """
    parts = [_split_inf(v) for v in values]
    scores_at = np.concatenate([c.values for c in cuts])
    d_fin = np.concatenate([np.diff(f) for f, _ in parts])
    d_bad = np.concatenate([np.diff(b) for _, b in parts])
    order = np.argsort(-scores_at, kind="stable")
    s = scores_at[order]
    total = sum(f[0] for f, _ in parts) + np.r_[0.0, np.cumsum(d_fin[order])]
    bad = sum(b[0] for _, b in parts) + np.r_[0, np.cumsum(d_bad[order])]
    return _best_shared_cut(s, total, bad, norm)


def _separable_per_label(cuts, values, norm, want_curves, rare):
    """Independent exact search per label (objectives that sum over labels).

    ``rare`` is None or a ``_RareLabelRule`` (macro F-beta and Jaccard): the
    SCutFBR.1 fallback of labels with too few positives or too low a best
    score, and the shrinkage of the other labels' thresholds toward the
    global optimum.
    """
    thresholds = np.empty(len(cuts))
    best = np.empty(len(cuts))
    if rare is not None and rare.shrinkage:
        rare.t_global = _global_from_label_values(cuts, values, norm)[0]
    for j, (c, v) in enumerate(zip(cuts, values, strict=True)):
        k = int(np.argmax(v))
        thresholds[j] = c.thresholds[k]
        if rare is not None:
            k, thresholds[j] = rare.choose(j, c, v, k)
        best[j] = v[k]
    curves = None
    if want_curves:
        # the total objective as a function of label j's threshold
        total = best.sum()
        curves = [
            (
                c.thresholds,
                np.where(np.isfinite(v), (total - best[j] + v), -np.inf) / norm,
            )
            for j, (c, v) in enumerate(zip(cuts, values, strict=True))
        ]
    score = -np.inf if not np.all(np.isfinite(best)) else best.sum() / norm
    return thresholds, float(score), curves


class _RareLabelRule:
    """Thresholds of labels whose out-of-fold optimum is not to be trusted.

    * a label with fewer than ``min_positives`` positive entries, or whose
      best score is below ``min_label_score``, is predicted only above the
      highest score searched (the SCutFBR.1 rule of Yang, 2001);
    * any other label's optimum ``t_j`` is shrunk toward the best global
      threshold ``t_g`` of the same objective:
      ``(n_j t_j + shrinkage t_g) / (n_j + shrinkage)``, with ``n_j`` the
      label's number of positive entries.
    """

    def __init__(self, n_positives, min_positives, min_label_score, shrinkage):
        self.n_positives = n_positives
        self.t_global = None  # set from the labels' values when shrinking
        self.min_positives = min_positives
        self.min_label_score = min_label_score
        self.shrinkage = shrinkage

    def choose(self, j, cuts, v, k):
        """(cut index, threshold) of label ``j`` whose optimum is cut ``k``."""
        n = self.n_positives[j]
        top = cuts.values[0] if cuts.values.shape[0] else cuts.thresholds[0]
        if n < self.min_positives or (
            self.min_label_score is not None and v[k] < self.min_label_score
        ):
            return 0, top
        if not self.shrinkage:
            return k, cuts.thresholds[k]
        t = (n * cuts.thresholds[k] + self.shrinkage * self.t_global) / (
            n + self.shrinkage
        )
        return cuts.index_of(t), t


def _improves(new, old):
    if not np.isfinite(new):
        return False
    if not np.isfinite(old):
        return True
    return new > old + _TOL * max(1.0, abs(old))


class _MicroState:
    """Pooled counts of a per-label coordinate ascent on a micro average."""

    def __init__(self, obj, cuts, idx, pos, neg):
        self.obj, self.cuts, self.idx = obj, cuts, idx
        self.pos, self.neg = pos.sum(), neg.sum()
        self.TP = sum(c.tp[k] for c, k in zip(cuts, idx, strict=True))
        self.FP = sum(c.fp[k] for c, k in zip(cuts, idx, strict=True))

    def value(self):
        return float(self.obj._value(self.TP, self.FP, self.pos, self.neg))

    def curve(self, j):
        c, k = self.cuts[j], self.idx[j]
        tp = self.TP - c.tp[k] + c.tp
        fp = self.FP - c.fp[k] + c.fp
        return self.obj._value(tp, fp, self.pos, self.neg)

    def move(self, j, k):
        c = self.cuts[j]
        self.TP += c.tp[k] - c.tp[self.idx[j]]
        self.FP += c.fp[k] - c.fp[self.idx[j]]
        self.idx[j] = k


class _SamplesState:
    """Per-sample counts of a per-label coordinate ascent on a samples average."""

    def __init__(self, obj, cuts, idx, Yp, Yn, w, forced):
        self.obj, self.cuts, self.idx, self.w = obj, cuts, idx, w
        self.Yp, self.Yn = Yp, Yn
        self.forced = forced
        n, L = Yp.shape
        self.pred = np.zeros((n, L), dtype=bool)
        for j in range(L):
            self.pred[:, j] = self._column(j, idx[j])
        self.tp = (Yp * self.pred).sum(1)
        self.fp = (Yn * self.pred).sum(1)
        self.pos = Yp.sum(1)
        self.W = w.sum()

    def _column(self, j, k):
        c = self.cuts[j]
        col = np.zeros(self.Yp.shape[0], dtype=bool)
        if self.forced is not None:
            col |= self.forced[:, j]
        if k > 0:
            col[c.rows[: c.ends[k - 1] + 1]] = True
        return col

    def value(self):
        v = self.obj._value(self.tp, self.fp, self.pos, None)
        return float(np.dot(self.w, v) / self.W)

    def curve(self, j):
        c = self.cuts[j]
        yp, yn = self.Yp[:, j], self.Yn[:, j]
        cur = self.pred[:, j]
        base = self.forced[:, j] if self.forced is not None else np.zeros_like(cur)
        tp0 = self.tp - cur * yp + base * yp
        fp0 = self.fp - cur * yn + base * yn
        v0 = self.obj._value(tp0, fp0, self.pos, None)
        r = c.rows
        v1 = self.obj._value(tp0[r] + yp[r], fp0[r] + yn[r], self.pos[r], None)
        d = np.cumsum(self.w[r] * (v1 - v0[r]))
        S = np.dot(self.w, v0)
        return np.r_[S, S + d[c.ends]] / self.W

    def move(self, j, k):
        col = self._column(j, k)
        change = col.astype(float) - self.pred[:, j]
        self.tp += change * self.Yp[:, j]
        self.fp += change * self.Yn[:, j]
        self.pred[:, j] = col
        self.idx[j] = k


def _coordinate_ascent(state, thresholds, cuts, want_curves):
    """Exact coordinate ascent over labels; never decreases the objective."""
    L = len(cuts)
    history = [state.value()]
    for _ in range(_MAX_SWEEPS):
        changed = False
        for j in range(L):
            v = state.curve(j)
            k = int(np.argmax(v))
            if k != state.idx[j] and _improves(v[k], v[state.idx[j]]):
                state.move(j, k)
                thresholds[j] = cuts[j].thresholds[k]
                changed = True
        history.append(state.value())
        if not changed:
            break
    curves = None
    if want_curves:
        curves = [(cuts[j].thresholds, state.curve(j)) for j in range(L)]
    return thresholds, history[-1], history, curves


def search_thresholds(
    objective, P, Y, *, sample_weight=None, strategy="per_label", min_labels=0,
    return_curves=False, mask=None, min_label_score=None, min_positives=0,
    shrinkage=0.0,
):
    """Find the thresholds that maximise ``objective`` on scores ``P``.

    Parameters
    ----------
    objective : ThresholdObjective
        The objective to maximise.

    P : ndarray of shape (n_samples, n_labels)
        The (out-of-fold) scores, P(label = 1).

    Y : ndarray of shape (n_samples, n_labels)
        The 0/1 true labels.

    sample_weight : ndarray of shape (n_samples,), default=None
        Weights of the samples in the objective.

    strategy : {"per_label", "global"}, default="per_label"
        One threshold per label, or one shared threshold.

    min_labels : int, default=0
        Every row also gets its ``min_labels`` top-scoring labels; the search
        optimises the objective of the decisions with that rule applied.

    return_curves : bool, default=False
        Whether to return the objective as a function of each threshold.

    mask : ndarray of shape (n_samples, n_labels) of bool, default=None
        The entries to use: a False entry counts neither as a true nor as a
        false decision (for example a label whose model did not see it in
        training). Forced labels (``min_labels``) are still forced.

    min_label_score : float, default=None
        Per-label strategy with a macro F-beta or Jaccard objective: a label
        whose best score is below this value is predicted only above its
        highest score searched (the SCutFBR.1 rule of Yang, 2001).

    min_positives : int, default=0
        Per-label strategy with a macro F-beta or Jaccard objective: a label
        with fewer positive (unmasked) entries is predicted only above its
        highest score searched.

    shrinkage : float, default=0.0
        Per-label strategy with a macro F-beta or Jaccard objective: each
        other label's optimum ``t_j`` becomes ``(n_j t_j + shrinkage t_g) /
        (n_j + shrinkage)``, where ``n_j`` is its number of positive
        (unmasked) entries and ``t_g`` the best single threshold for all
        labels. 0 keeps every label's own optimum.

    Returns
    -------
    result : SearchResult
    """
    P = np.asarray(P, dtype=float)
    Y = np.asarray(Y)
    n, L = P.shape
    objective._check_n_labels(L)
    w = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    forced = _forced_mask(P, min_labels)
    Yp = Y.astype(float)
    Yn = 1.0 - Yp
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        Yp, Yn = Yp * mask, Yn * mask
    entry_weight = w.sum() * L if mask is None else float(w @ mask.sum(1))

    kind = objective._kind
    if kind != "label":
        # the answer, or the start of the coordinate ascent
        t_global, s_global, g_curve = _global_search(objective, P, Yp, Yn, w, forced,
                                                     mask)
        if strategy == "global":
            return SearchResult(
                np.full(L, t_global), s_global, [s_global],
                g_curve if return_curves else None,
            )

    cuts = [
        _LabelCuts(P[:, j], Yp[:, j], Yn[:, j], w,
                   None if forced is None else forced[:, j],
                   None if mask is None else mask[:, j])
        for j in range(L)
    ]
    pos, neg = w @ Yp, w @ Yn
    if kind == "label":
        norm = objective._norm(L, w.sum(), entry_weight)
        values = [_label_values(objective, c, pos[j], neg[j], j)
                  for j, c in enumerate(cuts)]
        if strategy == "global":
            t_global, s_global, g_curve = _global_from_label_values(cuts, values, norm)
            return SearchResult(
                np.full(L, t_global), s_global, [s_global],
                g_curve if return_curves else None,
            )
        rare = None
        if objective._label_fallback and (
            min_label_score is not None or min_positives or shrinkage
        ):
            n_pos = (Y.astype(bool) if mask is None else Y.astype(bool) & mask).sum(0)
            rare = _RareLabelRule(n_pos, min_positives, min_label_score, shrinkage)
        t, score, curves = _separable_per_label(cuts, values, norm, return_curves, rare)
        return SearchResult(t, score, [score], curves)

    idx = [c.index_of(t_global) for c in cuts]
    if kind == "micro":
        state = _MicroState(objective, cuts, idx, pos, neg)
    else:
        state = _SamplesState(objective, cuts, idx, Yp, Yn, w, forced)
    t, score, history, curves = _coordinate_ascent(
        state, np.full(L, t_global), cuts, return_curves
    )
    return SearchResult(t, score, history, curves)


# ---------------------------------------------------------------------------
# Fallback: any score function of the decisions, on a grid of candidates
# ---------------------------------------------------------------------------


def _subsample(values, n_candidates):
    if values.shape[0] <= n_candidates:
        return values
    pick = np.unique(np.linspace(0, values.shape[0] - 1, n_candidates).round())
    return values[pick.astype(np.int64)]


def search_thresholds_callable(
    score_func, P, *, strategy="per_label", min_labels=0, n_candidates=100,
    return_curves=False, mask=None,
):
    """Coordinate ascent for an arbitrary ``score_func(Y_pred) -> float``.

    Each label is offered at most ``n_candidates`` of its cuts (evenly
    spread over the sorted distinct scores, the empty and full cuts
    included); one call of ``score_func`` per candidate. Steps are taken
    only when they raise the score. Entries where ``mask`` is False are
    always decided 0 (the caller makes their truth 0 too) and give no
    candidate threshold.
    """
    P = np.asarray(P, dtype=float)
    n, L = P.shape
    forced = _forced_mask(P, min_labels)
    base = forced if forced is not None else np.zeros((n, L), dtype=bool)
    usable = None if mask is None else np.asarray(mask, dtype=bool)

    def evaluate(pred):
        if usable is not None:
            pred = pred & usable
        return float(score_func(pred.astype(np.int64)))

    def distinct(values):
        return _cut_thresholds(np.unique(values)[::-1])

    all_t = _subsample(distinct(P if usable is None else P[usable]), n_candidates)
    g_scores = np.array([evaluate((P > t) | base) for t in all_t])
    k = int(np.argmax(g_scores))
    t_global = all_t[k]
    thresholds = np.full(L, t_global)
    if strategy == "global":
        curves = (all_t, g_scores) if return_curves else None
        return SearchResult(thresholds, float(g_scores[k]), [float(g_scores[k])],
                            curves)

    pred = (P > thresholds) | base
    current = float(g_scores[k])
    history = [current]
    cand = [
        _subsample(distinct(P[:, j] if usable is None else P[usable[:, j], j]),
                   n_candidates)
        for j in range(L)
    ]

    def column_curve(j):
        scores = np.empty(cand[j].shape[0])
        keep = pred[:, j].copy()
        for i, t in enumerate(cand[j]):
            pred[:, j] = (P[:, j] > t) | base[:, j]
            scores[i] = evaluate(pred)
        pred[:, j] = keep
        return scores

    for _ in range(_MAX_SWEEPS):
        changed = False
        for j in range(L):
            scores = column_curve(j)
            i = int(np.argmax(scores))
            if _improves(scores[i], current):
                thresholds[j] = cand[j][i]
                pred[:, j] = (P[:, j] > thresholds[j]) | base[:, j]
                current = float(scores[i])
                changed = True
        history.append(current)
        if not changed:
            break
    curves = None
    if return_curves:
        curves = [(cand[j], column_curve(j)) for j in range(L)]
    return SearchResult(thresholds, current, history, curves)
