"""Tests of skmultilabel.metrics: label statistics and dependence diagnostics."""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import mutual_info_score

from skmultilabel.datasets import make_dependent_multilabel
from skmultilabel.metrics import (
    DependenceReport,
    cooccurrence_matrix,
    dependence_report,
    label_cardinality,
    label_density,
    lift_matrix,
    mutual_information_matrix,
    phi_matrix,
    plot_cooccurrence,
)

Y_SMALL = np.array(
    [[1, 1, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0], [1, 1, 1, 0], [1, 0, 1, 0]]
)


def test_cardinality_and_density_all_input_types():
    pd = pytest.importorskip("pandas")
    for Y in (
        Y_SMALL,
        sp.csr_matrix(Y_SMALL),
        Y_SMALL.astype(bool),
        pd.DataFrame(Y_SMALL, columns=list("abcd")),
    ):
        assert label_cardinality(Y) == pytest.approx(8 / 5)
        assert label_density(Y) == pytest.approx(8 / 20)
    with pytest.raises(ValueError, match="binary indicator"):
        label_cardinality([[0, 2], [1, 1], [0, 3]])


def test_cooccurrence_matrix():
    C = cooccurrence_matrix(Y_SMALL)
    np.testing.assert_array_equal(C, Y_SMALL.T @ Y_SMALL)
    np.testing.assert_array_equal(cooccurrence_matrix(sp.csc_matrix(Y_SMALL)), C)
    np.testing.assert_allclose(cooccurrence_matrix(Y_SMALL, normalize="all"), C / 5)
    cond = cooccurrence_matrix(Y_SMALL, normalize="row")
    np.testing.assert_allclose(cond[0], [1, 2 / 3, 2 / 3, 0])
    assert np.isnan(cond[3]).all()  # label 3 never occurs
    with pytest.raises(ValueError, match="normalize"):
        cooccurrence_matrix(Y_SMALL, normalize="col")


def test_lift_matrix():
    lift = lift_matrix(Y_SMALL)
    # P(0,2) = 2/5, P(0) = 3/5, P(2) = 2/5
    assert lift[0, 2] == pytest.approx((2 / 5) / (3 / 5 * 2 / 5))
    assert np.isnan(lift[3]).all()
    np.testing.assert_allclose(lift, lift.T)
    _, Y = make_dependent_multilabel(20000, 4, dependence="independent", random_state=0)
    off = lift_matrix(Y)[~np.eye(4, dtype=bool)]
    np.testing.assert_allclose(off, 1, atol=0.08)
    exclusive = np.array([[1, 0], [0, 1]] * 10)
    assert lift_matrix(exclusive)[0, 1] == 0


def test_mutual_information_matches_sklearn():
    _, Y = make_dependent_multilabel(
        500, 5, dependence="conditional", strength=0.8, random_state=1
    )
    mi = mutual_information_matrix(Y)
    for i in range(5):
        for j in range(5):
            assert mi[i, j] == pytest.approx(
                mutual_info_score(Y[:, i], Y[:, j]), abs=1e-12
            )
    nmi = mutual_information_matrix(Y, normalize=True)
    np.testing.assert_allclose(np.diag(nmi), 1)
    assert (nmi >= 0).all() and (nmi <= 1).all()
    Z = np.column_stack([Y[:, 0], Y[:, 0], 1 - Y[:, 0]])
    np.testing.assert_allclose(mutual_information_matrix(Z, normalize=True), 1)


def test_phi_matches_corrcoef():
    _, Y = make_dependent_multilabel(300, 4, random_state=2)
    np.testing.assert_allclose(phi_matrix(Y), np.corrcoef(Y.T), atol=1e-12)
    assert np.isnan(phi_matrix(Y_SMALL)[3]).all()


@settings(deadline=None, max_examples=40)
@given(
    seed=st.integers(0, 10_000),
    n=st.integers(2, 60),
    L=st.integers(1, 6),
    density=st.floats(0.0, 1.0),
)
def test_matrix_invariants(seed, n, L, density):
    rng = np.random.default_rng(seed)
    Y = (rng.random((n, L)) < density).astype(int)
    C = cooccurrence_matrix(Y)
    np.testing.assert_array_equal(np.diag(C), Y.sum(axis=0))
    np.testing.assert_array_equal(C, C.T)
    mi = mutual_information_matrix(Y)
    assert (mi >= 0).all()
    np.testing.assert_allclose(mi, mi.T)
    # I(i; j) <= min(H(i), H(j)), the entropies being on the diagonal
    h = np.diag(mi)
    assert (mi <= np.minimum.outer(h, h) + 1e-9).all()
    phi = phi_matrix(Y)
    finite = np.isfinite(phi)
    assert (np.abs(phi[finite]) <= 1).all()
    lift = lift_matrix(Y)
    p = Y.mean(axis=0)
    ok = np.isfinite(lift)
    np.testing.assert_allclose((lift * np.outer(p, p))[ok], (C / n)[ok])


def test_report_independent_labels():
    X, Y = make_dependent_multilabel(3000, 5, dependence="independent", random_state=0)
    report = dependence_report(Y)
    assert isinstance(report, DependenceReport)
    assert report.strength == "none"
    assert report.top_pairs == []
    assert "none detected" in str(report)
    assert report.conditional is None


def test_report_marginal_vs_conditional_dependence():
    # Shared observed factor: dependent labels, independent given X.
    X, Y = make_dependent_multilabel(
        3000, 5, dependence="marginal", strength=0.8, random_state=0
    )
    marginal = dependence_report(Y, X)
    assert marginal.strength in ("moderate", "strong")
    assert marginal.significant[np.triu_indices(5, 1)].all()
    assert marginal.conditional["strength"] == "no detectable"
    assert marginal.conditional["mean_abs_residual_corr"] < 0.05
    # Hidden factor: the dependence stays given X.
    X, Y = make_dependent_multilabel(
        3000, 5, dependence="conditional", strength=0.8, random_state=0
    )
    conditional = dependence_report(Y, X)
    assert conditional.strength in ("moderate", "strong")
    assert conditional.conditional["strength"] in ("moderate", "strong")
    assert conditional.conditional["mean_abs_residual_corr"] > 0.15
    assert conditional.conditional["significant"].all()
    text = str(conditional)
    assert "Given X:" in text and "dependence left" in text


def test_report_finds_planted_pairs():
    rng = np.random.default_rng(0)
    n = 2000
    Y = (rng.random((n, 6)) < 0.3).astype(int)
    Y[:, 4] = np.where(rng.random(n) < 0.9, Y[:, 1], 1 - Y[:, 1])  # together
    Y[:, 5] = np.where(Y[:, 2] == 1, 0, rng.random(n) < 0.6)  # apart
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(Y, columns=["a", "b", "c", "d", "e", "f"])
    report = dependence_report(frame, top=3)
    first, second = report.top_pairs[:2]
    assert first["labels"] == ("b", "e") and first["direction"] == "together"
    assert second["labels"] == ("c", "f") and second["direction"] == "apart"
    assert second["lift"] == 0
    assert first["p_value"] < 1e-10
    assert report.significant.sum() // 2 <= 4  # the planted pairs, few others
    text = str(report)
    assert "b & e: phi=+0.7" in text and "occur apart" in text
    assert "strength=" in repr(report)
    assert "Most dependent pairs" not in str(dependence_report(frame, top=0))


def test_report_strong_for_mode_gap_and_names():
    _, Y = make_dependent_multilabel(2000, 5, dependence="mode_gap", random_state=0)
    report = dependence_report(Y, label_names=list("vwxyz"))
    assert report.strength == "strong"
    assert report.top_pairs[0]["labels"][0] in set("vwxyz")
    assert report.n_labelsets == len(np.unique(Y, axis=0))
    with pytest.raises(ValueError, match="label_names has 2 names for 5 labels"):
        dependence_report(Y, label_names=["a", "b"])
    with pytest.raises(ValueError, match="alpha"):
        dependence_report(Y, alpha=2)


def test_report_single_label_and_sparse():
    report = dependence_report(sp.csr_matrix(Y_SMALL[:, :1]))
    assert "no pair" in str(report)
    sparse = dependence_report(sp.csr_matrix(Y_SMALL))
    dense = dependence_report(Y_SMALL)
    np.testing.assert_allclose(sparse.mutual_information, dense.mutual_information)


@pytest.mark.parametrize("kind", ["phi", "lift", "mutual_info", "conditional", "count"])
def test_plot_cooccurrence(kind):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _, Y = make_dependent_multilabel(400, 8, dependence="conditional", random_state=0)
    fig, ax = plt.subplots()
    out = plot_cooccurrence(
        Y, kind=kind, ax=ax, max_labels=5, label_names=list("abcdefgh")
    )
    assert out is ax
    image = ax.images[0].get_array()
    assert image.shape == (5, 5)
    shown = [t.get_text() for t in ax.get_xticklabels()]
    freq_order = np.argsort(-Y.sum(axis=0), kind="stable")[:5]
    assert shown == [list("abcdefgh")[j] for j in freq_order]
    if kind == "count":
        assert image[0, 0] == Y[:, freq_order[0]].sum()
    else:
        assert np.ma.is_masked(image[0, 0])  # blank diagonal
    assert len(ax.texts) > 0  # annotated (5 labels)
    plt.close(fig)


def test_plot_cooccurrence_errors():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with pytest.raises(ValueError, match="kind must be one of"):
        plot_cooccurrence(Y_SMALL, kind="heat")
    with pytest.raises(ValueError, match="max_labels"):
        plot_cooccurrence(Y_SMALL, max_labels=0)
    with pytest.raises(ValueError, match="label_names has 2 names for 4 labels"):
        plot_cooccurrence(Y_SMALL, label_names=["a", "b"])
    ax = plot_cooccurrence(Y_SMALL)
    assert ax.images[0].get_array().shape == (4, 4)
    ax = plot_cooccurrence(Y_SMALL, kind="phi", vmax=0.5)
    assert ax.images[0].get_clim() == (-0.5, 0.5)
    ax = plot_cooccurrence(Y_SMALL, kind="count", vmax=10)
    # a fixed scale starts at 0 (it followed each plot's minimum)
    assert ax.images[0].get_clim() == (0.0, 10)
    plt.close("all")
