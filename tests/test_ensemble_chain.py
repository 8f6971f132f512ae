"""Tests of EnsembleClassifierChain."""

import itertools
import pickle

import numpy as np
import pytest
import scipy.sparse as sp
from joblib import parallel_config
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

from skmultilabel import BinaryRelevance, ClassifierChain, EnsembleClassifierChain
from skmultilabel._ensemble_chain import _chain_of_draws


def _expit(z):
    return 1.0 / (1.0 + np.exp(-z))


def make_dependent(n_samples=400, n_children=3, seed=0):
    """A root label and children that can only be present with it."""
    rng = np.random.RandomState(seed)
    X = rng.normal(size=(n_samples, n_children + 1))
    root = rng.uniform(size=n_samples) < _expit(2 * X[:, 0])
    children = rng.uniform(size=(n_samples, n_children)) < _expit(1.5 * X[:, 1:])
    Y = np.column_stack([root, root[:, None] & children]).astype(int)
    return X, Y


@pytest.fixture(scope="module")
def data():
    return make_dependent()


@pytest.fixture(scope="module")
def fitted(data):
    X, Y = data
    return EnsembleClassifierChain(n_chains=4, random_state=0).fit(X, Y)


def test_one_chain_without_resampling_is_a_classifier_chain(data):
    X, Y = data
    ecc = EnsembleClassifierChain(
        n_chains=1, order=None, bootstrap=False, random_state=0
    )
    ecc.fit(X, Y)
    chain = ClassifierChain(random_state=0).fit(X, Y)
    for inference in ("greedy", "exact", "beam", "sample"):
        ecc.set_params(inference=inference)
        chain.set_params(inference=inference)
        assert_allclose(ecc.predict_proba(X), chain.predict_proba(X), atol=1e-12)
        assert_array_equal(ecc.predict(X), chain.predict(X))


def test_chains_have_own_orders_and_samples(fitted, data):
    X, Y = data
    orders = {tuple(chain.order_) for chain in fitted.estimators_}
    assert len(orders) > 1
    assert len(fitted.estimators_samples_) == 4
    for rows in fitted.estimators_samples_:
        assert rows.shape == (X.shape[0],)
        assert len(np.unique(rows)) < X.shape[0]  # drawn with replacement
    ecc = EnsembleClassifierChain(
        n_chains=2, bootstrap=False, max_samples=0.5, random_state=0
    ).fit(X, Y)
    for rows in ecc.estimators_samples_:
        assert len(np.unique(rows)) == rows.shape[0] == X.shape[0] // 2
    ecc = EnsembleClassifierChain(n_chains=2, max_samples=100, random_state=0).fit(X, Y)
    assert all(rows.shape == (100,) for rows in ecc.estimators_samples_)
    with pytest.raises(ValueError, match="max_samples=1000 is more than"):
        EnsembleClassifierChain(max_samples=1000).fit(X, Y)


@pytest.mark.parametrize("inference", ["greedy", "exact"])
def test_predict_proba_averages_the_chains(fitted, data, inference):
    X, _ = data
    fitted.set_params(inference=inference)
    expected = np.mean(
        [
            c.set_params(inference=inference).predict_proba(X)
            for c in fitted.estimators_
        ],
        axis=0,
    )
    assert_allclose(fitted.predict_proba(X), expected)
    if inference == "greedy":
        assert_array_equal(fitted.predict(X), (expected > 0.5).astype(int))
    fitted.set_params(inference="greedy")


def test_hard_vote_without_predict_proba(data):
    X, Y = data
    ecc = EnsembleClassifierChain(LinearSVC(), n_chains=3, random_state=0).fit(X, Y)
    assert not hasattr(ecc, "predict_proba")
    votes = np.mean([c.predict(X) for c in ecc.estimators_], axis=0)
    assert_array_equal(ecc.predict(X), (votes >= 0.5).astype(int))


def test_exact_joint_mode_of_the_mixture(fitted, data):
    X, _ = data
    X = X[:60]
    fitted.set_params(inference="exact")
    mode = fitted.predict(X)
    # Brute force: score every label vector under every chain.
    vectors = np.array(list(itertools.product([0, 1], repeat=4)), dtype=np.int8)
    cands = np.broadcast_to(vectors, (X.shape[0],) + vectors.shape)
    mixture = np.mean(
        [np.exp(c._joint_log_proba(X, cands)) for c in fitted.estimators_], axis=0
    )
    assert_allclose(mixture.sum(axis=1), 1.0)
    assert_array_equal(mode, vectors[np.argmax(mixture, axis=1)])
    # The mixture's marginals are the averaged marginals.
    assert_allclose(fitted.predict_proba(X), mixture @ vectors, atol=1e-12)
    # A beam as wide as the label space finds the same mode.
    fitted.set_params(inference="beam", beam_width=16)
    assert_array_equal(fitted.predict(X), mode)
    # Sampling with many draws finds it too, almost always.
    fitted.set_params(inference="sample", n_draws=400, random_state=0)
    assert np.mean(np.all(fitted.predict(X) == mode, axis=1)) > 0.95
    fitted.set_params(inference="greedy")


def test_sample_joint_spreads_draws_over_the_chains(fitted, data):
    X, _ = data
    draws = fitted.sample_joint(X[:30], n_draws=4000, random_state=0)
    assert draws.shape == (30, 4000, 4)
    assert draws.dtype.kind == "i"
    exact = fitted.set_params(inference="exact").predict_proba(X[:30])
    fitted.set_params(inference="greedy")
    assert np.abs(draws.mean(axis=1) - exact).max() < 4 * 0.5 / np.sqrt(4000)
    # Draw d comes from chain d % n_chains: each chain's share matches it.
    for c, chain in enumerate(fitted.estimators_):
        own = chain.set_params(inference="exact").predict_proba(X[:30])
        assert np.abs(draws[:, c::4].mean(axis=1) - own).max() < 4 * 0.5 / np.sqrt(1000)
        chain.set_params(inference="greedy")
    assert_array_equal(fitted.sample_joint(X[:30], n_draws=4000, random_state=0), draws)
    assert_array_equal(
        fitted.sample_joint(X[3:5], n_draws=4000, random_state=0), draws[3:5]
    )


def test_dependency_order_is_shared_by_the_chains():
    # "dependency" gives every chain the order of the whole training set
    # (each chain computed it on its own bootstrap sample)
    rng = np.random.RandomState(0)
    X = rng.normal(size=(200, 2))
    Y = (rng.uniform(size=(200, 5)) < 0.4).astype(int)
    ecc = EnsembleClassifierChain(n_chains=4, order="dependency", random_state=0)
    ecc.fit(X, Y)
    expected = ClassifierChain(order="dependency").fit(X, Y).order_
    for chain in ecc.estimators_:
        assert_array_equal(chain.order_, expected)


def test_every_chain_has_an_equal_share_of_the_draws():
    # n_draws not a multiple of n_chains: the last draws go to random
    # chains, so the draws' mean is unbiased (chain 0 had more weight)
    assert_array_equal(
        _chain_of_draws(8, 4, np.random.RandomState(0)), [0, 1, 2, 3] * 2
    )
    rng = np.random.RandomState(0)
    for n_draws in (1, 3, 6):
        counts = np.zeros(4)
        for _ in range(2000):
            counts += np.bincount(_chain_of_draws(n_draws, 4, rng), minlength=4)
        share = counts / counts.sum()
        np.testing.assert_allclose(share, 0.25, atol=0.04)  # 4 standard errors


def test_marginal_predict_mode(fitted, data):
    X, _ = data
    fitted.set_params(inference="sample", predict_mode="marginal", random_state=0)
    assert_array_equal(fitted.predict(X), (fitted.predict_proba(X) > 0.5).astype(int))
    fitted.set_params(inference="greedy", predict_mode="joint", random_state=0)


def test_joint_mode_beats_binary_relevance_on_subset_accuracy():
    X, Y = make_dependent(n_samples=2000, n_children=4, seed=1)
    X_test, Y_test = make_dependent(n_samples=2000, n_children=4, seed=2)
    br = np.mean(np.all(BinaryRelevance().fit(X, Y).predict(X_test) == Y_test, axis=1))
    ecc = EnsembleClassifierChain(n_chains=3, inference="beam", random_state=0)
    joint = np.mean(np.all(ecc.fit(X, Y).predict(X_test) == Y_test, axis=1))
    assert joint > br + 0.05


def test_sample_weight_equals_repeated_rows_without_bootstrap(data):
    X, Y = data
    X, Y = X[:150], Y[:150]
    weights = np.random.RandomState(0).randint(1, 4, X.shape[0])
    base = LogisticRegression(tol=1e-10, max_iter=10000)
    kwargs = dict(n_chains=2, bootstrap=False, random_state=0, inference="exact")
    weighted = EnsembleClassifierChain(base, **kwargs).fit(X, Y, sample_weight=weights)
    repeated = EnsembleClassifierChain(base, **kwargs).fit(
        np.repeat(X, weights, axis=0), np.repeat(Y, weights, axis=0)
    )
    assert_allclose(weighted.predict_proba(X), repeated.predict_proba(X), atol=1e-5)


def test_parallel_fit_equals_sequential(data):
    X, Y = data
    one = EnsembleClassifierChain(n_chains=3, random_state=0).fit(X, Y)
    # Threads test the parallel path without the start-up cost of processes.
    with parallel_config(backend="threading"):
        two = EnsembleClassifierChain(n_chains=3, random_state=0, n_jobs=2).fit(X, Y)
    assert_allclose(one.predict_proba(X), two.predict_proba(X))


def test_sparse_inputs_and_pandas_target(data):
    pd = pytest.importorskip("pandas")
    X, Y = data
    Xs = sp.csr_matrix(np.where(np.abs(X) > 0.3, X, 0))
    ecc = EnsembleClassifierChain(n_chains=2, inference="exact", random_state=0)
    pred = ecc.fit(Xs, sp.csr_matrix(Y)).predict(Xs)
    assert sp.issparse(pred)
    dense = EnsembleClassifierChain(n_chains=2, inference="exact", random_state=0)
    assert_array_equal(pred.toarray(), dense.fit(Xs.toarray(), Y).predict(Xs.toarray()))
    names = ["root", "a", "b", "c"]
    ecc.fit(X, pd.DataFrame(Y, columns=names))
    assert list(ecc.classes_) == names


def test_errors(data):
    X, Y = data
    ecc = EnsembleClassifierChain(n_chains=2, chain_method="predict_proba").fit(X, Y)
    with pytest.raises(ValueError, match="chain_method='predict'"):
        ecc.set_params(inference="exact").predict(X)
    with pytest.raises(ValueError, match="chain_method='predict'"):
        ecc.sample_joint(X)
    ecc = EnsembleClassifierChain(n_chains=2, inference="exact", max_exact_labels=3)
    with pytest.raises(ValueError, match="max_exact_labels=3"):
        ecc.fit(X, Y).predict_proba(X)
    with pytest.raises(ValueError, match="features"):
        ecc.predict(X[:, :2])
    with pytest.raises(ValueError, match="n_chains"):
        EnsembleClassifierChain(n_chains=0).fit(X, Y)


def test_pickle_and_verbose(fitted, data, capsys):
    X, Y = data
    clone = pickle.loads(pickle.dumps(fitted))
    assert_array_equal(clone.predict(X), fitted.predict(X))
    EnsembleClassifierChain(n_chains=2, verbose=1).fit(X, Y)
    assert capsys.readouterr().out.count("fitted") == 2


def test_sample_weight_with_metadata_routing(data):
    from sklearn import config_context

    X, Y = data
    weights = np.random.RandomState(0).randint(1, 4, X.shape[0])
    kwargs = dict(n_chains=2, random_state=0)
    plain = EnsembleClassifierChain(LogisticRegression(), **kwargs)
    plain.fit(X, Y, sample_weight=weights)
    with config_context(enable_metadata_routing=True):
        base = LogisticRegression().set_fit_request(sample_weight=True)
        routed = EnsembleClassifierChain(base, **kwargs).fit(
            X, Y, sample_weight=weights
        )
    assert_allclose(routed.predict_proba(X), plain.predict_proba(X))


def test_out_of_fold_features_of_a_bootstrap_sample_keep_copies_in_one_fold():
    # each chain split its bootstrap sample by position: half the rows of
    # a test fold had a copy in the training part, so "out-of-fold" chain
    # features were partly in-sample
    from sklearn.model_selection import KFold

    rng = np.random.RandomState(0)
    X = rng.normal(size=(300, 3))
    Y = (X + rng.normal(size=(300, 3)) > 0).astype(int)
    for cv in (3, KFold(4)):
        ecc = EnsembleClassifierChain(n_chains=2, cv=cv, random_state=0).fit(X, Y)
        for chain, rows in zip(ecc.estimators_, ecc.estimators_samples_, strict=True):
            y_link = Y[rows][:, chain.order_[0]]
            folds = list(chain.cv.split(X[rows], y_link))
            assert len(folds) == (3 if cv == 3 else 4)
            for train, test in folds:
                assert not set(rows[train]) & set(rows[test])


def test_cv_as_splits_serves_every_chain_or_is_refused():
    # a generator of splits was used up by the first chain, and a list of
    # splits of all rows was applied to each chain's own sample
    from sklearn.model_selection import KFold

    rng = np.random.RandomState(0)
    X = rng.normal(size=(120, 3))
    Y = (X + rng.normal(size=(120, 3)) > 0).astype(int)
    splits = list(KFold(3).split(X))
    kw = dict(n_chains=3, bootstrap=False, random_state=0)
    from_generator = EnsembleClassifierChain(cv=KFold(3).split(X), **kw).fit(X, Y)
    from_list = EnsembleClassifierChain(cv=splits, **kw).fit(X, Y)
    np.testing.assert_allclose(from_generator.predict_proba(X),
                               from_list.predict_proba(X))
    for sampled in ({"bootstrap": True}, {"bootstrap": False, "max_samples": 0.5}):
        with pytest.raises(ValueError, match="each chain is fitted on its own sample"):
            EnsembleClassifierChain(n_chains=2, cv=splits, **sampled).fit(X, Y)
