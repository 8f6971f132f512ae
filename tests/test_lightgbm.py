"""Tests of LGBMMultiLabelClassifier and its label-coupled objective."""

import inspect
import pickle
import threading

import lightgbm as lgb
import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from lightgbm import LGBMClassifier
from sklearn.base import clone
from sklearn.datasets import make_multilabel_classification
from sklearn.metrics import label_ranking_loss
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.multiclass import OneVsRestClassifier
from sklearn.multioutput import MultiOutputClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks
from sklearn.utils.fixes import parse_version
from test_common import _expected_failed_checks

import skmultilabel._lightgbm as _lgbm_module
import skmultilabel._lightgbm_groups as _groups_module
from skmultilabel import LGBMMultiLabelClassifier
from skmultilabel._lightgbm import (
    _BOOSTER_BYTES_PER_ROW,
    _binned_bytes,
    _choose_group_histogram_mode,
    _choose_histogram_mode,
    _copy_dataset,
    _label_group_size,
    _label_groups,
    _resolve_n_threads,
    _run_workers,
    _schedule,
)
from skmultilabel._lightgbm_groups import (
    GROUP_BYTES_PER_ROW_AND_LABEL,
    LabelGroupBooster,
)
from skmultilabel._lightgbm_objective import CoupledObjective, coupled_loss
from skmultilabel.model_selection import MultilabelStratifiedShuffleSplit

# LightGBM 4.6 (the oldest supported) records feature names for a model
# fitted on a numpy array, then warns when it predicts on one: the peers of
# these tests do that; 4.7 no longer does.
if parse_version(lgb.__version__) < parse_version("4.7"):
    pytestmark = pytest.mark.filterwarnings(
        "ignore:X does not have valid feature names, but LGBMClassifier"
        ":UserWarning"
    )

N_EST = 15


@pytest.fixture(scope="module")
def data():
    X, Y = make_multilabel_classification(
        n_samples=240, n_features=8, n_classes=4, random_state=0
    )
    return X, Y


def _peer_proba(peer, X):
    return np.column_stack([e.predict_proba(X)[:, 1] for e in peer.estimators_])


def _ours(**kw):
    kw.setdefault("n_estimators", N_EST)
    kw.setdefault("n_jobs", 1)
    kw.setdefault("random_state", 0)
    return LGBMMultiLabelClassifier(**kw)


def _peer(**kw):
    kw.setdefault("n_estimators", N_EST)
    kw.setdefault("n_jobs", 1)
    kw.setdefault("random_state", 0)
    return MultiOutputClassifier(LGBMClassifier(verbose=-1, **kw))


# ----------------------------------------------------------------------
# Binary relevance: the same model as MultiOutputClassifier(LGBMClassifier)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"class_weight": "balanced"},
        {"subsample": 0.7, "subsample_freq": 1, "colsample_bytree": 0.6},
        {"num_leaves": 7, "learning_rate": 0.3, "min_child_samples": 5,
         "reg_lambda": 1.0, "max_bin": 31},
    ],
)
def test_same_predictions_as_multioutput_lgbmclassifier(data, params):
    X, Y = data
    ours = _ours(**params).fit(X, Y)
    peer = _peer(**params).fit(X, Y)
    np.testing.assert_allclose(ours.predict_proba(X), _peer_proba(peer, X), atol=1e-12)
    np.testing.assert_array_equal(ours.predict(X), peer.predict(X))
    np.testing.assert_array_equal(
        ours.feature_importances_,
        np.vstack([e.feature_importances_ for e in peer.estimators_]),
    )


def test_same_predictions_as_one_vs_rest_sparse_X(data):
    X, Y = data
    Xs = sp.csr_matrix(np.where(X > 2, X, 0))
    ours = _ours().fit(Xs, Y)
    peer = OneVsRestClassifier(
        LGBMClassifier(n_estimators=N_EST, n_jobs=1, random_state=0, verbose=-1)
    ).fit(Xs, Y)
    np.testing.assert_allclose(
        ours.predict_proba(Xs), peer.predict_proba(Xs), atol=1e-12
    )
    # sparse and dense X give the same model
    dense = _ours().fit(Xs.toarray(), Y)
    np.testing.assert_allclose(
        dense.predict_proba(Xs.toarray()), ours.predict_proba(Xs)
    )
    np.testing.assert_allclose(
        ours.predict_proba(sp.csc_matrix(Xs)), ours.predict_proba(Xs)
    )


def test_per_label_scale_pos_weight_and_sample_weight_match_peers(data):
    X, Y = data
    spw = np.array([1.0, 2.0, 0.5, 4.0])
    sw = np.random.RandomState(0).uniform(0.2, 2.0, X.shape[0])
    ours = _ours(scale_pos_weight=spw, class_weight="balanced").fit(
        X, Y, sample_weight=sw
    )
    for j in range(Y.shape[1]):
        peer = LGBMClassifier(
            n_estimators=N_EST, n_jobs=1, random_state=0, verbose=-1,
            scale_pos_weight=spw[j], class_weight="balanced",
        ).fit(X, Y[:, j], sample_weight=sw)
        np.testing.assert_allclose(
            ours.predict_proba(X)[:, j], peer.predict_proba(X)[:, 1], atol=1e-12
        )


def test_class_weight_per_label_list_and_dict(data):
    X, Y = data
    cw = [{1: 3.0}, None, "balanced", {0: 0.5, 1: 2.0}]
    ours = _ours(class_weight=cw).fit(X, Y)
    for j in range(Y.shape[1]):
        peer = LGBMClassifier(
            n_estimators=N_EST, n_jobs=1, random_state=0, verbose=-1,
            class_weight=cw[j],
        ).fit(X, Y[:, j])
        np.testing.assert_allclose(
            ours.predict_proba(X)[:, j], peer.predict_proba(X)[:, 1], atol=1e-12
        )
    # up-weighting the present class raises the predicted probabilities
    plain = _ours().fit(X, Y)
    assert ours.predict_proba(X)[:, 0].mean() > plain.predict_proba(X)[:, 0].mean()


def test_shared_dataset_bins_equal_per_label_construction(data):
    """A Dataset built once bins the features as a per-label build does."""
    X, Y = data
    params = {"max_bin": 15, "verbose": -1, "min_child_samples": 5}
    once = lgb.Dataset(X, label=np.zeros(len(X)), params=params).construct()
    for j in range(Y.shape[1]):
        per_label = lgb.Dataset(X, label=Y[:, j], params=params).construct()
        assert [once.feature_num_bin(f) for f in range(X.shape[1])] == [
            per_label.feature_num_bin(f) for f in range(X.shape[1])
        ]
    # and the trained trees are the same, split for split
    ours = _ours(max_bin=15, min_child_samples=5).fit(X, Y)
    peer = _peer(max_bin=15, min_child_samples=5).fit(X, Y)
    for j in range(Y.shape[1]):
        _assert_same_trees(ours.boosters_[j], peer.estimators_[j].booster_)


def _internal_values(tree):
    """Pop the internal node values of a dumped tree (in place), in order."""
    values, stack = [], [tree]
    while stack:
        node = stack.pop()
        if "internal_value" in node:
            values.append(node.pop("internal_value"))
            stack += [node["left_child"], node["right_child"]]
    return values


def _assert_same_trees(ours, peer):
    """The same trees, but for the last digits of internal node values.

    LightGBM writes internal node values (which predictions do not use) to
    6 significant digits; in a label's first tree, which holds the starting
    score, a group's booster adds that score to the written values, so the
    last digits may differ from those of a binary booster.
    """
    a = ours.dump_model()["tree_info"]
    b = peer.dump_model()["tree_info"]
    assert len(a) == len(b)
    for ta, tb in zip(a, b, strict=True):
        va = _internal_values(ta["tree_structure"])
        vb = _internal_values(tb["tree_structure"])
        np.testing.assert_allclose(va, vb, rtol=0, atol=1e-5)
        assert ta == tb


# ----------------------------------------------------------------------
# Labels trained in groups, one multi-class booster per group


@pytest.fixture(scope="module")
def many_labels():
    """Seven labels: one stops splitting early, one is exactly half positive
    (a starting score of 0), one has a handful of positives."""
    X, Y = make_multilabel_classification(
        n_samples=300, n_features=10, n_classes=7, random_state=1
    )
    X[::7, 3] = np.nan
    Y[:, 4] = np.arange(300) % 2
    Y[:, 5] = 0
    Y[[3, 40, 77, 150, 260], 5] = 1
    return X, Y


@pytest.fixture
def group_sizes(monkeypatch):
    """Record the number of labels of every group booster created."""
    sizes = []

    class Recording(LabelGroupBooster):
        def __init__(self, train_set, params, targets, *args):
            sizes.append(len(targets))
            super().__init__(train_set, params, targets, *args)

    monkeypatch.setattr(_lgbm_module, "LabelGroupBooster", Recording)
    return sizes


def _fit_one_by_one(monkeypatch, estimator, *args, **kwargs):
    """Fit with one binary booster per label (no groups)."""
    with monkeypatch.context() as m:
        m.setattr(LGBMMultiLabelClassifier, "_trains_in_groups", lambda self, t: False)
        return estimator.fit(*args, **kwargs)


@pytest.mark.parametrize("kind", ["dense", "sparse", "pandas"])
@pytest.mark.parametrize("n_jobs", [1, 2])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"class_weight": "balanced", "scale_pos_weight": [1, 2, 1, 0.5, 1, 3, 1]},
        {"num_leaves": 5, "min_split_gain": 0.5, "min_child_samples": 4,
         "reg_alpha": 0.1, "reg_lambda": 1.0, "max_bin": 15},
    ],
)
def test_label_groups_train_the_trees_of_one_booster_per_label(
    many_labels, monkeypatch, group_sizes, kind, n_jobs, params
):
    X, Y = many_labels
    if kind == "sparse":
        X = sp.csr_matrix(np.where(X > 2, X, 0))
    elif kind == "pandas":
        pd = pytest.importorskip("pandas")
        X = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
        X["shade"] = pd.Categorical(np.array(["a", "b", "c"])[np.arange(300) % 3])
    sw = np.random.RandomState(0).uniform(0.5, 2.0, 300) if params else None
    monkeypatch.setattr(_lgbm_module, "_label_group_size", lambda *a: 3)
    grouped = _ours(n_jobs=n_jobs, **params).fit(X, Y, sample_weight=sw)
    assert max(group_sizes) >= 2 and sum(group_sizes) >= 7  # the trials add more
    n_groups = len(group_sizes)
    one_by_one = _fit_one_by_one(
        monkeypatch, _ours(n_jobs=n_jobs, **params), X, Y, sample_weight=sw
    )
    assert len(group_sizes) == n_groups  # the second fit trained no group
    np.testing.assert_array_equal(grouped.predict_proba(X), one_by_one.predict_proba(X))
    np.testing.assert_array_equal(grouped.best_iteration_, one_by_one.best_iteration_)
    np.testing.assert_array_equal(
        grouped.feature_importances_, one_by_one.feature_importances_
    )
    for a, b in zip(grouped.boosters_, one_by_one.boosters_, strict=True):
        _assert_same_trees(a, b)
        # the header's objective, which sets the transform of predict
        assert "\nobjective=binary sigmoid:1\n" in a.model_to_string()
        assert a.pandas_categorical == b.pandas_categorical
    # and what the peers fit
    peer = _peer(**params)
    if params.get("scale_pos_weight") is None:
        peer.fit(X, Y, sample_weight=sw)
        np.testing.assert_array_equal(grouped.predict_proba(X), _peer_proba(peer, X))


def test_without_lightgbm_internals_labels_train_one_by_one(
    many_labels, monkeypatch, group_sizes
):
    # a LightGBM that no longer has the private C-library handle the groups
    # use: the estimator falls back to one booster per label, same model
    X, Y = many_labels
    monkeypatch.setattr(_lgbm_module, "_label_group_size", lambda *a: 3)
    grouped = _ours(n_jobs=2).fit(X, Y)
    assert group_sizes
    n_groups = len(group_sizes)
    monkeypatch.setattr(_groups_module, "_LIB", None)
    assert not _ours(n_jobs=2)._trains_in_groups([1, 1])
    fallback = _ours(n_jobs=2).fit(X, Y)
    assert len(group_sizes) == n_groups  # no group trained
    np.testing.assert_array_equal(fallback.predict_proba(X), grouped.predict_proba(X))


def test_label_groups_when_no_tree_splits(many_labels, monkeypatch, group_sizes):
    """Every label stops at its first tree (a constant): same as the peers."""
    X, Y = many_labels
    monkeypatch.setattr(_lgbm_module, "_label_group_size", lambda *a: 7)
    ours = _ours(min_split_gain=1e9).fit(X, Y)
    assert group_sizes[-1] == 7  # after the two trials of the histogram modes
    peer = _peer(min_split_gain=1e9).fit(X, Y)
    np.testing.assert_array_equal(ours.predict_proba(X), _peer_proba(peer, X))
    for j, e in enumerate(peer.estimators_):
        assert ours.boosters_[j].num_trees() == e.booster_.num_trees() == 1


@pytest.mark.parametrize(
    "params, grouped",
    [
        ({}, True),
        ({"subsample": 0.7}, True),  # no bagging without subsample_freq
        ({"subsample": 0.7, "subsample_freq": 1}, False),
        ({"colsample_bytree": 0.5}, False),
        ({"boosting_type": "dart"}, False),
        ({"boosting_type": "rf", "subsample": 0.7, "subsample_freq": 1}, False),
        ({"early_stopping_rounds": 3}, False),
    ],
)
def test_labels_train_in_groups_only_when_that_gives_the_same_trees(
    data, monkeypatch, group_sizes, params, grouped
):
    X, Y = data
    monkeypatch.setattr(_lgbm_module, "_label_group_size", lambda *a: 2)
    ours = _ours(**params).fit(X, Y)
    assert bool(group_sizes) == grouped
    if "early_stopping_rounds" not in params:
        peer = _peer(**params).fit(X, Y)
        np.testing.assert_allclose(
            ours.predict_proba(X), _peer_proba(peer, X), atol=1e-12
        )


def test_label_group_size_keeps_memory_within_half_a_booster():
    tree = 100 * 31 * 100  # 100 trees of 31 leaves

    def extra(G, n):  # what a group of G adds over one binary booster
        return (GROUP_BYTES_PER_ROW_AND_LABEL * G - _BOOSTER_BYTES_PER_ROW) * n + (
            G - 1
        ) * tree // 2

    for n, binned in [(21519, 3 * 485350), (80000, 80000 * 100), (10**7, 10**8),
                      (300, 3000), (5000, 5000 * 2000)]:
        G = _label_group_size(n, binned, tree)
        budget = (binned + _BOOSTER_BYTES_PER_ROW * n) // 2
        assert G >= 1
        if G > 1:
            assert extra(G, n) <= budget
        assert extra(G + 1, n) > budget
    # tmc2007-500-like sparse data: pairs; long and narrow data: no groups
    assert _label_group_size(21519, 3 * 485350, tree) == 2
    assert _label_group_size(10**7, 10**8, tree) == 1
    # more features per row (more binned data) allow larger groups
    assert _label_group_size(5000, 5000 * 2000, tree) > _label_group_size(
        5000, 5000 * 20, tree
    )


def test_no_groups_when_one_label_fills_a_group(data, group_sizes):
    """On small data a label's trees outweigh its buffers: one booster each."""
    X, Y = data
    assert _label_group_size(len(X), _binned_bytes(X), 100 * 31 * N_EST) == 1
    ours = _ours().fit(X, Y)
    assert group_sizes == []
    np.testing.assert_allclose(
        ours.predict_proba(X), _peer_proba(_peer().fit(X, Y), X), atol=1e-12
    )


def test_binned_bytes_estimate():
    X = np.zeros((100, 7))
    assert _binned_bytes(X) == 700
    Xs = sp.random(100, 50, density=0.1, format="csr", random_state=0)
    assert _binned_bytes(Xs) == 3 * Xs.nnz
    assert _binned_bytes(sp.csr_matrix(np.ones((10, 3)))) == 30  # at most dense


@settings(deadline=None, max_examples=80)
@given(st.integers(1, 300), st.integers(1, 8), st.integers(1, 50))
def test_label_groups_partition_the_labels_evenly(n_labels, n_workers, max_size):
    labels = list(range(0, 2 * n_labels, 2))
    groups = _label_groups(labels, n_workers, max_size)
    assert sorted(j for g in groups for j in g) == labels
    sizes = [len(g) for g in groups]
    assert max(sizes) <= max_size and max(sizes) - min(sizes) <= 1
    if n_labels >= n_workers:
        assert len(groups) % n_workers == 0 or len(groups) == n_labels


def test_group_histogram_mode_leaves_the_shared_dataset_as_it_was(many_labels):
    X, Y = many_labels
    params = {"objective": "binary", "verbose": -1, "num_threads": 1}
    ref = lgb.Dataset(X, label=np.zeros(len(X)), params=params).construct()
    shared = _copy_dataset(ref, np.arange(len(X)))

    group = ([Y[:, j] for j in range(3)], [None] * 3, [1.0] * 3)
    mode = _choose_group_histogram_mode(params, shared, threading.Lock(), group, 1)
    assert mode in _lgbm_module._HISTOGRAM_MODES
    assert shared.get_field("init_score") is None
    np.testing.assert_array_equal(shared.get_label(), np.zeros(len(X)))


def test_group_gradients_are_lightgbm_binary_logloss_even_where_exp_overflows(
    many_labels,
):
    """BinaryLogloss::GetGradients, element by element, in double then float.

    Scores beyond +-709 make exp overflow to inf, in LightGBM as here (a
    rare label on delicious gets there); that must not warn.
    """
    import math

    X, Y = many_labels
    rng = np.random.RandomState(0)
    ref = lgb.Dataset(X, label=np.zeros(len(X)), params={"verbose": -1}).construct()
    weights = [None, rng.uniform(0.5, 2.0, len(X)).astype(np.float32)]
    spw = [1.0, 2.5]
    group = LabelGroupBooster(
        ref, {"verbose": -1, "num_threads": 1}, [Y[:, 0], Y[:, 1]], weights, spw,
        threading.Lock(),
    )
    scores = rng.normal(0, 5, (2, len(X)))
    scores[:, :40] = np.where(np.arange(40) % 2, 800.0, -800.0)
    group.score[:] = scores.ravel()
    group._gradients()  # warnings are errors in this suite
    grad = group.score.view(np.float32)[: 2 * len(X)].reshape(2, -1)
    hess = group.hess.reshape(2, -1)
    for k in range(2):
        expected_g, expected_h = [], []
        for i, s in enumerate(scores[k]):
            label = 1 if Y[i, k] > 0 else -1
            try:
                e = math.exp(label * s)
            except OverflowError:
                e = math.inf
            r = -label / (1.0 + e)
            a = abs(r)
            g, h = r, a * (1.0 - a)
            if label > 0 and spw[k] != 1.0:
                g, h = g * spw[k], h * spw[k]
            if weights[k] is not None:
                g, h = g * float(weights[k][i]), h * float(weights[k][i])
            expected_g.append(g)
            expected_h.append(h)
        np.testing.assert_array_equal(grad[k], np.float32(expected_g))
        np.testing.assert_array_equal(hess[k], np.float32(expected_h))
    assert np.any(grad[:, :40] == 0)  # the overflowed responses


def test_split_model_matches_binary_boosters(many_labels):
    """The text of a group's model, split, is each label's binary model."""
    import zlib

    X, Y = many_labels
    params = {"verbose": -1, "num_threads": 1, "num_leaves": 7}
    ref = lgb.Dataset(X, label=np.zeros(len(X)), params=params).construct()
    group = LabelGroupBooster(
        ref, params, [Y[:, j] for j in range(4)], [None] * 4, [1.0] * 4,
        threading.Lock(),
    ).train(12)
    # read 5 rounds at a time: the parts of each label's model are joined
    packed = group.packed_models(zlib.compressobj, chunk=5)
    models = [zlib.decompress(p).decode() for p in packed]
    for j, model in enumerate(models):
        ds = lgb.Dataset(X, label=Y[:, j], params=params)
        binary = lgb.train(dict(params, objective="binary"), ds, num_boost_round=12)
        loaded = lgb.Booster(model_str=model)
        _assert_same_trees(loaded, binary)
        np.testing.assert_array_equal(loaded.predict(X), binary.predict(X))


# ----------------------------------------------------------------------
# Scheduling of labels and threads


@settings(deadline=None, max_examples=60)
@given(st.integers(1, 64), st.integers(1, 2000), st.integers(1, 10**6))
def test_schedule_uses_every_thread_without_oversubscription(
    n_threads, n_tasks, n_rows
):
    threads = _schedule(n_threads, n_tasks)
    assert len(threads) == min(n_threads, n_tasks)
    assert all(t >= 1 for t in threads)
    assert sum(threads) == n_threads  # all cores busy, never more
    assert max(threads) - min(threads) <= 1
    capped = _schedule(n_threads, n_tasks, n_rows)
    assert len(capped) == len(threads)
    assert all(1 <= c <= t for c, t in zip(capped, threads, strict=True))
    assert all(c <= max(1, n_rows // 10_000) for c in capped)
    if n_rows >= 10_000 * n_threads:  # enough rows: no thread is dropped
        assert capped == threads


def test_n_jobs_semantics():
    import joblib

    n = joblib.cpu_count()
    assert _resolve_n_threads(None) == n
    assert _resolve_n_threads(-1) == n
    assert _resolve_n_threads(-2) == max(n - 1, 1)
    assert _resolve_n_threads(3) == 3
    with pytest.raises(ValueError, match="n_jobs"):
        LGBMMultiLabelClassifier(n_jobs=0).fit([[0.0], [1.0]], [[0], [1]])


def test_parallel_labels_give_the_same_model(data):
    X, Y = data
    serial = _ours(n_jobs=1).fit(X, Y)
    parallel = _ours(n_jobs=2).fit(X, Y)  # two labels at once, one thread each
    assert parallel.n_threads_ == 2
    np.testing.assert_allclose(
        serial.predict_proba(X), parallel.predict_proba(X), atol=1e-12
    )
    few = _ours(n_jobs=3).fit(X, Y[:, :2])  # fewer labels than threads
    np.testing.assert_allclose(
        few.predict_proba(X), serial.predict_proba(X)[:, :2], atol=1e-6
    )


def test_predict_uses_the_current_n_jobs(data, monkeypatch):
    # as LGBMClassifier: set_params(n_jobs=...) after fit, or unpickling on
    # another machine, sets the threads of predict
    X, Y = data
    X_big = np.tile(X, (90, 1))  # 21,600 rows: two threads' worth
    threads = []
    predict = lgb.Booster.predict

    def recording_predict(self, *args, **kwargs):
        threads.append(kwargs["num_threads"])
        return predict(self, *args, **kwargs)

    monkeypatch.setattr(lgb.Booster, "predict", recording_predict)
    for objective in ("binary", "coupled"):
        clf = _ours(objective=objective).fit(X, Y)
        P1 = clf.predict_proba(X_big)
        assert sum(threads) == 1 if objective == "coupled" else Y.shape[1]
        threads.clear()
        P2 = clf.set_params(n_jobs=2).predict_proba(X_big)
        # two labels at once (binary), or one booster on two threads
        assert max(threads) == (2 if objective == "coupled" else 1)
        assert clf.n_threads_ == 1
        threads.clear()
        np.testing.assert_allclose(P1, P2)


def test_run_workers_first_call_in_the_calling_thread_and_errors_propagate():

    names = _run_workers([
        (lambda i=i: (i, threading.current_thread().name)) for i in range(3)
    ])
    assert [i for i, _ in names] == [0, 1, 2]
    assert names[0][1] == threading.current_thread().name
    assert len({n for _, n in names}) == 3

    def fail():
        raise ValueError("worker failed")

    with pytest.raises(ValueError, match="worker failed"):
        _run_workers([lambda: 1, fail])
    with pytest.raises(ValueError, match="worker failed"):
        _run_workers([fail, lambda: 1])


def test_histogram_mode_changes_speed_not_the_model(data, monkeypatch):
    X, Y = data
    params = {"objective": "binary", "verbose": -1, "num_threads": 1}
    ref = lgb.Dataset(X, label=Y[:, 0].astype(np.float32), params=params).construct()
    y = Y[:, 1].astype(np.float32)
    mode = _choose_histogram_mode(params, ref, 1, y, None)
    assert mode in _lgbm_module._HISTOGRAM_MODES
    # timed on the label it was given
    np.testing.assert_array_equal(ref.get_label(), y)
    probas = []
    for forced in _lgbm_module._HISTOGRAM_MODES:
        monkeypatch.setattr(_lgbm_module, "_HISTOGRAM_MODES", (forced,))
        probas.append(_ours(n_jobs=2).fit(X, Y).predict_proba(X))
    np.testing.assert_allclose(probas[0], probas[1], atol=1e-12)
    np.testing.assert_allclose(probas[0], _peer_proba(_peer().fit(X, Y), X), atol=1e-12)


class _FakeClock:
    """``time`` for _lightgbm: perf_counter reads a clock the steps advance."""

    def __init__(self):
        self.now = 0.0

    def perf_counter(self):
        return self.now


@pytest.mark.parametrize(
    "row_seconds, col_seconds, expected",
    [
        # col-wise is faster in every round but one, hit by a burst: the
        # sum of the rounds would pick row-wise
        ([100, 2, 2, 2, 2], [1, 1, 1, 9, 1], 1),
        # row-wise is faster in every round; its first round (the set-up of
        # the mode) is left out
        ([100, 1, 1, 1, 1], [1, 2, 2, 2, 2], 0),
        # the modes' speed drifts up and down alike: round by round,
        # row-wise takes less
        ([50, 1, 4, 1, 4], [5, 1.5, 5, 1.5, 5], 0),
    ],
)
def test_histogram_mode_trial_compares_the_modes_round_by_round(
    monkeypatch, row_seconds, col_seconds, expected
):
    import weakref

    clock = _FakeClock()
    monkeypatch.setattr(_lgbm_module, "time", clock)
    calls, boosters = [], []

    class Booster:  # a trial booster: every round advances the clock
        def __init__(self, mode, seconds):
            self.mode, self.seconds = mode, list(seconds)

        def step(self):
            calls.append(self.mode)
            clock.now += self.seconds.pop(0)

    def start(trial_params):
        assert trial_params == dict(
            {"objective": "binary", "num_threads": 3},
            **_lgbm_module._HISTOGRAM_MODES[len(boosters)],
        )
        i = 0 if trial_params.get("force_row_wise") else 1
        booster = Booster(i, [row_seconds, col_seconds][i])
        boosters.append(weakref.ref(booster))
        return booster.step

    freed_before_release = []
    monkeypatch.setattr(
        _lgbm_module, "_release_freed_memory",
        lambda: freed_before_release.append(all(b() is None for b in boosters)),
    )
    mode = _lgbm_module._fastest_histogram_mode(
        start, {"objective": "binary", "num_threads": 1}, 3, n_rounds=5
    )
    assert mode == _lgbm_module._HISTOGRAM_MODES[expected]
    # the modes take turns, round by round, in the calling thread
    assert calls == [0, 1] * 5
    # and their boosters are freed before the memory is returned
    assert freed_before_release == [True]


def test_histogram_mode_trial_uses_a_workers_thread_count(many_labels, monkeypatch):
    # the trial times what a worker runs: one LightGBM thread when labels
    # train in groups (not the estimator's every thread per trial booster),
    # a worker's threads otherwise
    X, Y = many_labels
    in_trial, trial_boosters = [], []
    fastest = _lgbm_module._fastest_histogram_mode

    def recording_fastest(*args, **kwargs):
        in_trial.append(True)
        try:
            return fastest(*args, **kwargs)
        finally:
            in_trial.pop()

    class Booster(lgb.Booster):
        def __init__(self, params=None, train_set=None, **kwargs):
            if in_trial:
                trial_boosters.append((params["objective"], params["num_threads"]))
            super().__init__(params=params, train_set=train_set, **kwargs)

    monkeypatch.setattr(_lgbm_module, "_fastest_histogram_mode", recording_fastest)
    monkeypatch.setattr(lgb, "Booster", Booster)
    monkeypatch.setattr(_lgbm_module, "_label_group_size", lambda *a: 3)
    _ours(n_jobs=2).fit(X, Y)
    assert trial_boosters == [("none", 1)] * 2  # one group booster per mode
    trial_boosters.clear()
    _fit_one_by_one(monkeypatch, _ours(n_jobs=2), X, Y)
    assert trial_boosters == [("binary", 1)] * 2
    trial_boosters.clear()
    # two labels on four threads: two workers of two threads each (however
    # few the rows)
    monkeypatch.setattr(_lgbm_module, "_ROWS_PER_THREAD", 1)
    _ours(n_jobs=4).fit(X, Y[:, :2])
    assert trial_boosters == [("binary", 2)] * 2


def test_dataset_copies_do_not_keep_the_reference_alive(data):
    import gc
    import weakref

    X, Y = data
    params = {"objective": "binary", "verbose": -1}
    ref = lgb.Dataset(X, label=Y[:, 0].astype(np.float32), params=params).construct()
    train = _copy_dataset(ref, np.arange(0, 200))
    valid = _copy_dataset(ref, np.arange(200, 240), train)
    assert train.reference is None and valid.reference is train
    # no per-row Python list of indices (Dataset.subset keeps one)
    assert train.used_indices is None and valid.used_indices is None
    alive = weakref.ref(ref)
    del ref
    gc.collect()
    assert alive() is None
    # lgb.train accepts the pair (same bins) and stops early on the copy
    train.set_label(Y[:200, 0].astype(np.float32))
    valid.set_label(Y[200:, 0].astype(np.float32))
    booster = lgb.train(params, train, num_boost_round=200, valid_sets=[valid],
                        callbacks=[lgb.early_stopping(3, verbose=False)])
    assert 1 <= booster.best_iteration < 200


def test_release_freed_memory_is_a_no_op_without_glibc(monkeypatch):
    monkeypatch.setattr(_lgbm_module, "_MALLOC_TRIM", None)
    _lgbm_module._release_freed_memory()  # glibc here, or nothing to do
    assert _lgbm_module._MALLOC_TRIM is not None

    def no_libc(name):
        raise OSError("no C library")

    monkeypatch.setattr(_lgbm_module, "_MALLOC_TRIM", None)
    monkeypatch.setattr(_lgbm_module.ctypes, "CDLL", no_libc)
    _lgbm_module._release_freed_memory()
    assert _lgbm_module._MALLOC_TRIM is False


def test_label_workers_are_threads_inside_a_process_backend(data):
    from joblib import parallel_backend

    X, Y = data
    with parallel_backend("loky", n_jobs=2):
        clf = _ours(n_jobs=2).fit(X, Y)
    np.testing.assert_allclose(
        clf.predict_proba(X), _ours().fit(X, Y).predict_proba(X), atol=1e-12
    )


# ----------------------------------------------------------------------
# Targets, inputs and outputs


def test_constant_labels_get_a_constant_predictor(data):
    X, Y = data
    Y = Y.copy()
    Y[:, 1] = 0
    Y[:, 3] = 1
    for objective in ("binary", "coupled"):
        clf = _ours(objective=objective).fit(X, Y)
        P = clf.predict_proba(X)
        assert np.all(P[:, 1] == 0.0) and np.all(P[:, 3] == 1.0)
        np.testing.assert_array_equal(clf.fitted_labels_, [0, 2])
        assert np.all(clf.feature_importances_[[1, 3]] == 0)
        assert clf.feature_importances_[[0, 2]].sum() > 0
        D = clf.decision_function(X)
        assert np.all(D[:, 1] < 0) and np.all(D[:, 3] > 0)
        np.testing.assert_array_equal(clf.best_iteration_[[1, 3]], 0)
    assert _ours().fit(X, Y).boosters_[1] is None


def test_output_types_and_consistency(data):
    X, Y = data
    clf = _ours().fit(X, Y)
    P = clf.predict_proba(X)
    assert isinstance(P, np.ndarray) and P.shape == Y.shape and P.dtype == np.float64
    assert np.all((P >= 0) & (P <= 1))
    D = clf.decision_function(X)
    np.testing.assert_allclose(1 / (1 + np.exp(-D)), P, atol=1e-12)
    np.testing.assert_array_equal(clf.predict(X), (P > 0.5).astype(int))
    # the training fit beats predicting each label's majority value
    majority = (Y == (Y.mean(axis=0) > 0.5)).mean()
    assert (clf.predict(X) == Y).mean() > majority + 0.1


def test_sparse_and_pandas_targets(data):
    pd = pytest.importorskip("pandas")
    X, Y = data
    out = _ours().fit(X, sp.csr_matrix(Y)).predict(X)
    assert sp.issparse(out)
    np.testing.assert_array_equal(out.toarray(), _ours().fit(X, Y).predict(X))
    names = ["a", "b", "c", "d"]
    clf = _ours().fit(X, pd.DataFrame(Y, columns=names))
    assert list(clf.classes_) == names
    enc = _ours().fit(X, np.where(Y == 1, "yes", "no"))
    assert set(np.unique(enc.predict(X))) <= {"yes", "no"}
    # 0/1 integer and boolean targets are read in place, never written
    for y in (Y.copy(), Y.astype(bool)):
        before = y.copy()
        np.testing.assert_array_equal(
            _ours().fit(X, y).predict_proba(X), _ours().fit(X, Y).predict_proba(X)
        )
        np.testing.assert_array_equal(y, before)


def test_nan_features_are_missing_values(data):
    X, Y = data
    Xn = X.copy()
    Xn[::7, 0] = np.nan
    clf = _ours().fit(Xn, Y)
    P = clf.predict_proba(Xn)
    assert np.all(np.isfinite(P))
    peer = _peer().fit(Xn, Y)
    np.testing.assert_allclose(P, _peer_proba(peer, Xn), atol=1e-12)
    # infinities are accepted as LightGBM does: extreme values, the same
    # model as the peers'
    Xi = X.copy()
    Xi[::5, 1] = np.inf
    Xi[1::5, 2] = -np.inf
    np.testing.assert_allclose(
        _ours().fit(Xi, Y).predict_proba(Xi), _peer_proba(_peer().fit(Xi, Y), Xi),
        atol=1e-12,
    )


def test_pandas_categorical_features_and_names(data):
    pd = pytest.importorskip("pandas")
    X, Y = data
    rng = np.random.RandomState(0)
    df = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    color = rng.choice(["red", "green", "blue", "grey"], size=len(df))
    df["color"] = pd.Categorical(color)
    # label 0 is driven by the category only
    Y = Y.copy()
    Y[:, 0] = np.isin(color, ["red", "blue"]).astype(int)
    clf = _ours(min_child_samples=5).fit(df, Y)
    np.testing.assert_array_equal(clf.feature_names_in_, df.columns)
    assert clf.boosters_[0].dump_model()["tree_info"][0]["tree_structure"][
        "decision_type"
    ] == "=="  # a categorical split
    assert (clf.predict(df)[:, 0] == Y[:, 0]).all()
    # same predictions on a DataFrame whose categories are listed differently
    df2 = df.copy()
    df2["color"] = pd.Categorical(color, categories=["grey", "blue", "green", "red"])
    np.testing.assert_allclose(clf.predict_proba(df2), clf.predict_proba(df))
    peer = _peer(min_child_samples=5).fit(df, Y)
    np.testing.assert_allclose(clf.predict_proba(df), _peer_proba(peer, df), atol=1e-12)
    with pytest.raises(ValueError, match="feature names"):
        clf.predict(df[df.columns[::-1]])


def test_feature_importances(data):
    X, Y = data
    for importance_type in ("split", "gain"):
        for objective in ("binary", "coupled"):
            clf = _ours(importance_type=importance_type, objective=objective).fit(X, Y)
            imp = clf.feature_importances_
            assert imp.shape == (Y.shape[1], X.shape[1])
            np.testing.assert_allclose(clf.summed_feature_importances_, imp.sum(axis=0))
            assert np.all(imp >= 0) and np.all(imp.sum(axis=1) > 0)
        if objective == "coupled":
            np.testing.assert_allclose(
                imp.sum(axis=0),
                clf.booster_.feature_importance(importance_type=importance_type),
            )
    with pytest.raises(AttributeError):
        LGBMMultiLabelClassifier().feature_importances_  # noqa: B018


def test_early_stopping_per_label(data):
    X, Y = data
    clf = _ours(n_estimators=300, learning_rate=0.3, early_stopping_rounds=5).fit(X, Y)
    best = clf.best_iteration_
    assert np.all(best >= 1) and np.all(best < 300)
    for j, booster in enumerate(clf.boosters_):
        np.testing.assert_allclose(
            clf.predict_proba(X)[:, j], booster.predict(X, num_iteration=int(best[j]))
        )
        # as lgb.train returns it: the trees up to the best iteration
        assert booster.best_iteration == booster.current_iteration() == best[j]
        assert set(booster.best_score["validation"]) == {"binary_logloss"}
    coupled = _ours(
        objective="coupled",
        n_estimators=300,
        learning_rate=0.3,
        early_stopping_rounds=5,
    ).fit(X, Y)
    assert 1 <= coupled.best_iteration_[0] < 300
    assert len(set(coupled.best_iteration_)) == 1
    with pytest.raises(ValueError, match="validation_fraction"):
        _ours(early_stopping_rounds=2, validation_fraction=0.1).fit(X[:4], Y[:4])


def _fit_with_validation(clf, X, y, X_valid, y_valid, rounds, **kwargs):
    """LGBMClassifier.fit with a validation set, stopping after ``rounds``.

    LightGBM 4.7 takes it as ``eval_X``/``eval_y`` and deprecates
    ``eval_set``; 4.6 (the oldest supported) has ``eval_set`` only.
    """
    if "eval_X" in inspect.signature(clf.fit).parameters:
        kwargs.update(eval_X=X_valid, eval_y=y_valid)
    else:
        kwargs.update(eval_set=[(X_valid, y_valid)])
    return clf.fit(
        X, y, callbacks=[lgb.early_stopping(rounds, verbose=False)], **kwargs
    )


def _early_stopping_split(Y, validation_fraction=0.1, random_state=0):
    """The estimator's training and validation rows (see fit): stratified."""
    n_valid = int(round(validation_fraction * len(Y)))
    splitter = MultilabelStratifiedShuffleSplit(
        n_splits=1, test_size=n_valid,
        random_state=np.random.RandomState(random_state),
    )
    tr, va = next(splitter.split(np.empty((len(Y), 0)), Y))
    # every label keeps its share of positives in the validation rows
    np.testing.assert_allclose(Y[va].mean(axis=0), Y.mean(axis=0), atol=1.5 / n_valid)
    return np.sort(tr), np.sort(va)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_early_stopping_is_lgbmclassifier_with_an_eval_set(n_jobs):
    """The validation rows are held out of the binning too.

    The model of each label is LGBMClassifier fitted on the training rows
    with the validation rows as ``eval_set``: bins from the training rows
    only, the same best iteration and predictions.
    """
    X, Y = make_multilabel_classification(
        n_samples=400, n_features=8, n_classes=4, random_state=0
    )
    sw = np.random.RandomState(0).uniform(0.5, 2.0, len(X))
    kw = {"n_estimators": 30, "learning_rate": 0.3, "random_state": 0}
    ours = LGBMMultiLabelClassifier(
        early_stopping_rounds=3, n_jobs=n_jobs, **kw
    ).fit(X, Y, sample_weight=sw)
    tr, va = _early_stopping_split(Y)
    for j in range(Y.shape[1]):
        hand = _fit_with_validation(
            LGBMClassifier(n_jobs=1, verbose=-1, **kw), X[tr], Y[tr, j],
            X[va], Y[va, j], 3, sample_weight=sw[tr], eval_sample_weight=[sw[va]],
        )
        assert ours.best_iteration_[j] == hand.best_iteration_
        np.testing.assert_allclose(
            ours.predict_proba(X)[:, j], hand.predict_proba(X)[:, 1], atol=1e-12
        )
    # the coupled objective bins the same way: with one label and no ranking
    # term it is LGBMClassifier with an eval_set as well
    coupled = LGBMMultiLabelClassifier(
        objective="coupled", ranking_weight=0.0, early_stopping_rounds=3,
        n_jobs=n_jobs, **kw,
    ).fit(X, Y[:, [2]])
    tr, va = _early_stopping_split(Y[:, [2]])  # stratified by that label
    hand = _fit_with_validation(
        LGBMClassifier(n_jobs=1, verbose=-1, **kw), X[tr], Y[tr, 2],
        X[va], Y[va, 2], 3,
    )
    assert coupled.best_iteration_[0] == hand.best_iteration_ < 30
    np.testing.assert_allclose(
        coupled.predict_proba(X)[:, 0], hand.predict_proba(X)[:, 1], atol=1e-6
    )


@pytest.mark.parametrize("objective", ["binary", "coupled"])
def test_early_stopping_with_dart_is_a_clear_error(data, objective):
    # LightGBM only warns and trains on; the held-out rows were lost
    X, Y = data
    with pytest.raises(ValueError, match="not available with boosting_type"):
        _ours(objective=objective, boosting_type="dart", early_stopping_rounds=3).fit(
            X, Y
        )


def test_early_stopping_on_a_dataframe_with_categories(data):
    pd = pytest.importorskip("pandas")
    X, Y = data
    df = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    color = np.random.RandomState(0).choice(["red", "green", "blue"], size=len(df))
    df["color"] = pd.Categorical(color)
    kw = {"n_estimators": 30, "learning_rate": 0.3, "random_state": 0,
          "min_child_samples": 5}
    ours = LGBMMultiLabelClassifier(early_stopping_rounds=3, n_jobs=1, **kw).fit(
        df, Y
    )
    tr, va = _early_stopping_split(Y)
    for j in range(Y.shape[1]):
        hand = _fit_with_validation(
            LGBMClassifier(n_jobs=1, verbose=-1, **kw), df.iloc[tr], Y[tr, j],
            df.iloc[va], Y[va, j], 3,
        )
        assert ours.best_iteration_[j] == hand.best_iteration_
        np.testing.assert_allclose(
            ours.predict_proba(df)[:, j], hand.predict_proba(df)[:, 1], atol=1e-12
        )
    coupled = LGBMMultiLabelClassifier(
        objective="coupled", early_stopping_rounds=3, n_jobs=1, **kw
    ).fit(df, Y)
    assert np.all(np.isfinite(coupled.predict_proba(df)))


def test_best_iteration_counts_the_trees_trained(data):
    # without early stopping: n_estimators, or fewer once no tree can split
    X, Y = data
    ours = _ours(n_estimators=30, min_split_gain=5.0).fit(X, Y)
    peer = _peer(n_estimators=30, min_split_gain=5.0).fit(X, Y)
    trained = [e.booster_.current_iteration() for e in peer.estimators_]
    np.testing.assert_array_equal(ours.best_iteration_, trained)
    assert min(trained) < 30
    np.testing.assert_array_equal(_ours(n_estimators=30).fit(X, Y).best_iteration_, 30)
    coupled = _ours(objective="coupled", n_estimators=30, min_split_gain=5.0)
    coupled.fit(X, Y)
    np.testing.assert_array_equal(
        coupled.best_iteration_, coupled.booster_.current_iteration()
    )


def test_bad_inputs_raise_clear_errors(data):
    X, Y = data
    with pytest.raises(ValueError, match="class_weight is a list of 2"):
        _ours(class_weight=[None, None]).fit(X, Y)
    with pytest.raises(ValueError, match="keys"):
        _ours(class_weight={"yes": 2.0}).fit(X, Y)
    with pytest.raises(ValueError, match="scale_pos_weight has shape"):
        _ours(scale_pos_weight=[1.0, 2.0]).fit(X, Y)
    with pytest.raises(ValueError, match="same number of samples"):
        _ours().fit(X, Y[:-3])
    with pytest.raises(ValueError, match="binary indicator"):
        _ours().fit(X, Y * 2 - Y[:, :1])
    with pytest.raises(ValueError, match="objective"):
        _ours(objective="multiclass").fit(X, Y)
    clf = _ours().fit(X, Y)
    with pytest.raises(ValueError, match="features"):
        clf.predict(X[:, :3])


def test_pickle_clone_and_sklearn_tools(data):
    X, Y = data
    clf = _ours().fit(X, Y)
    again = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(again.predict_proba(X), clf.predict_proba(X))
    assert clone(clf).get_params() == clf.get_params()
    pipe = make_pipeline(StandardScaler(), _ours(n_estimators=5))
    scores = cross_val_score(pipe, X, Y, cv=3, scoring="f1_micro")
    assert scores.shape == (3,) and np.all(scores > 0.3)
    grid = {"num_leaves": [3, 15]}
    search = GridSearchCV(_ours(n_estimators=5), grid, cv=2).fit(X, Y)
    assert search.best_params_["num_leaves"] in (3, 15)


# ----------------------------------------------------------------------
# The label-coupled objective


@settings(deadline=None, max_examples=40)
@given(
    st.integers(1, 6), st.integers(1, 6), st.floats(0.0, 3.0), st.integers(0, 10_000)
)
def test_coupled_gradient_matches_finite_differences(n, L, weight, seed):
    rng = np.random.RandomState(seed)
    F = rng.normal(scale=3.0, size=(n, L))
    Y = (rng.uniform(size=(n, L)) < 0.5).astype(float)
    C = rng.uniform(0.5, 2.0, size=(n, L))
    w = rng.uniform(0.5, 2.0, size=n)

    def total(F):
        return coupled_loss(F, Y, ranking_weight=weight, label_weight=C,
                            sample_weight=w) * w.sum()

    _, grad, hess = coupled_loss(F, Y, ranking_weight=weight, label_weight=C,
                                 sample_weight=w, return_grad=True)
    eps = 1e-5
    for i in range(n):
        for j in range(L):
            E = np.zeros_like(F)
            E[i, j] = eps
            g = (total(F + E) - total(F - E)) / (2 * eps)
            h = (
                coupled_loss(F + E, Y, ranking_weight=weight, label_weight=C,
                             sample_weight=w, return_grad=True)[1][i, j]
                - coupled_loss(F - E, Y, ranking_weight=weight, label_weight=C,
                               sample_weight=w, return_grad=True)[1][i, j]
            ) / (2 * eps)
            assert abs(g - grad[i, j]) < 1e-5 * max(1.0, abs(g))
            assert abs(h - hess[i, j]) < 1e-5 * max(1.0, abs(h))
    assert np.all(hess >= 0)


def test_coupled_loss_is_stable_and_shift_invariant_in_its_ranking_term():
    Y = np.array([[1, 0, 0], [0, 1, 1], [1, 1, 1], [0, 0, 0]], dtype=float)
    F = np.array(
        [[800.0, -800.0, 0.0], [-1e4, 1e4, 3.0], [1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]
    )
    loss, grad, hess = coupled_loss(F, Y, ranking_weight=1.0, return_grad=True)
    assert np.isfinite(loss) and np.all(np.isfinite(grad)) and np.all(np.isfinite(hess))
    # ranking term alone: adding a constant to a sample's scores changes nothing
    G = np.random.RandomState(0).normal(size=(4, 3))

    def rank_only(F, Y=Y):
        both = coupled_loss(F, Y, ranking_weight=1.0)
        return both - coupled_loss(F, Y, ranking_weight=0.0)

    assert rank_only(G) == pytest.approx(
        rank_only(G + np.array([[5.0], [-3.0], [1.0], [2.0]]))
    )
    assert rank_only(G) > 0
    # samples with all or no label present have no ranking term
    assert rank_only(G[2:], Y[2:]) == pytest.approx(0.0, abs=1e-12)
    # the gradient of one label depends on the other labels of the sample
    obj = CoupledObjective(Y[:2], 1.0)
    g1, _ = obj(G[:2], None)
    Y2 = Y[:2].copy()
    Y2[0, 2] = 1
    g2, _ = CoupledObjective(Y2, 1.0)(G[:2], None)
    assert g1[0, 0] != pytest.approx(g2[0, 0])


@pytest.mark.parametrize(
    "params, weighted",
    [
        ({}, False),
        ({}, True),
        ({"class_weight": "balanced"}, False),
        ({"class_weight": "balanced", "scale_pos_weight": [1.0, 2.0, 0.5, 4.0]},
         True),
    ],
)
def test_coupled_with_zero_weight_is_binary_relevance(data, params, weighted):
    # with sample and class weights too: each label starts from the log-odds
    # of its weighted share of positives, as LightGBM's binary objective does
    X, Y = data
    sw = np.random.RandomState(0).uniform(0.2, 3.0, len(X)) if weighted else None
    binary = _ours(**params).fit(X, Y, sample_weight=sw)
    coupled = _ours(objective="coupled", ranking_weight=0.0, **params).fit(
        X, Y, sample_weight=sw
    )
    np.testing.assert_allclose(
        coupled.predict_proba(X), binary.predict_proba(X), atol=1e-6
    )


def test_coupled_per_label_weights_are_read_by_label_index(data):
    # label 0 is constant in training: the per-label list and array still
    # hold one entry per label of y and weigh the label of that index
    X, Y = data
    Y = Y.copy()
    Y[:, 0] = 0
    spw = [1.0, 1.0, 1.0, 10.0]
    cw = [None, None, None, {1: 10.0}]
    plain = _ours(objective="coupled", ranking_weight=0.0).fit(X, Y)
    for params in ({"scale_pos_weight": spw}, {"class_weight": cw}):
        coupled = _ours(objective="coupled", ranking_weight=0.0, **params).fit(X, Y)
        binary = _ours(**params).fit(X, Y)
        P = coupled.predict_proba(X)
        np.testing.assert_allclose(P, binary.predict_proba(X), atol=1e-6)
        # only the last label is up-weighted
        np.testing.assert_allclose(P[:, :3], plain.predict_proba(X)[:, :3])
        assert P[:, 3].mean() > plain.predict_proba(X)[:, 3].mean() + 0.1
        # and with the ranking term
        _ours(objective="coupled", **params).fit(X, Y)
    # one entry short is an error, as for objective="binary"
    for objective in ("binary", "coupled"):
        with pytest.raises(ValueError, match=r"one value per label \(4\)"):
            _ours(objective=objective, scale_pos_weight=spw[1:]).fit(X, Y)
        with pytest.raises(ValueError, match="list of 3 entries but y has 4"):
            _ours(objective=objective, class_weight=cw[1:]).fit(X, Y)


def _small_data_cases():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(30, 3))
    Y = (rng.uniform(size=(30, 3)) < 0.5).astype(int)
    Y[:2] = [[1, 1, 0], [0, 0, 1]]  # no label constant
    return {
        # fewer than 2 * min_child_samples rows: no split is allowed
        "30 rows": (X, Y),
        # every feature constant
        "constant X": (np.ones((60, 3)), np.tile(Y, (2, 1))),
        # one label
        "one label": (X, Y[:, [0]]),
    }


@pytest.mark.parametrize("case", ["30 rows", "constant X", "one label"])
def test_coupled_without_a_splittable_feature_predicts_the_starting_scores(case):
    # LightGBM cannot run a custom objective without a feature to split on;
    # the binary objective fits a constant model there, and so does coupled
    X, Y = _small_data_cases()[case]
    sw = np.random.RandomState(1).uniform(0.5, 2.0, len(X))
    for fit_kw in ({}, {"sample_weight": sw}):
        clf = _ours(objective="coupled").fit(X, Y, **fit_kw)
        assert clf.booster_ is None
        np.testing.assert_array_equal(clf.best_iteration_, 0)
        np.testing.assert_array_equal(clf.feature_importances_, 0)
        P = clf.predict_proba(X)
        np.testing.assert_allclose(
            P, np.broadcast_to(1 / (1 + np.exp(-clf.init_scores_)), Y.shape)
        )
        np.testing.assert_allclose(
            clf.decision_function(X), np.broadcast_to(clf.init_scores_, Y.shape)
        )
        # the (weighted) prior, as objective="binary" and LGBMClassifier fit
        binary = _ours().fit(X, Y, **fit_kw)
        np.testing.assert_allclose(P, binary.predict_proba(X), atol=1e-12)
        again = pickle.loads(pickle.dumps(clf))
        np.testing.assert_array_equal(again.predict_proba(X), P)
    # with early stopping too
    clf = _ours(objective="coupled", early_stopping_rounds=2, validation_fraction=0.2)
    assert clf.fit(X, Y).booster_ is None


def test_coupled_cross_validates_on_small_data():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(55, 5))
    Y = (X[:, :3] + rng.normal(size=(55, 3)) > 0).astype(int)
    scores = cross_val_score(
        _ours(objective="coupled", n_estimators=5), X, Y, cv=3, error_score="raise"
    )
    assert np.all(np.isfinite(scores))


@parametrize_with_checks(
    [LGBMMultiLabelClassifier(
        objective="coupled", n_estimators=10, n_jobs=1, random_state=0
    )],
    expected_failed_checks=_expected_failed_checks,
)
def test_coupled_passes_sklearn_estimator_checks(estimator, check):
    # tests/test_common.py checks the default instance (objective="binary");
    # the checks' small data sets also exercise the coupled objective's
    # constant model (too few rows for min_child_samples=20)
    check(estimator)


def test_coupled_rejects_random_forests(data):
    X, Y = data
    with pytest.raises(ValueError, match='boosting_type="rf".*init_score.*custom'):
        _ours(
            objective="coupled", boosting_type="rf", subsample=0.7, subsample_freq=1
        ).fit(X, Y)


def test_coupled_ranking_term_improves_ranking(data):
    X, Y = data
    P0 = _ours(objective="coupled", ranking_weight=0.0).fit(X, Y).predict_proba(X)
    P2 = _ours(objective="coupled", ranking_weight=2.0).fit(X, Y).predict_proba(X)
    assert label_ranking_loss(Y, P2) < label_ranking_loss(Y, P0)


def test_coupled_single_label_weights_and_sparse(data):
    X, Y = data
    one = _ours(objective="coupled").fit(X, Y[:, 0])
    assert one.predict(X).shape == (X.shape[0],)
    # a 1-D target makes a binary classifier: P(absent), P(present)
    np.testing.assert_array_equal(one.classes_, [0, 1])
    np.testing.assert_allclose(
        one.predict_proba(X)[:, 1],
        _ours(objective="coupled").fit(X, Y[:, [0]]).predict_proba(X)[:, 0],
    )
    sw = np.random.RandomState(1).uniform(0.5, 2, X.shape[0])
    clf = _ours(objective="coupled", class_weight="balanced", scale_pos_weight=2.0)
    P = clf.fit(sp.csr_matrix(X), Y, sample_weight=sw).predict_proba(sp.csr_matrix(X))
    plain = _ours(objective="coupled").fit(X, Y).predict_proba(X)
    assert P.mean() > plain.mean()  # positives up-weighted


# ----------------------------------------------------------------------
# Issue item 3: the chain and the threshold meta-estimator take LightGBM


def test_classifier_chain_with_lightgbm(data):
    from skmultilabel import ClassifierChain

    X, Y = data
    for base in (
        LGBMClassifier(n_estimators=N_EST, n_jobs=1, verbose=-1, random_state=0),
        _ours(),
    ):
        chain = ClassifierChain(base, order=[0, 1, 2, 3]).fit(X, Y)
        P = chain.predict_proba(X)
        assert P.shape == Y.shape and np.all((P >= 0) & (P <= 1))
        assert (chain.predict(X) == Y).mean() > 0.85
        # the first link sees X only: it is the plain binary model of label 0
        first = LGBMClassifier(
            n_estimators=N_EST, n_jobs=1, verbose=-1, random_state=0
        ).fit(X, Y[:, 0])
        np.testing.assert_allclose(P[:, 0], first.predict_proba(X)[:, 1], atol=1e-12)


def test_tuned_thresholds_with_lightgbm(data):
    from skmultilabel import BinaryRelevance, TunedThresholdsClassifierCV

    X, Y = data
    for base in (_ours(), BinaryRelevance(LGBMClassifier(
            n_estimators=N_EST, n_jobs=1, verbose=-1, random_state=0))):
        tuned = TunedThresholdsClassifierCV(
            base, scoring="f1_macro", cv=3, random_state=0
        ).fit(X, Y)
        assert tuned.predict(X).shape == Y.shape
        thresholds = np.asarray(tuned.thresholds_)
        assert thresholds.shape == (Y.shape[1],)
        assert np.all((thresholds >= 0) & (thresholds <= 1))


def test_compact_target_validation():
    """The target the estimator asks for (dtype=None) equals the default one.

    A 0/1 integer target comes back as it is and a boolean one as a uint8
    view: no copy of y. Other encodings become int8.
    """
    from skmultilabel.utils import check_multilabel_target

    rng = np.random.RandomState(0)
    y01 = rng.randint(0, 2, (50, 7))
    ybool = rng.randint(0, 2, (50, 7)).astype(bool)
    for y, same_memory, dtype in (
        (y01, True, y01.dtype),
        (y01.astype(np.uint8)[:, ::2], True, np.uint8),  # a strided view
        (ybool, True, np.uint8),
        (rng.randint(1, 3, (50, 7)), False, np.int8),
        (np.where(rng.rand(50, 3) > 0.5, -1, 1), False, np.int8),
        (y01.astype(np.float64), False, np.int8),
    ):
        Y64, v64 = check_multilabel_target(y, return_values=True)
        Y, v = check_multilabel_target(y, return_values=True, dtype=None)
        assert Y64.dtype == np.int64 and Y.dtype == dtype
        assert np.shares_memory(Y, y) is same_memory
        np.testing.assert_array_equal(Y, Y64)
        np.testing.assert_array_equal(v, v64)
        Y8 = check_multilabel_target(y, dtype=np.int8)
        assert Y8.dtype == np.int8
        np.testing.assert_array_equal(Y8, Y64)
    with pytest.raises(ValueError, match="3 distinct values"):
        check_multilabel_target(rng.randint(0, 3, (50, 4)), dtype=None)
    with pytest.raises(ValueError, match="3 distinct values"):
        check_multilabel_target(rng.randint(0, 3, (50, 4)), dtype=np.int8)


def test_predictions_follow_the_fitted_objective_not_the_current_one(data):
    # predict read self.objective: set_params(objective="coupled") on a
    # binary model gave 0.5 for every label, the other way round a crash
    X, Y = data
    for fitted, other in (("binary", "coupled"), ("coupled", "binary")):
        model = _ours(objective=fitted).fit(X, Y)
        P, imp = model.predict_proba(X), model.feature_importances_
        model.set_params(objective=other)
        np.testing.assert_array_equal(model.predict_proba(X), P)
        np.testing.assert_array_equal(model.feature_importances_, imp)


def test_integer_X_is_read_as_float32_as_lightgbm_reads_it():
    # LightGBM bins a dense integer array as float32; ours used float64, so
    # integers above 2**24 (timestamps) gave other trees than the peers'
    rng = np.random.RandomState(0)
    stamps = 1_700_000_000 + rng.randint(0, 2000, 400)
    X = np.column_stack([stamps, rng.randint(0, 5, 400)])
    Y = np.column_stack([stamps % 7 < 3, stamps % 5 < 2]).astype(int)
    ours = _ours().fit(X, Y)
    np.testing.assert_array_equal(ours.predict_proba(X),
                                  _peer_proba(_peer().fit(X, Y), X))
    # a float64 array keeps the integers exact, as in LightGBM
    Xf = X.astype(np.float64)
    np.testing.assert_array_equal(_ours().fit(Xf, Y).predict_proba(Xf),
                                  _peer_proba(_peer().fit(Xf, Y), Xf))


def test_rf_needs_row_or_column_sampling(data):
    X, Y = data
    with pytest.raises(ValueError, match='"rf" needs row or column sampling'):
        _ours(boosting_type="rf").fit(X, Y)
    for sampling in ({"subsample": 0.7, "subsample_freq": 1},
                     {"colsample_bytree": 0.5}):
        params = dict(boosting_type="rf", **sampling)
        np.testing.assert_array_equal(
            _ours(**params).fit(X, Y).predict_proba(X),
            _peer_proba(_peer(**params).fit(X, Y), X),
        )


@pytest.mark.parametrize("class_weight", [{0: -1.0}, [None, {1: np.inf}, None, None]])
def test_negative_or_infinite_class_weights_are_refused(data, class_weight):
    X, Y = data
    with pytest.raises(ValueError, match="finite and non-negative"):
        _ours(class_weight=class_weight).fit(X, Y)


def test_one_dimensional_target_gives_one_dimensional_importances(data):
    X, Y = data
    model = _ours().fit(X, Y[:, 0])
    peer = LGBMClassifier(n_estimators=N_EST, n_jobs=1, random_state=0,
                          verbose=-1).fit(X, Y[:, 0])
    assert model.feature_importances_.shape == (X.shape[1],)
    np.testing.assert_array_equal(model.feature_importances_,
                                  peer.feature_importances_)
