"""The results: CSV, a JSON of the run's facts, and the markdown page.

Files written to the output folder (``docs/benchmarks`` for a full run):

* ``results.csv``: one row per (data set, method), every metric and cost,
  the status and error of failed runs, and ``time_vs_fastest_peer``: the
  method's fit + predict seconds over those of the fastest peer (a method
  not from skmultilabel) on the same data set in the same run;
* ``run.json``: the command, dates, machine, package versions, settings and
  data-set facts (``python -m benchmarks report`` re-renders the page from
  the CSV and this file);
* ``results.md``: the tables, the "where a peer beats us" list, failures and
  warnings, and the plots (:mod:`benchmarks.suite.plots`).
"""

import csv
import json
import os
import platform
import sys
from pathlib import Path

from .metrics import COST_COLUMNS, HIGHER_IS_BETTER, METRIC_LABELS, QUALITY_METRICS

__all__ = [
    "CSV_COLUMNS",
    "add_ratios",
    "machine_info",
    "peer_wins",
    "read_csv",
    "render_markdown",
    "write_csv",
    "write_report",
]

CSV_COLUMNS = [
    "dataset", "method", "package", "ours", "env", "status", "error",
    *QUALITY_METRICS, "fit_seconds", "predict_seconds", "total_seconds",
    "time_vs_fastest_peer", "fastest_peer", "peak_mib", "fit_peak_mib",
    "fit_cpu_seconds", "predict_cpu_seconds", "wall_seconds", "memory_method",
    "warnings", "estimator", "rounds", "fit_seconds_rounds",
]
_FLOATS = set(QUALITY_METRICS) | {
    "fit_seconds", "predict_seconds", "total_seconds", "time_vs_fastest_peer",
    "peak_mib", "fit_peak_mib", "fit_cpu_seconds", "predict_cpu_seconds",
    "wall_seconds",
}


def _ok(row):
    return row.get("status") == "ok"


def _is_ours(row):
    value = row.get("ours")
    return value is True or str(value).lower() == "true"


def add_ratios(rows):
    """Add ``total_seconds``, ``time_vs_fastest_peer`` and ``fastest_peer``."""
    for row in rows:
        if _ok(row):
            row["total_seconds"] = row["fit_seconds"] + row["predict_seconds"]
    for dataset in {row["dataset"] for row in rows}:
        group = [r for r in rows if r["dataset"] == dataset]
        peers = [r for r in group if _ok(r) and not _is_ours(r)]
        if not peers:
            continue
        fastest = min(peers, key=lambda r: r["total_seconds"])
        for row in group:
            row["fastest_peer"] = fastest["method"]
            if _ok(row):
                row["time_vs_fastest_peer"] = (
                    row["total_seconds"] / max(fastest["total_seconds"], 1e-9)
                )
    return rows


def write_csv(rows, path):
    """Write the rows (:data:`CSV_COLUMNS`; missing values empty)."""
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if row.get(k) is None else row.get(k))
                             for k in CSV_COLUMNS})


def read_csv(path):
    """Read a ``results.csv`` back into row dicts with numbers as floats."""
    rows = []
    with open(path, newline="") as fh:
        for raw in csv.DictReader(fh):
            row = {}
            for key, value in raw.items():
                if value == "":
                    row[key] = None
                elif key in _FLOATS:
                    row[key] = float(value)
                elif key == "ours":
                    row[key] = value == "True"
                elif key == "rounds":
                    row[key] = int(value)
                else:
                    row[key] = value
            rows.append(row)
    return rows


def peer_wins(rows, metrics=None):
    """Where the best peer beats our best method, per data set and metric.

    Returns a list of dicts: ``dataset``, ``metric``, ``peer``,
    ``peer_value``, ``ours``, ``ours_value``. Only data sets where both
    sides have a successful run are compared, and a difference that the
    table's rounding hides (0.047 against 0.047) is a tie, not a win.
    """
    metrics = metrics or QUALITY_METRICS + COST_COLUMNS
    out = []
    for dataset in _datasets_in_order(rows):
        group = [r for r in rows if r["dataset"] == dataset and _ok(r)]
        ours = [r for r in group if _is_ours(r)]
        peers = [r for r in group if not _is_ours(r)]
        if not ours or not peers:
            continue
        for metric in metrics:
            pick = max if HIGHER_IS_BETTER[metric] else min
            best_ours = pick(ours, key=lambda r: r[metric])
            best_peer = pick(peers, key=lambda r: r[metric])
            better = (best_peer[metric] > best_ours[metric]
                      if HIGHER_IS_BETTER[metric]
                      else best_peer[metric] < best_ours[metric])
            shown_apart = _fmt(metric, best_peer[metric]) != _fmt(
                metric, best_ours[metric]
            )
            if better and shown_apart:
                out.append({
                    "dataset": dataset, "metric": metric,
                    "peer": best_peer["method"], "peer_value": best_peer[metric],
                    "ours": best_ours["method"], "ours_value": best_ours[metric],
                })
    return out


def _datasets_in_order(rows):
    seen = []
    for row in rows:
        if row["dataset"] not in seen:
            seen.append(row["dataset"])
    return seen


def machine_info():
    """Cores, memory, CPU model, OS and Python of this machine."""
    info = {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
    }
    try:
        with open("/proc/meminfo") as fh:
            kib = int(fh.readline().split()[1])
        info["memory_gib"] = round(kib / 2**20, 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    info["cpu_model"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    return info


def _fmt(metric, value):
    if value is None:
        return ""
    if metric in ("fit_seconds", "predict_seconds", "total_seconds"):
        return f"{value:.2f}" if value < 100 else f"{value:.0f}"
    if metric in ("peak_mib", "fit_peak_mib"):
        return f"{value:.0f}" if value >= 10 else f"{value:.1f}"
    if metric == "time_vs_fastest_peer":
        return f"{value:.2f}x" if value < 100 else f"{value:.0f}x"
    return f"{value:.3f}"


def _md_escape(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(group):
    columns = QUALITY_METRICS + COST_COLUMNS + ["time_vs_fastest_peer"]
    best = {}
    ok = [r for r in group if _ok(r)]
    for metric in QUALITY_METRICS + COST_COLUMNS:
        if ok:
            pick = max if HIGHER_IS_BETTER[metric] else min
            best[metric] = pick(r[metric] for r in ok)
    arrows = {m: (" ↑" if HIGHER_IS_BETTER[m] else " ↓") for m in HIGHER_IS_BETTER}
    header = ["method", "package"] + [
        METRIC_LABELS.get(c, "time × fastest peer") + arrows.get(c, "")
        for c in columns
    ]
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join(["---", "---"] + ["---:"] * len(columns)) + "|"]
    for row in group:
        name = f"**{row['method']}**" if _is_ours(row) else row["method"]
        cells = [name, row["package"]]
        if _ok(row):
            for c in columns:
                text = _fmt(c, row.get(c))
                if c in best and row.get(c) == best[c]:
                    text = f"**{text}**"
                cells.append(text)
        else:
            error = str(row.get("error") or "")
            short = "timeout" if error.startswith("timeout") else "failed"
            cells += [short] + [""] * (len(columns) - 1)
        lines.append("| " + " | ".join(_md_escape(c) for c in cells) + " |")
    return lines


def render_markdown(rows, meta, plots=None):
    """The results page (markdown, rendered by MyST in the docs)."""
    plots = plots or {}
    m = meta.get("machine", {})
    out = [
        "# Benchmark results",
        "",
        "Produced by the benchmark suite (see the [benchmarks page](index.rst) "
        "for what is run and how). Rerun it with the command below; "
        "`python -m benchmarks report` re-renders this page from "
        "`results.csv` and `run.json`.",
        "",
        f"* **Command:** `{meta.get('command', '?')}`",
        f"* **Run:** {meta.get('started', '?')} to {meta.get('finished', '?')} "
        f"({meta.get('duration_minutes', 0):.1f} min)",
        f"* **Machine:** {m.get('cpu_count', '?')} cores, "
        f"{m.get('memory_gib', '?')} GiB, {m.get('cpu_model', '?')}, "
        f"{m.get('platform', '?')}, Python {m.get('python', '?')}; load average "
        f"at start {m.get('load_average_at_start', '?')}",
    ]
    if meta.get("note"):
        out.append(f"* **Note:** {meta['note']}")
    settings = meta.get("settings", {})
    if settings:
        out.append("* **Settings:** " + ", ".join(
            f"{k}={v}" for k, v in settings.items()))
    out += ["", "Package versions, per environment:", ""]
    for env, versions in sorted(meta.get("versions", {}).items()):
        listed = ", ".join(f"{k} {v}" for k, v in versions.items())
        out.append(f"* `{env}`: {listed}")
    out += [
        "",
        "Methods in **bold** are skmultilabel's, the others are the peers. In "
        "each column the best value is in bold. Times are wall-clock seconds "
        "in a single thread (the median over the rounds when a method ran "
        "more than one, see *rounds* in the settings); peak memory is the "
        "peak resident memory of the worker process during fit and predict "
        "above its level with the data loaded (the largest over the rounds); "
        "*time × fastest peer* is fit + predict time over that of the "
        "fastest peer on the same data set.",
        "",
    ]
    if meta.get("methods"):
        out += ["## Methods", ""]
        packages = {r["method"]: r["package"] for r in rows}
        for name, description in meta["methods"].items():
            tag = f"**{name}**" if packages.get(name) == "skmultilabel" else name
            out.append(f"* {tag} ({packages.get(name, '?')}): "
                       f"{_md_escape(description)}")
        out.append("")
    out += [
        "## Where a peer beats us",
        "",
    ]
    wins = peer_wins(rows)
    if wins:
        out.append(
            "On each data set, the best peer against the best of skmultilabel's "
            "methods, for every metric where the peer is better:"
        )
        out.append("")
        out.append("| data set | metric | best peer | value | our best | value |")
        out.append("|---|---|---|---:|---|---:|")
        for w in wins:
            out.append(
                f"| {w['dataset']} | {METRIC_LABELS[w['metric']]} | {w['peer']} | "
                f"{_fmt(w['metric'], w['peer_value'])} | {w['ours']} | "
                f"{_fmt(w['metric'], w['ours_value'])} |"
            )
    else:
        out.append("No peer beats our best method on any metric in this run.")
    failed = [r for r in rows if not _ok(r)]
    out += ["", "## Failed runs", ""]
    if failed:
        out.append("A failed run is listed with its error, never dropped:")
        out.append("")
        for r in failed:
            out.append(f"* {r['dataset']} / {r['method']} ({r['package']}): "
                       f"`{_md_escape(r.get('error'))}`")
    else:
        out.append("None.")
    info = meta.get("datasets", {})
    for dataset in _datasets_in_order(rows):
        group = [r for r in rows if r["dataset"] == dataset]
        d = info.get(dataset, {})
        out += ["", f"## {dataset}", ""]
        if d:
            out.append(
                f"{d.get('n_train')} training / {d.get('n_test')} test rows, "
                f"{d.get('n_features')} features "
                f"({'sparse' if d.get('sparse') else 'dense'}), "
                f"{d.get('n_labels')} labels, label cardinality "
                f"{d.get('cardinality', 0):.2f} (train). Source: "
                f"{_md_escape(d.get('source', ''))}."
            )
            out.append("")
        out += _table(group)
        warned = [r for r in group if r.get("warnings")]
        if warned:
            out += ["", "Warnings raised during fit/predict:", ""]
            for r in warned:
                out.append(f"* {r['method']}: {_md_escape(r['warnings'])[:400]}")
        for title, path in plots.get(dataset, []):
            out += ["", f"![{title}]({path})"]
    skipped = {k: v["skipped"] for k, v in info.items() if "skipped" in v}
    if skipped:
        out += ["", "## Data sets not run", ""]
        for k, v in skipped.items():
            out.append(f"* {k}: {_md_escape(v)}")
    return "\n".join(out) + "\n"


def write_report(rows, meta, out_dir, *, plots=True, log=print):
    """Write ``results.csv``, ``run.json``, the plots and ``results.md``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    add_ratios(rows)
    write_csv(rows, out_dir / "results.csv")
    (out_dir / "run.json").write_text(json.dumps(meta, indent=1, default=str) + "\n")
    made = {}
    if plots:
        try:
            from .plots import plot_all
        except ImportError as exc:  # matplotlib missing
            log(f"no plots: {exc}")
        else:
            made = plot_all(rows, out_dir / "plots")
            made = {ds: [(t, f"plots/{Path(p).name}") for t, p in items]
                    for ds, items in made.items()}
    (out_dir / "results.md").write_text(render_markdown(rows, meta, made))
    return out_dir / "results.md"
