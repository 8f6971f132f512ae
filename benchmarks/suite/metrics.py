"""The multi-label metrics of the suite, on dense 0/1 label matrices.

Conventions (the usual ones of the multi-label literature and of
:func:`sklearn.metrics.f1_score`):

* example-based F1 averages over the test rows ``2 |y & p| / (|y| + |p|)``,
  counting a row with no true and no predicted label as 1 (a perfect empty
  prediction), i.e. ``f1_score(average="samples", zero_division=1.0)``;
* micro-F1 pools the counts of all labels, ``2 TP / (2 TP + FP + FN)``;
* macro-F1 averages the F1 of each label, counting a label with no true and
  no predicted positive in the test set as 0, i.e.
  ``f1_score(average="macro", zero_division=0.0)``.

Lower is better for ``hamming_loss`` and the costs; higher for the rest
(:data:`HIGHER_IS_BETTER`).
"""

import numpy as np

__all__ = [
    "COST_COLUMNS",
    "HIGHER_IS_BETTER",
    "METRIC_LABELS",
    "QUALITY_METRICS",
    "SHORT_LABELS",
    "example_f1",
    "hamming_loss",
    "macro_f1",
    "micro_f1",
    "score_all",
    "subset_accuracy",
]

QUALITY_METRICS = ["hamming_loss", "subset_accuracy", "example_f1", "micro_f1",
                   "macro_f1"]
COST_COLUMNS = ["fit_seconds", "predict_seconds", "peak_mib"]
HIGHER_IS_BETTER = {
    "hamming_loss": False,
    "subset_accuracy": True,
    "example_f1": True,
    "micro_f1": True,
    "macro_f1": True,
    "fit_seconds": False,
    "predict_seconds": False,
    "peak_mib": False,
}
METRIC_LABELS = {
    "hamming_loss": "Hamming loss",
    "subset_accuracy": "subset accuracy",
    "example_f1": "example-based F1",
    "micro_f1": "micro-F1",
    "macro_f1": "macro-F1",
    "fit_seconds": "fit seconds",
    "predict_seconds": "predict seconds",
    "peak_mib": "peak memory (MiB)",
}
# Column headers of the quality metrics in the benchmarks' text tables.
SHORT_LABELS = {
    "hamming_loss": "hamming",
    "subset_accuracy": "subset",
    "example_f1": "ex-F1",
    "micro_f1": "mi-F1",
    "macro_f1": "ma-F1",
}


def _check(Y_true, Y_pred):
    Y_true = np.asarray(Y_true)
    Y_pred = np.asarray(Y_pred)
    if Y_true.ndim != 2 or Y_true.shape != Y_pred.shape:
        raise ValueError(
            f"Y_true and Y_pred must be 2-D of the same shape, got {Y_true.shape} "
            f"and {Y_pred.shape}"
        )
    for name, Y in (("Y_true", Y_true), ("Y_pred", Y_pred)):
        if Y.size and not np.isin(np.unique(Y), [0, 1]).all():
            raise ValueError(f"{name} must hold only 0 and 1")
    return Y_true.astype(bool), Y_pred.astype(bool)


def hamming_loss(Y_true, Y_pred):
    """The fraction of wrong label decisions."""
    Y, P = _check(Y_true, Y_pred)
    return float(np.mean(Y != P))


def subset_accuracy(Y_true, Y_pred):
    """The fraction of rows whose whole label set is right."""
    Y, P = _check(Y_true, Y_pred)
    return float(np.mean(np.all(Y == P, axis=1)))


def example_f1(Y_true, Y_pred):
    """Example-based F1 (both empty counts as 1)."""
    Y, P = _check(Y_true, Y_pred)
    tp = np.sum(Y & P, axis=1)
    denom = Y.sum(axis=1) + P.sum(axis=1)
    f1 = np.where(denom == 0, 1.0, 2 * tp / np.maximum(denom, 1))
    return float(np.mean(f1))


def micro_f1(Y_true, Y_pred):
    """Micro-averaged F1 (0 when there is no true and no predicted label)."""
    Y, P = _check(Y_true, Y_pred)
    tp = np.sum(Y & P)
    denom = Y.sum() + P.sum()
    return float(2 * tp / denom) if denom else 0.0


def macro_f1(Y_true, Y_pred):
    """Macro-averaged F1 (a label never true nor predicted counts as 0)."""
    Y, P = _check(Y_true, Y_pred)
    tp = np.sum(Y & P, axis=0)
    denom = Y.sum(axis=0) + P.sum(axis=0)
    f1 = np.where(denom == 0, 0.0, 2 * tp / np.maximum(denom, 1))
    return float(np.mean(f1))


def score_all(Y_true, Y_pred):
    """All quality metrics as a dict keyed by :data:`QUALITY_METRICS`."""
    return {
        "hamming_loss": hamming_loss(Y_true, Y_pred),
        "subset_accuracy": subset_accuracy(Y_true, Y_pred),
        "example_f1": example_f1(Y_true, Y_pred),
        "micro_f1": micro_f1(Y_true, Y_pred),
        "macro_f1": macro_f1(Y_true, Y_pred),
    }
