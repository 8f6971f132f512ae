"""Probabilistic inference over the fitted links of a classifier chain.

A chain fitted on the true parent labels (``chain_method="predict"``,
``cv=None``) is a model of the joint distribution of the labels by the
chain rule::

    P(y | x) = prod_k P(y_{o_k} | x, y_{o_1}, ..., y_{o_{k-1}})

where ``o`` is the chain order and link ``k`` gives the factor ``k``. The
functions here answer questions about that distribution for many rows of
``X`` at once. They work in *chain order* (column ``k`` of a label matrix is
chain position ``k``); the estimators map to the original label order.

Every function evaluates each link on a batch: one ``predict_proba`` call
per link (per chunk of rows) holds every (row, partial label vector) pair
the algorithm needs at that position. Partial label vectors shared by
several sampled or candidate vectors of a row are evaluated once.

* :func:`exact_log_joint`: the log-probability of each of the ``2**L``
  label vectors (tree enumeration: ``2**k`` partial vectors at link ``k``).
* :func:`beam_search`: the ``width`` most probable vectors kept at each
  link; cost linear in ``width``.
* :func:`propagate`: ancestral sampling (``uniforms`` given) or scoring of
  given candidate vectors, with shared prefixes deduplicated.
"""

import numpy as np
import scipy.sparse as sp

from ._base import _positive_proba

# Upper bound on the elements (rows x stored columns) of one augmented
# batch handed to a link; rows of X are processed in chunks to respect it.
_BATCH_ELEMENTS = 2**23


def _row_width(X, n_labels):
    if sp.issparse(X):
        stored = X.nnz / max(X.shape[0], 1)
    else:
        stored = X.shape[1]
    return max(1.0, stored + n_labels)


def row_chunks(X, n_labels, states_per_row):
    """Slices of the rows of ``X`` so that one batch stays within budget."""
    n_rows = X.shape[0]
    width = _row_width(X, n_labels) * max(1, states_per_row)
    per_chunk = max(1, int(_BATCH_ELEMENTS // width))
    for start in range(0, n_rows, per_chunk):
        yield slice(start, min(n_rows, start + per_chunk))


def augment(X, rows, prefix):
    """The input of a link: ``X[rows]`` followed by the parent label columns.

    Parameters
    ----------
    X : ndarray or CSR matrix of shape (n_rows, n_features)
    rows : ndarray of int, or None for all rows in order
    prefix : ndarray of shape (n_batch, k)
        The parent labels (0/1) in chain order.
    """
    Xr = X if rows is None else X[rows]
    if prefix.shape[1] == 0:
        return Xr
    if sp.issparse(Xr):
        # The 0/1 parent block as CSR straight from its nonzeros.
        nz_rows, nz_cols = np.nonzero(prefix)
        indptr = np.zeros(prefix.shape[0] + 1, dtype=np.int64)
        np.cumsum(np.bincount(nz_rows, minlength=prefix.shape[0]), out=indptr[1:])
        block = sp.csr_matrix(
            (np.ones(nz_cols.shape[0]), nz_cols, indptr), shape=prefix.shape
        )
        return sp.hstack((Xr, block), format="csr")
    return np.hstack((Xr, prefix.astype(np.float64, copy=False)))


def link_proba(est, X, rows, prefix):
    """P(y = 1) from one link for a batch of (row, parent labels) pairs.

    One ``predict_proba`` call for the batch, unless the batch alone would
    exceed the memory budget (only when one row has that many states, e.g.
    exact inference over many labels): then it is split in pieces.
    """
    n_batch = prefix.shape[0]
    piece = max(1, int(_BATCH_ELEMENTS // _row_width(X, prefix.shape[1])))
    if n_batch <= 2 * piece:
        p = _positive_proba(est, augment(X, rows, prefix))
    else:
        rows = np.arange(n_batch) if rows is None else rows
        p = np.concatenate(
            [
                _positive_proba(
                    est,
                    augment(
                        X,
                        rows[start : start + piece],
                        prefix[start : start + piece],
                    ),
                )
                for start in range(0, n_batch, piece)
            ]
        )
    return np.clip(np.asarray(p, dtype=np.float64), 0.0, 1.0)


def log_pq(p):
    """(log(1 - p), log(p)) with log(0) = -inf and no warning."""
    with np.errstate(divide="ignore"):
        return np.log1p(-p), np.log(p)


def state_bits(n_states, n_bits):
    """Row ``s`` holds the bits of ``s`` (bit ``k`` in column ``k``)."""
    s = np.arange(n_states, dtype=np.int64)[:, None]
    return ((s >> np.arange(n_bits, dtype=np.int64)) & 1).astype(np.int8)


def exact_log_joint(links, X):
    """Log-probability of every label vector, for each row of ``X``.

    Parameters
    ----------
    links : list of fitted binary classifiers, in chain order
    X : ndarray or CSR matrix of shape (m, n_features)
        One chunk of rows (the caller bounds it; see :func:`row_chunks`).

    Returns
    -------
    log_joint : ndarray of shape (m, 2**L)
        Column ``s`` is the label vector whose chain position ``k`` holds
        bit ``k`` of ``s``.
    """
    m = X.shape[0]
    log_joint = np.zeros((m, 1))
    for k, est in enumerate(links):
        n_states = 1 << k
        rows = np.repeat(np.arange(m), n_states)
        prefix = np.tile(state_bits(n_states, k), (m, 1))
        p = link_proba(est, X, rows, prefix).reshape(m, n_states)
        log_q, log_p = log_pq(p)
        log_joint = np.concatenate((log_joint + log_q, log_joint + log_p), axis=1)
    return log_joint


def exact_inference(links, X):
    """Exact marginals and joint mode by enumeration, in chain order.

    Returns
    -------
    marginals : ndarray of shape (n, L)
    mode : ndarray of int8 of shape (n, L)
    mode_log_proba : ndarray of shape (n,)
    """
    n_labels = len(links)
    n_states = 1 << n_labels
    bits = state_bits(n_states, n_labels)
    marginals = np.empty((X.shape[0], n_labels))
    mode = np.empty((X.shape[0], n_labels), dtype=np.int8)
    mode_lp = np.empty(X.shape[0])
    for chunk in row_chunks(X, n_labels, n_states // 2):
        log_joint = exact_log_joint(links, X[chunk])
        joint = np.exp(log_joint)
        # As a / (a + c) so that a label that is certain gets exactly 0 or 1.
        present = joint @ bits.astype(np.float64)
        absent = joint @ (1.0 - bits)
        marginals[chunk] = present / (present + absent)
        best = np.argmax(log_joint, axis=1)
        mode[chunk] = bits[best]
        mode_lp[chunk] = log_joint[np.arange(best.shape[0]), best]
    np.clip(marginals, 0.0, 1.0, out=marginals)
    return marginals, mode, mode_lp


def beam_search(links, X, width):
    """Approximate joint mode: keep the ``width`` best partial vectors.

    At link ``k`` each kept partial vector is extended by 0 and by 1, and
    the ``width`` most probable of the extensions are kept (ties go to the
    earlier candidate, 0 before 1). One ``predict_proba`` call per link per
    chunk evaluates all kept vectors of all rows, so the cost is linear in
    ``width``. With ``width >= 2**L`` this is exact.

    Returns
    -------
    beams : ndarray of int8 of shape (n, b, L)
        The final beam of each row, best first (``b = min(width, 2**L)``).
    beam_log_proba : ndarray of shape (n, b)
        Their log joint probabilities, in decreasing order.
    """
    n_labels = len(links)
    final = min(width, 1 << min(n_labels, 62))
    n = X.shape[0]
    beams = np.empty((n, final, n_labels), dtype=np.int8)
    beam_lp = np.empty((n, final))
    for chunk in row_chunks(X, n_labels, final):
        Xc = X[chunk]
        m = Xc.shape[0]
        prefix = np.zeros((m, 1, 0), dtype=np.int8)
        lp = np.zeros((m, 1))
        for k, est in enumerate(links):
            n_beam = prefix.shape[1]
            rows = np.repeat(np.arange(m), n_beam)
            p = link_proba(est, Xc, rows, prefix.reshape(m * n_beam, k))
            log_q, log_p = log_pq(p.reshape(m, n_beam))
            cand = np.concatenate((lp + log_q, lp + log_p), axis=1)
            if cand.shape[1] <= width:
                keep = np.broadcast_to(np.arange(cand.shape[1]), cand.shape)
            else:
                keep = np.argsort(-cand, axis=1, kind="stable")[:, :width]
            parent, bit = keep % n_beam, keep // n_beam
            prefix = np.concatenate(
                (
                    np.take_along_axis(prefix, parent[:, :, None], axis=1),
                    bit[:, :, None].astype(np.int8),
                ),
                axis=2,
            )
            lp = np.take_along_axis(cand, keep, axis=1)
        order = np.argsort(-lp, axis=1, kind="stable")
        beams[chunk] = np.take_along_axis(prefix, order[:, :, None], axis=1)
        beam_lp[chunk] = np.take_along_axis(lp, order, axis=1)
    return beams, beam_lp


def _propagate_chunk(links, X, n_per_row, choose):
    """Walk ``n_per_row`` label vectors per row of ``X`` down the chain.

    ``choose(k, p)`` returns the bits at chain position ``k`` of the
    ``m * n_per_row`` vectors (row-major: vector ``i`` of row ``r`` is
    ``r * n_per_row + i``) given their link probabilities ``p``. Vectors of
    a row that share a prefix share one link evaluation.
    """
    m = X.shape[0]
    n_labels = len(links)
    total = m * n_per_row
    out = np.empty((total, n_labels), dtype=np.int8)
    log_proba = np.zeros(total)
    # The distinct (row, prefix) states and, per vector, the id of its state.
    state_rows = np.arange(m)
    state_prefix = np.zeros((m, 0), dtype=np.int8)
    state_id = np.repeat(np.arange(m), n_per_row)
    for k, est in enumerate(links):
        p = link_proba(est, X, state_rows, state_prefix)[state_id]
        bit = np.asarray(choose(k, p), dtype=bool)
        out[:, k] = bit
        log_q, log_p = log_pq(p)
        log_proba += np.where(bit, log_p, log_q)
        if k + 1 < n_labels:
            uniq, state_id = np.unique(state_id * 2 + bit, return_inverse=True)
            parent = uniq // 2
            state_rows = state_rows[parent]
            state_prefix = np.concatenate(
                (state_prefix[parent], (uniq % 2).astype(np.int8)[:, None]), axis=1
            )
    return out.reshape(m, n_per_row, n_labels), log_proba.reshape(m, n_per_row)


def propagate(links, X, *, uniforms=None, candidates=None):
    """Ancestral sampling or scoring of given label vectors, in chain order.

    Parameters
    ----------
    links : list of fitted binary classifiers, in chain order
    X : ndarray or CSR matrix of shape (n, n_features)
    uniforms : ndarray of shape (n_draws, L), default=None
        Uniform variates in [0, 1): draw ``d`` sets chain position ``k`` to
        1 when ``uniforms[d, k] < P(y_k = 1 | x, y_<k)``. The same variates
        serve every row (common random numbers), so the draws of a row do
        not depend on the other rows of ``X``.
    candidates : ndarray of shape (n, n_candidates, L), default=None
        Label vectors to score instead (one set per row).

    Returns
    -------
    vectors : ndarray of int8 of shape (n, n_per_row, L)
        The sampled (or given) vectors.
    log_proba : ndarray of shape (n, n_per_row)
        Their log joint probabilities under the chain.
    """
    n_labels = len(links)
    n = X.shape[0]
    n_per_row = uniforms.shape[0] if uniforms is not None else candidates.shape[1]
    vectors = np.empty((n, n_per_row, n_labels), dtype=np.int8)
    log_proba = np.empty((n, n_per_row))
    for chunk in row_chunks(X, n_labels, n_per_row):
        m = chunk.stop - chunk.start
        if uniforms is not None:
            u = np.tile(uniforms, (m, 1))

            def choose(k, p, u=u):
                return u[:, k] < p

        else:
            c = candidates[chunk].reshape(m * n_per_row, n_labels)

            def choose(k, p, c=c):
                return c[:, k]

        vectors[chunk], log_proba[chunk] = _propagate_chunk(
            links, X[chunk], n_per_row, choose
        )
    return vectors, log_proba
