"""Classifier chains: accuracy of each inference, and the speed of inference.

Three parts, printed in one run:

1. **Methods** on emotions, yeast, scene, medical and enron (MULAN's
   predefined train/test splits; ``LogisticRegression(C=1, max_iter=1000)``
   as the base learner everywhere; dense sets standardised with the training
   mean and variance, the sparse word-presence sets left as they are):
   ``BinaryRelevance``; scikit-learn's ``ClassifierChain``; our
   ``ClassifierChain`` with each inference (greedy, greedy with out-of-fold
   chain features, exact joint mode and exact marginals for up to 16 labels,
   beam search, sampling) and ``EnsembleClassifierChain`` (10 chains,
   greedy vote and beam joint mode; ``ECC*`` on bootstrap samples, ``ECC**``
   with ``bootstrap=False``, every chain on all rows). Columns: Hamming
   loss, subset accuracy, example-based F1, micro-F1, macro-F1
   (``benchmarks.suite.metrics``), fit and predict wall-clock seconds. The
   ``CC*`` rows share one fit, as do the ``ECC*`` rows and the ``ECC**``
   rows (the inference is a prediction-time parameter): their fit time is
   that fit.
2. **Exact inference against scikit-multilearn-ng's
   ProbabilisticClassifierChain** on emotions (6 labels): the same base
   learner on the same standardised data, the peer run as a subprocess in
   its own venv, predicting the joint mode of the first ``--peer-rows`` test
   rows; seconds per row (wall-clock and CPU) side by side, the ratios, and
   how many of the predicted label vectors agree.
3. **Beam search scaling** on enron (53 labels) and bibtex (159 labels):
   predict seconds (wall-clock and CPU) of the whole test split for each
   beam width, and CPU seconds per unit of width (constant when the cost is
   linear in the width, falling while fixed costs dominate).

Run from the repository root::

    python benchmarks/bench_chains.py
    python benchmarks/bench_chains.py --datasets emotions scene --no-scaling
    python benchmarks/bench_chains.py --peer-python /path/to/venv/bin/python

The peer venv: ``--peer-venv`` (default
``/tmp/skmultilabel-bench/skmultilearn-ng``) is created on first use with
``python -m venv`` and ``pip install scikit-multilearn-ng==0.0.8
scikit-learn==<this scikit-learn>`` from PyPI; ``--peer-python`` uses an
existing interpreter instead, ``--no-peer`` skips part 2.

Data are read from ``--data-dir``, else ``$SKMULTILABEL_DATA``, else
``../shared/datasets``. BLAS runs on one thread. Wall-clock times depend on
the machine and its load; the ratios of part 2 and 3 are what carries over.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import warnings
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import sklearn  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.multioutput import ClassifierChain as SkClassifierChain  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from benchmarks.suite import metrics  # noqa: E402
from benchmarks.suite.protocol import timed_cpu  # noqa: E402
from skmultilabel import (  # noqa: E402
    BinaryRelevance,
    ClassifierChain,
    EnsembleClassifierChain,
)
from skmultilabel.datasets import load_benchmark  # noqa: E402

DATASETS = ["emotions", "yeast", "scene", "medical", "enron"]
MAX_ITER = 1000
PEER_REQUIREMENTS = [
    "scikit-multilearn-ng==0.0.8",
    f"scikit-learn=={sklearn.__version__}",
]


def base():
    return LogisticRegression(C=1.0, max_iter=MAX_ITER)


def load(name, data_dir):
    train = load_benchmark(name, subset="train", data_dir=data_dir)
    test = load_benchmark(name, subset="test", data_dir=data_dir)
    X_train, X_test = train.data, test.data
    if not sp.issparse(X_train):
        scaler = StandardScaler().fit(X_train)
        X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
    return X_train, np.asarray(train.target), X_test, np.asarray(test.target)


def dense(Y):
    return Y.toarray() if sp.issparse(Y) else np.asarray(Y)


def header():
    cols = "".join(f"{metrics.SHORT_LABELS[c]:>9}" for c in metrics.QUALITY_METRICS)
    return f"{'method':<28}{cols}{'fit s':>9}{'pred s':>9}"


def format_row(method, scores, fit_s, pred_s):
    cols = "".join(f"{scores[c]:>9.4f}" for c in metrics.QUALITY_METRICS)
    return f"{method:<28}{cols}{fit_s:>9.2f}{pred_s:>9.2f}"


def part_methods(name, args):
    X_train, Y_train, X_test, Y_test = load(name, args.data_dir)
    n_labels = Y_train.shape[1]
    print(
        f"\n## {name}: {X_train.shape[0]} train / {X_test.shape[0]} test, "
        f"{X_train.shape[1]} features, {n_labels} labels"
    )
    print(header())
    results = {}

    def record(method, Y_pred, fit_s, pred_s):
        scores = metrics.score_all(Y_test, dense(Y_pred))
        results[method] = scores
        print(format_row(method, scores, fit_s, pred_s), flush=True)

    def simple(method, est):
        _, fit_s, _ = timed_cpu(lambda: est.fit(X_train, Y_train))
        pred, pred_s, _ = timed_cpu(lambda: est.predict(X_test))
        record(method, pred, fit_s, pred_s)
        return est

    simple("BinaryRelevance", BinaryRelevance(base()))
    try:
        sk = simple("sklearn ClassifierChain", SkClassifierChain(base()))
    except ValueError as exc:  # e.g. a label that is constant in training
        sk = None
        print(f"{'sklearn ClassifierChain':<28}fails: {str(exc)[:70]}")
    chain = ClassifierChain(
        base(), beam_width=args.beam_width, n_draws=args.n_draws, random_state=0
    )
    _, fit_s, _ = timed_cpu(lambda: chain.fit(X_train, Y_train))
    inferences = [("greedy", "joint")]
    if n_labels <= 16:
        inferences += [("exact", "joint"), ("exact", "marginal")]
    inferences += [("beam", "joint"), ("sample", "joint"), ("sample", "marginal")]
    for inference, mode in inferences:
        chain.set_params(inference=inference, predict_mode=mode)
        pred, pred_s, _ = timed_cpu(lambda: chain.predict(X_test))
        label = {
            "greedy": "greedy",
            "exact": "exact",
            "beam": f"beam w={args.beam_width}",
            "sample": f"sample n={args.n_draws}",
        }[inference]
        if inference != "greedy":
            label += " >joint" if mode == "joint" else " >marg"
        record(f"CC* {label}", pred, fit_s, pred_s)
        if inference == "greedy" and sk is not None:
            same = np.array_equal(dense(pred), sk.predict(X_test).astype(int))
            print(f"{'':<28}(identical to scikit-learn's predictions: {same})")
    simple("CC greedy cv=5", ClassifierChain(base(), cv=5))
    ecc = EnsembleClassifierChain(
        base(), n_chains=10, beam_width=args.beam_width, random_state=0
    )
    _, fit_s, _ = timed_cpu(lambda: ecc.fit(X_train, Y_train))
    pred, pred_s, _ = timed_cpu(lambda: ecc.predict(X_test))
    record("ECC* 10 chains, vote", pred, fit_s, pred_s)
    ecc.set_params(inference="beam")
    pred, pred_s, _ = timed_cpu(lambda: ecc.predict(X_test))
    record(f"ECC* beam w={args.beam_width} >joint", pred, fit_s, pred_s)
    ecc = EnsembleClassifierChain(
        base(), n_chains=10, bootstrap=False, beam_width=args.beam_width, random_state=0
    )
    _, fit_s, _ = timed_cpu(lambda: ecc.fit(X_train, Y_train))
    pred, pred_s, _ = timed_cpu(lambda: ecc.predict(X_test))
    record("ECC** 10 chains, vote", pred, fit_s, pred_s)
    ecc.set_params(inference="beam")
    pred, pred_s, _ = timed_cpu(lambda: ecc.predict(X_test))
    record(f"ECC** beam w={args.beam_width} >joint", pred, fit_s, pred_s)
    return results


def peer_python(args):
    if args.peer_python:
        return Path(args.peer_python)
    venv = Path(args.peer_venv)
    python = venv / "bin" / "python"
    marker = venv / ".bench_chains"
    wanted = " ".join(PEER_REQUIREMENTS)
    if marker.is_file() and marker.read_text().strip() == wanted:
        return python
    print(f"creating the peer venv {venv} ({wanted}); this runs once", flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *PEER_REQUIREMENTS,
        ],
        check=True,
    )
    marker.write_text(wanted + "\n")
    return python


def part_peer(args):
    X_train, Y_train, X_test, _ = load("emotions", args.data_dir)
    rows = X_test[: args.peer_rows]
    print(
        f"\n## exact joint mode on emotions ({Y_train.shape[1]} labels): ours vs "
        f"scikit-multilearn-ng ProbabilisticClassifierChain, {len(rows)} test rows"
    )
    chain = ClassifierChain(base(), inference="exact").fit(X_train, Y_train)
    ours_rows, ours_s, ours_cpu = timed_cpu(lambda: chain.predict(rows))
    _, ours_all_s, ours_all_cpu = timed_cpu(lambda: chain.predict(X_test))
    python = peer_python(args)
    with tempfile.TemporaryDirectory() as tmp:
        job, out = Path(tmp) / "job.npz", Path(tmp) / "out.npz"
        np.savez(job, X_train=X_train, Y_train=Y_train, X_test=rows, max_iter=MAX_ITER)
        runner = REPO / "benchmarks" / "_pcc_peer_runner.py"
        subprocess.run([str(python), str(runner), str(job), str(out)], check=True)
        peer = np.load(out)
        peer_pred = peer["pred"]
        peer_s, peer_cpu = (
            float(peer["predict_seconds"]),
            float(peer["predict_cpu_seconds"]),
        )
    agree = np.mean(np.all(peer_pred == ours_rows, axis=1))
    n, n_all = len(rows), X_test.shape[0]
    print(f"{'':<40}{'wall s/row':>12}{'ratio':>8}{'CPU s/row':>12}{'ratio':>8}")
    print(
        f"{'scikit-multilearn-ng PCC.predict':<40}{peer_s / n:>12.5f}{'':>8}"
        f"{peer_cpu / n:>12.5f}"
    )
    for label, wall, cpu, count in [
        ("ours, exact, same rows", ours_s, ours_cpu, n),
        ("ours, exact, whole test split", ours_all_s, ours_all_cpu, n_all),
    ]:
        print(
            f"{label:<40}{wall / count:>12.6f}{peer_s / n / (wall / count):>7.0f}x"
            f"{cpu / count:>12.6f}{peer_cpu / n / max(cpu / count, 1e-9):>7.0f}x"
        )
    print(f"identical joint modes on {agree:.0%} of the rows")


def part_scaling(args):
    for name in args.scaling_datasets:
        X_train, Y_train, X_test, _ = load(name, args.data_dir)
        print(
            f"\n## beam search on {name}: {X_test.shape[0]} test rows, "
            f"{Y_train.shape[1]} labels"
        )
        chain = ClassifierChain(base(), inference="beam")
        _, fit_s, _ = timed_cpu(partial(chain.fit, X_train, Y_train))
        print(f"(fit {fit_s:.1f} s)")
        print(f"{'width':>6}{'wall s':>10}{'CPU s':>10}{'CPU s / width':>15}")
        for width in args.widths:
            chain.set_params(beam_width=width)
            _, wall, cpu = timed_cpu(partial(chain.predict, X_test))
            print(
                f"{width:>6}{wall:>10.2f}{cpu:>10.2f}{cpu / width:>15.3f}", flush=True
            )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--datasets", nargs="+", default=DATASETS)
    parser.add_argument("--beam-width", type=int, default=10)
    parser.add_argument("--n-draws", type=int, default=200)
    parser.add_argument("--peer-rows", type=int, default=20)
    parser.add_argument(
        "--peer-venv", default="/tmp/skmultilabel-bench/skmultilearn-ng"
    )
    parser.add_argument("--peer-python", default=None)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--no-methods", action="store_true")
    parser.add_argument("--no-scaling", action="store_true")
    parser.add_argument("--scaling-datasets", nargs="+", default=["enron", "bibtex"])
    parser.add_argument("--widths", nargs="+", type=int, default=[1, 2, 4, 8, 16])
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore", ConvergenceWarning)
    # StratifiedKFold on a label with fewer positives than folds (cv=5 rows).
    warnings.filterwarnings("ignore", message="The least populated class")
    print(
        f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; "
        f"LogisticRegression(C=1, max_iter={MAX_ITER})"
    )
    if not args.no_methods:
        for name in args.datasets:
            part_methods(name, args)
    if not args.no_peer:
        part_peer(args)
    if not args.no_scaling:
        part_scaling(args)


if __name__ == "__main__":
    main()
