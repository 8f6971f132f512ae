"""The data sets of the suite.

* MULAN sets, read with :func:`skmultilabel.datasets.load_benchmark` from the
  data directory (``--data-dir``, else the environment variable
  ``SKMULTILABEL_DATA``, else ``../shared/datasets`` next to the checkout),
  with their standard (published) train/test split.
* Generated sets with controlled label dependence, from
  :func:`skmultilabel.datasets.make_dependent_multilabel`: 3000 samples,
  8 labels, the first 2000 for training and the last 1000 for testing
  (the rows are i.i.d.), one set per kind of dependence.
"""

from dataclasses import dataclass

__all__ = [
    "ALL_DATASETS",
    "DEFAULT_DATASETS",
    "QUICK_DATASETS",
    "Dataset",
    "DatasetUnavailable",
    "load_dataset",
    "unavailable_reason",
]

MULAN = ["emotions", "yeast", "scene", "medical", "enron", "tmc2007-500", "bibtex",
         "delicious"]
SYNTHETIC = {
    "synth-independent": {"dependence": "independent"},
    "synth-conditional": {"dependence": "conditional"},
    "synth-modegap": {"dependence": "mode_gap"},
}
SYNTH_TRAIN, SYNTH_TEST, SYNTH_LABELS = 2000, 1000, 8

DEFAULT_DATASETS = ["emotions", "yeast", "scene", "medical", "enron", "tmc2007-500",
                    *SYNTHETIC]
QUICK_DATASETS = ["emotions", "synth-conditional"]
ALL_DATASETS = MULAN + list(SYNTHETIC)


class DatasetUnavailable(RuntimeError):
    """The data set cannot be loaded here (files or generator missing)."""


@dataclass
class Dataset:
    """One train/test split."""

    name: str
    X_train: object
    Y_train: object
    X_test: object
    Y_test: object
    source: str

    @property
    def info(self):
        """Shape facts for the report."""
        import scipy.sparse as sp

        return {
            "n_train": self.X_train.shape[0],
            "n_test": self.X_test.shape[0],
            "n_features": self.X_train.shape[1],
            "n_labels": self.Y_train.shape[1],
            "sparse": sp.issparse(self.X_train),
            "cardinality": float(self.Y_train.sum(axis=1).mean()),
        }


def _synthetic(name):
    try:
        from skmultilabel.datasets import make_dependent_multilabel
    except ImportError as exc:
        raise DatasetUnavailable(
            "skmultilabel.datasets.make_dependent_multilabel is not available"
        ) from exc
    params = SYNTHETIC[name]
    X, Y = make_dependent_multilabel(
        n_samples=SYNTH_TRAIN + SYNTH_TEST, n_labels=SYNTH_LABELS, random_state=0,
        **params,
    )
    args = ", ".join(f"{k}={v!r}" for k, v in params.items())
    return Dataset(
        name, X[:SYNTH_TRAIN], Y[:SYNTH_TRAIN], X[SYNTH_TRAIN:], Y[SYNTH_TRAIN:],
        f"make_dependent_multilabel(n_samples={SYNTH_TRAIN + SYNTH_TEST}, "
        f"n_labels={SYNTH_LABELS}, {args}, random_state=0); first "
        f"{SYNTH_TRAIN} rows train, last {SYNTH_TEST} test",
    )


def unavailable_reason(name, data_dir=None):
    """Why the data set ``name`` cannot be loaded here, or None if it can.

    Only looks for the files (of a MULAN set's train and test parts) without
    reading them, so that a run can refuse a wrong data directory before it
    spends its time on the other sets.
    """
    if name in SYNTHETIC:
        return None
    from skmultilabel.datasets._benchmark import _benchmark_paths

    try:
        for subset in ("train", "test"):
            _benchmark_paths(name, subset, data_dir)
    except FileNotFoundError as exc:
        return str(exc)
    return None


def load_dataset(name, data_dir=None):
    """The :class:`Dataset` called ``name``.

    Raises
    ------
    DatasetUnavailable
        When the files are not in the data directory, or the generator is
        missing.
    """
    if name in SYNTHETIC:
        return _synthetic(name)
    if name not in MULAN:
        raise ValueError(
            f"unknown data set {name!r}; known: {', '.join(ALL_DATASETS)}"
        )
    from skmultilabel.datasets import load_benchmark

    try:
        train = load_benchmark(name, subset="train", data_dir=data_dir)
        test = load_benchmark(name, subset="test", data_dir=data_dir)
    except FileNotFoundError as exc:
        raise DatasetUnavailable(str(exc)) from exc
    return Dataset(
        name, train.data, train.target, test.data, test.target,
        f"MULAN {name}: {train.filename} / {test.filename}",
    )
