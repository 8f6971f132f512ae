"""The run loop: one worker subprocess per (data set, method), with a timeout.

Each method is fitted and evaluated in a fresh process, in the project venv
(``python -m benchmarks.suite.worker``) or in its peer venv
(``benchmarks/peers/<env>_runner.py``). That makes the peak-memory numbers
comparable (the RSS of a process that holds only the data and the method, see
:mod:`benchmarks.suite.memory`), isolates crashes and lets a method that runs
past ``timeout`` seconds be killed and reported as failed (``timeout``).
Every worker is limited to one thread (``OMP_NUM_THREADS=1`` etc., and the
methods' own ``n_jobs=1``/single-thread settings).

The parent scores the predictions with :mod:`benchmarks.suite.metrics`.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from . import metrics, protocol, venvs
from .data import DatasetUnavailable, load_dataset

__all__ = ["merge_rounds", "rotation", "run_method", "run_suite", "summarize_rounds"]

THREAD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "BLIS_NUM_THREADS": "1",
    "NUMEXPR_NUM_THREADS": "1",
}


def _worker_command(method, job_path, python):
    if method.env == "project":
        python = python or sys.executable
        return [python, "-m", "benchmarks.suite.worker", str(job_path)]
    return [str(python), str(venvs.runner_script(method.env)), str(job_path)]


def _tail(path, n=3):
    try:
        lines = Path(path).read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(line.strip() for line in lines[-n:])


def run_method(method, data_path, Y_test, workdir, *, timeout, python=None,
               random_state=0, command=None):
    """Run one method on one saved data set in a subprocess; return a row dict.

    Parameters
    ----------
    method : registry.Method
    data_path : path
        The ``.npz`` written by :func:`protocol.save_dataset`.
    Y_test : ndarray
        The true test labels (scored here, never sent to the worker).
    workdir : path
        Where the job, result and predictions files go.
    timeout : float
        Seconds after which the worker is killed (status ``"timeout"``).
    python : path, optional
        The interpreter (the peer venv's for peer methods).
    command : list of str, optional
        Overrides the worker command (tests use it).
    """
    workdir = Path(workdir)
    stem = workdir / method.name.replace("/", "_")
    job = {
        "method": method.name,
        "data": str(data_path),
        "result": f"{stem}.result.json",
        "predictions": f"{stem}.pred.npy",
        "random_state": random_state,
    }
    job_path = Path(f"{stem}.job.json")
    job_path.write_text(json.dumps(job))
    for key in ("result", "predictions"):
        Path(job[key]).unlink(missing_ok=True)
    cmd = command or _worker_command(method, job_path, python)
    env = {**os.environ, **THREAD_ENV}
    if method.env == "project":
        env["PYTHONPATH"] = os.pathsep.join(
            [str(venvs.REPO_ROOT)] + [p for p in [env.get("PYTHONPATH")] if p]
        )
    row = {"method": method.name, "package": method.package, "ours": method.ours,
           "env": method.env}
    log_path = f"{stem}.log"
    t0 = time.perf_counter()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [*cmd, *([] if command is None else [str(job_path)])],
            cwd=venvs.REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            returncode = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the group of this worker only
            proc.wait()
            row.update(status="failed", error=f"timeout after {timeout:.0f} s")
            row["wall_seconds"] = time.perf_counter() - t0
            return row
        except BaseException:
            # Ctrl-C: the worker has its own session, so stop it here.
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise
    row["wall_seconds"] = time.perf_counter() - t0
    try:
        result = json.loads(Path(job["result"]).read_text())
    except (OSError, ValueError):
        if returncode < 0:
            try:
                how = f"was killed by {signal.Signals(-returncode).name}"
            except ValueError:
                how = f"was killed by signal {-returncode}"
        else:
            how = f"exited with code {returncode}"
        row.update(
            status="failed",
            error=f"worker {how} without a result: {_tail(log_path)}"[:500],
        )
        return row
    for key in ("status", "error", "fit_seconds", "predict_seconds",
                "fit_cpu_seconds", "predict_cpu_seconds", "peak_mib", "fit_peak_mib",
                "memory_method", "versions", "estimator"):
        if key in result:
            row[key] = result[key]
    row["warnings"] = "; ".join(
        f"{w['warning']} (x{w['count']})" for w in result.get("warnings", [])
    )
    if row["status"] == "ok":
        try:
            Y_pred = np.load(job["predictions"])
            row.update(metrics.score_all(Y_test, Y_pred))
        except (OSError, ValueError) as exc:
            row.update(status="failed", error=f"bad predictions: {exc}")
    return row


def _fmt_row(row):
    if row["status"] != "ok":
        return f"FAILED  {row.get('error')}"
    return (
        f"ok  fit {row['fit_seconds']:.2f}s  predict {row['predict_seconds']:.2f}s  "
        f"peak {row['peak_mib']:.0f} MiB  micro-F1 {row['micro_f1']:.3f}  "
        f"subset acc {row['subset_accuracy']:.3f}"
    )


# The times of a method's rounds: their median goes in the row.
_TIMES = ("fit_seconds", "predict_seconds", "fit_cpu_seconds",
          "predict_cpu_seconds", "wall_seconds")
# Its peak memory: the largest of the rounds.
_PEAKS = ("peak_mib", "fit_peak_mib")


def _run_one(method, data_path, Y_test, ds_dir, *, env_python, env_error,
             create_venvs, timeout, random_state, log):
    """One run of ``method``, in its peer venv (made on first use) if any."""
    python = None
    if method.env != "project":
        if method.env not in env_python and method.env not in env_error:
            try:
                env_python[method.env] = venvs.ensure_venv(
                    method.env, create=create_venvs, log=log
                )
            except venvs.PeerEnvError as exc:
                env_error[method.env] = f"venv: {exc}"
        if method.env in env_error:
            return {"method": method.name, "package": method.package,
                    "ours": method.ours, "env": method.env,
                    "status": "failed", "error": env_error[method.env]}
        python = env_python[method.env]
    return run_method(method, data_path, Y_test, ds_dir, timeout=timeout,
                      python=python, random_state=random_state)


def rotation(items, round_index):
    """``items`` in the order of round ``round_index`` (counted from 0).

    Each round starts with the next item, so that no method always runs
    first, or right after the same other method.
    """
    shift = round_index % len(items)
    return list(items[shift:]) + list(items[:shift])


def summarize_rounds(rounds, times, peaks):
    """The median of each key of ``times`` over ``rounds`` (dicts), and the
    largest of each key of ``peaks``.

    A round without a key (or with None) is left out of that key; a key no
    round has is left out of the result.
    """
    out = {}
    for keys, combine in ((times, np.median), (peaks, max)):
        for key in keys:
            values = [r[key] for r in rounds if r.get(key) is not None]
            if values:
                out[key] = float(combine(values))
    return out


def merge_rounds(rounds):
    """One row for a method's rounds on a data set.

    A failed round fails the method (its error, with the round's number).
    Otherwise the row of the first round with the median of each time over
    the rounds, the largest peak memory, ``rounds`` and the rounds' fit
    times (``fit_seconds_rounds``). The quality metrics are the first
    round's; if a later round scored differently (a method whose result
    varies from run to run), a warning says so.
    """
    n = len(rounds)
    for i, row in enumerate(rounds):
        if row.get("status") != "ok":
            failed = dict(row, rounds=n)
            if n > 1:
                failed["error"] = f"round {i + 1} of {n}: {row.get('error')}"
            return failed
    merged = dict(rounds[0], rounds=n)
    merged.update(summarize_rounds(rounds, _TIMES, _PEAKS))
    merged["fit_seconds_rounds"] = " ".join(
        f"{r['fit_seconds']:.3f}" for r in rounds
    )
    differ = [m for m in metrics.QUALITY_METRICS
              if any(r.get(m) != rounds[0].get(m) for r in rounds[1:])]
    if differ:
        note = (f"{', '.join(differ)} differed between rounds; the first "
                "round's are shown")
        merged["warnings"] = "; ".join(
            w for w in (merged.get("warnings"), note) if w
        )
    return merged


def run_suite(datasets, methods, *, data_dir=None, timeout=600.0,
              create_venvs=True, random_state=0, log=print, workdir=None,
              on_dataset_done=None, repeats=1):
    """Run every method on every data set; return (rows, dataset_info).

    With ``repeats`` above 1 every method runs that many rounds on each data
    set, in an order that rotates from round to round, and its row holds
    the median times and the largest peak memory (:func:`merge_rounds`).

    ``on_dataset_done(rows, info)``, when given, is called after each data
    set (the CLI saves the partial results there).

    A data set that cannot be loaded is logged and left out (listed in
    ``dataset_info`` with its reason); a method that fails (import error,
    exception, crash, timeout, venv that cannot be created) gets a row with
    ``status="failed"`` and the error.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}")
    rows, info = [], {}
    env_python, env_error = {}, {}
    total = len(datasets) * len(methods) * repeats
    step = 0
    start = time.perf_counter()
    own_tmp = workdir is None
    tmp = tempfile.TemporaryDirectory(prefix="skml-bench-") if own_tmp else None
    root = Path(tmp.name if own_tmp else workdir)
    try:
        for ds_name in datasets:
            try:
                ds = load_dataset(ds_name, data_dir=data_dir)
            except DatasetUnavailable as exc:
                log(f"skipping data set {ds_name}: {exc}")
                info[ds_name] = {"skipped": str(exc)}
                step += len(methods) * repeats
                continue
            info[ds_name] = {**ds.info, "source": ds.source}
            ds_dir = root / ds_name
            ds_dir.mkdir(parents=True, exist_ok=True)
            data_path = ds_dir / "data.npz"
            protocol.save_dataset(data_path, ds.X_train, ds.Y_train, ds.X_test)
            Y_test = np.asarray(ds.Y_test)
            d = ds.info
            log(f"== {ds_name}: {d['n_train']} train / {d['n_test']} test rows, "
                f"{d['n_features']} features, {d['n_labels']} labels")
            rounds = {method.name: [] for method in methods}
            for r in range(repeats):
                for method in rotation(methods, r):
                    step += 1
                    row = _run_one(
                        method, data_path, Y_test, ds_dir,
                        env_python=env_python, env_error=env_error,
                        create_venvs=create_venvs, timeout=timeout,
                        random_state=random_state, log=log,
                    )
                    row["dataset"] = ds_name
                    rounds[method.name].append(row)
                    elapsed = (time.perf_counter() - start) / 60
                    prefix = (f"[{step:>3}/{total} {elapsed:5.1f} min] "
                              f"{ds_name:<18} {method.name:<14}")
                    if repeats > 1:
                        prefix += f" round {r + 1}/{repeats}"
                    log(f"{prefix} {_fmt_row(row)}")
            for method in methods:
                rows.append(merge_rounds(rounds[method.name]))
            if on_dataset_done is not None:
                on_dataset_done(rows, info)
    finally:
        if own_tmp:
            tmp.cleanup()
    log(f"done: {len(rows)} runs in {(time.perf_counter() - start) / 60:.1f} min")
    return rows, info
