"""The exact threshold search against brute force, for every objective."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import f1_score, fbeta_score, hamming_loss, jaccard_score

from skmultilabel import (
    CostObjective,
    FBetaObjective,
    HammingObjective,
    JaccardObjective,
    PrecisionAtRecallObjective,
    RecallAtPrecisionObjective,
)
from skmultilabel._threshold_search import (
    _cut_thresholds,
    apply_thresholds,
    search_thresholds,
    search_thresholds_callable,
)

N_LABELS = 3

OBJECTIVES = [
    FBetaObjective(1.0, "macro"),
    FBetaObjective(2.0, "micro"),
    FBetaObjective(0.5, "samples"),
    FBetaObjective(1.0, "samples", zero_division=1.0),
    JaccardObjective("macro"),
    JaccardObjective("micro"),
    JaccardObjective("samples"),
    HammingObjective(),
    CostObjective(fp_cost=[1.0, 2.0, 0.5], fn_cost=[4.0, 1.0, 3.0]),
    PrecisionAtRecallObjective(0.6),
    PrecisionAtRecallObjective(0.7, average="micro"),
    RecallAtPrecisionObjective(0.6),
    RecallAtPrecisionObjective(0.5, average="micro"),
]
IDS = [repr(o) for o in OBJECTIVES]


@st.composite
def problems(draw, max_samples=7):
    """Small problems with many ties (scores on a grid of quarters)."""
    n = draw(st.integers(1, max_samples))
    P = np.array(
        draw(st.lists(st.integers(0, 4), min_size=n * N_LABELS,
                      max_size=n * N_LABELS))
    ).reshape(n, N_LABELS) / 4.0
    Y = np.array(
        draw(st.lists(st.integers(0, 1), min_size=n * N_LABELS,
                      max_size=n * N_LABELS))
    ).reshape(n, N_LABELS)
    w = np.array(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)), float)
    min_labels = draw(st.integers(0, 2))
    return P, Y, w, min_labels


def _all_cuts(scores):
    """Every distinct decision on ``scores``: one threshold per cut."""
    return _cut_thresholds(np.unique(scores)[::-1])


def _close(a, b):
    return a == b or np.isclose(a, b)


@pytest.mark.parametrize("objective", OBJECTIVES, ids=IDS)
@settings(deadline=None, max_examples=25)
@given(problem=problems())
def test_global_search_matches_brute_force(objective, problem):
    P, Y, w, min_labels = problem
    result = search_thresholds(objective, P, Y, sample_weight=w, strategy="global",
                               min_labels=min_labels)
    brute = max(
        objective.score(Y, apply_thresholds(P, t, min_labels), w)
        for t in _all_cuts(P)
    )
    assert _close(result.score, brute)
    assert np.all(result.thresholds == result.thresholds[0])
    found = objective.score(Y, apply_thresholds(P, result.thresholds, min_labels), w)
    assert _close(found, result.score)


SEPARABLE = [o for o in OBJECTIVES if o._kind == "label"]
COUPLED = [o for o in OBJECTIVES if o._kind != "label"]


@pytest.mark.parametrize("objective", SEPARABLE, ids=[repr(o) for o in SEPARABLE])
@settings(deadline=None, max_examples=20)
@given(problem=problems(max_samples=5))
def test_per_label_search_matches_brute_force(objective, problem):
    # objectives that sum over labels: the per-label optimum is the joint one
    P, Y, w, min_labels = problem
    result = search_thresholds(objective, P, Y, sample_weight=w,
                               min_labels=min_labels)
    cuts = [_all_cuts(P[:, j]) for j in range(N_LABELS)]
    brute = max(
        objective.score(Y, apply_thresholds(P, np.array(t), min_labels), w)
        for t in itertools.product(*cuts)
    )
    assert _close(result.score, brute)
    found = objective.score(Y, apply_thresholds(P, result.thresholds, min_labels), w)
    assert _close(found, result.score)


@pytest.mark.parametrize("objective", COUPLED, ids=[repr(o) for o in COUPLED])
@settings(deadline=None, max_examples=20)
@given(problem=problems())
def test_coordinate_ascent_is_monotone_and_coordinatewise_optimal(objective, problem):
    P, Y, w, min_labels = problem
    result = search_thresholds(objective, P, Y, sample_weight=w,
                               min_labels=min_labels, return_curves=True)
    history = np.array(result.history)
    # never decreases (equal -inf values are allowed: nothing is feasible)
    assert np.all((history[1:] >= history[:-1] - 1e-12) | (history[1:] == history[:-1]))
    # it starts from the best global threshold, so it is at least as good
    glob = search_thresholds(objective, P, Y, sample_weight=w, strategy="global",
                             min_labels=min_labels)
    assert result.score >= glob.score - 1e-12 or result.score == glob.score
    found = objective.score(Y, apply_thresholds(P, result.thresholds, min_labels), w)
    assert _close(found, result.score)
    # no change of a single label's threshold improves it (brute force), and
    # the stored curve of each label is that brute force
    for j in range(N_LABELS):
        cand, curve = result.curves[j]
        brute = []
        for t in cand:
            thresholds = result.thresholds.copy()
            thresholds[j] = t
            brute.append(
                objective.score(Y, apply_thresholds(P, thresholds, min_labels), w)
            )
        brute = np.array(brute)
        assert np.all((brute <= result.score + 1e-9) | (brute == result.score))
        np.testing.assert_allclose(curve, brute)
        if not min_labels:  # every cut of the label's scores is a candidate
            assert cand.shape == _all_cuts(P[:, j]).shape


@settings(deadline=None, max_examples=30)
@given(problem=problems())
def test_min_labels_holds_for_every_row(problem):
    P, Y, w, min_labels = problem
    for objective in (FBetaObjective(), JaccardObjective(), HammingObjective()):
        result = search_thresholds(objective, P, Y, min_labels=min_labels)
        Z = apply_thresholds(P, result.thresholds, min_labels)
        assert np.all(Z.sum(1) >= min(min_labels, N_LABELS))
        # the forced labels are the most probable ones of the row
        for i in range(P.shape[0]):
            top = np.argsort(-P[i], kind="stable")[:min_labels]
            assert np.all(Z[i, top] == 1)


@settings(deadline=None, max_examples=25)
@given(problem=problems())
def test_objective_scores_agree_with_sklearn(problem):
    P, Y, w, _ = problem
    Z = (P > 0.4).astype(int)
    kw = {"sample_weight": w, "zero_division": 0.0}
    assert _close(FBetaObjective().score(Y, Z, w),
                  f1_score(Y, Z, average="macro", **kw))
    assert _close(FBetaObjective(2, "micro").score(Y, Z, w),
                  fbeta_score(Y, Z, beta=2, average="micro", **kw))
    assert _close(FBetaObjective(0.5, "samples").score(Y, Z, w),
                  fbeta_score(Y, Z, beta=0.5, average="samples", **kw))
    for average in ("macro", "micro", "samples"):
        assert _close(JaccardObjective(average).score(Y, Z, w),
                      jaccard_score(Y, Z, average=average, **kw))
    assert _close(HammingObjective().score(Y, Z, w),
                  -hamming_loss(Y, Z, sample_weight=w))
    cost = CostObjective(fp_cost=[1, 2, 3], fn_cost=5)
    fp = ((1 - Y) * Z) * np.array([1, 2, 3])
    fn = (Y * (1 - Z)) * 5
    assert _close(cost.score(Y, Z, w), -np.dot(w, (fp + fn).sum(1)) / w.sum())


def test_ties_share_a_decision_and_thresholds_are_between_scores():
    P = np.array([[0.9], [0.7], [0.7], [0.7], [0.2]])
    Y = np.array([[1], [1], [0], [0], [0]])
    # F1: predicting the top sample gives tp=1, fn=1: 2/3; adding the three
    # tied 0.7 gives tp=2, fp=2: 2/3 too. Equal objectives go to the higher
    # threshold (fewer predicted labels).
    result = search_thresholds(FBetaObjective(), P, Y)
    assert result.thresholds[0] == pytest.approx(0.8)
    assert result.score == pytest.approx(2 / 3)
    # a beta favouring recall takes the whole tie group, never part of it
    result = search_thresholds(FBetaObjective(beta=2), P, Y)
    assert result.thresholds[0] == pytest.approx(0.45)


def test_empty_and_full_cut_thresholds():
    # a label that is best never predicted gets max(1, top score)
    P = np.array([[0.3, 1.0], [0.6, 0.0], [0.1, 0.0]])
    Y = np.array([[0, 1], [0, 1], [0, 1]])
    result = search_thresholds(FBetaObjective(zero_division=1.0), P, Y)
    assert result.thresholds[0] == 1.0
    # the second label is best always predicted, although two scores are 0
    assert result.thresholds[1] < 0.0
    assert np.all(apply_thresholds(P, result.thresholds)[:, 1] == 1)


def test_adjacent_floats_are_separated():
    hi = 0.5
    lo = np.nextafter(hi, 0.0)
    t = _cut_thresholds(np.array([hi, lo]))
    assert hi > t[1] and not lo > t[1]


def test_callable_fallback_agrees_with_exact_search():
    rng = np.random.default_rng(0)
    P = rng.random((40, 3)).round(2)
    Y = (rng.random((40, 3)) < P).astype(int)
    obj = FBetaObjective(average="micro")
    exact = search_thresholds(obj, P, Y)
    fallback = search_thresholds_callable(
        lambda Z: obj.score(Y, Z), P, n_candidates=1000
    )
    # all cuts offered, same start: the same coordinate ascent
    assert fallback.score == pytest.approx(exact.score)
    np.testing.assert_allclose(
        apply_thresholds(P, fallback.thresholds), apply_thresholds(P, exact.thresholds)
    )
    glob = search_thresholds_callable(
        lambda Z: obj.score(Y, Z), P, strategy="global", n_candidates=1000
    )
    assert glob.score == pytest.approx(
        search_thresholds(obj, P, Y, strategy="global").score
    )


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: FBetaObjective(beta=0), "beta must be a positive number"),
        (lambda: FBetaObjective(average="weighted"), "average in"),
        (lambda: JaccardObjective(zero_division=2),
         r"zero_division must be .* \[0, 1\]"),
        (lambda: PrecisionAtRecallObjective(1.5), "min_recall"),
        (lambda: RecallAtPrecisionObjective(0.5, average="samples"), "average in"),
        (lambda: CostObjective(fp_cost=[-1, 2]), "fp_cost must be a non-negative"),
    ],
)
def test_objective_parameters_are_validated(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_cost_per_label_must_match_labels():
    with pytest.raises(ValueError, match="fn_cost has 2 values but y has 3 labels"):
        search_thresholds(CostObjective(fn_cost=[1, 2]), np.zeros((2, 3)),
                          np.zeros((2, 3), dtype=int))


def test_objectives_compare_and_repr():
    assert FBetaObjective(2, "micro") == FBetaObjective(2, "micro")
    assert FBetaObjective(2, "micro") != FBetaObjective(1, "micro")
    assert repr(CostObjective(1, [2, 3])) == "CostObjective(fp_cost=1, fn_cost=[2, 3])"
    # equal objectives hash equal (they used the identity hash)
    a, b = CostObjective(1, [2, 3]), CostObjective(1.0, np.array([2.0, 3.0]))
    assert a == b and hash(a) == hash(b)
    assert len({FBetaObjective(2, "micro"), FBetaObjective(2, "micro")}) == 1


@pytest.mark.parametrize("objective", OBJECTIVES, ids=IDS)
@pytest.mark.parametrize("strategy", ["per_label", "global"])
@settings(deadline=None, max_examples=10)
@given(problem=problems(), data=st.data())
def test_masked_entries_do_not_count(objective, strategy, problem, data):
    P, Y, w, min_labels = problem
    mask = np.array(
        data.draw(st.lists(st.booleans(), min_size=P.size, max_size=P.size))
    ).reshape(P.shape)
    kw = dict(sample_weight=w, strategy=strategy)
    # an all-True mask changes nothing
    full = search_thresholds(objective, P, Y, mask=np.ones_like(mask), **kw)
    plain = search_thresholds(objective, P, Y, **kw)
    np.testing.assert_array_equal(full.thresholds, plain.thresholds)
    assert _close(full.score, plain.score)
    # whatever the scores and labels of the masked entries, the same result
    masked = search_thresholds(objective, P, Y, mask=mask, **kw)
    P2 = np.where(mask, P, 1 - P)
    Y2 = np.where(mask, Y, 1 - Y)
    other = search_thresholds(objective, P2, Y2, mask=mask, **kw)
    np.testing.assert_array_equal(masked.thresholds, other.thresholds)
    assert _close(masked.score, other.score)
    if strategy == "per_label" and objective == FBetaObjective():
        # macro F: each label's optimum on its own valid rows
        for j in range(N_LABELS):
            rows = mask[:, j]
            alone = search_thresholds(objective, P[rows][:, [j]], Y[rows][:, [j]],
                                      sample_weight=w[rows])
            assert alone.thresholds[0] == masked.thresholds[j]


RARE_RULE = [FBetaObjective(1.0, "macro"), FBetaObjective(2.0, "macro"),
             JaccardObjective("macro")]


@pytest.mark.parametrize("objective", RARE_RULE, ids=[repr(o) for o in RARE_RULE])
@settings(deadline=None, max_examples=25)
@given(problem=problems(), shrinkage=st.sampled_from([0.5, 3.0, 10.0]),
       min_positives=st.integers(0, 3))
def test_rare_label_rules_follow_their_formula(objective, problem, shrinkage,
                                               min_positives):
    P, Y, w, min_labels = problem
    kw = dict(sample_weight=w, min_labels=min_labels)
    plain = search_thresholds(objective, P, Y, **kw)
    glob = search_thresholds(objective, P, Y, strategy="global", **kw)
    result = search_thresholds(objective, P, Y, shrinkage=shrinkage,
                               min_positives=min_positives, **kw)
    forced = apply_thresholds(P, np.inf, min_labels).astype(bool)
    n_pos = Y.sum(axis=0)
    for j in range(N_LABELS):
        free = P[~forced[:, j], j]
        if n_pos[j] < min_positives:
            # SCutFBR.1: nothing searched lies above the threshold
            assert free.size == 0 or result.thresholds[j] == free.max()
            continue
        # the shrunk threshold, with the global threshold as good as the
        # global search's (ties may pick another cut of equal score)
        t_g = (result.thresholds[j] * (n_pos[j] + shrinkage)
               - n_pos[j] * plain.thresholds[j]) / shrinkage
        shared = objective.score(Y, apply_thresholds(P, t_g, min_labels), w)
        assert _close(shared, glob.score)
    found = objective.score(Y, apply_thresholds(P, result.thresholds, min_labels), w)
    assert _close(found, result.score)
    assert result.score <= plain.score + 1e-12
