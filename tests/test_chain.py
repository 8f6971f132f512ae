"""Tests of ClassifierChain and its probabilistic inference."""

import pickle

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import mutual_info_score
from sklearn.model_selection import GridSearchCV, KFold, cross_val_predict
from sklearn.multioutput import ClassifierChain as SkClassifierChain
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import LinearSVC

from skmultilabel import BinaryRelevance, ClassifierChain
from skmultilabel import _chain_inference as ci
from skmultilabel.metrics import mutual_information_matrix


def _expit(z):
    return 1.0 / (1.0 + np.exp(-z))


def make_dependent(n_samples=400, n_children=4, seed=0):
    """A root label and children that can only be present with it.

    The root is present with probability expit(2 x_0); child j is present
    with probability expit(1.5 x_j) when the root is, and never otherwise.
    The joint mode (often all absent) then differs from the vector of the
    marginal modes (often the root alone), and every conditional is linear
    in (x, root), so a logistic chain can represent it.
    """
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n_samples, n_children + 1))
    root = rng.uniform(size=n_samples) < _expit(2 * X[:, 0])
    children = rng.uniform(size=(n_samples, n_children)) < _expit(1.5 * X[:, 1:])
    Y = np.column_stack([root, root[:, None] & children]).astype(int)
    return X, Y


@pytest.fixture(scope="module")
def dependent():
    return make_dependent()


def _subset_accuracy(Y, P):
    return float(np.mean(np.all(np.asarray(Y) == np.asarray(P), axis=1)))


# --------------------------------------------------------- scikit-learn parity


_PARITY_CASES = [
    # every chain_method, with true and with out-of-fold chain features
    *[
        ("random", method, cv, False)
        for method in [
            "predict",
            "predict_proba",
            "predict_log_proba",
            "decision_function",
            ["predict_log_proba", "predict"],
        ]
        for cv in (None, 3)
    ],
    # explicit and default orders
    (None, "predict", None, False),
    ([3, 1, 0, 2], "predict_proba", None, False),
    # sparse X
    ([3, 1, 0, 2], "predict", None, True),
    ("random", "predict_proba", 3, True),
]


@pytest.mark.parametrize("order, chain_method, cv, sparse_X", _PARITY_CASES)
def test_same_predictions_as_scikit_learn(dependent, order, chain_method, cv, sparse_X):
    X, Y = dependent
    X, Y = X[:150], Y[:150, :4]
    if sparse_X:
        X = sp.csr_matrix(np.where(np.abs(X) > 0.5, X, 0))
    kwargs = dict(order=order, cv=cv, chain_method=chain_method, random_state=7)
    theirs = SkClassifierChain(LogisticRegression(), **kwargs).fit(X, Y)
    ours = ClassifierChain(LogisticRegression(), **kwargs).fit(X, Y)
    assert_array_equal(ours.order_, theirs.order_)
    assert ours.chain_method_ == theirs.chain_method_
    assert_array_equal(ours.predict(X), theirs.predict(X).astype(int))
    assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=1e-12)
    assert_allclose(ours.decision_function(X), theirs.decision_function(X), rtol=1e-12)
    assert_allclose(ours.predict_log_proba(X), theirs.predict_log_proba(X), rtol=1e-12)


def test_out_of_fold_chain_features(dependent):
    X, Y = dependent
    X, Y = X[:200], Y[:200, :2]
    cv = KFold(4)
    chain = ClassifierChain(cv=cv, chain_method="predict_proba").fit(X, Y)
    oof = cross_val_predict(
        LogisticRegression(), X, Y[:, 0], cv=cv, method="predict_proba"
    )[:, 1]
    link = LogisticRegression().fit(np.column_stack([X, oof]), Y[:, 1])
    assert_allclose(chain.estimators_[1].coef_, link.coef_)
    # A generator of splits serves every link.
    gen_chain = ClassifierChain(cv=cv.split(X), chain_method="predict_proba")
    assert_allclose(gen_chain.fit(X, Y).predict_proba(X), chain.predict_proba(X))


def test_cv_must_partition_samples(dependent):
    X, Y = dependent
    splits = [(np.arange(100, 400), np.arange(100))]
    with pytest.raises(ValueError, match="partition the samples"):
        ClassifierChain(cv=splits).fit(X, Y)


# ------------------------------------------------------------- one label


@pytest.mark.parametrize("inference", ["greedy", "exact", "beam", "sample"])
def test_chain_of_one_label_equals_base_estimator(dependent, inference):
    X, Y = dependent
    base = LogisticRegression().fit(X, Y[:, 0])
    chain = ClassifierChain(inference=inference, n_draws=20000, random_state=0)
    chain.fit(X, Y[:, [0]])
    proba = chain.predict_proba(X)
    assert proba.shape == (X.shape[0], 1)
    if inference in ("sample", "beam"):
        # Stratified draws put the first link's estimate within 1 / n_draws.
        assert_allclose(proba[:, 0], base.predict_proba(X)[:, 1], atol=1 / 20000)
    if inference != "sample":
        assert_array_equal(chain.predict(X)[:, 0], base.predict(X))
    if inference in ("greedy", "exact"):
        assert_allclose(proba[:, 0], base.predict_proba(X)[:, 1], rtol=1e-12)
    # A 1-D target is one label and gives 1-D predictions.
    chain_1d = ClassifierChain(inference=inference, random_state=0).fit(X, Y[:, 0])
    if inference != "sample":
        assert_array_equal(chain_1d.predict(X), base.predict(X))


# --------------------------------------------------------------- inference


def test_exact_joint_is_a_distribution_with_consistent_marginals(dependent):
    X, Y = dependent
    chain = ClassifierChain(order=[2, 0, 4, 1, 3]).fit(X, Y)
    log_joint = ci.exact_log_joint(chain.estimators_, X[:50])
    joint = np.exp(log_joint)
    assert_allclose(joint.sum(axis=1), 1.0)
    marginals, mode, mode_lp = ci.exact_inference(chain.estimators_, X[:50])
    bits = ci.state_bits(32, 5)
    assert_allclose(marginals, joint @ bits)
    assert_allclose(mode_lp, log_joint.max(axis=1))
    # The chain rule, scored vector by vector, gives the same joint.
    cands = np.broadcast_to(bits, (50, 32, 5))
    _, lp = ci.propagate(chain.estimators_, X[:50], candidates=cands)
    assert_allclose(lp, log_joint, atol=1e-10)


def test_exact_and_wide_beam_agree(dependent):
    X, Y = dependent
    chain = ClassifierChain(inference="exact", order="random", random_state=3)
    chain.fit(X, Y)
    exact = chain.predict(X)
    assert_array_equal(
        chain.set_params(inference="beam", beam_width=32).predict(X), exact
    )
    # Narrower beams find vectors at most as probable as the exact mode.
    _, _, mode_lp = ci.exact_inference(chain.estimators_, X)
    for width in (1, 2, 4):
        _, beam_lp = ci.beam_search(chain.estimators_, X, width)
        assert np.all(beam_lp[:, 0] <= mode_lp + 1e-12)
        assert beam_lp.shape == (X.shape[0], width)


@pytest.mark.parametrize("sparse_X", [False, True])
def test_memory_chunking_does_not_change_results(dependent, monkeypatch, sparse_X):
    X, Y = dependent
    X = sp.csr_matrix(X) if sparse_X else X
    chain = ClassifierChain(inference="exact", n_draws=50, random_state=0).fit(X, Y)
    X = X[:60]
    outputs = {}
    for budget in (ci._BATCH_ELEMENTS, 64):  # 64: chunks of rows and of states
        monkeypatch.setattr(ci, "_BATCH_ELEMENTS", budget)
        outputs[budget] = [
            chain.set_params(inference=inference).predict_proba(X)
            for inference in ("exact", "sample")
        ] + [chain.set_params(inference="beam").predict(X)]
    for big, small in zip(*outputs.values(), strict=True):
        assert_allclose(big, small, atol=1e-12)


def test_beam_of_width_one_is_the_greedy_chain(dependent):
    X, Y = dependent
    chain = ClassifierChain(inference="beam", beam_width=1).fit(X, Y)
    assert_array_equal(
        chain.predict(X), chain.set_params(inference="greedy").predict(X)
    )


def test_sampled_marginals_converge_to_exact_marginals(dependent):
    X, Y = dependent
    chain = ClassifierChain(inference="exact").fit(X, Y)
    exact = chain.predict_proba(X[:100])
    errors = []
    for n_draws in (50, 500, 5000):
        chain.set_params(inference="sample", n_draws=n_draws, random_state=0)
        errors.append(np.abs(chain.predict_proba(X[:100]) - exact).mean())
    assert errors[0] > errors[1] > errors[2]
    # Mean absolute error of a binomial mean is at most 0.4 / sqrt(n).
    assert errors[2] < 0.4 / np.sqrt(5000)
    # The beam's marginals are the same Monte Carlo estimate.
    chain.set_params(inference="beam", n_draws=5000)
    assert np.abs(chain.predict_proba(X[:100]) - exact).mean() < 0.4 / np.sqrt(5000)


def test_sample_predicts_most_probable_draw(dependent):
    X, Y = dependent
    chain = ClassifierChain(inference="sample", n_draws=300, random_state=0).fit(X, Y)
    exact = chain.set_params(inference="exact").predict(X)
    sampled = chain.set_params(inference="sample").predict(X)
    # With 5 labels, 300 draws almost always contain the mode.
    assert np.mean(np.all(sampled == exact, axis=1)) > 0.97


def test_marginal_predict_mode_thresholds_the_marginals(dependent):
    X, Y = dependent
    chain = ClassifierChain(inference="exact", predict_mode="marginal").fit(X, Y)
    assert_array_equal(chain.predict(X), (chain.predict_proba(X) > 0.5).astype(int))


def test_joint_mode_beats_binary_relevance_on_subset_accuracy():
    X, Y = make_dependent(n_samples=3000, seed=1)
    X_test, Y_test = make_dependent(n_samples=3000, seed=2)
    br = _subset_accuracy(Y_test, BinaryRelevance().fit(X, Y).predict(X_test))
    chain = ClassifierChain(inference="exact").fit(X, Y)
    exact = _subset_accuracy(Y_test, chain.predict(X_test))
    beam = _subset_accuracy(Y_test, chain.set_params(inference="beam").predict(X_test))
    marginal = _subset_accuracy(
        Y_test,
        chain.set_params(predict_mode="marginal", inference="exact").predict(X_test),
    )
    assert exact > br + 0.07
    assert beam == pytest.approx(exact, abs=0.005)
    assert exact > marginal + 0.04


@pytest.mark.parametrize(
    "dependence, strength, margin", [("mode_gap", 1.0, 0.1), ("conditional", 0.8, 0.03)]
)
def test_joint_mode_on_dependence_controlled_generator(dependence, strength, margin):
    datasets = pytest.importorskip("skmultilabel.datasets")
    if not hasattr(datasets, "make_dependent_multilabel"):
        pytest.skip(
            "skmultilabel.datasets.make_dependent_multilabel does not exist yet"
        )
    X, Y = datasets.make_dependent_multilabel(
        4000, 5, dependence=dependence, strength=strength, random_state=0
    )
    X_train, X_test, Y_train, Y_test = X[:2000], X[2000:], Y[:2000], Y[2000:]
    br = _subset_accuracy(
        Y_test, BinaryRelevance().fit(X_train, Y_train).predict(X_test)
    )
    chain = ClassifierChain(inference="beam").fit(X_train, Y_train)
    assert _subset_accuracy(Y_test, chain.predict(X_test)) > br + margin


# ------------------------------------------------------------ sample_joint


def test_sample_joint_shape_order_and_reproducibility(dependent):
    X, Y = dependent
    Y = Y.copy()
    Y[:, 1] = 1  # a constant label at a known column
    chain = ClassifierChain(order=[4, 1, 3, 0, 2]).fit(X, Y)
    draws = chain.sample_joint(X[:20], n_draws=3000, random_state=0)
    assert draws.shape == (20, 3000, 5)
    assert draws.dtype.kind == "i"
    assert set(np.unique(draws)) <= {0, 1}
    assert np.all(draws[:, :, 1] == 1)
    exact = chain.set_params(inference="exact").predict_proba(X[:20])
    assert np.abs(draws.mean(axis=1) - exact).max() < 4 * 0.5 / np.sqrt(3000)
    # The joint frequencies match the chain's exact joint probabilities.
    log_joint = ci.exact_log_joint(chain.estimators_, chain._prepare_X(X[:1]))[0]
    codes = chain._state_codes()
    freq = np.zeros(32)
    np.add.at(freq, draws[0] @ (1 << np.arange(5)), 1 / 3000)
    assert np.abs(freq[codes] - np.exp(log_joint)).max() < 4 * 0.5 / np.sqrt(3000)
    again = chain.sample_joint(X[:20], n_draws=3000, random_state=0)
    assert_array_equal(draws, again)
    alone = chain.sample_joint(X[5:7], n_draws=3000, random_state=0)
    assert_array_equal(alone, draws[5:7])
    assert chain.sample_joint(X[:2]).shape == (2, chain.n_draws, 5)


def test_sample_joint_needs_a_joint_model(dependent):
    X, Y = dependent
    chain = ClassifierChain(chain_method="predict_proba").fit(X, Y)
    with pytest.raises(ValueError, match="chain_method='predict'"):
        chain.sample_joint(X)
    chain = ClassifierChain().fit(X, Y)
    with pytest.raises(ValueError, match="n_draws must be a positive integer"):
        chain.sample_joint(X, n_draws=0)


# -------------------------------------------------------------- link calls


class CountingLogisticRegression(LogisticRegression):
    """Counts the calls of each prediction method per fitted instance."""

    calls = []

    def predict(self, X):
        CountingLogisticRegression.calls.append((id(self), "predict", X.shape[0]))
        return super().predict(X)

    def predict_proba(self, X):
        CountingLogisticRegression.calls.append((id(self), "predict_proba", X.shape[0]))
        return super().predict_proba(X)


@pytest.mark.parametrize(
    "inference, method, expected",
    [
        ("greedy", "predict", {"predict"}),
        ("greedy", "predict_proba", {"predict", "predict_proba"}),
        ("exact", "predict", {"predict_proba"}),
        ("beam", "predict", {"predict_proba"}),
        ("sample", "predict_proba", {"predict_proba"}),
    ],
)
def test_each_link_method_is_called_once_per_batch(
    dependent, inference, method, expected
):
    X, Y = dependent
    chain = ClassifierChain(CountingLogisticRegression(), inference=inference)
    chain.fit(X, Y)
    CountingLogisticRegression.calls.clear()
    getattr(chain, method)(X)
    calls = CountingLogisticRegression.calls
    assert len(calls) == len(expected) * 5
    for est in chain.estimators_:
        assert sorted(name for i, name, _ in calls if i == id(est)) == sorted(expected)


# ------------------------------------------------------------------ orders


def test_label_mutual_information_matches_scikit_learn(dependent):
    # order="dependency" ranks labels by skmultilabel.metrics' matrix
    _, Y = dependent
    mi = mutual_information_matrix(Y)
    for i in range(Y.shape[1]):
        for j in range(Y.shape[1]):
            assert mi[i, j] == pytest.approx(
                mutual_info_score(Y[:, i], Y[:, j]), abs=1e-12
            )
    assert_allclose(mutual_information_matrix(sp.csr_matrix(Y)), mi)
    weights = np.random.RandomState(0).randint(1, 4, Y.shape[0])
    for form in (np.asarray, sp.csr_matrix):
        assert_allclose(
            mutual_information_matrix(form(Y), sample_weight=weights),
            mutual_information_matrix(np.repeat(Y, weights, axis=0)),
        )


def test_dependency_order_puts_informative_labels_first(dependent):
    X, Y = dependent
    rng = np.random.RandomState(0)
    noise = (rng.uniform(size=Y.shape[0]) < 0.5).astype(int)
    Y = np.column_stack([noise, Y[:, 1:], Y[:, 0]])  # root last, noise first
    chain = ClassifierChain(order="dependency").fit(X, Y)
    assert chain.order_[0] == 5  # the root shares information with all
    assert chain.order_[-1] == 0  # the independent label
    assert sorted(chain.order_) == list(range(6))


def test_invalid_order_is_a_clear_error(dependent):
    X, Y = dependent
    for order in ([0, 1, 2], [0, 1, 2, 3, 3], [0.0, 1, 2, 3, 4]):
        with pytest.raises(ValueError, match="permutation of the label columns"):
            ClassifierChain(order=order).fit(X, Y)


# ---------------------------------------------------------- inputs, errors


@pytest.mark.parametrize("inference", ["greedy", "exact", "beam", "sample"])
def test_constant_label_columns(dependent, inference):
    X, Y = dependent
    Y = np.column_stack([np.zeros(len(Y), int), Y[:, :3], np.ones(len(Y), int)])
    chain = ClassifierChain(inference=inference, random_state=0).fit(X, Y)
    proba = chain.predict_proba(X)
    assert_array_equal(proba[:, 0], 0.0)
    assert_array_equal(proba[:, -1], 1.0)
    pred = chain.predict(X)
    assert_array_equal(pred[:, 0], 0)
    assert_array_equal(pred[:, -1], 1)


@pytest.mark.parametrize(
    "chain_method",
    ["predict", "predict_proba", "predict_log_proba", "decision_function"],
)
def test_constant_label_columns_with_out_of_fold_features(dependent, chain_method):
    X, Y = dependent
    Y = np.column_stack([np.ones(len(Y), int), Y[:, :2]])
    chain = ClassifierChain(cv=3, chain_method=chain_method).fit(X, Y)
    assert np.all(np.isfinite(chain.decision_function(X)))
    assert_array_equal(chain.predict(X)[:, 0], 1)


@pytest.mark.parametrize("inference", ["greedy", "exact", "beam", "sample"])
def test_sparse_X_and_sparse_y(dependent, inference):
    X, Y = dependent
    Xs = sp.csc_matrix(np.where(np.abs(X) > 0.3, X, 0))
    dense = ClassifierChain(inference=inference, random_state=0).fit(Xs.toarray(), Y)
    sparse = ClassifierChain(inference=inference, random_state=0).fit(
        Xs, sp.csr_matrix(Y)
    )
    pred = sparse.predict(Xs)
    assert sp.issparse(pred)
    assert_array_equal(pred.toarray(), dense.predict(Xs.toarray()))
    assert_allclose(
        sparse.predict_proba(Xs), dense.predict_proba(Xs.toarray()), atol=1e-10
    )


def test_pandas_target_and_features(dependent):
    pd = pytest.importorskip("pandas")
    X, Y = dependent
    names = ["root", "a", "b", "c", "d"]
    Xdf = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    chain = ClassifierChain(inference="exact").fit(Xdf, pd.DataFrame(Y, columns=names))
    assert list(chain.classes_) == names
    assert list(chain.feature_names_in_) == list(Xdf.columns)
    reference = ClassifierChain(inference="exact").fit(X, Y)
    assert_array_equal(chain.predict(Xdf), reference.predict(X))


def test_target_encoding_is_kept(dependent):
    X, Y = dependent
    chain = ClassifierChain(inference="beam").fit(X, np.where(Y == 1, "yes", "no"))
    pred = chain.predict(X)
    assert set(np.unique(pred)) <= {"yes", "no"}


def test_sample_weight_equals_repeated_rows(dependent):
    X, Y = dependent
    X, Y = X[:150], Y[:150]
    weights = np.random.RandomState(0).randint(1, 4, X.shape[0])
    base = LogisticRegression(tol=1e-10, max_iter=10000)
    weighted = ClassifierChain(base, order="dependency", inference="exact")
    weighted.fit(X, Y, sample_weight=weights)
    repeated = ClassifierChain(base, order="dependency", inference="exact")
    repeated.fit(np.repeat(X, weights, axis=0), np.repeat(Y, weights, axis=0))
    assert_array_equal(weighted.order_, repeated.order_)
    assert_allclose(weighted.predict_proba(X), repeated.predict_proba(X), atol=1e-5)


def test_sample_weight_needs_a_base_estimator_that_takes_it(dependent):
    X, Y = dependent
    with pytest.raises(ValueError, match="does not support sample_weight"):
        ClassifierChain(KNeighborsClassifier()).fit(X, Y, sample_weight=np.ones(len(X)))


def test_probabilistic_inference_errors(dependent):
    X, Y = dependent
    chain = ClassifierChain(chain_method="decision_function").fit(X, Y)
    with pytest.raises(ValueError, match="true parent labels"):
        chain.set_params(inference="exact").predict(X)
    chain = ClassifierChain(cv=3).fit(X, Y)
    with pytest.raises(ValueError, match="cv"):
        chain.set_params(inference="beam").predict_proba(X)
    chain = ClassifierChain(inference="exact", max_exact_labels=4).fit(X, Y)
    with pytest.raises(ValueError, match="max_exact_labels=4"):
        chain.predict(X)
    chain = ClassifierChain(LinearSVC(), inference="exact").fit(X, Y)
    assert not hasattr(chain, "predict_proba")
    with pytest.raises(ValueError, match="has no predict_proba"):
        chain.predict(X)
    # The greedy chain works on a base estimator without predict_proba.
    chain.set_params(inference="greedy")
    assert chain.decision_function(X).shape == Y.shape
    with pytest.raises(ValueError, match="inference"):
        ClassifierChain(inference="viterbi").fit(X, Y)
    fitted = ClassifierChain().fit(X, Y)
    with pytest.raises(ValueError, match="inference"):
        fitted.set_params(inference="viterbi").predict(X)


def test_input_errors(dependent):
    X, Y = dependent
    with pytest.raises(ValueError, match="same number of samples"):
        ClassifierChain().fit(X, Y[:-1])
    with pytest.raises(ValueError, match="binary indicator"):
        ClassifierChain().fit(X, Y * 2 - Y[:, ::-1])
    chain = ClassifierChain(inference="exact").fit(X, Y)
    with pytest.raises(ValueError, match="features"):
        chain.predict(X[:, :3])
    with pytest.raises(ValueError, match="NaN"):
        chain.predict(np.where(X > 1, np.nan, X))


def test_pickle_and_grid_search(dependent):
    X, Y = dependent
    chain = ClassifierChain(inference="sample", n_draws=50, random_state=0).fit(X, Y)
    clone = pickle.loads(pickle.dumps(chain))
    assert_array_equal(clone.predict_proba(X), chain.predict_proba(X))
    search = GridSearchCV(
        ClassifierChain(), {"inference": ["greedy", "exact"]}, scoring="accuracy", cv=2
    ).fit(X, Y)
    assert search.best_params_["inference"] == "exact"


def test_verbose_prints_each_link(dependent, capsys):
    X, Y = dependent
    ClassifierChain(verbose=True).fit(X, Y)
    out = capsys.readouterr().out
    assert out.count("link for label") == 5


# ---------------------------------------------------------------- property


@settings(deadline=None, max_examples=25)
@given(
    n_labels=st.integers(1, 4),
    seed=st.integers(0, 10_000),
    width=st.integers(1, 20),
)
def test_inference_invariants(n_labels, seed, width):
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(60, 3))
    Y = (X[:, :1] + rng.normal(size=(60, n_labels)) > 0).astype(int)
    Y[:, -1] ^= Y[:, 0]
    chain = ClassifierChain(order="random", inference="exact", random_state=seed)
    chain.fit(X, Y)
    marginals = chain.predict_proba(X)
    assert marginals.shape == Y.shape
    assert np.all((marginals >= 0) & (marginals <= 1))
    mode = chain.predict(X)
    _, _, mode_lp = ci.exact_inference(chain.estimators_, X)
    _, beam_lp = ci.beam_search(chain.estimators_, X, width)
    assert np.all(beam_lp[:, 0] <= mode_lp + 1e-9)
    if width >= 2**n_labels:
        assert_array_equal(
            chain.set_params(inference="beam", beam_width=width).predict(X), mode
        )
    draws = chain.sample_joint(X, n_draws=7, random_state=seed)
    assert draws.shape == (60, 7, n_labels)
    assert set(np.unique(draws)) <= {0, 1}


@pytest.mark.parametrize("cv", [None, 3])
def test_sample_weight_with_metadata_routing(dependent, cv):
    from sklearn import config_context

    X, Y = dependent
    weights = np.random.RandomState(0).randint(1, 4, X.shape[0])
    plain = ClassifierChain(LogisticRegression(), cv=cv).fit(
        X, Y, sample_weight=weights
    )
    with config_context(enable_metadata_routing=True):
        base = LogisticRegression().set_fit_request(sample_weight=True)
        routed = ClassifierChain(base, cv=cv).fit(X, Y, sample_weight=weights)
        refused = ClassifierChain(
            LogisticRegression().set_fit_request(sample_weight=False), cv=cv
        )
        with pytest.raises(TypeError, match="sample_weight"):
            refused.fit(X, Y, sample_weight=weights)
    assert_allclose(routed.predict_proba(X), plain.predict_proba(X))
    unweighted = ClassifierChain(LogisticRegression(), cv=cv).fit(X, Y)
    assert not np.allclose(unweighted.predict_proba(X), plain.predict_proba(X))
