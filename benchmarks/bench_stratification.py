"""Benchmark: multi-label stratified K-fold, ours against iterative-stratification.

Both implement Sechidis et al. (2011). For each data set the script splits
the label matrix into 5 folds with ``skmultilabel.model_selection.
MultilabelStratifiedKFold`` (in this process) and with the
``iterative-stratification`` package's ``MultilabelStratifiedKFold`` (in a
subprocess, in its own virtual environment), then prints the
stratification quality of both (computed here, by the same code) and the
time ratio, side by side. A plain shuffled ``KFold`` is shown for scale.

Quality measures (lower is better), from Sechidis et al. (2011):

* LD: label distribution, the mean over labels and folds of the absolute
  difference between the positive/negative ratio of the label in the fold
  and in the whole data;
* ED: example distribution, the mean absolute difference between the fold
  sizes and n / k;
* FZ: (label, fold) pairs where a label with at least k positives has none
  in the test fold;
* mean |rate diff|: the mean absolute difference of the label rates.

Run (from the repository root)::

    .venv/bin/python benchmarks/bench_stratification.py
    .venv/bin/python benchmarks/bench_stratification.py --datasets emotions yeast \\
        --seeds 0 1 2 --data-dir /path/to/datasets

The peer's virtual environment is created on the first run (``python -m venv``
and ``pip install iterative-stratification``) under ``--peer-venv``
(default ``/tmp/skmultilabel-bench/iterstrat-venv``), never in the repository.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.model_selection import KFold

from skmultilabel.datasets import load_benchmark
from skmultilabel.model_selection import MultilabelStratifiedKFold

PEER_SCRIPT = r"""
import json, sys, time
import numpy as np
from iterstrat.ml_stratifiers import MultilabelStratifiedKFold
Y = np.load(sys.argv[1])
n_splits, seed = int(sys.argv[2]), int(sys.argv[3])
X = np.zeros((len(Y), 1))
start = time.perf_counter()
cv = MultilabelStratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
tests = [test.tolist() for _, test in cv.split(X, Y)]
elapsed = time.perf_counter() - start
json.dump({"time": elapsed, "tests": tests}, sys.stdout)
"""


def ensure_peer_venv(venv):
    python = venv / "bin" / "python"
    if python.exists():
        check = subprocess.run(
            [str(python), "-c", "import iterstrat"], capture_output=True, text=True
        )
        if check.returncode == 0:
            return python
    print(f"Creating the peer's virtual environment in {venv} ...", flush=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "iterative-stratification"],
        check=True,
    )
    return python


def quality(Y, tests):
    Y = np.asarray(Y, dtype=np.float64)
    n, L = Y.shape
    k = len(tests)
    pos = Y.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        whole = pos / (n - pos)
    ld, rate = [], []
    fz = 0
    for test in tests:
        Yt = Y[np.asarray(test)]
        d = Yt.sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = d / (len(test) - d)
        ok = np.isfinite(ratio) & np.isfinite(whole)
        ld.append(np.abs(ratio[ok] - whole[ok]).mean())
        rate.append(np.abs(d / len(test) - pos / n).mean())
        fz += int(((d == 0) & (pos >= k)).sum())
    ed = np.mean([abs(len(t) - n / k) for t in tests])
    return {
        "LD": float(np.mean(ld)),
        "ED": float(ed),
        "FZ": fz,
        "rate": float(np.mean(rate)),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", nargs="+", default=["delicious", "tmc2007-500"])
    parser.add_argument("--subset", default="all")
    parser.add_argument("--n-splits", type=int, default=5)
    parser.add_argument("--seeds", nargs="+", type=int, default=[0])
    parser.add_argument(
        "--data-dir",
        default=None,
        help="folder of the MULAN data sets (default: "
        "$SKMULTILABEL_DATA, then ../shared/datasets)",
    )
    parser.add_argument(
        "--peer-venv",
        type=Path,
        default=Path(tempfile.gettempdir()) / "skmultilabel-bench" / "iterstrat-venv",
    )
    args = parser.parse_args(argv)
    peer_python = ensure_peer_venv(args.peer_venv)

    header = (
        f"{'data set':<12} {'seed':>4} {'splitter':<26} {'time (s)':>9} "
        f"{'LD':>9} {'ED':>6} {'FZ':>4} {'mean |rate diff|':>17}"
    )
    print(header)
    print("-" * len(header))
    summary = []
    for name in args.datasets:
        Y = load_benchmark(name, subset=args.subset, data_dir=args.data_dir).target
        X = np.zeros((len(Y), 1))
        with tempfile.TemporaryDirectory() as tmp:
            y_path = os.path.join(tmp, "Y.npy")
            np.save(y_path, Y.astype(np.int8))
            for seed in args.seeds:
                start = time.perf_counter()
                cv = MultilabelStratifiedKFold(
                    args.n_splits, shuffle=True, random_state=seed
                )
                ours_tests = [test for _, test in cv.split(X, Y)]
                ours_time = time.perf_counter() - start

                out = subprocess.run(
                    [
                        str(peer_python),
                        "-c",
                        PEER_SCRIPT,
                        y_path,
                        str(args.n_splits),
                        str(seed),
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                peer = json.loads(out.stdout)
                kfold_tests = [
                    t
                    for _, t in KFold(
                        args.n_splits, shuffle=True, random_state=seed
                    ).split(X)
                ]
                rows = [
                    ("skmultilabel", ours_time, quality(Y, ours_tests)),
                    (
                        "iterative-stratification",
                        peer["time"],
                        quality(Y, peer["tests"]),
                    ),
                    ("KFold (shuffled)", float("nan"), quality(Y, kfold_tests)),
                ]
                for label, t, q in rows:
                    print(
                        f"{name:<12} {seed:>4} {label:<26} {t:>9.2f} {q['LD']:>9.5f} "
                        f"{q['ED']:>6.2f} {q['FZ']:>4d} {q['rate']:>17.6f}"
                    )
                ratio = peer["time"] / ours_time
                print(
                    f"{'':<12} {'':>4} {'-> peer time / ours':<26} {ratio:>9.1f}x; "
                    f"LD ours/peer = {rows[0][2]['LD'] / rows[1][2]['LD']:.2f}"
                )
                summary.append((name, seed, ratio, rows[0][2], rows[1][2]))
    print()
    for name, seed, ratio, ours, peer in summary:
        better = ours["LD"] <= peer["LD"] and ours["FZ"] <= peer["FZ"]
        print(
            f"{name} (seed {seed}): ours is {ratio:.1f}x faster; stratification "
            f"{'equal or better' if better else 'WORSE'} (LD {ours['LD']:.5f} vs "
            f"{peer['LD']:.5f}, FZ {ours['FZ']} vs {peer['FZ']})."
        )


if __name__ == "__main__":
    main()
