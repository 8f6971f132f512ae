"""TunedThresholdsClassifierCV and FixedThresholdsClassifier."""

import pickle

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import config_context
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.datasets import make_multilabel_classification
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, make_scorer, roc_auc_score
from sklearn.model_selection import GridSearchCV, GroupKFold, KFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.multioutput import MultiOutputClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skmultilabel import (
    BinaryRelevance,
    CostObjective,
    FBetaObjective,
    FixedThresholdsClassifier,
    HammingObjective,
    JaccardObjective,
    RecallAtPrecisionObjective,
    TunedThresholdsClassifierCV,
)
from skmultilabel._threshold_search import (
    apply_thresholds,
    search_thresholds,
    search_thresholds_callable,
)


@pytest.fixture(scope="module")
def data():
    X, Y = make_multilabel_classification(
        n_samples=150, n_features=8, n_classes=4, n_labels=2, random_state=0
    )
    return StandardScaler().fit_transform(X), Y


def lr(**kw):
    # liblinear: a fraction of lbfgs's fixed cost on these small problems
    return LogisticRegression(solver="liblinear", **kw)


def br():
    return BinaryRelevance(lr())


# -- FixedThresholdsClassifier --------------------------------------------


@settings(deadline=None, max_examples=8)
@given(seed=st.integers(0, 10_000), n_labels=st.integers(1, 4))
def test_thresholds_of_one_half_reproduce_predict(seed, n_labels):
    X, Y = make_multilabel_classification(
        n_samples=60, n_features=5, n_classes=n_labels, random_state=seed
    )
    for base in (br(), OneVsRestClassifier(lr())):
        if Y.min(0).max() == 1 or Y.max(0).min() == 0:
            if isinstance(base, OneVsRestClassifier):
                continue  # scikit-learn warns on a constant label
        fixed = FixedThresholdsClassifier(base).fit(X, Y)
        expected = clone(base).fit(X, Y).predict(X)  # OvR: 1-D for one label
        np.testing.assert_array_equal(fixed.predict(X), expected.reshape(Y.shape))


def test_decision_ties_follow_logistic_regression():
    # a sample with a decision value of exactly 0 has p = 0.5: LR predicts 0
    X = np.array([[-1.0], [1.0], [0.0], [-2.0], [2.0]])
    Y = np.array([[0], [1], [0], [0], [1]])
    base = BinaryRelevance(LogisticRegression(fit_intercept=False))
    fixed = FixedThresholdsClassifier(base).fit(X, Y)
    assert fixed.predict_proba(X[2:3])[0, 0] == 0.5
    np.testing.assert_array_equal(fixed.predict(X), clone(base).fit(X, Y).predict(X))


def test_fixed_per_label_thresholds(data):
    X, Y = data
    t = np.array([0.1, 0.3, 0.6, 0.9])
    fixed = FixedThresholdsClassifier(br(), thresholds=t).fit(X, Y)
    P = fixed.predict_proba(X)
    np.testing.assert_array_equal(fixed.predict(X), (P > t).astype(int))
    np.testing.assert_allclose(P, clone(br()).fit(X, Y).predict_proba(X))
    with pytest.raises(ValueError, match=r"thresholds has shape \(3,\); give one"):
        FixedThresholdsClassifier(br(), thresholds=[0.1, 0.2, 0.3]).fit(X, Y)


def test_fixed_min_labels(data):
    X, Y = data
    fixed = FixedThresholdsClassifier(br(), thresholds=0.99, min_labels=2).fit(X, Y)
    Z = fixed.predict(X)
    assert np.all(Z.sum(1) >= 2)
    P = fixed.predict_proba(X)
    top2 = np.argsort(-P, axis=1, kind="stable")[:, :2]
    assert np.all(np.take_along_axis(Z, top2, axis=1) == 1)


# -- TunedThresholdsClassifierCV -------------------------------------------


def _manual_oof(X, Y, splitter):
    P = np.empty(Y.shape, dtype=float)
    for train, val in splitter.split(X, Y):
        P[val] = clone(br()).fit(X[train], Y[train]).predict_proba(X[val])
    return P


def test_thresholds_are_the_search_on_out_of_fold_probabilities(data):
    X, Y = data
    cv = KFold(4, shuffle=True, random_state=1)
    # the plain exact optimum (no rare-label rules: every label has plenty)
    clf = TunedThresholdsClassifierCV(
        br(), cv=cv, min_positives=0, shrinkage=0, store_cv_results=True
    ).fit(X, Y)
    P = _manual_oof(X, Y, cv)
    res = clf.cv_results_
    np.testing.assert_allclose(res["oof_proba"], P[res["oof_index"]])
    np.testing.assert_array_equal(res["oof_target"], Y[res["oof_index"]])
    expected = search_thresholds(FBetaObjective(), P, Y)
    np.testing.assert_allclose(clf.thresholds_, expected.thresholds)
    assert clf.best_score_ == pytest.approx(expected.score)
    assert clf.best_score_ == pytest.approx(
        f1_score(Y, (P > clf.thresholds_).astype(int), average="macro", zero_division=0)
    )
    # the exact optimum beats (or ties) the default threshold on the same data
    assert clf.best_score_ >= f1_score(
        Y, (P > 0.5).astype(int), average="macro", zero_division=0
    )
    # refitted on everything, predict thresholds predict_proba
    full = clone(br()).fit(X, Y)
    np.testing.assert_allclose(clf.predict_proba(X), full.predict_proba(X))
    np.testing.assert_array_equal(
        clf.predict(X), (full.predict_proba(X) > clf.thresholds_).astype(int)
    )
    # per-label curves: the chosen threshold is a maximum of each label's curve
    for j, (cand, scores) in enumerate(
        zip(res["thresholds"], res["scores"], strict=True)
    ):
        k = int(np.argmax(scores))
        assert cand[k] == clf.thresholds_[j]


def test_output_shapes_and_proba_passthrough(data):
    X, Y = data
    clf = TunedThresholdsClassifierCV(br(), cv=3, random_state=0).fit(X, Y)
    assert clf.thresholds_.shape == (4,)
    assert clf.predict(X).shape == Y.shape and clf.predict(X).dtype == Y.dtype
    P = clf.predict_proba(X)
    assert P.shape == Y.shape and P.dtype == np.float64
    np.testing.assert_allclose(P, clf.estimator_.predict_proba(X))
    # one label, 1-D target: a binary classifier, as scikit-learn's tuner
    clf1 = TunedThresholdsClassifierCV(lr(), cv=3).fit(X, Y[:, 0])
    assert clf1.predict(X).shape == (X.shape[0],)
    np.testing.assert_array_equal(clf1.classes_, [0, 1])
    np.testing.assert_allclose(
        clf1.predict_proba(X), lr().fit(X, Y[:, 0]).predict_proba(X)
    )
    fixed1 = FixedThresholdsClassifier(lr()).fit(X, Y[:, 0])
    np.testing.assert_array_equal(
        fixed1.predict(X), lr().fit(X, Y[:, 0]).predict(X)
    )


@pytest.mark.parametrize(
    "scoring", ["f1_micro", "f1_samples", "jaccard_samples", "neg_hamming_loss",
                CostObjective(fp_cost=1.0, fn_cost=[1.0, 5.0, 5.0, 1.0]),
                RecallAtPrecisionObjective(0.7, average="micro")]
)
@pytest.mark.parametrize("strategy", ["per_label", "global"])
def test_objectives_and_strategies(data, scoring, strategy):
    X, Y = data
    clf = TunedThresholdsClassifierCV(
        br(), scoring=scoring, strategy=strategy, cv=3, random_state=0,
        store_cv_results=True,
    ).fit(X, Y)
    res = clf.cv_results_
    Z = apply_thresholds(res["oof_proba"], clf.thresholds_)
    assert clf.objective_.score(res["oof_target"], Z) == pytest.approx(clf.best_score_)
    if strategy == "global":
        assert np.all(clf.thresholds_ == clf.thresholds_[0])
        assert clf.best_score_ == pytest.approx(np.max(res["scores"]))
    else:
        assert np.all(np.diff(res["history"]) >= -1e-12)


def test_per_label_beats_global_on_coupled_metrics(data):
    X, Y = data
    kw = dict(cv=3, random_state=0)
    per_label = TunedThresholdsClassifierCV(br(), scoring="f1_micro", **kw).fit(X, Y)
    glob = TunedThresholdsClassifierCV(br(), scoring="f1_micro", strategy="global",
                                       **kw).fit(X, Y)
    assert per_label.best_score_ >= glob.best_score_


def test_min_labels_every_row_gets_labels(data):
    X, Y = data
    clf = TunedThresholdsClassifierCV(
        br(), scoring="f1_samples", min_labels=2, cv=3, random_state=0
    ).fit(X, Y)
    X_new = np.random.default_rng(0).normal(size=(30, X.shape[1])) * 5
    assert np.all(clf.predict(X_new).sum(1) >= 2)


def test_scorer_and_callable_fallback(data):
    X, Y = data[0][:60], data[1][:60]
    kw = dict(cv=3, random_state=0, store_cv_results=True)
    clf = TunedThresholdsClassifierCV(
        br(), scoring="accuracy", n_candidates=10, **kw
    ).fit(X, Y)
    res = clf.cv_results_
    Z = apply_thresholds(res["oof_proba"], clf.thresholds_)
    assert clf.objective_ is None
    assert clf.best_score_ == pytest.approx(accuracy_score(res["oof_target"], Z))
    assert res["history"][-1] >= res["history"][0]

    scorer = make_scorer(f1_score, average="macro", zero_division=0)
    fallback = TunedThresholdsClassifierCV(
        br(), scoring=scorer, n_candidates=1000, **kw
    ).fit(X, Y)
    exact = TunedThresholdsClassifierCV(
        br(), min_positives=0, shrinkage=0, **kw
    ).fit(X, Y)
    # with every cut offered, the fallback's coordinate ascent reaches the
    # exact per-label optimum of a separable objective
    assert fallback.best_score_ == pytest.approx(exact.best_score_)


def test_sample_weight_weights_the_objective_and_reaches_the_estimator(data):
    X, Y = data
    w = np.random.default_rng(0).integers(1, 4, X.shape[0]).astype(float)
    kw = dict(cv=KFold(3, shuffle=True, random_state=0), store_cv_results=True)
    clf = TunedThresholdsClassifierCV(br(), **kw).fit(X, Y, sample_weight=w)
    res = clf.cv_results_
    expected = search_thresholds(
        FBetaObjective(), res["oof_proba"], res["oof_target"],
        sample_weight=w[res["oof_index"]], min_positives=3, shrinkage=10,
    )
    np.testing.assert_allclose(clf.thresholds_, expected.thresholds)
    weighted = clone(br()).fit(X, Y, sample_weight=w)
    np.testing.assert_allclose(clf.predict_proba(X), weighted.predict_proba(X))
    with pytest.raises(ValueError, match=r"sample_weight has shape \(3,\)"):
        TunedThresholdsClassifierCV(br(), cv=3).fit(X, Y, sample_weight=[1, 2, 3])


_FIT_LOG = []


class _Recorder(ClassifierMixin, BaseEstimator):
    """BinaryRelevance that records the sample_weight of each fit."""

    def __init__(self, C=1.0):
        self.C = C

    def fit(self, X, y, sample_weight=None):
        _FIT_LOG.append(None if sample_weight is None else len(sample_weight))
        self.model_ = BinaryRelevance(lr(C=self.C)).fit(
            X, y, sample_weight=sample_weight
        )
        return self

    def predict_proba(self, X):
        return self.model_.predict_proba(X)

    def predict(self, X):
        return self.model_.predict(X)


def test_pipeline_and_grid_search_with_sample_weight(data):
    X, Y = data
    _FIT_LOG.clear()
    log = _FIT_LOG
    model = TunedThresholdsClassifierCV(_Recorder(), cv=3, random_state=0)
    search = GridSearchCV(
        model, {"estimator__C": [0.1, 10.0]}, cv=2, scoring="f1_macro"
    )
    w = np.ones(X.shape[0])
    search.fit(X, Y, sample_weight=w)
    # 2 outer folds x 2 values x (3 inner folds + refit) + final (3 + 1)
    assert len(log) == 2 * 2 * 4 + 4
    assert all(n is not None for n in log)
    assert search.best_estimator_.thresholds_.shape == (4,)

    pipe = make_pipeline(StandardScaler(), TunedThresholdsClassifierCV(br(), cv=3))
    grid = GridSearchCV(
        pipe, {"tunedthresholdsclassifiercv__estimator__estimator__C": [0.1, 1.0]},
        cv=2, scoring="f1_macro",
    ).fit(X, Y)
    assert grid.predict(X).shape == Y.shape


def test_sample_weight_with_metadata_routing(data):
    X, Y = data
    with config_context(enable_metadata_routing=True):
        base = BinaryRelevance(lr().set_fit_request(sample_weight=True))
        clf = TunedThresholdsClassifierCV(base, cv=3, random_state=0)
        w = np.linspace(0.5, 2, X.shape[0])
        clf.fit(X, Y, sample_weight=w)
    ref = BinaryRelevance(lr()).fit(X, Y, sample_weight=w)
    np.testing.assert_allclose(clf.predict_proba(X), ref.predict_proba(X))


def test_prefit_and_single_split(data):
    X, Y = data
    fitted = br().fit(X[:100], Y[:100])
    clf = TunedThresholdsClassifierCV(fitted, cv="prefit", refit=False)
    clf.fit(X[100:], Y[100:])
    assert clf.estimator_ is fitted
    expected = search_thresholds(
        FBetaObjective(), fitted.predict_proba(X[100:]), Y[100:], min_positives=3,
        shrinkage=10,
    )
    np.testing.assert_allclose(clf.thresholds_, expected.thresholds)

    with pytest.raises(ValueError, match="set refit=False"):
        TunedThresholdsClassifierCV(fitted, cv="prefit").fit(X, Y)
    with pytest.raises(NotFittedError, match="requires a fitted estimator"):
        TunedThresholdsClassifierCV(br(), cv="prefit", refit=False).fit(X, Y)
    with pytest.raises(ValueError, match="cv makes 3 splits"):
        TunedThresholdsClassifierCV(br(), cv=3, refit=False).fit(X, Y)

    # a float cv: one validation split; refit=False keeps its model
    one = TunedThresholdsClassifierCV(
        br(), cv=0.3, refit=False, random_state=0, store_cv_results=True
    ).fit(X, Y)
    val = one.cv_results_["oof_index"]
    assert val.shape == (45,)
    train = np.setdiff1d(np.arange(X.shape[0]), val)
    np.testing.assert_allclose(
        one.predict_proba(X), clone(br()).fit(X[train], Y[train]).predict_proba(X)
    )


def test_rare_label_folds_are_left_out_of_the_search(data):
    X, Y = data
    Y = Y.copy()
    Y[:, 3] = 0
    Y[[5, 90], 3] = 1  # two positives: a fold may hold both, or one each
    cv = KFold(3, shuffle=True, random_state=0)
    clf = TunedThresholdsClassifierCV(
        br(), cv=cv, min_positives=0, shrinkage=0, store_cv_results=True
    ).fit(X, Y)
    res = clf.cv_results_
    starts = np.cumsum([0, 50, 50])
    for (train, val), start in zip(cv.split(X, Y), starts, strict=True):
        rows = np.arange(start, start + len(val))
        np.testing.assert_array_equal(res["oof_index"][rows], val)
        seen = Y[train, 3].max() == 1
        assert np.all(res["oof_mask"][rows, 3] == seen)
        assert np.all(res["oof_mask"][rows, :3])
    expected = search_thresholds(
        FBetaObjective(), res["oof_proba"], res["oof_target"], mask=res["oof_mask"]
    )
    np.testing.assert_allclose(clf.thresholds_, expected.thresholds)


def test_min_label_score_falls_back_to_the_top_score():
    P = np.array([[0.9, 0.2], [0.8, 0.1], [0.1, 0.3], [0.2, 0.05], [0.3, 0.04]])
    Y = np.array([[1, 0], [1, 0], [0, 0], [0, 0], [0, 1]])
    plain = search_thresholds(FBetaObjective(), P, Y)
    # label 1: its only positive scores near the bottom: F1 = 2/5 predicting
    # four samples is the optimum
    assert plain.thresholds[1] < 0.04
    guarded = search_thresholds(FBetaObjective(), P, Y, min_label_score=0.5)
    assert guarded.thresholds[0] == plain.thresholds[0]
    assert guarded.thresholds[1] == 0.3  # only above the highest score seen
    assert guarded.score == pytest.approx(FBetaObjective().score(
        Y, apply_thresholds(P, guarded.thresholds)))
    # coupled objectives are not affected
    micro = FBetaObjective(average="micro")
    np.testing.assert_array_equal(
        search_thresholds(micro, P, Y, min_label_score=0.5).thresholds,
        search_thresholds(micro, P, Y).thresholds,
    )


def test_min_positives_leaves_too_rare_labels_untuned():
    rng = np.random.default_rng(0)
    P = rng.random((40, 3))
    Y = (P + rng.normal(0, 0.2, P.shape) > 0.6).astype(int)
    Y[:, 2] = 0
    Y[[3, 17], 2] = 1  # two positives
    plain = search_thresholds(FBetaObjective(), P, Y)
    rare = search_thresholds(FBetaObjective(), P, Y, min_positives=3)
    np.testing.assert_array_equal(rare.thresholds[:2], plain.thresholds[:2])
    assert rare.thresholds[2] == P[:, 2].max()  # nothing searched is above
    assert apply_thresholds(P, rare.thresholds)[:, 2].sum() == 0
    assert rare.score == pytest.approx(
        FBetaObjective().score(Y, apply_thresholds(P, rare.thresholds)))
    # positives are counted among the usable entries only
    mask = np.ones_like(Y, dtype=bool)
    mask[:20, 0] = False
    n0 = Y[20:, 0].sum()
    masked = search_thresholds(FBetaObjective(), P, Y, mask=mask, min_positives=n0 + 1)
    assert masked.thresholds[0] == P[20:, 0].max()


@pytest.mark.parametrize("objective", [FBetaObjective(), FBetaObjective(beta=2),
                                       JaccardObjective("macro")])
def test_shrinkage_pulls_thresholds_toward_the_global_optimum(objective):
    rng = np.random.default_rng(1)
    P = rng.random((200, 5))
    noisy = P + rng.normal(0, 0.3, P.shape)
    Y = (noisy > np.array([0.5, 0.7, 0.9, 1.0, 1.1])).astype(int)
    plain = search_thresholds(objective, P, Y)
    t_g = search_thresholds(objective, P, Y, strategy="global").thresholds[0]
    n = Y.sum(0)
    assert n.min() > 0
    for k in (1.0, 10.0):
        shrunk = search_thresholds(objective, P, Y, shrinkage=k)
        np.testing.assert_allclose(
            shrunk.thresholds, (n * plain.thresholds + k * t_g) / (n + k))
        assert shrunk.score == pytest.approx(
            objective.score(Y, apply_thresholds(P, shrunk.thresholds)))
        assert shrunk.score <= plain.score + 1e-12  # the optimum is per label
    huge = search_thresholds(objective, P, Y, shrinkage=1e9)
    np.testing.assert_allclose(huge.thresholds, t_g, atol=1e-6)
    np.testing.assert_array_equal(
        search_thresholds(objective, P, Y, shrinkage=0).thresholds, plain.thresholds)


def test_rare_label_rules_leave_other_objectives_alone():
    rng = np.random.default_rng(2)
    P = rng.random((60, 3))
    Y = (P > 0.5).astype(int)
    Y[:, 2] = 0
    Y[5, 2] = 1
    for objective in (
        FBetaObjective(average="micro"),
        FBetaObjective(average="samples"),
        HammingObjective(),
        CostObjective(fp_cost=1, fn_cost=3),
    ):
        np.testing.assert_array_equal(
            search_thresholds(objective, P, Y, min_positives=3, shrinkage=10,
                              min_label_score=0.5).thresholds,
            search_thresholds(objective, P, Y).thresholds,
        )


def test_defaults_tune_rare_labels_with_the_shrinkage_rule(data):
    X, Y = data
    clf = TunedThresholdsClassifierCV(br(), cv=3, random_state=0,
                                      store_cv_results=True).fit(X, Y)
    res = clf.cv_results_
    expected = search_thresholds(
        FBetaObjective(), res["oof_proba"], res["oof_target"],
        mask=res["oof_mask"], min_positives=3, shrinkage=10.0,
    )
    np.testing.assert_allclose(clf.thresholds_, expected.thresholds)
    raw = TunedThresholdsClassifierCV(br(), cv=3, random_state=0, min_positives=0,
                                      shrinkage=0).fit(X, Y)
    assert raw.best_score_ >= clf.best_score_


def test_groups_reach_a_group_splitter(data):
    X, Y = data
    groups = np.repeat(np.arange(30), 5)

    class Recording(GroupKFold):
        def split(self, X, y=None, groups=None):
            self.seen_ = groups
            for train, val in super().split(X, y, groups):
                assert not set(groups[train]) & set(groups[val])
                yield train, val

    cv = Recording(3)
    clf = TunedThresholdsClassifierCV(br(), cv=cv).fit(X, Y, groups=groups)
    np.testing.assert_array_equal(cv.seen_, groups)
    assert clf.thresholds_.shape == (4,)
    with pytest.raises(
        ValueError, match="ignore them; pass a splitter that uses groups"
    ):
        TunedThresholdsClassifierCV(br(), cv=3).fit(X, Y, groups=groups)
    with pytest.raises(ValueError, match="groups has 10 entries but X has 150"):
        TunedThresholdsClassifierCV(br(), cv=GroupKFold(3)).fit(
            X, Y, groups=groups[:10]
        )
    with pytest.raises(ValueError, match="groups"):  # GroupKFold needs them
        TunedThresholdsClassifierCV(br(), cv=GroupKFold(3)).fit(X, Y)


def test_fallback_search_ignores_entries_of_folds_that_lacked_the_label(data):
    X, Y = data
    Y = Y.copy()
    cv = KFold(3, shuffle=True, random_state=0)
    Y[:, 3] = 0
    Y[next(cv.split(X))[1][:3], 3] = 1  # in one validation part only
    scorer = make_scorer(f1_score, average="macro", zero_division=0)
    clf = TunedThresholdsClassifierCV(
        br(), cv=cv, scoring=scorer, n_candidates=1000, store_cv_results=True
    ).fit(X, Y)
    res = clf.cv_results_
    mask = res["oof_mask"]
    assert not mask[:, 3].all() and mask[:, 3].any()
    # the same search on probabilities that differ only where masked
    P = res["oof_proba"].copy()
    P[~mask] = 1.0 - P[~mask]
    Yv = res["oof_target"]

    def score(Z):
        return f1_score(np.where(mask, Yv, 0), Z, average="macro", zero_division=0)

    moved = search_thresholds_callable(score, P, n_candidates=1000, mask=mask)
    np.testing.assert_allclose(moved.thresholds, clf.thresholds_)
    assert moved.score == pytest.approx(clf.best_score_)
    # and it is the exact search of the same objective with the same mask
    exact = search_thresholds(FBetaObjective(), res["oof_proba"], Yv, mask=mask)
    assert clf.best_score_ == pytest.approx(exact.score)


def test_label_absent_from_training_data():
    X, Y = make_multilabel_classification(n_samples=80, n_classes=3, random_state=2)
    Y[:, 1] = 0
    Y[:, 2] = 1
    clf = TunedThresholdsClassifierCV(
        br(), cv=3, random_state=0, store_cv_results=True
    ).fit(X, Y)
    # constant in every training fold: no usable out-of-fold entry, so the
    # refitted (constant) model decides at 0.5
    assert not clf.cv_results_["oof_mask"][:, 1:].any()
    np.testing.assert_array_equal(clf.thresholds_[1:], 0.5)
    Z = clf.predict(X)
    assert np.all(Z[:, 1] == 0) and np.all(Z[:, 2] == 1)
    # strategy="global" gives them the shared threshold too
    shared = TunedThresholdsClassifierCV(
        br(), cv=3, random_state=0, strategy="global"
    ).fit(X, Y)
    assert np.unique(shared.thresholds_).shape == (1,)
    np.testing.assert_array_equal(shared.predict(X)[:, 1:], Z[:, 1:])


def test_per_label_costs_of_the_wrong_length_fail_before_fitting(data):
    X, Y = data

    class Unfittable(BaseEstimator):
        def fit(self, X, y):
            raise AssertionError("fitted before the costs were checked")

        def predict_proba(self, X):  # pragma: no cover - never fitted
            raise AssertionError

    with pytest.raises(ValueError, match="fn_cost has 2 values but y has 4"):
        TunedThresholdsClassifierCV(
            Unfittable(), scoring=CostObjective(fn_cost=[1, 2]), cv=3
        ).fit(X, Y)


@pytest.mark.parametrize(
    "scoring",
    ["roc_auc", "average_precision", "neg_log_loss",
     make_scorer(roc_auc_score, response_method="predict_proba")],
)
def test_scorers_that_thresholds_do_not_change_are_refused(data, scoring):
    X, Y = data
    with pytest.raises(ValueError, match="nothing to tune"):
        TunedThresholdsClassifierCV(br(), scoring=scoring, cv=3).fit(X, Y)


def test_foreign_estimators(data):
    X, Y = data
    for base in (MultiOutputClassifier(lr()),
                 OneVsRestClassifier(lr())):
        clf = TunedThresholdsClassifierCV(base, cv=3, random_state=0).fit(X, Y)
        ref = clone(br()).fit(X, Y)
        np.testing.assert_allclose(clf.predict_proba(X), ref.predict_proba(X),
                                   rtol=1e-4, atol=1e-6)
    # a label seen in one sample only: some training fold lacks it
    Y_rare = Y.copy()
    Y_rare[:, 2] = 0
    Y_rare[7, 2] = 1
    base = MultiOutputClassifier(lr())
    with pytest.raises(ValueError, match=r"label\(s\) 2 hold a single value"):
        TunedThresholdsClassifierCV(base, cv=3, random_state=0).fit(X, Y_rare)
    # ours copes
    TunedThresholdsClassifierCV(br(), cv=3, random_state=0).fit(X, Y_rare)


def test_wrong_predict_proba_shape_is_reported(data):
    X, Y = data

    class TwoColumns(ClassifierMixin, BaseEstimator):
        def fit(self, X, y):
            self.classes_ = np.array([0, 1])
            return self

        def predict_proba(self, X):
            return np.full((len(X), 2), 0.5)

    with pytest.raises(ValueError, match=r"returned shape \(50, 2\); a multi-label"):
        TunedThresholdsClassifierCV(TwoColumns(), cv=3).fit(X, Y)


def test_target_formats(data):
    X, Y = data
    names = ["beach", "sunset", "urban", "forest"]
    frame = pd.DataFrame(Y, columns=names)
    clf = TunedThresholdsClassifierCV(br(), cv=3, random_state=0).fit(X, frame)
    assert list(clf.classes_) == names
    sparse = TunedThresholdsClassifierCV(br(), cv=3, random_state=0).fit(
        X, sp.csr_matrix(Y)
    )
    assert sp.issparse(sparse.predict(X))
    np.testing.assert_array_equal(sparse.predict(X).toarray(), clf.predict(X))
    signed = TunedThresholdsClassifierCV(br(), cv=3, random_state=0).fit(X, 2 * Y - 1)
    np.testing.assert_array_equal(signed.predict(X), 2 * clf.predict(X) - 1)


def test_bad_input(data):
    X, Y = data
    clf = TunedThresholdsClassifierCV(br(), cv=3)
    with pytest.raises(ValueError, match="X has 150 rows but y has 149"):
        clf.fit(X, Y[:-1])
    with pytest.raises(ValueError, match="binary indicator matrix"):
        clf.fit(X, Y * 2 + (Y[:, :1] == 0))
    with pytest.raises(ValueError, match="'scoring' parameter"):
        TunedThresholdsClassifierCV(br(), scoring="f1_typo").fit(X, Y)
    with pytest.raises(ValueError, match="'estimator' parameter"):
        TunedThresholdsClassifierCV(KFold()).fit(X, Y)
    with pytest.raises(ValueError, match="'min_labels' parameter"):
        TunedThresholdsClassifierCV(br(), min_labels=-1).fit(X, Y)
    fitted = clf.fit(X, Y)
    with pytest.raises(ValueError, match="features"):
        fitted.predict(X[:, :3])
    with pytest.raises(NotFittedError):
        TunedThresholdsClassifierCV(br()).predict(X)


def test_parallel_folds_and_pickle(data):
    X, Y = data
    kw = dict(cv=3, random_state=0, scoring="f1_micro")
    one = TunedThresholdsClassifierCV(br(), n_jobs=1, **kw).fit(X, Y)
    two = TunedThresholdsClassifierCV(br(), n_jobs=2, **kw).fit(X, Y)
    np.testing.assert_allclose(one.thresholds_, two.thresholds_)
    again = pickle.loads(pickle.dumps(one))
    np.testing.assert_array_equal(again.predict(X), one.predict(X))


def test_tuning_raises_macro_f1_on_a_real_data_set():
    datasets = pytest.importorskip("skmultilabel.datasets")
    try:
        train = datasets.load_benchmark("emotions", subset="train")
        test = datasets.load_benchmark("emotions", subset="test")
    except (FileNotFoundError, OSError) as exc:
        pytest.skip(f"the emotions data set is not available: {exc}")
    base = make_pipeline(StandardScaler(), BinaryRelevance(lr()))
    default = clone(base).fit(train.data, train.target)
    tuned = TunedThresholdsClassifierCV(base, cv=5, random_state=0).fit(
        train.data, train.target
    )
    f_default = f1_score(test.target, default.predict(test.data), average="macro")
    f_tuned = f1_score(test.target, tuned.predict(test.data), average="macro")
    assert f_tuned > f_default


def test_fixed_thresholds_on_a_frozen_fitted_model(data):
    from sklearn.frozen import FrozenEstimator

    X, Y = data
    fitted = br().fit(X[:100], Y[:100])
    fixed = FixedThresholdsClassifier(FrozenEstimator(fitted), thresholds=0.3)
    fixed.fit(X[100:], Y[100:])
    P = fitted.predict_proba(X)
    np.testing.assert_allclose(fixed.predict_proba(X), P)
    np.testing.assert_array_equal(fixed.predict(X), (P > 0.3).astype(int))


@pytest.mark.parametrize("kind", ["BinaryRelevance", "MultiOutputClassifier", "1-D"])
def test_prefit_model_of_another_encoding_keeps_its_present_class(data, kind):
    # fitted on {1, 2} (2 = present), a prefit model's probabilities of
    # class 1 were read as P(present): every prediction was inverted
    from sklearn.frozen import FrozenEstimator

    X, Y = data
    target = Y + 1 if kind != "1-D" else Y[:, 0] + 1
    model = {"BinaryRelevance": br(), "MultiOutputClassifier":
             MultiOutputClassifier(lr()), "1-D": lr()}[kind].fit(X, target)
    fixed = FixedThresholdsClassifier(FrozenEstimator(model)).fit(X, target)
    np.testing.assert_array_equal(fixed.predict(X), model.predict(X))
    tuned = TunedThresholdsClassifierCV(model, cv="prefit", refit=False).fit(X, target)
    # per-label accuracy: about 0.2 when inverted
    assert (tuned.predict(X) == target).mean() > 0.75


def test_fixed_thresholds_set_after_fit_take_effect(data):
    # as scikit-learn's FixedThresholdClassifier reads its threshold at
    # predict time; ours kept the thresholds of fit (min_labels was read)
    X, Y = data
    clf = FixedThresholdsClassifier(br(), thresholds=0.5).fit(X, Y)
    P = clf.predict_proba(X)
    clf.set_params(thresholds=0.1)
    np.testing.assert_array_equal(clf.thresholds_, np.full(Y.shape[1], 0.1))
    np.testing.assert_array_equal(clf.predict(X), (P > 0.1).astype(int))
    clf.set_params(thresholds=[0.1, 0.2])
    with pytest.raises(ValueError, match=r"thresholds has shape \(2,\)"):
        clf.predict(X)
    with pytest.raises(NotFittedError):
        _ = FixedThresholdsClassifier(br()).thresholds_


@pytest.mark.parametrize("meta", ["fixed", "tuned"])
def test_sparse_target_reaches_sklearn_multilabel_classifiers_dense(data, meta):
    # the target was handed on sparse, which MultiOutputClassifier and
    # scikit-learn's ClassifierChain refuse
    from sklearn.multioutput import ClassifierChain as SkChain

    X, Y = data
    for base in (MultiOutputClassifier(lr()), SkChain(lr())):
        make = (lambda b: FixedThresholdsClassifier(b, thresholds=0.4)) if (
            meta == "fixed"
        ) else (lambda b: TunedThresholdsClassifierCV(b, cv=3, random_state=0))
        dense = make(base).fit(X, Y).predict(X)
        sparse = make(base).fit(X, sp.csr_matrix(Y)).predict(X)
        assert sp.issparse(sparse)
        np.testing.assert_array_equal(sparse.toarray(), dense)


def test_metadata_routing_of_groups_and_the_objectives_weights(data):
    # the router held only the wrapped estimator's requests: groups could
    # not reach the splitter from cross_validate, and weights that only the
    # objective uses were refused
    from sklearn.model_selection import cross_validate

    X, Y = data
    groups = np.repeat(np.arange(30), 5)

    class Recording(GroupKFold):
        def split(self, X, y=None, groups=None):
            assert groups is not None
            self.calls_ = getattr(self, "calls_", 0) + 1
            return super().split(X, y, groups)

    w = np.where(np.arange(X.shape[0]) % 2 == 0, 0.0, 2.0)
    with config_context(enable_metadata_routing=True):
        cv = Recording(3)
        clf = TunedThresholdsClassifierCV(br(), cv=cv).set_fit_request(groups=True)
        scores = cross_validate(clf, X, Y, cv=KFold(2), params={"groups": groups},
                                scoring="f1_macro")
        assert scores["test_score"].shape == (2,)
        # weights for the objective only: the estimator declines them
        declined = BinaryRelevance(lr().set_fit_request(sample_weight=False))
        only_objective = TunedThresholdsClassifierCV(declined, cv=3, random_state=0)
        only_objective.fit(X, Y, sample_weight=w)
        # weights for the estimator only: the objective declines them
        wanted = BinaryRelevance(lr().set_fit_request(sample_weight=True))
        only_estimator = TunedThresholdsClassifierCV(
            wanted, cv=3, random_state=0
        ).set_fit_request(sample_weight=False).fit(X, Y, sample_weight=w)
        both = TunedThresholdsClassifierCV(wanted, cv=3, random_state=0).fit(
            X, Y, sample_weight=w
        )
    unweighted = TunedThresholdsClassifierCV(br(), cv=3, random_state=0).fit(X, Y)
    weighted = TunedThresholdsClassifierCV(br(), cv=3, random_state=0).fit(
        X, Y, sample_weight=w
    )
    np.testing.assert_allclose(
        only_objective.predict_proba(X), unweighted.predict_proba(X)
    )
    np.testing.assert_allclose(both.thresholds_, weighted.thresholds_)
    np.testing.assert_allclose(only_estimator.predict_proba(X), both.predict_proba(X))
    assert only_estimator.best_score_ != both.best_score_
