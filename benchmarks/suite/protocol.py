"""The job protocol shared by every worker process, in any virtual environment.

The suite (parent process, project venv) writes the data of one data set once
with :func:`save_dataset`, then for each method writes a small JSON *job* and
starts a worker process: ``python -m benchmarks.suite.worker JOB`` in the
project venv, or ``python benchmarks/peers/<peer>_runner.py JOB`` in a peer
venv. The worker calls :func:`run_job` with its own ``build(name, job)``
function; :func:`run_job` loads the data, builds the estimator, fits and
predicts with wall-clock and CPU timing and peak-memory measurement, and
writes the predictions (``.npy``) and a result JSON. The parent computes every
metric from the predictions, so all methods are scored by the same code.

Only the standard library, numpy and scipy are used here (no scikit-learn,
no skmultilabel): peer venvs may hold other versions or none of them.
"""

import json
import os
import platform
import sys
import time
import traceback
import warnings

import numpy as np
import scipy.sparse as sp

from .memory import PeakMemory

__all__ = ["load_dataset", "run_job", "save_dataset", "timed_cpu", "to_label_matrix"]


def timed_cpu(fn):
    """``fn()``, with its wall-clock and CPU seconds (CPU time is less
    affected by other processes on a shared machine)."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def save_dataset(path, X_train, Y_train, X_test):
    """Write one train/test split for the workers (``.npz``).

    Sparse ``X`` are stored as CSR components (a worker gets CSR back).
    """
    arrays = {"Y_train": np.asarray(Y_train, dtype=np.int8)}
    for key, X in (("X_train", X_train), ("X_test", X_test)):
        if sp.issparse(X):
            X = sp.csr_matrix(X)
            arrays[key + "_data"] = X.data
            arrays[key + "_indices"] = X.indices
            arrays[key + "_indptr"] = X.indptr
            arrays[key + "_shape"] = np.asarray(X.shape)
        else:
            arrays[key] = np.asarray(X, dtype=np.float64)
    np.savez(path, **arrays)


def load_dataset(path):
    """Read what :func:`save_dataset` wrote: ``(X_train, Y_train, X_test)``."""
    with np.load(path) as f:
        out = []
        for key in ("X_train", "X_test"):
            if key in f:
                out.append(f[key])
            else:
                out.append(
                    sp.csr_matrix(
                        (f[key + "_data"], f[key + "_indices"], f[key + "_indptr"]),
                        shape=tuple(f[key + "_shape"]),
                    )
                )
        Y_train = f["Y_train"].astype(np.int64)
    return out[0], Y_train, out[1]


def to_label_matrix(Y, n_samples, n_labels):
    """A prediction as a dense 0/1 int8 array of shape (n_samples, n_labels).

    Accepts what the peers return: ndarrays, scipy sparse matrices (e.g.
    scikit-multilearn's ``lil_matrix``), lists of arrays.
    """
    if sp.issparse(Y):
        Y = Y.toarray()
    Y = np.asarray(Y)
    if Y.ndim == 1 and n_labels == 1:
        Y = Y.reshape(-1, 1)
    if Y.shape != (n_samples, n_labels):
        raise ValueError(
            f"predict returned shape {Y.shape}, expected {(n_samples, n_labels)}"
        )
    values = np.unique(Y)
    if not np.isin(values, [0, 1]).all():
        raise ValueError(f"predict returned values {values[:10]} outside {{0, 1}}")
    return Y.astype(np.int8)


def _warning_summary(caught):
    summary = {}
    for w in caught:
        key = f"{w.category.__name__}: {str(w.message).splitlines()[0][:200]}"
        summary[key] = summary.get(key, 0) + 1
    return [{"warning": k, "count": v} for k, v in summary.items()]


def _write_json(path, obj):
    tmp = f"{path}.tmp"
    with open(tmp, "w") as fh:
        json.dump(obj, fh, indent=1, default=str)
    os.replace(tmp, path)


def run_job(job_path, build, versions=None):
    """Run one job; returns the process exit code (0 on success).

    Parameters
    ----------
    job_path : str
        The JSON job: ``method``, ``data`` (the ``.npz``), ``result`` (JSON
        path to write), ``predictions`` (``.npy`` path to write),
        ``random_state``.
    build : callable
        ``build(method_name, job) -> estimator`` (unfitted).
    versions : callable, optional
        ``versions() -> dict`` of the package versions in this venv.
    """
    with open(job_path) as fh:
        job = json.load(fh)
    result = {
        "method": job["method"],
        "status": "failed",
        "error": None,
        "python": sys.version.split()[0],
        "executable": sys.executable,
        "platform": platform.platform(),
    }
    try:
        if versions is not None:
            result["versions"] = versions()
        X_train, Y_train, X_test = load_dataset(job["data"])
        estimator = build(job["method"], job)
        result["estimator"] = repr(estimator)[:2000]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with PeakMemory() as mem:
                _, fit_s, fit_cpu = timed_cpu(
                    lambda: estimator.fit(X_train, Y_train)
                )
                fit_peak = mem.peak_kib()
                Y_pred, predict_s, predict_cpu = timed_cpu(
                    lambda: estimator.predict(X_test)
                )
        result["warnings"] = _warning_summary(caught)
        Y_pred = to_label_matrix(Y_pred, X_test.shape[0], Y_train.shape[1])
        np.save(job["predictions"], Y_pred)
        result.update(
            status="ok",
            fit_seconds=fit_s,
            predict_seconds=predict_s,
            fit_cpu_seconds=fit_cpu,
            predict_cpu_seconds=predict_cpu,
            fit_peak_mib=fit_peak / 1024,
            peak_mib=mem.end_kib / 1024,
            memory_method=mem.method,
        )
    except BaseException as exc:  # noqa: BLE001 - reported, not swallowed
        message = str(exc).strip().splitlines()
        result["error"] = f"{type(exc).__name__}: {message[0] if message else ''}"[
            :500
        ]
        result["traceback"] = traceback.format_exc()[-4000:]
    _write_json(job["result"], result)
    return 0 if result["status"] == "ok" else 1
