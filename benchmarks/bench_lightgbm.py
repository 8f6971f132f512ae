"""LGBMMultiLabelClassifier against the scikit-learn ways of running LightGBM.

Part ``speed`` (issue: same predictions, fit >= 1.5x faster than the faster
peer, peak memory not higher). On tmc2007-500 and delicious (predefined
MULAN train/test splits) and a generated 100k x 100 x 50-label set (80/20
split), three methods with the same hyperparameters:

* ``MultiOutputClassifier(LGBMClassifier(n_jobs=-1))``
* ``OneVsRestClassifier(LGBMClassifier())``
* ``LGBMMultiLabelClassifier()`` (n_jobs=None: all cores)

Each method runs in its own fresh subprocess, so fit/predict wall time, CPU
time and peak memory are comparable: peak memory is the growth of the
process's resident set during fit and predict over its resident set just
before ``fit``, from the kernel's high-water mark (reset before ``fit``;
``benchmarks.suite.memory.PeakMemory``, as in the benchmark suite), so it
is exact to the page and counts LightGBM's C++ allocations too
(tracemalloc would not). The parent then checks the predictions against
each other and prints the five metrics of the 0/1 predictions at
probability 0.5, computed by ``benchmarks.suite.metrics`` as in every
benchmark here (example-based F1 counts a row with no true and no
predicted label as 1). The methods run ``--repeats`` rounds (3 by
default), in a rotating order; times are the median over the rounds and
peak memory the largest, and each round's fit time, fit CPU time, peak
memory and speed-up are printed too (on a shared machine, one run's time
can be off by a fifth or more).

Part ``breakdown``: where a peer's time per label goes (binning, booster
set-up, training on all cores) against the same labels' training on one
thread each, as many at once as there are cores; their ratio is about the
fit speed-up that training the same trees with LightGBM allows.

Part ``coupled``: ``objective="coupled"`` (ranking weights 1 and 4) against
plain binary relevance (``objective="binary"``), same hyperparameters, on
emotions, yeast, scene, medical and enron (MULAN train/test splits): the
five metrics, plus ranking loss and mean per-label log-loss (calibration).

Run from the repository root::

    python benchmarks/bench_lightgbm.py                 # all three parts
    python benchmarks/bench_lightgbm.py --part speed
    python benchmarks/bench_lightgbm.py --part breakdown --sets generated
    python benchmarks/bench_lightgbm.py --part coupled
    python benchmarks/bench_lightgbm.py --part speed --sets tmc2007-500
    python benchmarks/bench_lightgbm.py --part speed --serial  # + n_jobs=1
    python benchmarks/bench_lightgbm.py --part speed --repeats 1  # one round
    python benchmarks/bench_lightgbm.py --sets generated --generator normal

Data are read from ``--data-dir``, else ``$SKMULTILABEL_DATA``, else
``../shared/datasets``. The machine it was written for has 2 cores; with
983 labels, delicious uses ``--delicious-estimators`` trees per label (20 by
default) so that a round of the three sets takes about 7 minutes; the other sets
use ``--n-estimators`` (100, LightGBM's default). The same trees for every
method.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import numpy as np
import scipy.sparse as sp

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.suite import metrics  # noqa: E402
from benchmarks.suite.cli import positive_int  # noqa: E402
from benchmarks.suite.memory import PeakMemory  # noqa: E402
from benchmarks.suite.protocol import (  # noqa: E402
    load_dataset,
    save_dataset,
    timed_cpu,
)
from benchmarks.suite.runner import rotation, summarize_rounds  # noqa: E402

METHODS = ["multioutput", "onevsrest", "ours"]
LABELS = {
    "multioutput": "MultiOutputClassifier(LGBMClassifier(n_jobs=-1))",
    "onevsrest": "OneVsRestClassifier(LGBMClassifier())",
    "ours": "LGBMMultiLabelClassifier()",
    "ours-serial": "LGBMMultiLabelClassifier(n_jobs=1)",
}


def _data_dir(arg):
    if arg:
        return arg
    return os.environ.get("SKMULTILABEL_DATA", str(REPO.parent / "shared" / "datasets"))


# ----------------------------------------------------------------------
# Worker: one method on one data set, in its own process


def _make(method, n_estimators):
    from lightgbm import LGBMClassifier
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.multioutput import MultiOutputClassifier

    from skmultilabel import LGBMMultiLabelClassifier

    if method == "multioutput":
        return MultiOutputClassifier(
            LGBMClassifier(n_estimators=n_estimators, n_jobs=-1, verbose=-1)
        )
    if method == "onevsrest":
        return OneVsRestClassifier(
            LGBMClassifier(n_estimators=n_estimators, verbose=-1)
        )
    if method == "ours-serial":
        return LGBMMultiLabelClassifier(n_estimators=n_estimators, n_jobs=1)
    return LGBMMultiLabelClassifier(n_estimators=n_estimators)


def _positive_proba(model, X):
    if hasattr(model, "estimators_") and isinstance(model.estimators_, list) and (
        type(model).__name__ == "MultiOutputClassifier"
    ):
        return np.column_stack([e.predict_proba(X)[:, 1] for e in model.estimators_])
    return model.predict_proba(X)


def worker(args):
    import lightgbm  # noqa: F401  (imports outside the measured window)
    import sklearn.multiclass  # noqa: F401
    import sklearn.multioutput  # noqa: F401

    import skmultilabel  # noqa: F401

    X_train, Y_train, X_test = load_dataset(args.npz)
    model = _make(args.worker, args.n_estimators)
    with PeakMemory() as mem:
        _, fit_wall, fit_cpu = timed_cpu(lambda: model.fit(X_train, Y_train))
        P, pred_wall, pred_cpu = timed_cpu(lambda: _positive_proba(model, X_test))
    np.save(args.out, P)
    print(json.dumps({
        "fit_wall": fit_wall, "fit_cpu": fit_cpu, "pred_wall": pred_wall,
        "pred_cpu": pred_cpu, "peak_mb": mem.end_kib / 1024,
    }))


# ----------------------------------------------------------------------
# Part 1: speed, memory, same predictions


def _run_worker(args, method, npz, tmp, n_estimators):
    """Fit and predict with ``method`` in a fresh process.

    Returns its measurements and its test-set probabilities.
    """
    env = dict(os.environ)
    if args.omp_wait_policy != "default":
        env["OMP_WAIT_POLICY"] = args.omp_wait_policy.upper()
    out = tmp / f"{method}.npy"
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", method, "--npz", str(npz),
         "--out", str(out), "--n-estimators", str(n_estimators)],
        capture_output=True, text=True, check=False, env=env,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{method} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), np.load(out)


def _speed_sets(args):
    """The speed sets in ``args.sets``: (name, trees a label, X and Y of the
    train part, X and Y of the test part)."""
    from skmultilabel.datasets import load_benchmark

    data_dir = _data_dir(args.data_dir)
    for name, n_est in (
        ("tmc2007-500", args.n_estimators),
        ("delicious", args.delicious_estimators),
    ):
        if name not in args.sets:
            continue
        tr = load_benchmark(name, subset="train", data_dir=data_dir)
        te = load_benchmark(name, subset="test", data_dir=data_dir)
        yield name, n_est, tr.data, tr.target, te.data, te.target
    if "generated" not in args.sets:
        return
    cache = Path(args.cache_dir)
    name = "generated 100k x 100 x 50"
    if args.generator == "counts":
        path = cache / "generated_100k.npz"
    else:
        path = cache / f"generated_100k_{args.generator}.npz"
        name += f" ({args.generator} features)"
    if path.exists():
        g = np.load(path)
        X, Y = g["X"], g["Y"]
    else:
        if args.generator == "counts":
            from sklearn.datasets import make_multilabel_classification

            X, Y = make_multilabel_classification(
                n_samples=100_000, n_features=100, n_classes=50, n_labels=3,
                random_state=0,
            )
        else:
            from skmultilabel.datasets import make_dependent_multilabel

            X, Y = make_dependent_multilabel(
                100_000, 50, n_features=100, random_state=0
            )
        np.savez(path, X=X, Y=Y)
    cut = 80_000
    yield name, args.n_estimators, X[:cut], Y[:cut], X[cut:], Y[cut:]


# The worker's times: their median over the rounds goes in the table.
TIMES = ("fit_wall", "fit_cpu", "pred_wall", "pred_cpu")


def _metric_header():
    return " ".join(f"{metrics.SHORT_LABELS[k]:>8s}" for k in metrics.QUALITY_METRICS)


def _metric_cells(Y, P):
    """The five metrics (``benchmarks.suite.metrics``, as every benchmark
    here) of the 0/1 predictions at probability 0.5, as table cells."""
    scores = metrics.score_all(np.asarray(Y), (P > 0.5).astype(np.int8))
    return " ".join(f"{scores[k]:8.4f}" for k in metrics.QUALITY_METRICS)


def _per_round(runs, key, spec):
    """Each method's ``key`` in every round, formatted with ``spec``."""
    return "; ".join(
        f"{m} " + ", ".join(format(r[key], spec) for r in rounds)
        for m, rounds in runs.items()
    )


def part_speed(args):
    methods = METHODS + (["ours-serial"] if args.serial else [])
    cache = Path(args.cache_dir)
    rows = []
    for name, n_est, Xtr, Ytr, Xte, Yte in _speed_sets(args):
        print(f"\n== {name}: train {Xtr.shape} x {Ytr.shape[1]} labels, test "
              f"{Xte.shape[0]} rows, {'sparse' if sp.issparse(Xtr) else 'dense'}, "
              f"n_estimators={n_est}", flush=True)
        with tempfile.TemporaryDirectory(dir=cache) as tmp:
            npz = Path(tmp) / "data.npz"
            save_dataset(npz, Xtr, Ytr, Xte)
            runs, probas = {m: [] for m in methods}, {}
            for rep in range(args.repeats):
                for method in rotation(methods, rep):
                    measured, P = _run_worker(args, method, npz, Path(tmp), n_est)
                    runs[method].append(measured)
                    if method in probas and not np.array_equal(P, probas[method]):
                        print(f"warning: {method} predicted differently "
                              f"in round {rep + 1}")
                    probas[method] = P
        # the median over the rounds for times, the largest for peak memory
        res = {m: summarize_rounds(runs[m], TIMES, ("peak_mb",)) for m in methods}
        print(f"{'method':52s} {'fit s':>7s} {'fit cpu':>7s} {'pred s':>7s} "
              f"{'peak MB':>8s} {_metric_header()}")
        for method in methods:
            r = res[method]
            print(f"{LABELS[method]:52s} {r['fit_wall']:7.2f} {r['fit_cpu']:7.2f} "
                  f"{r['pred_wall']:7.2f} {r['peak_mb']:8.1f} "
                  f"{_metric_cells(Yte, probas[method])}")
        fastest = min(("multioutput", "onevsrest"), key=lambda k: res[k]["fit_wall"])
        lowest = min(("multioutput", "onevsrest"), key=lambda k: res[k]["peak_mb"])
        ours = res["ours"]
        diffs = {
            k: np.abs(probas["ours"] - probas[k]).max()
            for k in ("multioutput", "onevsrest")
        }
        flips = {k: int(((probas["ours"] > 0.5) != (probas[k] > 0.5)).sum())
                 for k in ("multioutput", "onevsrest")}
        print(
            f"fit speed-up vs faster peer ({fastest}): "
            f"{res[fastest]['fit_wall'] / ours['fit_wall']:.2f}x; predict: "
            f"{res[fastest]['pred_wall'] / ours['pred_wall']:.2f}x; peak memory ratio "
            f"ours/{lowest}: {ours['peak_mb'] / max(res[lowest]['peak_mb'], 1e-9):.2f}"
        )
        if args.repeats > 1:
            print("fit s per round: " + _per_round(runs, "fit_wall", ".2f"))
            print("fit cpu s per round: " + _per_round(runs, "fit_cpu", ".2f"))
            print("peak MB per round: " + _per_round(runs, "peak_mb", ".1f"))
            rounds = zip(
                runs["multioutput"], runs["onevsrest"], runs["ours"], strict=True
            )
            print("fit speed-up per round (vs the faster peer of that round): "
                  + ", ".join(f"{min(a['fit_wall'], b['fit_wall']) / o['fit_wall']:.2f}"
                              for a, b, o in rounds))
        print(
            "max |P_ours - P_peer|: "
            + ", ".join(f"{k} {v:.2e}" for k, v in diffs.items())
            + "; differing 0/1 predictions: "
            + ", ".join(f"{k} {v}" for k, v in flips.items()),
            flush=True,
        )
        rows.append((name, res, diffs, flips))
    return rows


# ----------------------------------------------------------------------
# Part 2: what the same trees allow


def _boost(dataset, params, n_rounds):
    """A booster on ``dataset``: (its set-up seconds, its training seconds)."""
    import lightgbm as lgb

    t0 = time.perf_counter()
    booster = lgb.Booster(params, dataset)
    t1 = time.perf_counter()
    for _ in range(n_rounds):
        booster.update()
    return t1 - t0, time.perf_counter() - t1


def _peer_label(X, y, params, n_threads, n_rounds):
    """A peer's label: bin X, set up a booster, train it, on ``n_threads``.

    Returns binning wall and CPU seconds, set-up and training seconds.
    """
    import lightgbm as lgb

    params = dict(params, num_threads=n_threads)
    dataset, wall, cpu = timed_cpu(
        lambda: lgb.Dataset(X, label=y, params=params).construct()
    )
    return (wall, cpu, *_boost(dataset, params, n_rounds))


def _train_at_once(boosters, n_workers, n_rounds):
    """Train ``boosters`` (set up, one LightGBM thread each), ``n_workers``
    at a time; returns the wall seconds a booster.

    LightGBM releases the GIL while it trains.
    """
    import threading

    todo = list(boosters)
    lock = threading.Lock()

    def work():
        while True:
            with lock:
                if not todo:
                    return
                booster = todo.pop(0)
            # LightGBM's log level is per thread: set it in this one
            booster.reset_parameter({"verbose": -1})
            for _ in range(n_rounds):
                booster.update()

    threads = [threading.Thread(target=work) for _ in range(n_workers)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return (time.perf_counter() - t0) / len(boosters)


def part_breakdown(args):
    """A peer's time per label against the training alone, on the speed sets.

    All three methods train the same trees with LightGBM's own tree
    building; a peer also bins the features and sets up a booster for every
    label, and trains each label on all the cores at once. For a few labels
    (``--breakdown-labels``), in turns for ``--repeats`` rounds, in this
    process, wall times of:

    * a peer's label: binning, booster set-up and training on all the
      cores (LightGBM picks the histogram mode, as for the peers);
    * the same labels' training alone, boosters set up beforehand with one
      thread each (in the histogram mode the estimator's trial picks), as
      many at once as there are cores, as the estimator trains them;
    * and one at a time, which shows how much the boosters that train at
      once slow each other down.

    A peer's label over the training alone is about the fit speed-up that
    the same trees allow: the estimator also bins once (for all labels),
    times the histogram modes and sets up a booster per group of labels.
    """
    import lightgbm as lgb

    from skmultilabel._lightgbm import _choose_histogram_mode

    n_cores = os.cpu_count()
    params = {"objective": "binary", "verbose": -1}
    print(f"\n== what the same trees allow: seconds a label, the median over "
          f"{args.breakdown_labels} labels x {args.repeats} rounds ({n_cores} cores)")
    for name, n_est, Xtr, Ytr, _, _ in _speed_sets(args):
        Y = Ytr.toarray() if sp.issparse(Ytr) else np.asarray(Ytr)
        counts = Y.sum(axis=0)
        labels = np.flatnonzero((counts > 0) & (counts < Y.shape[0]))
        labels = labels[: args.breakdown_labels].tolist()
        # a binned copy per label: a booster reads its Dataset's label as
        # it trains
        binning = dict(params, num_threads=n_cores)
        binned = [lgb.Dataset(Xtr, label=Y[:, j], params=binning).construct()
                  for j in labels]
        one = dict(params, num_threads=1, **_choose_histogram_mode(
            params, binned[0], 1, Y[:, labels[0]], None
        ))
        peer, at_once, alone = [], [], []
        for rep in range(args.repeats):
            for step in rotation(["peer", "at once", "one at a time"], rep):
                if step == "peer":
                    peer += [_peer_label(Xtr, Y[:, j], params, n_cores, n_est)
                             for j in labels]
                else:
                    boosters = [lgb.Booster(one, d) for d in binned]
                    if step == "at once":
                        at_once.append(_train_at_once(boosters, n_cores, n_est))
                    else:
                        alone.append(_train_at_once(boosters, 1, n_est))
                    del boosters
        bin_wall, bin_cpu, setup, train = np.median(np.array(peer), axis=0)
        peer_s = bin_wall + setup + train
        ours, solo = float(np.median(at_once)), float(np.median(alone))
        print(f"{name} ({n_est} trees a label): a peer's label {peer_s:.3f} = binning "
              f"{bin_wall:.3f} ({bin_cpu:.3f} CPU) + booster set-up {setup:.3f} + "
              f"training on {n_cores} threads {train:.3f}; training alone, one thread "
              f"each, {n_cores} at once {ours:.3f} (one at a time {solo:.3f}, so "
              f"{n_cores} at once take {ours * n_cores / solo:.2f} times as long "
              f"each); ratio {peer_s / ours:.2f}", flush=True)


# ----------------------------------------------------------------------
# Part 3: the coupled objective against binary relevance


def part_coupled(args):
    from sklearn.metrics import label_ranking_loss

    from skmultilabel import LGBMMultiLabelClassifier
    from skmultilabel.datasets import load_benchmark

    variants = [("binary relevance", {"objective": "binary"})] + [
        (
            f"coupled, ranking_weight={w:g}",
            {"objective": "coupled", "ranking_weight": w},
        )
        for w in args.ranking_weights
    ]
    print(
        "\n== coupled objective vs binary relevance "
        f"(n_estimators={args.n_estimators}, other parameters at their "
        "defaults; MULAN train/test splits)"
    )
    print(
        f"{'data set':9s} {'method':30s} {'fit s':>6s} {_metric_header()} "
        f"{'rankloss':>8s} {'logloss':>8s}"
    )
    for name in ("emotions", "yeast", "scene", "medical", "enron"):
        tr = load_benchmark(name, subset="train", data_dir=_data_dir(args.data_dir))
        te = load_benchmark(name, subset="test", data_dir=_data_dir(args.data_dir))
        for label, params in variants:
            clf = LGBMMultiLabelClassifier(
                n_estimators=args.n_estimators, random_state=0, **params
            )
            _, fit, _ = timed_cpu(partial(clf.fit, tr.data, tr.target))
            P = clf.predict_proba(te.data)
            Pc = np.clip(P, 1e-15, 1 - 1e-15)
            logloss = -np.mean(te.target * np.log(Pc) + (1 - te.target) * np.log1p(-Pc))
            print(f"{name:9s} {label:30s} {fit:6.2f} {_metric_cells(te.target, P)} "
                  f"{label_ranking_loss(te.target, P):8.4f} {logloss:8.4f}", flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--part", choices=["speed", "breakdown", "coupled", "all"], default="all"
    )
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--n-estimators", type=int, default=100)
    parser.add_argument("--delicious-estimators", type=int, default=20)
    parser.add_argument(
        "--sets", nargs="+", default=["tmc2007-500", "delicious", "generated"],
        choices=["tmc2007-500", "delicious", "generated"],
        help="the data sets of the speed part",
    )
    parser.add_argument(
        "--generator", choices=["counts", "normal"], default="counts",
        help="the generated set's features: 'counts' (the default; scikit-learn's "
        "make_multilabel_classification: word counts, mostly zero, few distinct "
        "values, so quick to bin) or 'normal' (skmultilabel.datasets."
        "make_dependent_multilabel: dense standard normal features, 255 bins each)",
    )
    parser.add_argument(
        "--breakdown-labels", type=positive_int, default=4,
        help="labels timed per set by the breakdown part",
    )
    parser.add_argument("--ranking-weights", type=float, nargs="+", default=[1.0, 4.0])
    parser.add_argument(
        "--cache-dir",
        default=os.path.join(tempfile.gettempdir(), "skmultilabel-bench", "lightgbm"),
        help="where the generated data set and per-run files go (outside the repo)",
    )
    parser.add_argument(
        "--omp-wait-policy", choices=["passive", "active", "default"],
        default="default",
        help="OMP_WAIT_POLICY of the worker processes (the same for every method). "
        "'default' (the default) keeps OpenMP's own policy, the one users get: idle "
        "threads spin for a while, then sleep. 'passive' makes them sleep at once, "
        "which on an idle machine makes the two-thread peers several times slower "
        "(and would flatter us); it suits a machine busy with other work, where "
        "spinning threads slow the peers down instead. 'active' keeps them spinning.",
    )
    parser.add_argument(
        "--repeats", type=positive_int, default=3,
        help="rounds of the speed part: every method runs once per round, in a "
        "rotating order; the table shows the median time over the rounds (and the "
        "largest peak memory), then each round's times. On a shared machine one "
        "run's time can be off by a fifth or more.",
    )
    parser.add_argument(
        "--serial", action="store_true",
        help="also run LGBMMultiLabelClassifier(n_jobs=1): one label at a time, "
        "one thread (the memory floor of one binned Dataset, without parallelism)",
    )
    parser.add_argument("--worker", choices=list(LABELS), help=argparse.SUPPRESS)
    parser.add_argument("--npz", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args)
        return
    import lightgbm

    # the generated sets and the speed part's per-run files go here
    Path(args.cache_dir).mkdir(parents=True, exist_ok=True)
    print(f"lightgbm {lightgbm.__version__}, {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.2f} at start; "
          f"OMP_WAIT_POLICY={args.omp_wait_policy}")
    t0 = time.perf_counter()
    if args.part in ("speed", "all"):
        part_speed(args)
    if args.part in ("breakdown", "all"):
        part_breakdown(args)
    if args.part in ("coupled", "all"):
        part_coupled(args)
    print(f"\ntotal time {time.perf_counter() - t0:.0f} s; load average "
          f"{os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()
