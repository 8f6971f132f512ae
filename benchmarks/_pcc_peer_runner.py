"""Runs scikit-multilearn-ng's ProbabilisticClassifierChain for bench_chains.py.

Executed by ``benchmarks/bench_chains.py`` inside the peer's own venv (which
has scikit-multilearn-ng and the project's scikit-learn version, but not
skmultilabel)::

    <peer venv>/bin/python benchmarks/_pcc_peer_runner.py JOB.npz OUT.npz

``JOB.npz`` holds ``X_train``, ``Y_train``, ``X_test`` (dense, already
scaled) and ``max_iter``; ``OUT.npz`` receives the predictions on
``X_test``, the fit and predict wall-clock seconds and the predict CPU
seconds.
"""

import sys
import time
import warnings

import numpy as np


def main(job_path, out_path):
    from sklearn.linear_model import LogisticRegression
    from skmultilearn.problem_transform import ProbabilisticClassifierChain

    job = np.load(job_path)
    warnings.simplefilter("ignore")
    clf = ProbabilisticClassifierChain(
        classifier=LogisticRegression(C=1.0, max_iter=int(job["max_iter"])),
        require_dense=[True, True],
    )
    t0 = time.perf_counter()
    clf.fit(job["X_train"], job["Y_train"])
    fit_s = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    pred = clf.predict(job["X_test"])
    predict_s, predict_cpu = time.perf_counter() - t0, time.process_time() - c0
    pred = pred.toarray() if hasattr(pred, "toarray") else np.asarray(pred)
    np.savez(
        out_path,
        pred=pred.astype(np.int64),
        fit_seconds=fit_s,
        predict_seconds=predict_s,
        predict_cpu_seconds=predict_cpu,
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
