"""Benchmark: reading the MULAN ARFF files, load_arff against liac-arff.

For every data set (``subset="all"`` files), the script times
``skmultilabel.datasets.load_benchmark`` (which reads the file with
``load_arff``) and liac-arff's ``arff.load`` (COO for
sparse files, as the data folder's README suggests; liac-arff returns Python
lists, which are then turned into the same CSR / ndarray) and prints both
times, their ratio, and the peak memory traced by ``tracemalloc`` for ours,
side by side. It also checks that both give the same matrices.

Run (from the repository root; liac-arff is a test dependency)::

    .venv/bin/python benchmarks/bench_arff.py
    .venv/bin/python benchmarks/bench_arff.py --datasets delicious --data-dir DIR
"""

import argparse
import time
import tracemalloc

import numpy as np
import scipy.sparse as sp

from skmultilabel.datasets import get_data_dir, list_benchmarks, load_benchmark


def liac_load(path, names_wanted):
    import arff

    with open(path) as handle:
        text = handle.read()
    sparse = "\n{" in text
    data = arff.loads(
        text, return_type=arff.COO if sparse else arff.DENSE, encode_nominal=True
    )
    names = [a[0] for a in data["attributes"]]
    if sparse:
        values, rows, cols = data["data"]
        n = max(rows) + 1 if rows else 0
        M = sp.coo_matrix(
            (np.asarray(values, dtype=float), (rows, cols)), shape=(n, len(names))
        ).tocsc()
    else:
        M = np.asarray(data["data"], dtype=float)
    label_idx = [names.index(n) for n in names_wanted]
    feat_idx = [j for j in range(len(names)) if j not in set(label_idx)]
    X = M[:, feat_idx]
    Y = M[:, label_idx]
    if sparse:
        X = sp.csr_matrix(X)
        Y = Y.toarray()
    return X, Y.astype(np.int64)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", nargs="+", default=list_benchmarks())
    parser.add_argument("--data-dir", default=None)
    args = parser.parse_args(argv)
    root = get_data_dir(args.data_dir)
    print(f"data directory: {root}")
    header = (
        f"{'data set':<12} {'rows':>6} {'labels':>6} {'ours (s)':>9} "
        f"{'liac (s)':>9} {'liac/ours':>9} {'ours peak MB':>12} {'same':>5}"
    )
    print(header)
    print("-" * len(header))
    for name in args.datasets:
        start = time.perf_counter()
        ours = load_benchmark(name, subset="all", data_dir=root)
        t_ours = time.perf_counter() - start
        tracemalloc.start()
        load_benchmark(name, subset="all", data_dir=root)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        start = time.perf_counter()
        X, Y = liac_load(ours.filename, list(ours.target_names))
        t_liac = time.perf_counter() - start
        ours_X = ours.data.toarray() if sp.issparse(ours.data) else ours.data
        ref_X = X.toarray() if sp.issparse(X) else X
        same = np.array_equal(ours_X, ref_X) and np.array_equal(ours.target, Y)
        print(
            f"{name:<12} {ours.target.shape[0]:>6} {ours.target.shape[1]:>6} "
            f"{t_ours:>9.2f} {t_liac:>9.2f} {t_liac / t_ours:>8.1f}x "
            f"{peak:>12.0f} {str(same):>5}"
        )


if __name__ == "__main__":
    main()
