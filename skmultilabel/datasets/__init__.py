"""Data sets: an ARFF reader, the MULAN benchmarks and synthetic data."""

from ._arff import load_arff
from ._benchmark import get_data_dir, list_benchmarks, load_benchmark
from ._generator import make_dependent_multilabel

__all__ = [
    "get_data_dir",
    "list_benchmarks",
    "load_arff",
    "load_benchmark",
    "make_dependent_multilabel",
]
