"""Threshold tuning: ours against scikit-learn's per-label grid search.

On medical, enron and bibtex (MULAN's predefined train/test splits), with one
base learner for every method (``LogisticRegression(solver="liblinear",
random_state=0)``, one binary model per label), this prints, side by side in
one run:

* ``0.5``: ``BinaryRelevance`` predicting at the default threshold 0.5;
* ``ours``: ``TunedThresholdsClassifierCV(BinaryRelevance(LR),
  scoring="f1_macro", cv=5)`` with its defaults: the wrapped estimator is
  fitted once per fold for all labels, then every label's threshold is the
  exact F1 optimum on the out-of-fold probabilities, shrunk toward the best
  global threshold in proportion to how few positives the label has
  (``shrinkage=10``); a label with fewer than 3 positive out-of-fold
  entries is predicted only above its highest out-of-fold probability
  (``min_positives=3``); then one refit;
* ``ours-raw``: the same with ``min_positives=0, shrinkage=0`` (the plain
  out-of-fold optimum of every label, rare ones included);
* ``sklearn``: ``MultiOutputClassifier(TunedThresholdClassifierCV(LR,
  scoring="f1", cv=5))``: per label, a stratified 5-fold fit and a
  100-threshold grid of F1 scorer calls per fold, then one refit.
  scikit-learn's estimator cannot tune a label with fewer than 5 positive
  (or negative) training samples (a fold without positives fails to fit, and
  a constant fold makes it raise), so such labels fall back to
  ``LR`` at 0.5 (and a label with one class to that constant); the table
  counts them (``fallback``).

Columns: test macro-F1 and micro-F1 (``zero_division=0``); fit wall-clock
and CPU seconds of each method and their ratios sklearn / ours (the
machine may be shared: CPU time is the steadier measure); and the threshold
search alone: ours (``search_thresholds`` on the out-of-fold probabilities
of all labels) against scikit-learn's grid search run on the *same*
out-of-fold probabilities, per label and per fold, with
``TunedThresholdClassifierCV(cv="prefit", scoring="f1")`` on a fitted
stand-in that returns them (the search it runs inside each fold), and the
ratio.

Run from the repository root::

    python benchmarks/bench_thresholds.py
    python benchmarks/bench_thresholds.py --datasets medical enron

Data are read from ``--data-dir``, else ``$SKMULTILABEL_DATA``, else
``../shared/datasets``. Everything runs in one process, one core
(``n_jobs=None`` for every method).
"""

import argparse
import functools
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from sklearn.base import BaseEstimator, ClassifierMixin  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.model_selection import TunedThresholdClassifierCV  # noqa: E402
from sklearn.multioutput import MultiOutputClassifier  # noqa: E402

from skmultilabel import (  # noqa: E402
    BinaryRelevance,
    FBetaObjective,
    TunedThresholdsClassifierCV,
)
from skmultilabel._threshold_search import search_thresholds  # noqa: E402
from skmultilabel.datasets import load_benchmark  # noqa: E402

N_FOLDS = 5
RAW = {"min_positives": 0, "shrinkage": 0.0}  # no rare-label rules
print = functools.partial(print, flush=True)  # noqa: A001


class Timer:
    """Wall-clock and CPU seconds of a block."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def base_learner():
    return LogisticRegression(solver="liblinear", random_state=0)


class GuardedTunedThreshold(ClassifierMixin, BaseEstimator):
    """scikit-learn's TunedThresholdClassifierCV, with a fallback for labels
    it cannot tune (too few positives or negatives for its folds)."""

    def __init__(self, cv=N_FOLDS):
        self.cv = cv

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        counts = np.bincount(np.asarray(y, dtype=int), minlength=2)
        self.fallback_ = True
        if counts.min() >= self.cv:
            try:
                self.model_ = TunedThresholdClassifierCV(
                    base_learner(), scoring="f1", cv=self.cv
                ).fit(X, y)
                self.fallback_ = False
                return self
            except ValueError:  # "makes constant predictions"
                pass
        if self.classes_.shape[0] == 1:
            self.model_ = None
        else:
            self.model_ = base_learner().fit(X, y)
        return self

    def predict_proba(self, X):
        if self.model_ is None:
            return np.ones((X.shape[0], 1))
        return self.model_.predict_proba(X)

    def predict(self, X):
        if self.model_ is None:
            return np.full(X.shape[0], self.classes_[0])
        return self.model_.predict(X)


class _Prefit(ClassifierMixin, BaseEstimator):
    """A fitted binary stand-in whose predict_proba returns given values."""

    def __init__(self, p=None):
        self.p = p

    def fit(self, X, y):
        return self

    def predict_proba(self, X):
        return np.column_stack([1 - self.p, self.p])

    def __sklearn_is_fitted__(self):
        return True

    classes_ = np.array([0, 1])


def sklearn_grid_search_time(P, Y, folds):
    """scikit-learn's threshold search on our out-of-fold probabilities."""
    for j in range(Y.shape[1]):
        for val in folds:
            y = Y[val, j]
            if y.min() == y.max() or np.ptp(P[val, j]) < 1e-8:
                continue  # it raises on these; ours handles them
            TunedThresholdClassifierCV(
                _Prefit(P[val, j]), scoring="f1", cv="prefit", refit=False
            ).fit(np.zeros((val.shape[0], 1)), y)


def scores(Y, Z):
    return (
        f1_score(Y, Z, average="macro", zero_division=0),
        f1_score(Y, Z, average="micro", zero_division=0),
    )


def run(name, data_dir):
    train = load_benchmark(name, subset="train", data_dir=data_dir)
    test = load_benchmark(name, subset="test", data_dir=data_dir)
    X, Y = train.data, np.asarray(train.target.toarray() if hasattr(
        train.target, "toarray") else train.target)
    Xt, Yt = test.data, np.asarray(test.target.toarray() if hasattr(
        test.target, "toarray") else test.target)
    rows = {}

    with Timer() as t:
        default = BinaryRelevance(base_learner()).fit(X, Y)
    rows["0.5"] = (*scores(Yt, default.predict(Xt)), t.wall, t.cpu)

    for name, rare in (("ours", {}), ("ours-raw", RAW)):
        with Timer() as t:
            model = TunedThresholdsClassifierCV(
                BinaryRelevance(base_learner()), scoring="f1_macro", cv=N_FOLDS,
                random_state=0, store_cv_results=True, **rare,
            ).fit(X, Y)
        rows[name] = (*scores(Yt, model.predict(Xt)), t.wall, t.cpu)
        if name == "ours":
            ours = model

    with Timer() as t, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ill-defined F1 on rare-label folds
        theirs = MultiOutputClassifier(GuardedTunedThreshold()).fit(X, Y)
    rows["sklearn"] = (*scores(Yt, theirs.predict(Xt)), t.wall, t.cpu)
    n_fallback = sum(e.fallback_ for e in theirs.estimators_)

    # the threshold search alone, on the same out-of-fold probabilities
    res = ours.cv_results_
    P, Yv, index = res["oof_proba"], res["oof_target"], res["oof_index"]
    with Timer() as t:
        search_thresholds(FBetaObjective(), P, Yv, mask=res["oof_mask"],
                          min_positives=ours.min_positives, shrinkage=ours.shrinkage)
    search_ours = t.wall
    # fold boundaries in the stacked out-of-fold rows
    sizes = np.diff(np.r_[0, np.flatnonzero(np.diff(index) < 0) + 1, len(index)])
    bounds = np.cumsum(np.r_[0, sizes])
    folds = [np.arange(bounds[i], bounds[i + 1]) for i in range(len(sizes))]
    with Timer() as t, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sklearn_grid_search_time(P, Yv, folds)
    search_theirs = t.wall
    return rows, n_fallback, search_ours, search_theirs, Y.shape


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", nargs="+", default=["medical", "enron", "bibtex"])
    parser.add_argument("--data-dir", default=None)
    args = parser.parse_args(argv)

    summary = []
    for name in args.datasets:
        rows, n_fallback, s_ours, s_theirs, shape = run(name, args.data_dir)
        print(f"\n{name}: {shape[0]} training samples, {shape[1]} labels; "
              f"sklearn fallback labels (too few positives to tune): "
              f"{n_fallback}/{shape[1]}")
        print(f"{'method':<10}{'macro-F1':>10}{'micro-F1':>10}{'fit s':>10}"
              f"{'fit cpu s':>11}")
        for method, (ma, mi, sec, cpu) in rows.items():
            print(f"{method:<10}{ma:>10.4f}{mi:>10.4f}{sec:>10.2f}{cpu:>11.2f}")
        ratio = rows["sklearn"][2] / rows["ours"][2]
        cpu_ratio = rows["sklearn"][3] / rows["ours"][3]
        s_ratio = s_theirs / s_ours
        print(f"fit time sklearn / ours: {ratio:.1f}x wall, {cpu_ratio:.1f}x CPU")
        print(f"threshold search: ours {s_ours * 1e3:.1f} ms, sklearn grid "
              f"{s_theirs:.2f} s, ratio {s_ratio:.0f}x")
        summary.append((name, rows, ratio, s_ours, s_theirs, s_ratio))

    print("\nsummary (test macro-F1: 0.5 / ours / sklearn; fit seconds ours / "
          "sklearn and ratio; search ms ours / s sklearn and ratio)")
    header = (f"{'dataset':<9}{'F1 0.5':>8}{'ours':>8}{'sklearn':>8}"
              f"{'fit ours':>10}{'sklearn':>9}{'ratio':>7}"
              f"{'srch ms':>9}{'sklearn s':>10}{'ratio':>8}")
    print(header)
    for name, rows, ratio, s_ours, s_theirs, s_ratio in summary:
        print(f"{name:<9}{rows['0.5'][0]:>8.4f}{rows['ours'][0]:>8.4f}"
              f"{rows['sklearn'][0]:>8.4f}{rows['ours'][2]:>10.2f}"
              f"{rows['sklearn'][2]:>9.2f}{ratio:>6.1f}x"
              f"{s_ours * 1e3:>9.1f}{s_theirs:>10.2f}{s_ratio:>7.0f}x")


if __name__ == "__main__":
    main()
