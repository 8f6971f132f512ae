"""Shims for the oldest versions of the dependencies that setup.cfg allows.

Each says when it can go.
"""

import scipy.sparse as sp


def is_sparse_array(x):
    """Whether ``x`` is a scipy sparse *array* (``csr_array``, ...), not a matrix.

    ``scipy.sparse.sparray`` is the base class of the sparse arrays from
    SciPy 1.11 on; before it, the arrays derived from the matrix classes and
    are told apart by their class name (``csr_array``). The fallback can go
    once setup.cfg requires scipy >= 1.11.
    """
    sparray = getattr(sp, "sparray", None)
    if sparray is not None:
        return isinstance(x, sparray)
    return sp.issparse(x) and type(x).__name__.endswith("_array")

