"""The shared multi-label target validation: each error names its problem."""

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from skmultilabel.utils import check_multilabel_target, label_names_of


@pytest.mark.parametrize(
    "y",
    [
        [[0, 1], [1, 0]],
        np.array([[True, False], [False, False]]),
        np.array([[0.0, 1.0], [1.0, 1.0]]),
        sp.csr_matrix([[0, 1], [1, 0]]),
        sp.csr_array([[0, 1], [1, 0]]),
        pd.DataFrame({"a": [0, 1], "b": [1, 1]}),
    ],
)
def test_accepted_forms_return_0_1(y):
    Y = check_multilabel_target(y)
    dense = Y.toarray() if sp.issparse(Y) else Y
    assert dense.shape == (2, 2)
    assert set(np.unique(dense)) <= {0, 1}
    if sp.issparse(y):
        assert Y.format == "csc"


def test_values_other_than_0_1_are_named_with_their_columns():
    y = pd.DataFrame({"ok": [0, 1, 0], "bad": [0, 3, 1], "worse": [2, 0, 1]})
    with pytest.raises(ValueError) as err:
        check_multilabel_target(y)
    msg = str(err.value)
    assert "label column 1 ('bad') holds 3" in msg
    assert "label column 2 ('worse') holds 2" in msg
    assert "ok" not in msg


def test_sparse_values_other_than_0_1_are_named():
    y = sp.csr_matrix(np.array([[0, 1, 0], [0, 0, 5]]))
    with pytest.raises(ValueError, match="label column 2 holds 5"):
        check_multilabel_target(y)


def test_two_value_encodings_read_the_greater_as_present():
    Y, values = check_multilabel_target([[-1, 1], [1, -1]], return_values=True)
    np.testing.assert_array_equal(Y, [[0, 1], [1, 0]])
    np.testing.assert_array_equal(values, [-1, 1])
    Y, values = check_multilabel_target([["no", "yes"]] * 2, return_values=True)
    np.testing.assert_array_equal(Y, [[0, 1], [0, 1]])


@pytest.mark.parametrize(
    "y, error, match",
    [
        (None, ValueError, "requires y to be passed"),
        ([[0.5, 1.0]], ValueError, "continuous"),
        ([[np.nan, 1.0]], ValueError, "NaN"),
        ([[np.inf, 1.0]], ValueError, "NaN or infinity"),
        ([0, 1, 2], ValueError, "Only binary classification"),
        (np.zeros((2, 2, 2)), ValueError, "2-D"),
        (np.zeros((0, 3)), ValueError, "empty"),
        (np.zeros((3, 0)), ValueError, "empty"),
        ([[2, 2]], ValueError, "single value 2"),
        ([[1j, 0]], TypeError, "complex"),
        ([[0, 1], [1]], ValueError, "2-D label matrix"),
        ([["a", 1], ["b", 0]], TypeError, "mixes strings and numbers"),
        (np.array([["a", None], ["b", "a"]], dtype=object), ValueError, "None, NaN"),
        (np.array([[1.0, np.nan], [0.0, 1.0]], dtype=object), ValueError, "None, NaN"),
        (np.array([[1.0, np.inf], [0.0, 1.0]], dtype=object), ValueError, "infinity"),
    ],
)
def test_errors_name_the_problem(y, error, match):
    if (
        isinstance(y, list)
        and y
        and isinstance(y[0], list)
        and isinstance(y[0][0], str)
    ):
        y = np.array(y, dtype=object)
    with pytest.raises(error, match=match):
        check_multilabel_target(y)


def test_row_count_and_sparse_refusal():
    with pytest.raises(ValueError, match="2 rows but X has 3"):
        check_multilabel_target([[0, 1], [1, 0]], n_samples=3)
    with pytest.raises(TypeError, match="sparse"):
        check_multilabel_target(sp.csr_matrix([[0, 1]]), accept_sparse=False)


def test_one_dimensional_target_is_one_column():
    assert check_multilabel_target([0, 1, 1]).shape == (3, 1)


def test_label_names():
    assert label_names_of(np.zeros((2, 2))) is None
    names = label_names_of(pd.DataFrame(np.zeros((2, 2)), columns=["x", "y"]))
    np.testing.assert_array_equal(names, ["x", "y"])


@pytest.mark.parametrize(
    "convert, dtype",
    [
        (lambda df: df.astype("Int64"), np.int64),
        (lambda df: df.astype("Int8"), np.int8),
        (lambda df: df.astype("boolean"), np.bool_),
        (lambda df: df.convert_dtypes(), np.int64),  # mixed Int64 and boolean
        (lambda df: df.assign(b=df["b"].astype(bool)), np.int64),  # bool, int
    ],
)
def test_pandas_nullable_and_mixed_dtypes_give_numbers(convert, dtype):
    # to_numpy() gives object arrays for these; predictions must not be
    # objects (scikit-learn's metrics reject them)
    df = pd.DataFrame({"a": [0, 1, 1, 0], "b": [1, 1, 0, 0], "c": [0, 0, 1, 1]})
    df["c"] = df["c"].astype(bool)
    Y, values = check_multilabel_target(convert(df), return_values=True)
    np.testing.assert_array_equal(Y, df.to_numpy(dtype=int))
    assert values.dtype == dtype


@pytest.mark.parametrize(
    "convert, dtype",
    [
        (lambda df: pd.DataFrame.sparse.from_spmatrix(
            sp.csr_matrix(df.to_numpy()), columns=df.columns), np.int64),
        (lambda df: df.astype(bool).astype(pd.SparseDtype(bool, False)), np.bool_),
        (lambda df: df.astype("category"), np.int64),
        (lambda df: df.astype(bool).astype(object), np.bool_),
    ],
    ids=["sparse", "sparse-bool", "category", "object-bools"],
)
def test_pandas_sparse_categorical_and_object_columns(convert, dtype):
    # sparse columns failed (no numpy_dtype); categorical and object
    # columns of numbers or booleans gave object predictions
    df = pd.DataFrame({"a": [0, 1, 1, 0], "b": [1, 1, 0, 0]})
    Y, values = check_multilabel_target(convert(df), return_values=True)
    np.testing.assert_array_equal(Y, df.to_numpy())
    assert values.dtype == dtype


def test_pandas_target_without_columns_is_named_empty():
    with pytest.raises(ValueError, match="y is empty"):
        check_multilabel_target(pd.DataFrame(index=range(3)))


def test_pandas_missing_values_are_named():
    df = pd.DataFrame({"a": [0, 1], "b": [1, 0]}).astype("Int64")
    df.iloc[0, 1] = pd.NA
    with pytest.raises(ValueError, match="missing values"):
        check_multilabel_target(df)
    with pytest.raises(ValueError, match="missing values"):
        check_multilabel_target(pd.Series([1, None, 0], dtype="boolean"))


@pytest.mark.parametrize(
    "y, named",
    [
        # the values outside 0 and 1 of each column that holds one
        ([[-1, 0], [1, 1]], ["label column 0 holds -1."]),
        ([[1, 2], [3, 1]], ["label column 0 holds 3;", "label column 1 holds 2."]),
        ([[0, 2], [1, 1]], ["label column 1 holds 2."]),
        ([[0, 1, 5], [1, 1, 6], [0, 0, 7]], ["label column 2 holds 5, 6, 7."]),
        # each column binary, with different pairs
        ([[0, 1], [1, 2]], ["label column 1 holds 2."]),
        ([[-1, 0], [1, 1], [1, 0]], ["label column 0 holds -1."]),
        (np.array([[0, 2], [1, 1]], dtype=object), ["label column 1 holds 2."]),
    ],
)
def test_non_binary_message_names_each_column_with_its_values(y, named):
    # the columns were blamed against the first two values of y but
    # described against 0 and 1: "label column 1 holds ." for {-1, 0, 1}
    with pytest.raises(ValueError, match="Only binary classification") as err:
        check_multilabel_target(y)
    msg = str(err.value)
    assert "holds ." not in msg and "holds ;" not in msg
    for part in named:
        assert part in msg
    assert msg.count(" holds ") == 1 + len(named)  # "y holds 3 distinct..."


def test_non_binary_strings_name_every_column():
    y = np.array([["no", "yes"], ["maybe", "no"]], dtype=object)
    with pytest.raises(
        ValueError,
        match=r"3 distinct values \('maybe', 'no', 'yes'\): label column 0 "
        r"holds 'maybe', 'no'; label column 1 holds 'no', 'yes'\.",
    ):
        check_multilabel_target(y)


@pytest.mark.parametrize(
    "y, counted",
    [
        (sp.csr_array([[0, 2], [1, 0]]), r"3 distinct values \(0, 1, 2\)"),
        (sp.csr_matrix([[3, 2], [1, 1]]), r"3 distinct values \(1, 2, 3\)"),
        (sp.csr_matrix([[2, 2], [1, 1]]), r"2 distinct values \(1, 2\)"),
    ],
)
def test_sparse_non_binary_counts_the_implicit_zeros(y, counted):
    # the implicit zeros were left out: "2 distinct values (1, 2)"
    with pytest.raises(ValueError, match=counted):
        check_multilabel_target(y)


def test_one_dimensional_sparse_array_is_refused_with_the_fix():
    try:
        y = sp.coo_array(np.array([0, 1, 1, 0]))
    except (ValueError, TypeError) as exc:
        pytest.skip(f"this SciPy has no 1-D sparse arrays (needs >= 1.13): {exc}")
    if y.ndim != 1:
        pytest.skip("this SciPy makes a 1-D input a 2-D sparse array")
    with pytest.raises(
        ValueError, match=r"1-D sparse array of shape \(4,\).*y\.toarray\(\)"
    ):
        check_multilabel_target(y)
    # the suggested forms are accepted
    assert check_multilabel_target(y.toarray()).shape == (4, 1)
    assert check_multilabel_target(y.reshape(-1, 1)).shape == (4, 1)


@pytest.mark.parametrize(
    "y",
    [
        np.array([[0, 0.5], [0.5, 0]], dtype=object),
        np.array([[1, 0.5], [0, 1]], dtype=object),  # first entry an int
        np.array([[True, 0.5], [False, True]], dtype=object),
    ],
)
def test_object_target_with_fractions_is_refused(y):
    # only the first entry was looked at: 0.5 was taken as "present"
    with pytest.raises(ValueError, match="fractional values"):
        check_multilabel_target(y)


def test_object_target_of_integral_numbers_stays_accepted():
    y = np.array([[0, 1.0], [1, 0]], dtype=object)
    np.testing.assert_array_equal(check_multilabel_target(y), [[0, 1], [1, 0]])
    y = np.array([[True, 1], [False, 0]], dtype=object)
    np.testing.assert_array_equal(check_multilabel_target(y), [[1, 1], [0, 0]])
