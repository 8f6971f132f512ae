"""The rare-label rules of TunedThresholdsClassifierCV, on every MULAN split.

``TunedThresholdsClassifierCV`` tunes per-label thresholds on out-of-fold
probabilities. For a label with few positives the out-of-fold optimum is
partly noise; three settings deal with it (see the thresholds guide):
``shrinkage`` (pull each label's optimum toward the best global threshold,
``(n_j t_j + s t_g) / (n_j + s)``), ``min_positives`` (labels with fewer
positive out-of-fold entries are predicted only above their highest
out-of-fold probability) and ``min_label_score`` (the same fallback for a
label whose best out-of-fold F1 is below the value). This benchmark is the
evidence for their defaults.

For each data set with a predefined train/test split and each fold seed,
``TunedThresholdsClassifierCV(BinaryRelevance(LR), scoring="f1_macro",
cv=5, random_state=seed)`` is fitted once with ``store_cv_results=True``;
then every setting is searched on the same out-of-fold probabilities
(``search_thresholds``) and applied to the refitted model's test
probabilities. It prints test macro-F1 (and micro-F1) per data set, averaged
over the seeds, one row per setting, plus the mean over data sets.

Run from the repository root::

    python benchmarks/bench_threshold_rules.py
    python benchmarks/bench_threshold_rules.py --datasets medical enron --seeds 0

Data are read from ``--data-dir``, else ``$SKMULTILABEL_DATA``, else
``../shared/datasets``. One core; about 15 minutes for every set and three
seeds (delicious, with 983 labels, takes most of it).
"""

import argparse
import functools
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402

from skmultilabel import (  # noqa: E402
    BinaryRelevance,
    FBetaObjective,
    TunedThresholdsClassifierCV,
)
from skmultilabel._threshold_search import search_thresholds  # noqa: E402
from skmultilabel.datasets import list_benchmarks, load_benchmark  # noqa: E402

print = functools.partial(print, flush=True)  # noqa: A001

SETTINGS = {
    "plain optimum": dict(min_positives=0, shrinkage=0.0),
    "min_label_score=0.1": dict(min_positives=0, shrinkage=0.0, min_label_score=0.1),
    "min_positives=3": dict(min_positives=3, shrinkage=0.0),
    "shrinkage=10": dict(min_positives=0, shrinkage=10.0),
    "mp=3, shrinkage=3": dict(min_positives=3, shrinkage=3.0),
    "mp=3, shrinkage=10 *": dict(min_positives=3, shrinkage=10.0),
    "mp=3, shrinkage=30": dict(min_positives=3, shrinkage=30.0),
}


def _dense(a):
    return np.asarray(a.toarray() if sp.issparse(a) else a).astype(np.int64)


def run(name, seeds, data_dir):
    train = load_benchmark(name, subset="train", data_dir=data_dir)
    test = load_benchmark(name, subset="test", data_dir=data_dir)
    Yt = _dense(test.target)
    scores = {k: [] for k in SETTINGS}
    for seed in seeds:
        model = TunedThresholdsClassifierCV(
            BinaryRelevance(LogisticRegression(solver="liblinear", random_state=0)),
            scoring="f1_macro", cv=5, random_state=seed, store_cv_results=True,
        ).fit(train.data, _dense(train.target))
        res = model.cv_results_
        Pt = model.predict_proba(test.data)
        usable = res["oof_mask"].any(axis=0)
        for key, kw in SETTINGS.items():
            t = search_thresholds(
                FBetaObjective(), res["oof_proba"], res["oof_target"],
                mask=res["oof_mask"], **kw,
            ).thresholds
            t = np.where(usable, t, 0.5)  # as the estimator does
            Z = (Pt > t).astype(np.int64)
            scores[key].append((
                f1_score(Yt, Z, average="macro", zero_division=0),
                f1_score(Yt, Z, average="micro", zero_division=0),
            ))
    return {k: np.mean(v, axis=0) for k, v in scores.items()}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", nargs="+", default=None,
                        help="default: every benchmark set with a train/test split")
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    parser.add_argument("--data-dir", default=None)
    args = parser.parse_args(argv)
    names = args.datasets or list_benchmarks(with_split=True)
    t0 = time.perf_counter()
    results = {}
    for name in names:
        results[name] = run(name, args.seeds, args.data_dir)
        print(f"{name}: done ({time.perf_counter() - t0:.0f} s)")

    width = max(len(k) for k in SETTINGS) + 2
    for title, col in (("test macro-F1", 0), ("test micro-F1", 1)):
        print(f"\n{title}, mean over fold seeds {args.seeds} (* = the defaults)")
        print(f"{'setting':<{width}}" + "".join(f"{n[:11]:>12}" for n in names)
              + f"{'mean':>9}")
        for key in SETTINGS:
            vals = [results[n][key][col] for n in names]
            print(f"{key:<{width}}" + "".join(f"{v:>12.4f}" for v in vals)
                  + f"{np.mean(vals):>9.4f}")
    print(f"\ntotal {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
