"""Plot of the label co-occurrence structure (needs matplotlib)."""

import numpy as np

from ._dependence import (
    _check_Y_and_names,
    cooccurrence_matrix,
    lift_matrix,
    mutual_information_matrix,
    phi_matrix,
)

__all__ = ["plot_cooccurrence"]

_KINDS = {
    "count": ("co-occurrence count", lambda Y: cooccurrence_matrix(Y)),
    "conditional": (
        "P(column label | row label)",
        lambda Y: cooccurrence_matrix(Y, normalize="row"),
    ),
    "lift": ("log2 lift", lambda Y: np.log2(lift_matrix(Y))),
    "phi": ("phi (correlation)", phi_matrix),
    "mutual_info": (
        "normalized mutual information",
        lambda Y: mutual_information_matrix(Y, normalize=True),
    ),
}


def plot_cooccurrence(
    Y,
    *,
    kind="phi",
    label_names=None,
    max_labels=30,
    ax=None,
    cmap=None,
    vmax=None,
    annotate=None,
):
    """Draw the label co-occurrence structure as a heatmap.

    The ``max_labels`` most frequent labels are shown, in decreasing order
    of frequency. Requires matplotlib (``pip install matplotlib``).

    Parameters
    ----------
    Y : array-like or sparse matrix of shape (n_samples, n_labels)
        The label indicator matrix (a DataFrame gives the label names).

    kind : {"phi", "lift", "mutual_info", "conditional", "count"}, default="phi"
        What to draw: the phi coefficient (:func:`phi_matrix`), the base-2
        logarithm of the lift (:func:`lift_matrix`; 0 is independence), the
        normalized mutual information (:func:`mutual_information_matrix`),
        :math:`P(y_j = 1 \\mid y_i = 1)`, or raw counts
        (:func:`cooccurrence_matrix`). The diagonal is left blank except for
        counts.

    label_names : array-like of str, default=None
        The label names; default the DataFrame columns or ``0 .. L-1``.

    max_labels : int, default=30
        The number of labels shown (the most frequent ones).

    ax : matplotlib Axes, default=None
        Where to draw; None creates a new figure.

    cmap : str or Colormap, default=None
        The colormap; None gives a diverging map for "phi" and "lift" and a
        sequential one otherwise.

    vmax : float, default=None
        The top of the color scale (for "phi" and "lift" the scale is
        symmetric, from ``-vmax``; for the other kinds it then starts at 0);
        None uses the largest absolute value shown. Fix it to compare
        several plots.

    annotate : bool, default=None
        Whether to write the values in the cells; None does so for up to 12
        labels.

    Returns
    -------
    ax : matplotlib Axes
        The axes drawn on; ``ax.images[0]`` is the heatmap.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from skmultilabel.datasets import make_dependent_multilabel
    >>> from skmultilabel.metrics import plot_cooccurrence
    >>> _, Y = make_dependent_multilabel(500, 5, random_state=0)
    >>> ax = plot_cooccurrence(Y, kind="lift")
    >>> ax.images[0].get_array().shape
    (5, 5)
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - matplotlib is optional
        raise ImportError(
            "plot_cooccurrence requires matplotlib: pip install matplotlib"
        ) from exc
    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {sorted(_KINDS)}, got {kind!r}")
    if not (isinstance(max_labels, int | np.integer) and max_labels >= 1):
        raise ValueError(f"max_labels must be a positive int, got {max_labels!r}")
    Y01, names = _check_Y_and_names(Y, label_names)
    freq = np.asarray(Y01.sum(axis=0)).ravel()
    keep = np.argsort(-freq, kind="stable")[:max_labels]
    title, compute = _KINDS[kind]
    with np.errstate(divide="ignore", invalid="ignore"):
        M = compute(Y01[:, keep])
    M = np.array(M, dtype=float)
    if kind != "count":
        np.fill_diagonal(M, np.nan)
    if kind == "lift":
        M[np.isneginf(M)] = np.nan  # never together: no finite log lift
    if ax is None:
        _, ax = plt.subplots(figsize=(1.0 + 0.35 * len(keep) + 2, 0.35 * len(keep) + 2))
    diverging = kind in ("phi", "lift")
    if cmap is None:
        cmap = "RdBu_r" if diverging else "viridis"
    finite = M[np.isfinite(M)]
    fixed = vmax is not None
    if vmax is None:
        vmax = float(np.abs(finite).max()) if finite.size else 1.0
        vmax = vmax if vmax > 0 else 1.0
    im = ax.imshow(
        np.ma.masked_invalid(M),
        cmap=cmap,
        # a fixed scale starts at 0 for the kinds that cannot be negative
        vmin=-vmax if diverging else (0.0 if fixed else None),
        vmax=vmax if diverging or fixed else None,
        interpolation="nearest",
    )
    ax.figure.colorbar(im, ax=ax, label=title)
    shown = [str(names[j]) for j in keep]
    ax.set_xticks(range(len(keep)), labels=shown, rotation=90)
    ax.set_yticks(range(len(keep)), labels=shown)
    if annotate is None:
        annotate = len(keep) <= 12
    if annotate:
        for i in range(len(keep)):
            for j in range(len(keep)):
                if np.isfinite(M[i, j]):
                    text = f"{M[i, j]:.0f}" if kind == "count" else f"{M[i, j]:.2f}"
                    ax.text(j, i, text, ha="center", va="center", fontsize=7)
    ax.set_title(title)
    return ax
