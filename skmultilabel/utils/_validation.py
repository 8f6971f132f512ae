"""Validation of multi-label targets, shared by every estimator of the package."""

import numpy as np
import scipy.sparse as sp

__all__ = ["check_multilabel_target", "label_names_of"]


def label_names_of(y):
    """Return the label names carried by ``y``, or None.

    A pandas DataFrame carries its column names; arrays and sparse matrices
    carry none.

    Parameters
    ----------
    y : array-like, sparse matrix or DataFrame
        The target.

    Returns
    -------
    names : ndarray of object or None
        The column names, or None when ``y`` has none.

    Examples
    --------
    >>> import pandas as pd
    >>> from skmultilabel.utils import label_names_of
    >>> label_names_of(pd.DataFrame({"beach": [0, 1], "sunset": [1, 1]}))
    array(['beach', 'sunset'], dtype=object)
    >>> label_names_of([[0, 1]]) is None
    True
    """
    columns = getattr(y, "columns", None)
    if columns is None or not hasattr(y, "iloc"):
        return None
    return np.asarray(columns, dtype=object)


def _pandas_to_numpy(y, input_name):
    """A pandas target as a NumPy array of a NumPy dtype.

    ``to_numpy()`` gives an object array for nullable (``Int64``,
    ``boolean``) and sparse columns, for columns of mixed dtypes (bool and
    int), and for categorical or object columns; numeric and boolean ones
    are converted to their common NumPy dtype instead, so that predictions
    come back as numbers or booleans. Strings stay objects. A missing value
    (``pd.NA``, NaN, None) is an error.
    """
    if y.isna().to_numpy().any():
        raise ValueError(
            f"{input_name} contains missing values (NA, NaN or None); a "
            "multi-label target must hold a value for every sample and label."
        )
    dtypes = list(y.dtypes) if hasattr(y, "columns") else [y.dtype]
    if dtypes and all(getattr(d, "kind", "O") in "biuf" for d in dtypes):
        # the NumPy dtype behind a nullable (numpy_dtype) or sparse
        # (subtype) column
        numpy_dtypes = [
            np.dtype(getattr(d, "numpy_dtype", None) or getattr(d, "subtype", d))
            for d in dtypes
        ]
        return y.to_numpy(dtype=np.result_type(*numpy_dtypes))
    Y = y.to_numpy()
    if Y.dtype.kind == "O" and Y.size:
        # object columns (categorical, Python bools): numbers or booleans
        # when every entry is one
        values = np.asarray(Y.tolist())
        if values.dtype.kind in "biuf":
            return values
    return Y


def _describe_values(values, limit=5):
    values = list(values)
    shown = ", ".join(
        repr(v.item() if hasattr(v, "item") else v) for v in values[:limit]
    )
    if len(values) > limit:
        shown += f", ... ({len(values)} distinct values)"
    return shown


def _column_label(index, names):
    if names is None:
        return str(index)
    return f"{index} ({names[index]!r})"


def check_multilabel_target(
    y,
    *,
    n_samples=None,
    accept_sparse=True,
    input_name="y",
    return_values=False,
    dtype=np.int64,
    encoding=None,
):
    """Check that ``y`` is a multi-label target and return it as 0/1.

    The target of a multi-label problem is a 2-D matrix with one row per
    sample and one column per label. The usual form is an indicator matrix
    holding 1 where the label is present and 0 where it is absent: a dense
    array of 0/1 integers or floats or of booleans, a scipy sparse matrix or
    array, or a pandas DataFrame (its column names are the label names; see
    :func:`label_names_of`).

    A 1-D dense ``y`` is read as a single label column: shape (n_samples, 1).

    Each label is a binary problem, so any one pair of values may encode it,
    the same pair for every column: ``{-1, 1}``, ``{1, 2}`` or
    ``{"no", "yes"}`` are read with the greater value (in sorted order) as
    *present*, the convention of :class:`sklearn.preprocessing.LabelBinarizer`.
    Estimators of the package predict in the encoding they were fitted with.

    Parameters
    ----------
    y : array-like, sparse matrix or DataFrame of shape (n_samples, n_labels)
        The target to check.

    n_samples : int, default=None
        The number of rows ``y`` must have (the number of rows of ``X``).
        None skips the check.

    accept_sparse : bool, default=True
        Whether a sparse ``y`` is accepted. A sparse ``y`` must hold 0/1 and
        is returned in CSC format (column access is what per-label learners
        need); when False, a sparse ``y`` raises a TypeError.

    input_name : str, default="y"
        The name of the target in error messages.

    return_values : bool, default=False
        Whether to also return the pair of values that encode absent and
        present.

    dtype : numpy integer dtype or None, default=np.int64
        The dtype of a dense returned ``Y`` (``np.int8`` takes an eighth of
        the memory of the default, for estimators with many labels). None
        returns a dense ``y`` of 0/1 integers as it is, without a copy, and
        a boolean one as a ``uint8`` view of the same memory; other
        encodings are converted to ``np.int8``. The caller must then not
        write into ``Y``.

    encoding : array-like of two values, default=None
        The (absent, present) pair to read ``y`` with, such as the
        ``target_encoding_`` an estimator recorded at its first fit (for the
        later batches of ``partial_fit``, which may hold one value only).
        ``y`` may then hold these values only (0/1 and booleans are the same
        encoding). None infers the pair from ``y``.

    Returns
    -------
    Y : ndarray of shape (n_samples, n_labels) or scipy.sparse.csc_matrix
        The target as 0/1 integers: dense of ``dtype`` (see above for None),
        sparse of ``np.int8``.

    values : ndarray of shape (2,)
        The values of ``y`` that mean absent and present, in ``y``'s dtype.
        Only returned when ``return_values=True``.

    Raises
    ------
    ValueError
        If ``y`` is None, not 2-D (a 1-D dense ``y`` is one label, a 1-D
        sparse array is refused), empty, has no label column, holds NaN,
        infinity or fractional values, more than two distinct values (the
        message names the offending columns and values), a single value
        other than 0 and 1, or a number of rows other than ``n_samples``.
    TypeError
        If ``y`` is sparse when ``accept_sparse=False``, or of a dtype that
        cannot hold labels (complex, datetime).

    Examples
    --------
    >>> from skmultilabel.utils import check_multilabel_target
    >>> check_multilabel_target([[0, 1], [1, 1]])
    array([[0, 1],
           [1, 1]])
    >>> check_multilabel_target([[-1, 1], [1, 1]], return_values=True)
    (array([[0, 1],
           [1, 1]]), array([-1,  1]))
    >>> check_multilabel_target([[0, 2], [1, 1]])
    Traceback (most recent call last):
    ...
    ValueError: y must be a binary indicator matrix: each label column may hold
    two values (0 and 1). Only binary classification is supported for each
    label; y holds 3 distinct values (0, 1, 2): label column 1 holds 2.
    """
    if y is None:
        raise ValueError(
            "This multi-label classifier requires y to be passed, but the "
            f"target {input_name} is None."
        )
    names = label_names_of(y)
    if sp.issparse(y):
        if not accept_sparse:
            raise TypeError(
                f"A sparse {input_name} is not supported here; pass a dense "
                f"array, e.g. {input_name}.toarray()."
            )
        if y.ndim != 2:  # a 1-D sparse array (SciPy >= 1.13)
            raise ValueError(
                f"{input_name} is a 1-D sparse array of shape {y.shape}; a "
                "sparse target must be 2-D (n_samples, n_labels). For one "
                "label, pass it dense as a binary target, e.g. "
                f"{input_name}.toarray(), or as a 2-D sparse matrix of one "
                f"column, e.g. {input_name}.reshape(-1, 1)."
            )
        Y = sp.csc_matrix(y)
        Y.sum_duplicates()
        data = Y.data
    else:
        if hasattr(y, "iloc"):  # pandas DataFrame or Series
            y = _pandas_to_numpy(y, input_name)
        try:
            Y = np.asarray(y)
        except ValueError as exc:  # ragged nested lists
            raise ValueError(
                f"{input_name} could not be read as a 2-D label matrix: {exc}"
            ) from exc
        data = Y
    if data.dtype.kind in "cmMV":
        raise TypeError(
            f"{input_name} has dtype {data.dtype}, which cannot hold labels; "
            "pass a 0/1 indicator matrix."
        )
    if Y.ndim != 2 and Y.ndim != 1:
        raise ValueError(
            f"{input_name} must be 2-D of shape (n_samples, n_labels), got "
            f"{Y.ndim}-D with shape {Y.shape}."
        )
    if Y.size == 0 and not sp.issparse(Y):
        raise ValueError(
            f"{input_name} is empty (shape {Y.shape}); at least 1 sample and "
            "1 label are required."
        )
    object_floats = False
    if data.dtype.kind == "O":
        kinds = {type(v) for v in data.ravel()}
        object_floats = any(issubclass(k, (float, np.floating)) for k in kinds)
        # one walk over the entries; a second only if some are floats
        if type(None) in kinds or (
            object_floats
            and any(
                isinstance(v, (float, np.floating)) and not np.isfinite(v)
                for v in data.ravel()
            )
        ):
            raise ValueError(f"{input_name} contains None, NaN or infinity.")
        if len({str in k.__mro__ for k in kinds}) > 1:
            raise TypeError(
                f"{input_name} mixes strings and numbers; use one encoding "
                "for all labels, preferably 0/1."
            )
    # an object y holding any float is checked as floats (ints and integral
    # floats together stay accepted)
    if data.dtype.kind == "f" or object_floats:
        as_float = data.astype(np.float64)
        if not np.isfinite(as_float).all():
            raise ValueError(
                f"{input_name} contains NaN or infinity; a multi-label target "
                "must hold only 0 and 1."
            )
        if (as_float != np.round(as_float)).any():
            raise ValueError(
                f"Unknown label type: {input_name} holds fractional values "
                "(a continuous target); a multi-label target is a 0/1 "
                "indicator matrix."
            )
    if sp.issparse(Y):
        bad = (data != 0) & (data != 1)
        values = np.array([0, 1], dtype=data.dtype)
        if bad.any():
            col_of_data = np.repeat(np.arange(Y.shape[1]), np.diff(Y.indptr))
            bad_cols = np.unique(col_of_data[bad])
            distinct = np.unique(data)
            if Y.nnz < Y.shape[0] * Y.shape[1]:  # the implicit zeros
                distinct = np.union1d(distinct, np.zeros(1, dtype=data.dtype))
            _raise_non_binary(input_name, Y, names, bad_cols, distinct)
        if encoding is not None and not all(_is_zero_or_one(v) for v in encoding):
            raise ValueError(
                f"A sparse {input_name} holds 0/1, but the labels are encoded "
                f"as {np.asarray(encoding).tolist()} (the values the estimator "
                "was fitted with)."
            )
    else:
        if data.dtype.kind in "iub" and data.size:
            # Integer labels spanning at most two consecutive values: those
            # are the distinct values, without np.unique's sorted copy.
            lo, hi = data.min(), data.max()
            distinct = (
                np.unique([lo, hi]) if int(hi) - int(lo) <= 1 else np.unique(data)
            )
        else:
            distinct = np.unique(data)
        if distinct.shape[0] > 2:
            # the columns holding a value other than 0 and 1 (more than two
            # values hold at least one)
            bad_cols = (
                np.flatnonzero(_outside_0_1(Y).any(axis=0)) if Y.ndim == 2 else None
            )
            _raise_non_binary(input_name, Y, names, bad_cols, distinct)
        if encoding is not None:
            values = np.asarray(encoding)
            if not np.isin(distinct, values).all():
                raise ValueError(
                    f"{input_name} holds {_describe_values(distinct)}, but "
                    f"the labels are encoded as {values.tolist()} (the values "
                    "the estimator was fitted with)."
                )
        elif distinct.shape[0] == 1 and not _is_zero_or_one(distinct[0]):
            raise ValueError(
                f"{input_name} holds the single value "
                f"{_describe_values(distinct)}: with one class it is ambiguous "
                "whether it means present or absent. Encode the labels as 0/1."
            )
        elif distinct.shape[0] == 2 and not all(
            _is_zero_or_one(v) for v in distinct
        ):
            values = distinct
        elif data.dtype.kind == "b":
            values = np.array([False, True])
        else:
            values = np.array([0, 1], dtype=data.dtype)
    if Y.ndim == 1:  # one binary label
        Y = Y.reshape(-1, 1)
    if Y.shape[0] == 0 or Y.shape[1] == 0:
        raise ValueError(
            f"{input_name} has shape {Y.shape}; at least 1 sample and 1 label "
            "column are required."
        )
    if n_samples is not None and Y.shape[0] != n_samples:
        raise ValueError(
            f"{input_name} has {Y.shape[0]} rows but X has {n_samples}: they "
            "must have the same number of samples."
        )
    if sp.issparse(Y):
        Y = Y.astype(np.int8)
        Y.eliminate_zeros()
    elif dtype is None and Y.dtype.kind in "iu" and set(values.tolist()) == {0, 1}:
        pass  # already a 0/1 indicator: no copy
    elif dtype is None and Y.dtype.kind == "b":
        Y = Y.view(np.uint8)
    else:
        Y = (Y == values[1]).astype(np.int8 if dtype is None else dtype)
    return (Y, values) if return_values else Y


def _is_zero_or_one(v):
    try:
        return bool(v == 0 or v == 1) and not isinstance(v, str)
    except (TypeError, ValueError):
        return False


def _outside_0_1(a):
    """Mask of the entries of ``a`` other than 0 and 1 (strings all are)."""
    if a.dtype.kind in "biuf":
        return ~np.isin(a, [0, 1])
    if a.dtype.kind == "O":
        # element by element: comparing strings with 0 and 1 warns on numpy 1
        return ~np.frompyfunc(_is_zero_or_one, 1, 1)(a).astype(bool)
    return np.ones(a.shape, dtype=bool)


def _raise_non_binary(input_name, Y, names, bad_cols, distinct):
    head = (
        f"{input_name} must be a binary indicator matrix: each label column "
        "may hold two values (0 and 1). Only binary classification is "
        f"supported for each label; {input_name} holds {len(distinct)} "
        f"distinct values ({_describe_values(distinct)})"
    )
    if bad_cols is None or len(bad_cols) == 0:
        raise ValueError(head + ".")
    parts = []
    for j in bad_cols[:5]:
        col = Y[:, [j]].toarray().ravel() if sp.issparse(Y) else Y[:, j]
        offending = np.unique(col[_outside_0_1(col)])
        parts.append(
            f"label column {_column_label(j, names)} holds "
            f"{_describe_values(offending)}"
        )
    more = f" (and {len(bad_cols) - 5} more columns)" if len(bad_cols) > 5 else ""
    raise ValueError(f"{head}: {'; '.join(parts)}{more}.")
