"""Multi-label stratified cross-validation by iterative stratification."""

import heapq
import numbers
import warnings

import numpy as np
import scipy.sparse as sp
from sklearn.model_selection import BaseCrossValidator
from sklearn.utils import check_random_state
from sklearn.utils.validation import _num_samples, indexable

from ..utils import check_multilabel_target, label_names_of

__all__ = [
    "MultilabelStratifiedKFold",
    "MultilabelStratifiedShuffleSplit",
    "StratificationWarning",
    "iterative_stratification",
]


class StratificationWarning(UserWarning):
    """A label with enough positives is missing from a fold.

    Raised by :class:`MultilabelStratifiedKFold` and
    :func:`iterative_stratification` when, after the repair step, some label
    with at least as many positives as there are folds still has none in
    some fold: no such split exists (for instance folds too small to hold
    all the frequent labels), or the repair's bounded search did not find
    it. Scores of these labels on these folds are undefined.
    """


def _warn_missing(missing, y, n_folds, who, fold_word):
    """Warn that the (label, fold) pairs of ``missing`` have no positive."""
    names = label_names_of(y)
    by_label = {}
    for j, f in missing:
        by_label.setdefault(j, []).append(f)
    shown = []
    for j, fs in list(by_label.items())[:10]:
        name = f"label {j}" if names is None else f"label {names[j]!r} ({j})"
        where = ", ".join(str(f) for f in fs)
        shown.append(f"{name} from {fold_word}{'s' if len(fs) > 1 else ''} {where}")
    more = len(by_label) - len(shown)
    listing = "; ".join(shown) + (f"; and {more} more labels" if more > 0 else "")
    warnings.warn(
        f"{who} could not put every label with at least {n_folds} positives "
        f"in every {fold_word}; missing: {listing}. No such split may exist "
        "(e.g. folds too small for all the frequent labels), or it is beyond "
        "the repair's bounded search. Scores of these labels on these folds "
        "are undefined.",
        StratificationWarning,
        stacklevel=3,
    )


def _target_matrix(y, n_samples):
    """y as a CSR 0/1 matrix (int8) with n_samples rows."""
    if y is None:
        raise ValueError(
            "Multi-label stratification needs the target: call split(X, y) with "
            "y the (n_samples, n_labels) label indicator matrix."
        )
    Y = check_multilabel_target(y, n_samples=n_samples)
    return sp.csr_matrix(Y, dtype=np.int8)


def _combination_matrix(Y, order):
    """The columns to stratify on: labels (order 1), and label pairs (order 2)."""
    if order == 1:
        return Y
    n, L = Y.shape
    pair_rows, pair_keys = [], []
    indptr, indices = Y.indptr, Y.indices
    triu = {}
    for r in range(n):
        labels = indices[indptr[r] : indptr[r + 1]]
        if len(labels) > 1:
            labels = np.sort(labels)
            if len(labels) not in triu:
                triu[len(labels)] = np.triu_indices(len(labels), k=1)
            i, j = triu[len(labels)]
            keys = labels[i].astype(np.int64) * L + labels[j]
            pair_keys.append(keys)
            pair_rows.append(np.full(len(keys), r, dtype=np.int64))
    if not pair_keys:
        return Y
    keys = np.concatenate(pair_keys)
    rows = np.concatenate(pair_rows)
    uniq, cols = np.unique(keys, return_inverse=True)
    pairs = sp.csr_matrix(
        (np.ones(len(keys), dtype=np.int8), (rows, cols)), shape=(n, len(uniq))
    )
    return sp.hstack([Y, pairs], format="csr", dtype=np.int8)


def _pick(candidates, rng):
    if len(candidates) == 1 or rng is None:
        return candidates[0]
    return candidates[rng.randint(len(candidates))]


def iterative_stratification(y, proportions, *, order=1, random_state=None):
    """Assign samples to folds by iterative stratification.

    The algorithm of Sechidis et al. (2011): the label with the fewest
    samples left is handled first, and each of its samples goes to the fold
    that most wants that label (ties: the fold that most wants the sample's
    other labels, rare ones weighing more, then the fold that most wants
    samples, then at random). With ``order=2`` the label pairs that occur together are
    stratified as well as the labels (Szymanski and Kajdanowicz, 2017).
    Samples without labels fill the folds last. A final repair step moves
    samples between folds, keeping their sizes, so that every label with at
    least as many positives as there are non-empty folds occurs in each:
    single swaps first, then short chains of moves found by a bounded
    search. This is best effort: when no such assignment exists (folds too
    small for all the frequent labels, say) or the search does not find one,
    a :class:`StratificationWarning` names the labels and folds left without
    a positive.

    Parameters
    ----------
    y : array-like or sparse matrix of shape (n_samples, n_labels)
        The label indicator matrix.

    proportions : array-like of shape (n_folds,)
        The wanted fraction of samples in each fold; they are normalised to
        sum to 1.

    order : {1, 2}, default=1
        1 stratifies the labels, 2 the labels and the label pairs.

    random_state : int, RandomState instance or None, default=None
        Seed of the random tie-breaking and of the order in which samples
        are visited. None gives a deterministic assignment (ties go to the
        first fold, samples are visited in order).

    Returns
    -------
    folds : ndarray of shape (n_samples,)
        The fold of each sample, in ``0 .. n_folds - 1``.

    Warns
    -----
    StratificationWarning
        If a label with at least as many positives as there are non-empty
        folds is still missing from a fold after the repair.

    References
    ----------
    .. [1] K. Sechidis, G. Tsoumakas, I. Vlahavas. "On the stratification of
       multi-label data." ECML PKDD 2011, pp. 145-158.
    .. [2] P. Szymanski, T. Kajdanowicz. "A network perspective on
       stratification of multi-label data." LIDTA 2017, PMLR 74:22-35.

    Examples
    --------
    >>> import numpy as np
    >>> from skmultilabel.model_selection import iterative_stratification
    >>> Y = np.array([[1, 0], [1, 0], [0, 1], [0, 1], [1, 1], [1, 1]])
    >>> iterative_stratification(Y, [0.5, 0.5])
    array([0, 1, 0, 1, 0, 1])
    """
    Y = _target_matrix(y, None)
    n_samples = Y.shape[0]
    proportions = np.asarray(proportions, dtype=np.float64)
    if proportions.ndim != 1 or len(proportions) < 2 or (proportions < 0).any():
        raise ValueError(
            "proportions must be a 1-D array of at least two non-negative values, "
            f"got {proportions!r}"
        )
    if proportions.sum() <= 0:
        raise ValueError("proportions must not all be 0")
    if order not in (1, 2):
        raise ValueError(f"order must be 1 or 2, got {order!r}")
    proportions = proportions / proportions.sum()
    rng = None if random_state is None else check_random_state(random_state)
    sizes = _target_sizes(n_samples, proportions)
    folds = _stratify(_combination_matrix(Y, order), proportions, sizes, rng)
    missing = _repair(Y, folds, sizes, rng)
    if missing:
        n_folds = int((sizes > 0).sum())
        _warn_missing(missing, y, n_folds, "iterative_stratification", "fold")
    return folds


def _target_sizes(n_samples, proportions):
    """Integer fold sizes summing to n_samples (largest remainders)."""
    raw = proportions * n_samples
    sizes = np.floor(raw).astype(np.int64)
    short = n_samples - sizes.sum()
    if short:
        order = np.argsort(-(raw - sizes), kind="stable")
        sizes[order[:short]] += 1
    return sizes


def _stratify(C, proportions, sizes, rng):
    """Sechidis et al.'s greedy assignment, on the columns of ``C``.

    Ties between the folds that most want the current label are broken by
    the sample's other columns (the fold that wants them most, each weighted
    by one over its count, so rare labels weigh more), then by the number of
    samples the fold still wants, then at random (or the first fold).
    """
    n, n_cols = C.shape
    k = len(proportions)
    C = C.tocsr()
    Ccsc = C.tocsc()
    counts = np.diff(Ccsc.indptr).astype(np.int64)
    # desired[c][f]: how many more samples with column c fold f wants. Plain
    # lists: the loop below touches a few entries at a time, where numpy's
    # per-call overhead would dominate.
    desired = np.outer(counts, proportions).tolist()
    weight = (1.0 / np.maximum(counts, 1)).tolist()
    total = [float(t) for t in sizes]
    remaining = counts.copy()
    folds = np.full(n, -1, dtype=np.int64)
    col_indptr, col_indices = Ccsc.indptr, Ccsc.indices
    row_indptr, row_indices = C.indptr, C.indices
    # Ties between columns with as few samples left are broken by a fixed
    # random priority (or the column index when deterministic).
    priority = rng.random_sample(n_cols) if rng is not None else np.arange(n_cols)
    heap = [(int(remaining[c]), priority[c], int(c)) for c in np.flatnonzero(remaining)]
    heapq.heapify(heap)
    fold_range = range(k)

    def pick(best):
        if rng is None or len(best) == 1:
            return best[0]
        return best[rng.randint(len(best))]

    while heap:
        left, _, label = heapq.heappop(heap)
        if left != remaining[label] or left == 0:
            continue  # a stale entry
        rows = col_indices[col_indptr[label] : col_indptr[label + 1]]
        rows = rows[folds[rows] < 0]
        if rng is not None:
            rows = rows[rng.permutation(len(rows))]
        want = desired[label]  # updated below, as label is among cols
        assign = []
        for r in rows.tolist():
            cols = row_indices[row_indptr[r] : row_indptr[r + 1]].tolist()
            top = max(want)
            best = [f for f in fold_range if want[f] == top]
            if len(best) > 1:
                score = [0.0] * k
                for c in cols:
                    w, d = weight[c], desired[c]
                    for f in best:
                        score[f] += w * d[f]
                top = max(score[f] for f in best)
                best = [f for f in best if score[f] >= top - 1e-9]
                if len(best) > 1:
                    top = max(total[f] for f in best)
                    best = [f for f in best if total[f] == top]
            m = pick(best)
            assign.append(m)
            for c in cols:
                desired[c][m] -= 1
            total[m] -= 1
        folds[rows] = assign
        starts = row_indptr[rows]
        lens = row_indptr[rows + 1] - starts
        offsets = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(
            lens.sum()
        )
        touched, dec = np.unique(row_indices[offsets], return_counts=True)
        remaining[touched] -= dec
        for c in touched[remaining[touched] > 0]:
            heapq.heappush(heap, (int(remaining[c]), priority[c], int(c)))
    # Samples with no label.
    rest = np.flatnonzero(folds < 0)
    if rng is not None:
        rest = rest[rng.permutation(len(rest))]
    for r in rest:
        top = max(total)
        m = pick([f for f in fold_range if total[f] == top])
        folds[r] = m
        total[m] -= 1
    return folds


def _repair(Y, folds, sizes, rng):
    """Fix fold sizes, then make every frequent enough label reach every fold.

    Moves change the fold sizes to ``sizes`` (taking samples whose labels the
    source fold has most in excess). Then every label with at least as many
    positives as there are non-empty folds (a *protected* label) is brought
    into each fold that lacks it: first by single swaps (a sample with the
    label, from a fold holding two or more of its positives, for a sample
    whose labels go missing nowhere), then, where no single swap does, by
    short chains of moves found by a bounded best-first search
    (:func:`_find_chain`). Fold sizes never change, and no fold loses the
    last positive of a protected label it holds.

    Returns the (label, fold) pairs still missing: empty unless the
    assignment is impossible or beyond the search's bounds.
    """
    n, L = Y.shape
    k = len(sizes)
    if n == 0:
        return []
    Ycsc = Y.tocsc()
    indptr, indices = Y.indptr, Y.indices
    onehot = np.zeros((n, k), dtype=np.int64)
    onehot[np.arange(n), folds] = 1
    per_fold = np.asarray((Y.T @ sp.csr_matrix(onehot)).todense())  # (L, k)
    counts = per_fold.sum(axis=1)
    share = sizes / n

    def move(r, src, dst):
        labs = indices[indptr[r] : indptr[r + 1]]
        per_fold[labs, src] -= 1
        per_fold[labs, dst] += 1
        folds[r] = dst

    # 1. Sizes.
    current = np.bincount(folds, minlength=k)
    while True:
        over = current - sizes
        src = int(np.argmax(over))
        if over[src] <= 0:
            break
        dst = int(np.argmin(over))
        members = np.flatnonzero(folds == src)
        # Excess of each label in src relative to its share, minus in dst.
        excess = per_fold[:, src] - counts * share[src]
        lack = counts * share[dst] - per_fold[:, dst]
        Ym = Y[members]
        score = Ym @ (excess + lack)
        # never take the last positive of a frequent label out of src
        last = (per_fold[:, src] <= 1) & (counts >= k)
        score[Ym @ last.astype(np.int64) > 0] = -np.inf
        best = np.flatnonzero(score == score.max())
        r = members[_pick(best, rng)]
        move(r, src, dst)
        current[src] -= 1
        current[dst] += 1

    # 2. Every label with >= (number of non-empty folds) positives in every
    # non-empty fold, by swaps, then chains of moves, that keep the other
    # such labels everywhere.
    nonempty = np.flatnonzero(sizes > 0)
    protected = counts >= len(nonempty)
    protected_idx = np.flatnonzero(protected)

    def find_missing():
        if len(protected_idx) == 0:
            return []
        sub = per_fold[np.ix_(protected_idx, nonempty)] == 0
        jj, ff = np.nonzero(sub)
        return [
            (int(protected_idx[a]), int(nonempty[b]))
            for a, b in zip(jj, ff, strict=True)
        ]

    missing = find_missing()
    if not missing:
        return []
    # A fold too small to hold all protected labels, even with the samples
    # carrying the most of them, cannot be completed: skip the search there.
    carried = np.sort(Y @ protected.astype(np.int64))[::-1]
    capacity = np.concatenate([[0], np.cumsum(carried)])
    hopeless = {int(f) for f in nonempty if capacity[sizes[f]] < len(protected_idx)}
    budget = _CHAIN_TOTAL_WORK
    while True:
        for _ in range(4 * L + 10):
            progress = False
            for j, f in missing:
                if per_fold[j, f] > 0:
                    continue
                swap = _find_swap(j, f, nonempty, folds, per_fold, protected, Ycsc, Y)
                if swap is None:
                    continue
                r_give, g, r_take = swap
                move(r_give, g, f)
                move(r_take, f, g)
                progress = True
            missing = find_missing()
            if not missing:
                return []
            if not progress:
                break
        chain = None
        for target in missing:
            if target[1] in hopeless or budget <= 0:
                continue
            chain, used = _find_chain(
                target,
                missing,
                folds,
                per_fold,
                protected,
                Y,
                Ycsc,
                min(budget, _CHAIN_WORK),
            )
            budget -= used
            if chain is not None:
                break
        if chain is None:
            return missing
        for r, src, dst in chain:
            move(r, src, dst)
        missing = find_missing()
        if not missing:
            return []


def _find_swap(j, f, nonempty, folds, per_fold, protected, Ycsc, Y):
    """A sample with label j from a fold with two or more of them, and a sample
    of fold f to trade for it, such that no protected label goes missing."""
    indptr, indices = Y.indptr, Y.indices
    rows_j = Ycsc.indices[Ycsc.indptr[j] : Ycsc.indptr[j + 1]]
    members_f = np.flatnonzero(folds == f)
    members_f = members_f[np.argsort(np.diff(indptr)[members_f], kind="stable")]
    donors = sorted(
        (g for g in nonempty if per_fold[j, g] >= 2), key=lambda g: -per_fold[j, g]
    )
    for g in donors:
        give = [r for r in rows_j if folds[r] == g]
        give.sort(key=lambda r: indptr[r + 1] - indptr[r])
        for r_give in give:
            labs_give = indices[indptr[r_give] : indptr[r_give + 1]]
            lg = labs_give[protected[labs_give]]
            for r_take in members_f:
                labs_take = indices[indptr[r_take] : indptr[r_take + 1]]
                if j in labs_take:
                    continue
                lt = labs_take[protected[labs_take]]
                # g loses labs_give and gains labs_take; f the reverse.
                ok_g = all(per_fold[lab, g] - 1 + (lab in lt) >= 1 for lab in lg)
                ok_f = all(per_fold[lab, f] - 1 + (lab in lg) >= 1 for lab in lt)
                if ok_g and ok_f:
                    return r_give, g, r_take
    return None


# Bounds of the chain search of _repair. The work is counted in candidate
# samples examined plus states generated, not in seconds, so that the
# result does not depend on the machine.
_CHAIN_DEPTH = 10  # moves in one chain
_CHAIN_WIDTH = 3  # candidate samples per source fold, for each label and fold
_CHAIN_SCAN = 512  # samples looked at when listing the candidates
_CHAIN_WORK = 15_000  # work of one search
_CHAIN_TOTAL_WORK = 40_000  # work of all the searches of one repair
_CHAIN_GREED = 3  # weight of the moves still needed in the search's priority


def _find_chain(target, missing, folds, per_fold, protected, Y, Ycsc, budget):
    """Search for a chain of moves that fills a missing label of a fold.

    ``missing`` lists the (label, fold) pairs where a protected label has no
    positive; ``target`` is one of them. A state is a sequence of moves
    ``(sample, from_fold, to_fold)`` on top of ``folds``, each sample moving
    at most once. The first move brings a sample with the target label into
    the target fold: that fold then has one sample too many, the source fold
    one too few (the *hole*). Each next move pulls into the hole a sample
    with a protected label the hole now lacks, which moves the hole to that
    sample's fold; or, when the hole lacks nothing (or to give up filling
    it), a sample that leaves no gap from the fold with one sample too many,
    which balances the sizes again. From a balanced state where some fold
    lacks a protected label it had, a new chain starts to bring it back (as a
    swap and a compensating swap). A chain may open gaps on the way; it is a
    solution once sizes are balanced, every gap it opened is closed, and at
    least one pair of ``missing`` is filled.

    The states are expanded best first, by the number of moves made plus
    ``_CHAIN_GREED`` times an estimate of the moves still needed (one per
    gap opened, one if no pair of ``missing`` is filled yet, one to balance
    the sizes), ties in order of generation;
    states with the same label counts are expanded once. Equivalent
    candidate samples (same source fold, same protected labels lost there
    and gained by the destination) are tried once, the one with the fewest
    labels, and at most ``_CHAIN_WIDTH`` of them per source fold. The search
    gives up after ``_CHAIN_DEPTH`` moves, or ``budget`` work (candidate
    samples examined plus states generated).

    Returns
    -------
    moves : list of (sample, from_fold, to_fold) or None
        The chain; None if none was found.

    work : int
        The work done (candidate samples examined plus states generated).
    """
    indptr, indices = Y.indptr, Y.indices
    cindptr, cindices = Ycsc.indptr, Ycsc.indices
    row_len = np.diff(indptr)
    base_missing = set(missing)
    n_missing = len(missing)
    plabs_cache = {}
    members_cache = {}
    work = 0

    def plabs(r):  # the protected labels of sample r
        p = plabs_cache.get(r)
        if p is None:
            labs = indices[indptr[r] : indptr[r + 1]]
            p = plabs_cache[r] = labs[protected[labs]].tolist()
        return p

    def members(f):  # samples of fold f (before the moves), fewest labels first
        m = members_cache.get(f)
        if m is None:
            m = np.flatnonzero(folds == f)
            m = m[np.argsort(row_len[m], kind="stable")][:_CHAIN_SCAN].tolist()
            members_cache[f] = m
        return m

    def apply(delta, r, a, b):  # the count changes, after moving r from a to b
        delta = dict(delta)
        for lab in plabs(r):
            for key, step in (((lab, a), -1), ((lab, b), 1)):
                v = delta.get(key, 0) + step
                if v:
                    delta[key] = v
                else:
                    del delta[key]
        return delta

    def gaps(delta):
        found = {d for d in base_missing if delta.get(d, 0) <= 0}
        for (lab, f), v in delta.items():
            if v < 0 and per_fold[lab, f] + v <= 0:
                found.add((lab, f))
        return found

    def effect(r, h, g, delta):
        # the protected labels that moving r from h to g takes from h for
        # good, and brings to g for the first time
        labs = plabs(r)
        lost = tuple(m for m in labs if per_fold[m, h] + delta.get((m, h), 0) == 1)
        won = tuple(m for m in labs if per_fold[m, g] + delta.get((m, g), 0) == 0)
        return lost, won

    def pulls(lab, g, where, delta):
        """Samples with label lab to move into fold g: [(sample, its fold)]."""
        nonlocal work
        rows = cindices[cindptr[lab] : cindptr[lab + 1]]
        rows = rows[np.argsort(row_len[rows], kind="stable")][:_CHAIN_SCAN]
        found, clean = {}, {}
        for r in rows.tolist():
            h = int(folds[r])
            if r in where or h == g or clean.get(h, 0) >= _CHAIN_WIDTH:
                continue
            work += 1
            lost, won = effect(r, h, g, delta)
            if (h, lost, won) not in found:
                found[h, lost, won] = r
                if not lost:
                    clean[h] = clean.get(h, 0) + 1
        ranked = sorted(found, key=lambda c: (len(c[1]), -len(c[2]), c[0]))
        taken, out = {}, []
        for c in ranked:
            if taken.get(c[0], 0) < _CHAIN_WIDTH:
                taken[c[0]] = taken.get(c[0], 0) + 1
                out.append((found[c], c[0]))
        return out

    def closers(s, g, where, delta, free_only):
        """Samples of fold s to move into g: the first that leaves no gap or,
        failing one and unless free_only, those leaving the fewest."""
        nonlocal work
        found = {}
        for r in members(s):
            if r in where:
                continue
            work += 1
            lost, _ = effect(r, s, g, delta)
            if not lost:
                return [r]
            if not free_only:
                found.setdefault(lost, r)
        ranked = sorted(found, key=len)[:_CHAIN_WIDTH]
        return [found[c] for c in ranked]

    queue = [(0, 0, (), -1, -1, {})]
    seen = set()
    n_states = 0
    while queue and work < budget:
        _, _, moves, hole, surplus, delta = heapq.heappop(queue)
        if len(moves) >= _CHAIN_DEPTH:
            continue
        where = {r for r, _, _ in moves}
        open_gaps = gaps(delta)
        children = []
        if hole < 0:
            if moves:
                todo = sorted(d for d in open_gaps if d not in base_missing)
                if target in open_gaps:
                    todo.insert(0, target)
            else:
                todo = [target]
            for lab, g in todo:
                children += [((r, h, g), h, g) for r, h in pulls(lab, g, where, delta)]
        else:
            needs = sorted(lab for lab, g in open_gaps if g == hole)
            for lab in needs:
                for r, h in pulls(lab, hole, where, delta):
                    if h == surplus:
                        children.append(((r, h, hole), -1, -1))
                    else:
                        children.append(((r, h, hole), h, surplus))
            children += [
                ((r, surplus, hole), -1, -1)
                for r in closers(surplus, hole, where, delta, free_only=bool(needs))
            ]
        for step, new_hole, new_surplus in children:
            work += 1
            child_delta = apply(delta, *step)
            counts = frozenset(child_delta.items())
            if (counts, new_hole, new_surplus) in seen:
                continue
            seen.add((counts, new_hole, new_surplus))
            child_gaps = gaps(child_delta)
            n_new = len(child_gaps - base_missing)
            n_old = len(child_gaps) - n_new
            child = (*moves, step)
            if new_hole < 0 and n_new == 0 and n_old < n_missing:
                return list(child), work
            n_states += 1
            still = n_new + (n_old == n_missing) + (new_hole >= 0)
            priority = len(child) + _CHAIN_GREED * still
            heapq.heappush(
                queue,
                (priority, n_states, child, new_hole, new_surplus, child_delta),
            )
    return None, work


def _check_n_splits(n_splits):
    if not isinstance(n_splits, numbers.Integral) or isinstance(n_splits, bool):
        raise ValueError(
            f"The number of folds must be of Integral type. {n_splits!r} of type "
            f"{type(n_splits)} was passed."
        )
    if n_splits <= 1:
        raise ValueError(
            "k-fold cross-validation requires at least one train/test split by "
            f"setting n_splits=2 or more, got n_splits={n_splits}."
        )


class MultilabelStratifiedKFold(BaseCrossValidator):
    """Multi-label stratified K-fold cross-validator.

    Splits the samples into ``n_splits`` folds whose label distributions
    match the whole data set's, by iterative stratification (Sechidis et
    al., 2011); ``order=2`` also stratifies the pairs of labels that occur
    together (Szymanski and Kajdanowicz, 2017). A repair step then moves
    samples between folds (keeping their sizes) so that every label with at
    least ``n_splits`` positive samples occurs in every test fold. It is
    best effort: when no such split exists (folds too small for all the
    frequent labels, say) or its bounded search does not find one, a
    :class:`StratificationWarning` names the labels and folds concerned.
    Usable as
    ``cv=`` anywhere in scikit-learn (:func:`~sklearn.model_selection.cross_validate`,
    :class:`~sklearn.model_selection.GridSearchCV`, ...).

    Parameters
    ----------
    n_splits : int, default=5
        The number of folds, at least 2.

    order : {1, 2}, default=1
        1 stratifies each label; 2 stratifies each label and each pair of
        labels (better balanced co-occurrences, slower on data sets with
        many labels per sample).

    shuffle : bool, default=False
        Whether ties are broken at random and samples visited in random
        order. With False the split is deterministic.

    random_state : int, RandomState instance or None, default=None
        The seed when ``shuffle=True``; must be None otherwise.

    See Also
    --------
    MultilabelStratifiedShuffleSplit : Random stratified train/test splits.
    iterative_stratification : The fold assignment itself.
    sklearn.model_selection.StratifiedKFold : The single-label version.

    References
    ----------
    .. [1] K. Sechidis, G. Tsoumakas, I. Vlahavas. "On the stratification of
       multi-label data." ECML PKDD 2011, pp. 145-158.
    .. [2] P. Szymanski, T. Kajdanowicz. "A network perspective on
       stratification of multi-label data." LIDTA 2017, PMLR 74:22-35.

    Examples
    --------
    >>> import numpy as np
    >>> from skmultilabel.model_selection import MultilabelStratifiedKFold
    >>> Y = np.array([[1, 0], [1, 0], [0, 1], [0, 1], [1, 1], [1, 1]])
    >>> X = np.zeros((6, 1))
    >>> cv = MultilabelStratifiedKFold(n_splits=2)
    >>> for train, test in cv.split(X, Y):
    ...     print(train, test, Y[test].sum(axis=0))
    [1 3 5] [0 2 4] [2 2]
    [0 2 4] [1 3 5] [2 2]
    """

    def __init__(self, n_splits=5, *, order=1, shuffle=False, random_state=None):
        self.n_splits = n_splits
        self.order = order
        self.shuffle = shuffle
        self.random_state = random_state

    def _check_params(self):
        _check_n_splits(self.n_splits)
        if not isinstance(self.shuffle, bool):
            raise TypeError(f"shuffle must be True or False; got {self.shuffle!r}")
        if not self.shuffle and self.random_state is not None:
            raise ValueError(
                "Setting a random_state has no effect since shuffle is False. You "
                "should leave random_state to its default (None), or set shuffle=True."
            )
        if self.order not in (1, 2):
            raise ValueError(f"order must be 1 or 2, got {self.order!r}")

    def split(self, X, y, groups=None):
        """Generate indices to split data into training and test set.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data; only its number of rows is used.

        y : array-like or sparse matrix of shape (n_samples, n_labels)
            The label indicator matrix to stratify on.

        groups : object
            Always ignored, exists for compatibility.

        Yields
        ------
        train : ndarray
            The training set indices for that split.

        test : ndarray
            The testing set indices for that split.

        Warns
        -----
        StratificationWarning
            If a label with at least ``n_splits`` positives has none in some
            test fold.
        """
        self._check_params()
        X, y, groups = indexable(X, y, groups)
        n_samples = _num_samples(X)
        if self.n_splits > n_samples:
            raise ValueError(
                f"Cannot have number of splits n_splits={self.n_splits} greater "
                f"than the number of samples: n_samples={n_samples}."
            )
        Y = _target_matrix(y, n_samples)
        rng = check_random_state(self.random_state) if self.shuffle else None
        proportions = np.full(self.n_splits, 1.0 / self.n_splits)
        sizes = _target_sizes(n_samples, proportions)
        folds = _stratify(_combination_matrix(Y, self.order), proportions, sizes, rng)
        missing = _repair(Y, folds, sizes, rng)
        if missing:
            _warn_missing(missing, y, self.n_splits, type(self).__name__, "test fold")
        indices = np.arange(n_samples)
        for f in range(self.n_splits):
            test = folds == f
            yield indices[~test], indices[test]

    def get_n_splits(self, X=None, y=None, groups=None):
        """Return the number of splitting iterations in the cross-validator.

        Parameters
        ----------
        X : object
            Always ignored, exists for compatibility.

        y : object
            Always ignored, exists for compatibility.

        groups : object
            Always ignored, exists for compatibility.

        Returns
        -------
        n_splits : int
            The number of splits.
        """
        return self.n_splits


def _split_sizes(n_samples, test_size, train_size):
    def resolve(size, name):
        if size is None:
            return None
        if isinstance(size, numbers.Integral) and not isinstance(size, bool):
            if not 0 < size < n_samples:
                raise ValueError(
                    f"{name}={size} should be either positive and smaller than the "
                    f"number of samples {n_samples} or a float in the (0, 1) range"
                )
            return int(size)
        if isinstance(size, numbers.Real) and 0 < size < 1:
            return size
        raise ValueError(
            f"{name}={size!r} should be an int in [1, n_samples) or a float in "
            "the (0, 1) range"
        )

    test = resolve(test_size, "test_size")
    train = resolve(train_size, "train_size")
    if test is None and train is None:
        test = 0.1
    if isinstance(test, float):
        n_test = int(np.ceil(test * n_samples))
    elif test is not None:
        n_test = test
    if isinstance(train, float):
        n_train = int(np.floor(train * n_samples))
    elif train is not None:
        n_train = train
    if test is None:
        n_test = n_samples - n_train
    if train is None:
        n_train = n_samples - n_test
    if n_train + n_test > n_samples:
        raise ValueError(
            f"The sum of train_size and test_size = {n_train + n_test} should be "
            f"smaller than the number of samples {n_samples}. Reduce test_size "
            "and/or train_size."
        )
    if n_train == 0 or n_test == 0:
        raise ValueError(
            f"With n_samples={n_samples}, test_size={test_size} and "
            f"train_size={train_size}, the resulting train set or test set would "
            "be empty. Adjust any of the aforementioned parameters."
        )
    return n_train, n_test


class MultilabelStratifiedShuffleSplit(BaseCrossValidator):
    """Multi-label stratified random train/test splits.

    Each of the ``n_splits`` splits is drawn by iterative stratification
    (Sechidis et al., 2011) with random tie-breaking, so that train and test
    sets have the label distribution of the whole data set; the set sizes
    are exact. ``order=2`` also stratifies the label pairs (Szymanski and
    Kajdanowicz, 2017). The repair step of :class:`MultilabelStratifiedKFold`
    also tries to put every label with enough positives in both sets (two,
    or three when samples are left out), without warning when it cannot.
    Usable as ``cv=`` anywhere in scikit-learn.

    Parameters
    ----------
    n_splits : int, default=10
        The number of re-shuffling and splitting iterations.

    test_size : float or int, default=None
        The fraction (float in (0, 1)) or number (int) of test samples. None
        gives the complement of ``train_size``, or 0.1 when both are None.

    train_size : float or int, default=None
        The fraction or number of training samples. None gives the
        complement of ``test_size``; when both are set and sum to less than
        the data, the rest of the samples are left out.

    order : {1, 2}, default=1
        1 stratifies each label; 2 also each pair of labels.

    random_state : int, RandomState instance or None, default=None
        Seed of the randomness, for reproducible splits.

    See Also
    --------
    MultilabelStratifiedKFold : Stratified K-fold cross-validation.
    sklearn.model_selection.StratifiedShuffleSplit : The single-label version.

    Examples
    --------
    >>> import numpy as np
    >>> from skmultilabel.model_selection import MultilabelStratifiedShuffleSplit
    >>> Y = np.array([[1, 0]] * 4 + [[0, 1]] * 4 + [[1, 1]] * 4)
    >>> cv = MultilabelStratifiedShuffleSplit(n_splits=3, test_size=0.25,
    ...                                       random_state=0)
    >>> for train, test in cv.split(np.zeros((12, 1)), Y):
    ...     print(len(train), len(test), Y[test].sum(axis=0))
    9 3 [2 2]
    9 3 [2 2]
    9 3 [2 2]
    """

    def __init__(
        self,
        n_splits=10,
        *,
        test_size=None,
        train_size=None,
        order=1,
        random_state=None,
    ):
        self.n_splits = n_splits
        self.test_size = test_size
        self.train_size = train_size
        self.order = order
        self.random_state = random_state

    def split(self, X, y, groups=None):
        """Generate indices to split data into training and test set.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data; only its number of rows is used.

        y : array-like or sparse matrix of shape (n_samples, n_labels)
            The label indicator matrix to stratify on.

        groups : object
            Always ignored, exists for compatibility.

        Yields
        ------
        train : ndarray
            The training set indices for that split.

        test : ndarray
            The testing set indices for that split.
        """
        if not isinstance(self.n_splits, numbers.Integral) or self.n_splits < 1:
            raise ValueError(f"n_splits must be a positive int, got {self.n_splits!r}")
        if self.order not in (1, 2):
            raise ValueError(f"order must be 1 or 2, got {self.order!r}")
        X, y, groups = indexable(X, y, groups)
        n_samples = _num_samples(X)
        n_train, n_test = _split_sizes(n_samples, self.test_size, self.train_size)
        Y = _target_matrix(y, n_samples)
        C = _combination_matrix(Y, self.order)
        rng = check_random_state(self.random_state)
        sizes = np.array([n_train, n_test, n_samples - n_train - n_test])
        if sizes[2] == 0:
            sizes = sizes[:2]
        proportions = sizes / n_samples
        indices = np.arange(n_samples)
        for _ in range(self.n_splits):
            folds = _stratify(C, proportions, sizes, rng)
            _repair(Y, folds, sizes, rng)  # best effort, without warning
            yield indices[folds == 0], indices[folds == 1]

    def get_n_splits(self, X=None, y=None, groups=None):
        """Return the number of splitting iterations in the cross-validator.

        Parameters
        ----------
        X : object
            Always ignored, exists for compatibility.

        y : object
            Always ignored, exists for compatibility.

        groups : object
            Always ignored, exists for compatibility.

        Returns
        -------
        n_splits : int
            The number of splits.
        """
        return self.n_splits
