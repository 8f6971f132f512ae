"""A small, strict reader of multi-label ARFF files (MULAN and MEKA layouts).

The reader is written for the multi-label case: it knows which attributes are
labels, returns the features as a dense array or a CSR matrix (a sparse file
is never densified) and the labels as a 0/1 indicator matrix, and reports
every malformed line by its number.
"""

import gzip
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.utils import Bunch

__all__ = ["load_arff"]

_NUMERIC_TYPES = {"numeric", "real", "integer"}
_UNSUPPORTED_TYPES = {"string", "date", "relational"}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "%": "%"}
_MEKA_C = re.compile(r"-C\s+(-?\d+)")
_SPARSE_ENTRY = re.compile(r"\s*\d+\s+[^\s,]+\s*")
_SPARSE_ROW = re.compile(r"\s*\d+\s+[^\s,]+\s*(?:,\s*\d+\s+[^\s,]+\s*)*")


class _Attribute:
    __slots__ = ("name", "values", "lineno")

    def __init__(self, name, values, lineno):
        self.name = name
        self.values = values  # None for numeric, tuple of str for nominal
        self.lineno = lineno

    @property
    def is_nominal(self):
        return self.values is not None


def _error(path, lineno, message):
    return ValueError(f"{path}, line {lineno}: {message}")


def _read_quoted(text, start, path, lineno):
    """Read a quoted token starting at ``text[start]``; return (value, end)."""
    quote = text[start]
    out = []
    i = start + 1
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n:
            nxt = text[i + 1]
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        if c == quote:
            return "".join(out), i + 1
        out.append(c)
        i += 1
    raise _error(path, lineno, f"unterminated quoted string: {text[start:]!r}")


def _split_list(text, path, lineno, sep=","):
    """Split ``text`` on ``sep`` outside quotes, unquoting quoted items."""
    if "'" not in text and '"' not in text:
        return [item.strip() for item in text.split(sep)]
    items = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] in "'\"":
            value, i = _read_quoted(text, i, path, lineno)
            while i < n and text[i] in " \t":
                i += 1
            if i < n and text[i] != sep:
                raise _error(
                    path, lineno, f"unexpected text after a quoted value: {text[i:]!r}"
                )
        else:
            j = text.find(sep, i)
            j = n if j < 0 else j
            value = text[i:j].strip()
            i = j
        items.append(value)
        if i >= n:
            return items
        i += 1  # skip the separator


def _parse_attribute(rest, path, lineno):
    """Parse what follows ``@attribute``: a name and a type."""
    rest = rest.strip()
    if not rest:
        raise _error(path, lineno, "@attribute without a name")
    if rest[0] in "'\"":
        name, end = _read_quoted(rest, 0, path, lineno)
    else:
        match = re.match(r"[^\s{]+", rest)
        name, end = match.group(0), match.end()
    kind = rest[end:].strip()
    if not kind:
        raise _error(path, lineno, f"@attribute {name!r} has no type")
    low = kind.lower()
    if low.startswith("{"):
        if not kind.endswith("}"):
            raise _error(
                path, lineno, f"nominal attribute {name!r} lacks a closing brace"
            )
        inner = kind[1:-1].strip()
        values = tuple(_split_list(inner, path, lineno)) if inner else ()
        if not values or any(v == "" for v in values):
            raise _error(
                path, lineno, f"nominal attribute {name!r} has an empty value list"
            )
        if len(set(values)) != len(values):
            raise _error(path, lineno, f"nominal attribute {name!r} repeats a value")
        return _Attribute(name, values, lineno)
    word = low.split()[0]
    if word in _NUMERIC_TYPES:
        return _Attribute(name, None, lineno)
    if word in _UNSUPPORTED_TYPES:
        raise _error(
            path,
            lineno,
            f"attribute {name!r} is of type {word!r}; only numeric and nominal "
            "attributes are supported",
        )
    raise _error(path, lineno, f"attribute {name!r} has an unknown type {kind!r}")


def _open_text(path):
    path = os.fspath(path)
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as handle:
        raw = handle.read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _parse_header(lines, path):
    """Return (relation, attributes, index of the first data line)."""
    relation = None
    attributes = []
    for i, line in enumerate(lines):
        lineno = i + 1
        stripped = line.strip()
        if not stripped or stripped.startswith("%"):
            continue
        keyword = stripped.split(None, 1)[0].lower()
        if keyword == "@relation":
            if relation is not None or attributes:
                raise _error(
                    path, lineno, "@relation must come once, before @attribute"
                )
            rest = stripped[len("@relation") :].strip()
            if rest[:1] in ("'", '"'):
                relation, _ = _read_quoted(rest, 0, path, lineno)
            else:
                relation = rest
        elif keyword == "@attribute":
            attributes.append(
                _parse_attribute(stripped[len("@attribute") :], path, lineno)
            )
        elif keyword == "@data":
            if not attributes:
                raise _error(path, lineno, "@data before any @attribute")
            return relation, attributes, i + 1
        else:
            raise _error(
                path,
                lineno,
                f"bad header line {stripped[:60]!r}: expected @relation, "
                "@attribute, @data or a % comment",
            )
    raise ValueError(f"{path}: no @data section found (bad header)")


def _tokenize_rows(lines, first, n_attrs, path):
    """Turn the data lines into COO-style entries.

    Returns ``(row_lines, rows, cols, tokens, is_sparse)``: the line number of
    each data row, and for each stored value its row, its attribute index and
    its text. Omitted values of sparse rows are not stored.
    """
    row_lines = []
    dense_lines, dense_rows = [], []
    sparse_bodies, sparse_rows = [], []
    slow = []  # (row, lineno, text, is_sparse): lines with quotes
    n_rows = 0
    saw_sparse = False
    for i in range(first, len(lines)):
        text = lines[i].strip()
        if not text or text.startswith("%"):
            continue
        lineno = i + 1
        if text.startswith("{"):
            if not text.endswith("}") or text.count("{") != 1 or text.count("}") != 1:
                raise _error(
                    path,
                    lineno,
                    "sparse row must end with '}' (instance weights are not supported)",
                )
            body = text[1:-1]
            saw_sparse = True
            if "'" in body or '"' in body:
                slow.append((n_rows, lineno, body, True))
            elif body.strip():
                sparse_bodies.append(body)
                sparse_rows.append(n_rows)
        else:
            if text.startswith("@"):
                raise _error(
                    path, lineno, f"header keyword in the data section: {text[:40]!r}"
                )
            if "'" in text or '"' in text:
                slow.append((n_rows, lineno, text, False))
            else:
                if text.count(",") + 1 != n_attrs:
                    raise _error(
                        path,
                        lineno,
                        f"row has {text.count(',') + 1} values, expected {n_attrs}",
                    )
                dense_lines.append(text)
                dense_rows.append(n_rows)
        row_lines.append(lineno)
        n_rows += 1
    row_lines = np.asarray(row_lines, dtype=np.int64)

    parts_rows, parts_cols, parts_tokens = [], [], []
    if dense_lines:
        tokens = ",".join(dense_lines).split(",")
        parts_tokens.append(np.array([t.strip() for t in tokens], dtype=str))
        parts_rows.append(np.repeat(np.asarray(dense_rows, dtype=np.int64), n_attrs))
        parts_cols.append(np.tile(np.arange(n_attrs, dtype=np.int64), len(dense_lines)))
    if sparse_bodies:
        for body, row in zip(sparse_bodies, sparse_rows, strict=True):
            if _SPARSE_ROW.fullmatch(body) is None:
                for entry in body.split(","):
                    if _SPARSE_ENTRY.fullmatch(entry) is None:
                        raise _error(
                            path,
                            row_lines[row],
                            f"sparse entry {entry.strip()!r} is not 'index value'",
                        )
        counts = np.fromiter((b.count(",") + 1 for b in sparse_bodies), dtype=np.int64)
        flat = ",".join(sparse_bodies).replace(",", " ").split()
        idx_text = np.array(flat[0::2], dtype=str)
        try:
            cols = idx_text.astype(np.int64)
        except ValueError:
            cols = None
        if cols is None or (cols < 0).any() or (cols >= n_attrs).any():
            entry_rows = np.repeat(np.asarray(sparse_rows), counts)
            for k, t in enumerate(idx_text):
                if not t.isdigit() or int(t) >= n_attrs:
                    raise _error(
                        path,
                        row_lines[entry_rows[k]],
                        f"sparse index {str(t)!r} is not an attribute index in "
                        f"0..{n_attrs - 1}",
                    )
        parts_cols.append(cols)
        parts_rows.append(np.repeat(np.asarray(sparse_rows, dtype=np.int64), counts))
        parts_tokens.append(np.array(flat[1::2], dtype=str))
    for row, lineno, text, is_sparse in slow:
        if is_sparse:
            entries = _split_list(text, path, lineno) if text.strip() else []
            cols, toks = [], []
            for entry in entries:
                pieces = entry.split(None, 1)
                if len(pieces) != 2 or not pieces[0].isdigit():
                    raise _error(
                        path, lineno, f"sparse entry {entry!r} is not 'index value'"
                    )
                col = int(pieces[0])
                if col >= n_attrs:
                    raise _error(
                        path, lineno, f"sparse index {col} is not an attribute index"
                    )
                value = pieces[1].strip()
                if value[:1] in ("'", '"'):
                    value, _ = _read_quoted(value, 0, path, lineno)
                cols.append(col)
                toks.append(value)
        else:
            toks = _split_list(text, path, lineno)
            if len(toks) != n_attrs:
                raise _error(
                    path, lineno, f"row has {len(toks)} values, expected {n_attrs}"
                )
            cols = list(range(n_attrs))
        parts_rows.append(np.full(len(cols), row, dtype=np.int64))
        parts_cols.append(np.asarray(cols, dtype=np.int64))
        parts_tokens.append(
            np.asarray(toks, dtype=str) if toks else np.array([], dtype=str)
        )

    if parts_rows:
        rows = np.concatenate(parts_rows)
        cols = np.concatenate(parts_cols)
        tokens = np.concatenate(parts_tokens)
    else:
        rows = np.zeros(0, dtype=np.int64)
        cols = np.zeros(0, dtype=np.int64)
        tokens = np.zeros(0, dtype=str)
    return row_lines, rows, cols, tokens, saw_sparse


def _convert(attributes, rows, cols, tokens, row_lines, path, is_label):
    """Convert the tokens to float values (ordinal codes for nominal features)."""
    values = np.empty(len(tokens), dtype=np.float64)
    kinds = {}
    for j, attr in enumerate(attributes):
        key = ("label" if is_label[j] else "feature", attr.values)
        kinds.setdefault(key, []).append(j)
    group_of = np.empty(len(attributes), dtype=np.int64)
    keys = list(kinds)
    for g, key in enumerate(keys):
        group_of[kinds[key]] = g
    entry_group = group_of[cols]
    for g, (role, declared) in enumerate(keys):
        mask = entry_group == g
        if not mask.any():
            continue
        tok = tokens[mask]
        where = np.flatnonzero(mask)

        def fail(k, message, where=where):
            e = where[k]
            return _error(path, row_lines[rows[e]], message(attributes[cols[e]].name))

        if role == "label":
            if declared is None:
                ok = (tok == "0") | (tok == "1") | (tok == "0.0") | (tok == "1.0")
                if not ok.all():
                    k = int(np.flatnonzero(~ok)[0])
                    raise fail(
                        k,
                        lambda n, t=str(tok[k]): (
                            f"label {n!r} has value {t!r}, not 0 or 1"
                        ),
                    )
                values[mask] = tok.astype(np.float64)
            else:
                out = np.full(len(tok), np.nan)
                for v in declared:
                    out[tok == v] = float(v)
                if np.isnan(out).any():
                    k = int(np.flatnonzero(np.isnan(out))[0])
                    raise fail(
                        k,
                        lambda n, t=str(tok[k]): (
                            f"label {n!r} has value {t!r}, not 0 or 1"
                        ),
                    )
                values[mask] = out
        elif declared is None:
            missing = tok == "?"
            num = np.where(missing, "nan", tok)
            try:
                out = num.astype(np.float64)
            except ValueError:
                for k, t in enumerate(num):
                    try:
                        float(t)
                    except ValueError:
                        raise fail(
                            k,
                            lambda n, t=str(t): (
                                f"numeric attribute {n!r} has value {t!r}"
                            ),
                        ) from None
                raise  # pragma: no cover
            if not np.isfinite(out[~missing]).all():  # 'nan', 'inf' as text
                k = int(np.flatnonzero(~np.isfinite(out) & ~missing)[0])
                raise fail(
                    k,
                    lambda n, t=str(tok[k]): f"numeric attribute {n!r} has value {t!r}",
                )
            values[mask] = out
        else:
            out = np.full(len(tok), -1.0)
            for code, v in enumerate(declared):
                out[tok == v] = code
            out[tok == "?"] = np.nan
            if (out == -1).any():
                k = int(np.flatnonzero(out == -1)[0])
                raise fail(
                    k,
                    lambda n, t=str(tok[k]), d=declared: (
                        f"nominal attribute {n!r} has value {t!r}, "
                        f"not one of {{{', '.join(d)}}}"
                    ),
                )
            values[mask] = out
    return values


def _dense_fast(lines, first, attributes, is_label):
    """The data of an all-dense, quote-free file as one float array, or None.

    None sends the file to the general path, which also finds and reports
    the offending line of a malformed file.
    """
    n_attrs = len(attributes)
    data_lines, row_lines = [], []
    for i in range(first, len(lines)):
        text = lines[i].strip()
        if not text or text[0] == "%":
            continue
        if text[0] in "{@" or "'" in text or '"' in text:
            return None
        if text.count(",") != n_attrs - 1:
            return None
        data_lines.append(text)
        row_lines.append(i + 1)
    tokens = ",".join(data_lines).split(",")
    try:
        values = np.array(tokens, dtype=np.float64)
    except ValueError:  # '?' or nominal text: the general path
        return None
    if not np.isfinite(values).all():  # 'nan', 'inf': the general path's error
        return None
    values = values.reshape(len(data_lines), n_attrs)
    for j, attr in enumerate(attributes):
        if not attr.is_nominal and not is_label[j]:
            continue
        if attr.is_nominal:
            column = np.array([t.strip() for t in tokens[j::n_attrs]], dtype=str)
            codes = np.full(len(column), -1, dtype=np.int64)
            for code, v in enumerate(attr.values):
                codes[column == v] = code
            if (codes < 0).any():
                return None
            if is_label[j]:
                values[:, j] = np.asarray(attr.values, dtype=np.float64)[codes]
            else:
                values[:, j] = codes
        elif not np.isin(values[:, j], (0.0, 1.0)).all():
            return None
    return np.asarray(row_lines, dtype=np.int64), values


def _read_label_xml(xml_path):
    """Return the label names listed in a MULAN label file, in file order."""
    try:
        tree = ET.parse(xml_path)
    except ET.ParseError as exc:
        raise ValueError(
            f"{xml_path}: not a valid MULAN label XML file: {exc}"
        ) from None
    names = [
        el.attrib["name"]
        for el in tree.iter()
        if el.tag.rsplit("}", 1)[-1] == "label" and "name" in el.attrib
    ]
    if not names:
        raise ValueError(f"{xml_path}: holds no <label name=...> element")
    return names


def _companion_xml(path):
    """The MULAN label file next to ``path``: X.xml for X.arff / X-train.arff."""
    path = Path(path)
    stem = path.name
    for suffix in (".gz", ".arff"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    candidates = [stem]
    for part in ("-train", "-test", ".orig"):
        if stem.endswith(part):
            candidates.append(stem[: -len(part)])
    for cand in candidates:
        xml_path = path.with_name(cand + ".xml")
        if xml_path.is_file():
            return xml_path
    return None


def _label_mask(attributes, relation, path, label_names, n_labels, label_location, xml):
    """Decide which attributes are labels; returns (mask, how) ."""
    names = [a.name for a in attributes]
    n_attrs = len(attributes)
    if label_names is None and xml is not None:
        label_names = _read_label_xml(xml)
        source = f"the label file {os.fspath(xml)}"
    else:
        source = "label_names"
    if label_names is not None:
        label_names = list(label_names)
        position = {name: j for j, name in enumerate(names)}
        missing = [n for n in label_names if n not in position]
        if missing:
            shown = ", ".join(repr(m) for m in missing[:5])
            raise ValueError(
                f"{path}: {len(missing)} label(s) named in {source} are not "
                f"attributes of the ARFF file: {shown}"
            )
        if len(set(label_names)) != len(label_names):
            raise ValueError(f"{path}: {source} names a label twice")
        mask = np.zeros(n_attrs, dtype=bool)
        mask[[position[n] for n in label_names]] = True
        return mask
    if n_labels is None:
        match = _MEKA_C.search(relation or "")
        if match is None:
            raise ValueError(
                f"{path}: cannot tell which attributes are labels. Pass xml= "
                "(the MULAN label file), label_names= or n_labels=; no "
                "companion .xml file was found and the @relation line has no "
                "MEKA '-C L' option."
            )
        c = int(match.group(1))
        n_labels = abs(c)
        label_location = "start" if c > 0 else "end"
    if not 0 < n_labels < n_attrs:
        raise ValueError(
            f"{path}: n_labels={n_labels} must be in 1..{n_attrs - 1} (the file "
            f"has {n_attrs} attributes)"
        )
    mask = np.zeros(n_attrs, dtype=bool)
    if label_location == "start":
        mask[:n_labels] = True
    else:
        mask[n_attrs - n_labels :] = True
    return mask


def load_arff(
    path,
    *,
    label_names=None,
    n_labels=None,
    label_location="end",
    xml=None,
    sparse=None,
    as_frame=False,
):
    """Load a multi-label ARFF file (MULAN or MEKA layout).

    Dense rows (``v1,v2,...``) and Weka sparse rows (``{index value, ...}``,
    0-based indices, omitted values are 0) are read; a sparse file is parsed
    straight into a CSR matrix, never through a dense one. Numeric
    attributes give floats (``?`` gives NaN); **nominal features are
    ordinal-encoded**: a value becomes its position in the declared list
    (``{a,b,c}`` gives 0, 1, 2), which keeps the sparse convention that an
    omitted value is the first one. The declared categories are returned in
    ``feature_categories`` so that they can be one-hot encoded with
    :class:`sklearn.preprocessing.OneHotEncoder`. Label attributes must hold
    0 and 1 only.

    Which attributes are labels is decided by the first of these that
    applies:

    1. ``label_names``, or the MULAN label file ``xml``: the attributes of
       those names (the label file wins over a ``-C`` option in
       ``@relation``, which may be stale);
    2. ``n_labels``: that many attributes at ``label_location``;
    3. the companion MULAN label file next to ``path`` (``X.xml`` for
       ``X.arff``, ``X-train.arff`` and ``X-test.arff``);
    4. MEKA's ``-C L`` in the ``@relation`` line: the first ``L`` attributes
       when ``L > 0``, the last ``-L`` when ``L < 0``.

    The label columns keep the ARFF column order, whatever the order of
    ``label_names`` or of the label file.

    Parameters
    ----------
    path : str or path-like
        The ARFF file (``.arff`` or gzip-compressed ``.arff.gz``).

    label_names : list of str, default=None
        The names of the label attributes.

    n_labels : int, default=None
        The number of label attributes, found at ``label_location``.

    label_location : {"end", "start"}, default="end"
        Where the ``n_labels`` labels are: the last attributes (MULAN) or the
        first ones (MEKA). Only used with ``n_labels``.

    xml : str or path-like, default=None
        A MULAN label file (``<labels><label name="..."/>...</labels>``,
        nested labels of a hierarchy included).

    sparse : bool, default=None
        Whether ``data`` is a CSR matrix. None gives CSR for a file with
        sparse rows and an ndarray for a dense file.

    as_frame : bool, default=False
        Whether to also return ``frame``, a pandas DataFrame of features and
        labels (sparse columns for sparse data); ``data`` and ``target`` are
        then DataFrames too. Requires pandas.

    Returns
    -------
    bunch : :class:`~sklearn.utils.Bunch`
        With the attributes

        - ``data``: ndarray or CSR matrix of shape (n_samples, n_features),
          float64;
        - ``target``: ndarray of shape (n_samples, n_labels), int64 0/1;
        - ``feature_names``, ``target_names``: ndarrays of str;
        - ``feature_categories``: dict mapping each nominal feature name to
          its declared values (the code of a value is its position);
        - ``relation``: the ``@relation`` name;
        - ``frame``: only with ``as_frame=True``.

    Raises
    ------
    ValueError
        If the file is malformed: a bad header line, a row with the wrong
        number of values, a label value other than 0 or 1 (or missing), a
        value that is not declared for a nominal attribute, a non-numeric
        value for a numeric attribute, a bad sparse entry. The message gives
        the line number. Also when the labels cannot be determined.

    Examples
    --------
    >>> import tempfile, os
    >>> from skmultilabel.datasets import load_arff
    >>> text = '''@relation 'toy: -C 2'
    ... @attribute sunset {0,1}
    ... @attribute beach {0,1}
    ... @attribute 'red level' numeric
    ... @attribute sky {clear,cloudy}
    ... @data
    ... 1,0,0.5,cloudy
    ... 0,0,0.1,clear
    ... '''
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = os.path.join(tmp, "toy.arff")
    ...     with open(path, "w") as f:
    ...         _ = f.write(text)
    ...     toy = load_arff(path)  # MEKA: -C 2, the first two are labels
    >>> toy.target
    array([[1, 0],
           [0, 0]])
    >>> toy.data
    array([[0.5, 1. ],
           [0.1, 0. ]])
    >>> list(toy.feature_names), toy.feature_categories
    (['red level', 'sky'], {'sky': ('clear', 'cloudy')})
    """
    if label_location not in ("end", "start"):
        raise ValueError(
            f"label_location must be 'end' or 'start', got {label_location!r}"
        )
    if label_names is not None and xml is not None:
        raise ValueError("Pass either label_names or xml, not both.")
    if n_labels is not None and (label_names is not None or xml is not None):
        raise ValueError("n_labels cannot be combined with label_names or xml.")
    if n_labels is not None and (
        isinstance(n_labels, bool) or not isinstance(n_labels, int | np.integer)
    ):
        raise TypeError(f"n_labels must be an int, got {n_labels!r}")
    path_str = os.fspath(path)
    text = _open_text(path_str)
    lines = text.splitlines()
    relation, attributes, first = _parse_header(lines, path_str)
    names = [a.name for a in attributes]
    if len(set(names)) != len(names):
        seen = set()
        for a in attributes:
            if a.name in seen:
                raise _error(path_str, a.lineno, f"attribute name {a.name!r} repeats")
            seen.add(a.name)
    if label_names is None and xml is None and n_labels is None:
        xml = _companion_xml(path_str)
    is_label = _label_mask(
        attributes, relation, path_str, label_names, n_labels, label_location, xml
    )
    for j in np.flatnonzero(is_label):
        attr = attributes[j]
        if attr.is_nominal and not set(attr.values) <= {"0", "1"}:
            raise _error(
                path_str,
                attr.lineno,
                f"label attribute {attr.name!r} must be declared {{0,1}}, got "
                f"{{{','.join(attr.values)}}}",
            )
    n_attrs = len(attributes)
    label_idx = np.flatnonzero(is_label)
    feat_idx = np.flatnonzero(~is_label)
    fast = _dense_fast(lines, first, attributes, is_label)
    if fast is not None:
        del lines, text
        _, values = fast
        target = values[:, label_idx].astype(np.int64)
        data = np.ascontiguousarray(values[:, feat_idx])
        del values
        if sparse:
            data = sp.csr_matrix(data)
        return _finish(
            data, target, attributes, feat_idx, label_idx, relation, as_frame
        )
    row_lines, rows, cols, tokens, file_sparse = _tokenize_rows(
        lines, first, n_attrs, path_str
    )
    del lines, text
    n_samples = len(row_lines)
    values = _convert(attributes, rows, cols, tokens, row_lines, path_str, is_label)
    del tokens

    # Sparse rows: an omitted label is the first declared value.
    new_pos = np.empty(n_attrs, dtype=np.int64)
    new_pos[label_idx] = np.arange(len(label_idx))
    new_pos[feat_idx] = np.arange(len(feat_idx))
    entry_is_label = is_label[cols]

    target = np.zeros((n_samples, len(label_idx)), dtype=np.int64)
    if file_sparse:
        for k, j in enumerate(label_idx):
            declared = attributes[j].values
            if declared is not None and declared[0] == "1":
                target[:, k] = 1  # omitted value of a {1,0} label
    target[rows[entry_is_label], new_pos[cols[entry_is_label]]] = values[
        entry_is_label
    ].astype(np.int64)

    fmask = ~entry_is_label
    f_rows, f_cols, f_vals = rows[fmask], new_pos[cols[fmask]], values[fmask]
    del rows, cols, values
    want_sparse = file_sparse if sparse is None else bool(sparse)
    shape = (n_samples, len(feat_idx))
    if want_sparse:
        nz = f_vals != 0
        data = sp.csr_matrix(
            (f_vals[nz], (f_rows[nz], f_cols[nz])), shape=shape, dtype=np.float64
        )
        data.sum_duplicates()
        data.sort_indices()
    else:
        data = np.zeros(shape, dtype=np.float64)
        data[f_rows, f_cols] = f_vals
    return _finish(data, target, attributes, feat_idx, label_idx, relation, as_frame)


def _finish(data, target, attributes, feat_idx, label_idx, relation, as_frame):
    feature_names = np.array([attributes[j].name for j in feat_idx], dtype=object)
    target_names = np.array([attributes[j].name for j in label_idx], dtype=object)
    categories = {
        attributes[j].name: attributes[j].values
        for j in feat_idx
        if attributes[j].is_nominal
    }
    bunch = Bunch(
        data=data,
        target=target,
        feature_names=feature_names,
        target_names=target_names,
        feature_categories=categories,
        relation=relation,
    )
    if as_frame:
        _add_frame(bunch)
    return bunch


def _add_frame(bunch):
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - pandas is optional
        raise ImportError("as_frame=True requires pandas: pip install pandas") from exc
    if sp.issparse(bunch.data):
        X = pd.DataFrame.sparse.from_spmatrix(bunch.data, columns=bunch.feature_names)
    else:
        X = pd.DataFrame(bunch.data, columns=bunch.feature_names)
    Y = pd.DataFrame(bunch.target, columns=bunch.target_names)
    bunch.frame = pd.concat([X, Y], axis=1)
    bunch.data = X
    bunch.target = Y
