"""Random, often malformed inputs: a correct result or an error naming the problem.

Hypothesis draws the shapes, dtypes and values of ``X`` and ``y``; an oracle
written independently of the package says which problems the draw has. Every
public estimator must then raise a ValueError or TypeError whose message
names one of those problems, and on a valid draw must fit and predict with
the right shapes.
"""

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.exceptions import NotFittedError
from sklearn.utils import get_tags
from test_common import _instances

ESTIMATORS = list(_instances())

# A problem of the draw -> the words a message must contain (any of them).
MESSAGES = {
    "X_empty": r"0 sample|0 feature|minimum of 1|empty",
    "X_nonfinite": r"NaN|infinity|inf",
    "rows": r"samples|rows|inconsistent",
    "y_shape": r"2-D|shape|empty|label column",
    "y_values": r"binary|continuous|Unknown label|NaN|infinity|single value|strings",
}

# Estimators for which every valid draw must fit. Others may also refuse a
# valid but tiny problem, with a message that says so (too few samples or
# classes for their base learner).
STRICT = {"BinaryRelevance"}
TINY_DATA = r"class|sample|fold|split|n_splits|neighbo"


@st.composite
def fit_inputs(draw):
    rng = np.random.RandomState(draw(st.integers(0, 2**16)))
    n_rows = draw(st.sampled_from([0] + [1, 2, 3, 5, 8, 12] * 3))
    n_features = draw(st.sampled_from([0] + [1, 2, 3] * 4))
    X = rng.normal(size=(n_rows, n_features))
    x_special = draw(st.sampled_from(["finite"] * 4 + ["nan", "inf"]))
    if x_special != "finite" and X.size:
        X.flat[rng.randint(X.size)] = np.nan if x_special == "nan" else np.inf
    y_rows = draw(st.sampled_from([n_rows] * 4 + [max(n_rows - 1, 0), n_rows + 1]))
    y_ndim = draw(st.sampled_from([2, 2, 2, 1, 3]))
    n_labels = draw(st.sampled_from([0] + [1, 2, 3] * 4))
    shape = {1: (y_rows,), 2: (y_rows, n_labels), 3: (y_rows, n_labels, 2)}[y_ndim]
    kind = draw(
        st.sampled_from(
            [
                "int01",
                "int01",
                "bool",
                "float01",
                "multi",
                "frac",
                "nan",
                "inf",
                "str2",
                "str3",
            ]
        )
    )
    bits = rng.randint(0, 2, size=shape)
    y = {
        "int01": bits,
        "bool": bits.astype(bool),
        "float01": bits.astype(float),
        "multi": rng.randint(0, 3, size=shape),
        "frac": bits + 0.5 * rng.randint(0, 2, size=shape),
        "nan": np.where(rng.uniform(size=shape) < 0.3, np.nan, bits),
        "inf": np.where(rng.uniform(size=shape) < 0.3, np.inf, bits),
        "str2": np.where(bits == 1, "yes", "no"),
        "str3": np.array(["a", "b", "c"])[rng.randint(0, 3, size=shape)],
    }[kind]
    return X, y


def problems_of(X, y, allow_nan):
    """The problems of a draw, found without the package's code."""
    found = set()
    if X.shape[0] == 0 or X.shape[1] == 0:
        found.add("X_empty")
    if not allow_nan and not np.isfinite(X).all():
        found.add("X_nonfinite")
    if y.ndim >= 1 and y.shape[0] != X.shape[0]:
        found.add("rows")
    if y.ndim > 2 or y.size == 0:
        found.add("y_shape")
    if y.size:
        values = np.unique(y.astype(str) if y.dtype.kind == "U" else y)
        if y.dtype.kind == "f" and not np.isfinite(y).all():
            found.add("y_values")
        elif y.dtype.kind == "f" and (y != np.round(y)).any():
            found.add("y_values")
        elif len(values) > 2:
            found.add("y_values")
        elif len(values) == 1 and values[0] not in (0, 1):
            found.add("y_values")
    return found


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
@settings(
    max_examples=60, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=fit_inputs())
def test_fit_gives_a_result_or_names_the_problem(estimator, data):
    from sklearn.base import clone

    X, y = data
    est = clone(estimator)
    allow_nan = get_tags(est).input_tags.allow_nan
    found = problems_of(X, y, allow_nan)
    if found:
        with pytest.raises((ValueError, TypeError)) as err:
            est.fit(X, y)
        pattern = "|".join(MESSAGES[p] for p in found)
        assert re.search(pattern, str(err.value)), (found, str(err.value))
        return
    try:
        est.fit(X, y)
    except ValueError as exc:
        if type(est).__name__ in STRICT or not re.search(TINY_DATA, str(exc)):
            raise
        return
    # a 1-D target makes a binary classifier: P(absent), P(present)
    n_columns = 2 if y.ndim == 1 else y.shape[1]
    pred = est.predict(X)
    assert pred.shape == y.shape
    assert set(np.unique(pred)) <= set(np.unique(y)) | {0, 1}
    if hasattr(est, "predict_proba"):
        P = est.predict_proba(X)
        assert isinstance(P, np.ndarray) and P.shape == (X.shape[0], n_columns)
        assert ((P >= 0) & (P <= 1)).all()


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_predict_input_errors(estimator):
    from sklearn.base import clone

    rng = np.random.RandomState(0)
    X = rng.normal(size=(60, 4))
    Y = (X[:, :3] + rng.normal(scale=0.5, size=(60, 3)) > 0).astype(int)
    est = clone(estimator)
    with pytest.raises(NotFittedError):
        est.predict(X)
    est.fit(X, Y)
    with pytest.raises(ValueError, match="features"):
        est.predict(X[:, :3])
    if not get_tags(est).input_tags.allow_nan:
        bad = X.copy()
        bad[0, 0] = np.nan
        with pytest.raises(ValueError, match="NaN"):
            est.predict(bad)
    with pytest.raises(ValueError, match="0 sample|empty|minimum"):
        est.predict(X[:0])
