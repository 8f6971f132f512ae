"""Methods that use label dependence, side by side, and loss-aware predictions.

On emotions, yeast, scene, medical and enron (MULAN's predefined train/test
splits, loaded by ``benchmarks.suite.data``), with the benchmark suite's one
base learner for every method (``benchmarks.suite.registry.base_learner()``:
``MaxAbsScaler`` then ``LogisticRegression(C=1, max_iter=1000)``), this
prints one table per data set with

* ``BR``: ``BinaryRelevance`` (labels independent; the baseline);
* ``SBR``: ``StackedBinaryRelevance(cv=5, random_state=0)`` (BR+,
  out-of-fold stacking);
* ``LP``: ``LabelPowerset`` (predicts the most probable seen label set);
* ``RAkELd`` / ``RAkELo``: ``RakelD`` / ``RakelO`` with k = 3 (RAkELo with
  2L models), ``random_state=0``;
* ``LP>hamming`` / ``LP>subset`` / ``LP>F1``: ``LossAwareClassifier`` on a
  label powerset (one fit), predicting for Hamming loss (marginals over
  0.5), subset 0/1 loss (the joint mode) and example-based F1 (the exact
  GFM);
* ``PCC>hamming`` / ``PCC>subset`` / ``PCC>F1``: the same from
  ``--n-draws`` ancestral draws of a probabilistic ``ClassifierChain``
  (``random_state=0``), when the package has one with ``sample_joint``
  (``--no-chains`` leaves it out);

and the Hamming loss, subset accuracy, example-based F1, micro-F1 and
macro-F1 on the test split (``benchmarks.suite.metrics``, the suite's
conventions), with fit and predict wall-clock seconds. The loss-aware rows
share one fit: their fit time is that fit, their predict time their own.
A last table puts example-based F1 of the GFM next to that of the
thresholded marginals of the same joint model (the Bayes-optimal
prediction for Hamming loss), with the difference.

``--peers`` adds scikit-multilearn-ng's ``BinaryRelevance``,
``LabelPowerset`` and ``RakelD`` (same base learner and data) run in their
own venv by the benchmark suite (``benchmarks/suite``; the venv is made on
first use under ``~/.cache/skmultilabel-bench/venvs``, see
``benchmarks/suite/venvs.py``), with the ratio of their fit time to ours.

Run from the repository root::

    python benchmarks/bench_dependence_methods.py
    python benchmarks/bench_dependence_methods.py --datasets emotions yeast
    python benchmarks/bench_dependence_methods.py --peers

Data are read from ``--data-dir``, else ``$SKMULTILABEL_DATA``, else
``../shared/datasets``. Everything runs in one process, one core.
"""

import argparse
import os
import sys
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402

import skmultilabel  # noqa: E402
from benchmarks.suite import metrics, registry  # noqa: E402
from benchmarks.suite.data import DatasetUnavailable, load_dataset  # noqa: E402
from benchmarks.suite.protocol import timed_cpu  # noqa: E402

DATASETS = ["emotions", "yeast", "scene", "medical", "enron"]
LOSSES = ["hamming", "subset", "f1"]
LOSS_NAMES = {"hamming": "hamming", "subset": "subset", "f1": "F1"}
PEERS = {"skml-BR": "BR", "skml-LP": "LP", "skml-RAkELd": "RAkELd"}


def base():
    return registry.base_learner()


def simple_methods():
    return {
        "BR": lambda: skmultilabel.BinaryRelevance(base()),
        "SBR": lambda: skmultilabel.StackedBinaryRelevance(
            base(), cv=5, random_state=0),
        "LP": lambda: skmultilabel.LabelPowerset(base()),
        "RAkELd": lambda: skmultilabel.RakelD(base(), labelset_size=3, random_state=0),
        "RAkELo": lambda: skmultilabel.RakelO(base(), labelset_size=3, random_state=0),
    }


def joint_models(n_draws, chains):
    models = {"LP": lambda: skmultilabel.LabelPowerset(base())}
    chain = getattr(skmultilabel, "ClassifierChain", None)
    if chains and chain is not None and hasattr(chain, "sample_joint"):
        models["PCC"] = lambda: chain(base(), random_state=0)
    return {
        name: (lambda make=make: skmultilabel.LossAwareClassifier(
            make(), n_draws=n_draws, random_state=0))
        for name, make in models.items()
    }


def prepare(data):
    X_train, X_test = data.X_train, data.X_test
    Y_train = np.asarray(data.Y_train.toarray() if sp.issparse(data.Y_train)
                         else data.Y_train)
    Y_test = np.asarray(data.Y_test.toarray() if sp.issparse(data.Y_test)
                        else data.Y_test)
    return X_train, Y_train, X_test, Y_test


def dense(Y):
    return Y.toarray() if sp.issparse(Y) else np.asarray(Y)


def run_dataset(name, args):
    data = load_dataset(name, args.data_dir)
    X_train, Y_train, X_test, Y_test = prepare(data)
    rows = []

    def record(method, Y_pred, fit_s, predict_s, note=""):
        row = {"method": method, **metrics.score_all(Y_test, dense(Y_pred)),
               "fit_seconds": fit_s, "predict_seconds": predict_s, "note": note}
        rows.append(row)
        print(format_row(row), flush=True)

    print(f"\n## {name}: {X_train.shape[0]} train / {X_test.shape[0]} test, "
          f"{X_train.shape[1]} features, {Y_train.shape[1]} labels, "
          f"{len(np.unique(Y_train, axis=0))} distinct training label sets")
    print(header())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        for method, make in simple_methods().items():
            if args.methods and method not in args.methods:
                continue
            model = make()
            _, fit_s, _ = timed_cpu(lambda model=model: model.fit(X_train, Y_train))
            Y_pred, predict_s, _ = timed_cpu(lambda model=model: model.predict(X_test))
            record(method, Y_pred, fit_s, predict_s)
        for joint, make in joint_models(args.n_draws, not args.no_chains).items():
            wanted = args.methods
            if wanted and not any(m.startswith(joint + ">") for m in wanted):
                continue
            model = make()
            _, fit_s, _ = timed_cpu(lambda model=model: model.fit(X_train, Y_train))
            for loss in LOSSES:
                model.set_params(loss=loss)
                Y_pred, predict_s, _ = timed_cpu(
                    lambda model=model: model.predict(X_test)
                )
                record(f"{joint}>{LOSS_NAMES[loss]}", Y_pred, fit_s, predict_s)
    n_conv = sum(issubclass(w.category, ConvergenceWarning) for w in caught)
    if n_conv:
        print(f"({n_conv} ConvergenceWarnings from the base learner)")
    if args.peers:
        rows += run_peers(name, X_train, Y_train, X_test, Y_test, rows, args)
    return rows


def run_peers(name, X_train, Y_train, X_test, Y_test, ours, args):
    import tempfile

    from benchmarks.suite import runner, venvs
    from benchmarks.suite.protocol import save_dataset

    try:
        python = venvs.ensure_venv("skmultilearn_ng")
    except venvs.PeerEnvError as exc:
        print(f"peers skipped: {exc}")
        return []
    by_name = {row["method"]: row for row in ours}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}.npz"
        save_dataset(path, X_train, Y_train, X_test)
        for peer, mine in PEERS.items():
            row = runner.run_method(
                registry.get_method(peer), path, Y_test, tmp,
                timeout=args.peer_timeout, python=python,
            )
            if row.get("status") != "ok":
                print(f"{peer:<14} FAILED {row.get('error')}")
                continue
            own = by_name.get(mine)
            note = ""
            if own is not None:
                ratio = row["fit_seconds"] / own["fit_seconds"]
                note = f"fit time peer/ours = {ratio:.2f}"
            peer_row = {"method": peer, **{k: row[k] for k in metrics.QUALITY_METRICS},
                        "fit_seconds": row["fit_seconds"],
                        "predict_seconds": row["predict_seconds"], "note": note}
            rows.append(peer_row)
            print(format_row(peer_row), flush=True)
    return rows


COLUMNS = [("hamming_loss", "Hamming"), ("subset_accuracy", "subset acc"),
           ("example_f1", "ex-F1"), ("micro_f1", "micro-F1"), ("macro_f1", "macro-F1"),
           ("fit_seconds", "fit s"), ("predict_seconds", "predict s")]


def header():
    cells = " | ".join(f"{title:>10}" for _, title in COLUMNS)
    return f"| {'method':<14} | {cells} | note"


def format_row(row):
    cells = " | ".join(
        f"{row[key]:>10.2f}" if key.endswith("seconds") else f"{row[key]:>10.4f}"
        for key, _ in COLUMNS
    )
    return f"| {row['method']:<14} | {cells} | {row.get('note', '')}"


def summary(results):
    print("\n## Example-based F1: GFM against thresholded marginals of the same "
          "joint model")
    print(f"| {'data set':<10} | {'joint model':<11} | {'GFM (>F1)':>10} | "
          f"{'marginals (>hamming)':>20} | {'difference':>10} | {'BR':>8}")
    for name, rows in results.items():
        by = {row["method"]: row for row in rows}
        for joint in ("LP", "PCC"):
            if f"{joint}>F1" not in by:
                continue
            gfm = by[f"{joint}>F1"]["example_f1"]
            ham = by[f"{joint}>hamming"]["example_f1"]
            br = by["BR"]["example_f1"] if "BR" in by else float("nan")
            print(f"| {name:<10} | {joint:<11} | {gfm:>10.4f} | {ham:>20.4f} | "
                  f"{gfm - ham:>+10.4f} | {br:>8.4f}")


def metric_tables(results):
    """One table per metric, methods by data sets (reStructuredText)."""
    names = list(results)
    methods = []
    for rows in results.values():
        methods += [row["method"] for row in rows if row["method"] not in methods]
    width = max(len(m) for m in methods) if methods else 6
    for key, title in COLUMNS[:5]:
        rule = "=" * width + "  " + "  ".join("=" * max(8, len(n)) for n in names)
        print(f"\n{title}{' (lower is better)' if key == 'hamming_loss' else ''}:\n")
        print(rule)
        heads = "  ".join(f"{n:>{max(8, len(n))}}" for n in names)
        print(f"{'method':<{width}}  {heads}")
        print(rule)
        for method in methods:
            cells = []
            for n in names:
                by = {row["method"]: row for row in results[n]}
                value = by[method][key] if method in by else float("nan")
                cells.append(f"{value:>{max(8, len(n))}.4f}")
            print(f"{method:<{width}}  " + "  ".join(cells))
        print(rule)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", nargs="+", default=DATASETS)
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--methods", nargs="+", default=None,
                        help="only these rows (e.g. BR LP LP>F1)")
    parser.add_argument("--n-draws", type=int, default=1000,
                        help="draws per test sample for the chain (default 1000)")
    parser.add_argument("--no-chains", action="store_true")
    parser.add_argument("--peers", action="store_true",
                        help="add scikit-multilearn-ng BR, LP and RAkELd")
    parser.add_argument("--peer-timeout", type=float, default=1800.0)
    args = parser.parse_args(argv)
    print(f"skmultilabel {skmultilabel.__version__}; base learner "
          f"{base()!r}; one thread")
    results = {}
    for name in args.datasets:
        try:
            results[name] = run_dataset(name, args)
        except DatasetUnavailable as exc:
            print(f"\n## {name}: skipped ({exc})")
    summary(results)
    metric_tables(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
