"""Several labels' binary boosters trained as one multi-class LightGBM booster.

Creating a LightGBM booster copies the binned data into the layout its
histograms are built from (row-major bins, or the sparse features' bins in
row-major order), which is the same work for every label: a fifth of a
label's training time on sparse data with a few hundred features. A
booster with ``num_class = K`` and a custom objective trains K tree
sequences that do not interact, so K labels can share one booster and pay
for that copy once.

To train the same trees as K binary boosters, the custom objective
reproduces LightGBM's binary log-loss (``BinaryLogloss``) step for step:
the same starting score (``boost_from_average``), the same gradients in
double precision rounded to float, and the same sample and class weights.
The multi-class model is then split into K binary models: the first tree
of each takes the starting score into its leaves (``Tree::AddBias``), and
the trees a binary booster would have dropped (those without a split after
the first iteration) are left out. The split models have the trees and
predictions of the binary boosters, bit for bit (see
``tests/test_lightgbm.py``), but for the internal node values of each
label's first tree: LightGBM writes them to 6 significant digits, so the
starting score added to the written values may change their last digit
(they are not used to predict).

Only plain gradient boosting without bagging, column sampling or early
stopping gives the same trees this way (the random draws of those are
made per booster); the estimator uses one booster per label otherwise.
"""

import ctypes
import math

import lightgbm as lgb
import numpy as np

try:
    # LightGBM's handle on its C library, which its Python package keeps
    # private: the groups need two calls that the Booster class does not
    # offer (the scores and the update with gradients into given buffers).
    from lightgbm.basic import _LIB, _safe_call
except ImportError:  # a LightGBM that moved them: labels train one by one
    _LIB = _safe_call = None


def groups_available():
    """Whether this LightGBM lets labels train in groups."""
    return _LIB is not None

# LightGBM's kEpsilon and kZeroThreshold are float literals (1e-15f, 1e-35f).
_K_EPSILON = float(np.float32(1e-15))
_K_ZERO_THRESHOLD = float(np.float32(1e-35))
_C_API_DTYPE_FLOAT64 = 1

# Bytes per row and label that a group keeps while it trains: LightGBM's
# scores (8), their copy read by the objective (8, which also holds the
# float gradients), the float Hessians (4) and the label's sign (1).
GROUP_BYTES_PER_ROW_AND_LABEL = 21

# Rows per block of the gradient computation: its temporaries (three
# blocks of doubles) stay small and in cache.
_BLOCK_ROWS = 8192


def _boost_from_average(y, weight):
    """The starting score of LightGBM's binary log-loss, as it computes it.

    ``BinaryLogloss::BoostFromScore`` on one thread: the (weighted) share of
    positives, summed in order in double precision, clipped to
    ``[kEpsilon, 1 - kEpsilon]``, as log-odds. Returns 0 where LightGBM
    skips the starting score (log-odds within ``kEpsilon`` of 0).
    """
    if weight is None:
        suml = float(np.count_nonzero(y))
        sumw = float(y.shape[0])
    else:
        w = weight.astype(np.float64)
        # np.cumsum adds in order, as LightGBM's loop does (np.sum would not)
        sumw = float(np.cumsum(w)[-1])
        suml = float(np.cumsum(np.where(y > 0, w, 0.0))[-1])
    pavg = max(min(suml / sumw, 1.0 - _K_EPSILON), _K_EPSILON)
    init = math.log(pavg / (1.0 - pavg))
    return init if abs(init) > _K_EPSILON else 0.0


def _set_init_score(dataset, score, n_values):
    """Set (or with ``score=None`` clear) a constructed Dataset's init_score.

    Through the C API: ``Dataset.set_init_score`` would also copy the scores
    back into Python and bump the Dataset's version, which makes the
    Python boosters of other workers on the same Dataset reset their
    training data.
    """
    ptr = None if score is None else score.ctypes.data_as(ctypes.c_void_p)
    _safe_call(_LIB.LGBM_DatasetSetField(
        dataset._handle, ctypes.c_char_p(b"init_score"), ptr,
        ctypes.c_int(n_values if score is not None else 0),
        ctypes.c_int(_C_API_DTYPE_FLOAT64),
    ))


class LabelGroupBooster:
    """Train the binary boosters of a group of labels on one booster.

    Parameters
    ----------
    train_set : lightgbm.Dataset
        The constructed binned rows; it may be shared with other groups
        training at the same time (its labels and weights are not read).
    params : dict
        LightGBM parameters of the binary boosters (without ``objective``).
    targets : list of ndarray
        Each label's 0/1 training column.
    weights : list of ndarray or None
        Each label's sample weights (float32, as LightGBM stores them), or
        None for unweighted.
    scale_pos_weight : list of float
        Each label's weight of its positive rows.
    lock : threading.Lock
        Held while the booster is created: the starting scores are passed
        through the shared ``train_set``.
    """

    def __init__(self, train_set, params, targets, weights, scale_pos_weight, lock):
        n = train_set.num_data()
        K = len(targets)
        self.n_labels = K
        self.init = np.array([
            _boost_from_average(y, w) for y, w in zip(targets, weights, strict=True)
        ])
        self.sign = np.empty((K, n), dtype=np.int8)
        for k, y in enumerate(targets):
            self.sign[k] = np.where(np.asarray(y) > 0, 1, -1)
        self.weights = list(weights)
        self.scale_pos_weight = list(scale_pos_weight)
        # the scores, read every round; their first half holds the float
        # gradients passed back (class k's gradients overwrite scores of
        # classes up to k, which have been read by then)
        self.score = np.empty(K * n)
        self.hess = np.empty(K * n, dtype=np.float32)
        self._tmp = np.empty((3, min(n, _BLOCK_ROWS)))
        self.score.reshape(K, n)[:] = self.init[:, None]
        with lock:
            _set_init_score(train_set, self.score, K * n)
            try:
                self.booster = lgb.Booster(
                    dict(params, objective="none", metric="None", num_class=K),
                    train_set,
                )
            finally:
                _set_init_score(train_set, None, 0)
        self.n = n
        self.finished = False

    def _gradients(self):
        """BinaryLogloss::GetGradients for every label of the group.

        Row block by row block, so that the temporaries are small (and stay
        in cache) whatever the number of rows.
        """
        n, K = self.n, self.n_labels
        S = self.score.reshape(K, n)
        G = self.score.view(np.float32)[: K * n].reshape(K, n)
        H = self.hess.reshape(K, n)
        # exp overflows to inf (label * score > 709) as LightGBM's does,
        # which makes the response -0.0 or 0.0 as there
        with np.errstate(over="ignore"):
            self._gradients_into(S, G, H)

    def _gradients_into(self, S, G, H):
        n, K = self.n, self.n_labels
        for k in range(K):
            spw = self.scale_pos_weight[k]
            weight = self.weights[k]
            for start in range(0, n, _BLOCK_ROWS):
                block = slice(start, min(start + _BLOCK_ROWS, n))
                m = block.stop - block.start
                t, r, u = self._tmp[:, :m]
                sign = self.sign[k, block]
                # response = -label / (1 + exp(label * score)), label = +-1
                np.multiply(sign, S[k, block], out=t)
                np.exp(t, out=t)
                t += 1.0
                np.divide(sign, t, out=r)
                np.negative(r, out=r)
                # hessian = |response| * (1 - |response|)
                np.abs(r, out=t)
                np.subtract(1.0, t, out=u)
                u *= t
                # times the label weight (scale_pos_weight on positive
                # rows), then the sample weight, in LightGBM's order
                if spw != 1.0:
                    positive = sign > 0
                    np.multiply(r, spw, out=r, where=positive)
                    np.multiply(u, spw, out=u, where=positive)
                if weight is not None:
                    r *= weight[block]
                    u *= weight[block]
                G[k, block] = r
                H[k, block] = u

    def train(self, n_rounds):
        """Boost ``n_rounds`` more rounds, or until a round has no split.

        Once every label's tree of a round had no split, without random
        draws every later round would be the same: the booster is then
        finished, and further calls train nothing.
        """
        handle = self.booster._handle
        out_len = ctypes.c_int64(0)
        finished = ctypes.c_int(0)
        score_ptr = self.score.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
        grad_ptr = self.score.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        hess_ptr = self.hess.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        for _ in range(n_rounds):
            if self.finished:
                break
            _safe_call(_LIB.LGBM_BoosterGetPredict(
                handle, ctypes.c_int(0), ctypes.byref(out_len), score_ptr
            ))
            self._gradients()
            _safe_call(_LIB.LGBM_BoosterUpdateOneIterCustom(
                handle, grad_ptr, hess_ptr, ctypes.byref(finished)
            ))
            self.finished = bool(finished.value)
        return self

    def packed_models(self, new_packer, chunk=10):
        """Each label's binary model string, packed; frees the booster.

        ``new_packer()`` returns a compressor (``compress`` and ``flush``,
        as ``zlib.compressobj``). The model is read ``chunk`` rounds at a
        time and each label's part goes straight into its compressor, so
        that the text of all the group's trees is never held at once.
        """
        self.score = self.hess = self._tmp = self.sign = None
        booster = self.booster
        del self.booster
        n_rounds = booster.num_trees() // self.n_labels
        splitter = _ModelSplitter(self.init, self.scale_pos_weight, new_packer)
        for start in range(0, max(n_rounds, 1), chunk):
            splitter.feed(booster.model_to_string(
                start_iteration=start, num_iteration=chunk
            ))
        booster.free_dataset()
        del booster
        return splitter.packed()


def _format_values(values, high_precision):
    fmt = "%.17g" if high_precision else "%g"
    return " ".join(fmt % v for v in values)


def _add_bias(body, bias):
    """``Tree::AddBias`` on a tree's text: the starting score into its leaves."""
    lines = body.split("\n")
    for i, line in enumerate(lines):
        key, sep, value = line.partition("=")
        if not sep or key not in ("leaf_value", "internal_value", "shrinkage"):
            continue
        if key == "shrinkage":
            lines[i] = "shrinkage=1"
            continue
        if not value:
            continue
        shifted = [float(v) + bias for v in value.split(" ")]
        shifted = [v if abs(v) > _K_ZERO_THRESHOLD else 0.0 for v in shifted]
        lines[i] = key + "=" + _format_values(shifted, key == "leaf_value")
    return "\n".join(lines)


def _num_leaves(body):
    start = body.index("num_leaves=") + len("num_leaves=")
    return int(body[start:body.index("\n", start)])


def _header_and_trees(model):
    """A model string's header lines, tree bodies (without "Tree=i"),
    parameter lines and what follows them (the pandas categories)."""
    head, _, rest = model.partition("\n\n")
    header = head.split("\n")
    sizes = next(
        [int(v) for v in line[len("tree_sizes="):].split(" ") if v]
        for line in header if line.startswith("tree_sizes=")
    )
    trees, pos = [], 0
    for size in sizes:
        block = rest[pos:pos + size]
        pos += size
        trees.append(block[block.index("\n") + 1:])
    tail = rest[pos:]
    params_end = tail.index("end of parameters")
    params = tail[tail.index("parameters:\n") + len("parameters:\n"):params_end]
    return header, trees, params.split("\n"), tail[params_end:]


def _binary_header(header):
    """The header of a ``num_class = K`` custom model, for one binary model.

    ``tree_sizes`` is left out: LightGBM reads the trees in order without
    it, and writes it again when the loaded model is saved.
    """
    out = []
    for line in header:
        if line.startswith("num_class="):
            line = "num_class=1"
        elif line.startswith("num_tree_per_iteration="):
            line = "num_tree_per_iteration=1"
        elif line.startswith(("objective=", "tree_sizes=")):
            continue
        out.append(line)
        if line.startswith("max_feature_idx="):
            out.append("objective=binary sigmoid:1")
    return "\n".join(out) + "\n\n"


def _binary_parameters(params, scale_pos_weight):
    """The parameters section of a binary booster with these parameters."""
    replace = {
        "objective": "binary",
        "metric": "binary_logloss",
        "num_class": "1",
        "scale_pos_weight": f"{scale_pos_weight:g}",
    }
    out = []
    for line in params:
        key = line[1:].partition(":")[0]
        out.append(f"[{key}: {replace[key]}]" if key in replace else line)
    return "\n".join(out)


class _ModelSplitter:
    """Split the text of a ``num_class = K`` model into K binary models.

    Class ``k``'s trees become a binary model (``objective=binary``) whose
    first tree holds the starting score ``init[k]``, as LightGBM's binary
    booster writes it. Trees without a split after the first round are
    left out: a binary booster drops them (its score did not move), and so
    did the multi-class booster's score. The model text is fed in parts
    of whole rounds (:meth:`feed`), each part a model string of its own.
    """

    def __init__(self, init, scale_pos_weight, new_packer):
        self.init = init
        self.scale_pos_weight = scale_pos_weight
        self.packers = [new_packer() for _ in init]
        self.parts = [[] for _ in init]
        self.n_trees = [0] * len(init)
        self.params = self.ending = None

    def _write(self, k, text):
        self.parts[k].append(self.packers[k].compress(text.encode()))

    def feed(self, model):
        header, trees, params, ending = _header_and_trees(model)
        K = len(self.init)
        if self.params is None:
            self.params, self.ending = params, ending
            binary_header = _binary_header(header)
            for k in range(K):
                self._write(k, binary_header)
        for i, body in enumerate(trees):
            k = i % K
            if self.n_trees[k] == 0:
                if self.init[k] != 0.0:
                    body = _add_bias(body, self.init[k])
            elif _num_leaves(body) == 1:
                continue
            self._write(k, f"Tree={self.n_trees[k]}\n{body}")
            self.n_trees[k] += 1

    def packed(self):
        """The packed binary model string of every class."""
        out = []
        for k, packer in enumerate(self.packers):
            self._write(k, "end of trees\n\nparameters:\n" + _binary_parameters(
                self.params, self.scale_pos_weight[k]
            ) + self.ending)
            self.parts[k].append(packer.flush())
            out.append(b"".join(self.parts[k]))
        return out
