"""Charts of the results (matplotlib, Agg backend; imported lazily).

Per data set:

* ``<dataset>_metrics.png``: one horizontal bar chart per metric and cost,
  each method a bar (skmultilabel's in blue, peers in grey; failed runs
  marked);
* ``<dataset>_time_quality.png``: fit + predict seconds (log scale) against
  micro-F1, example-based F1 and subset accuracy, one point per method.
"""

from pathlib import Path

from .metrics import COST_COLUMNS, HIGHER_IS_BETTER, METRIC_LABELS, QUALITY_METRICS

__all__ = ["plot_all", "plot_metrics", "plot_time_quality"]

OURS_COLOR = "#1f77b4"
PEER_COLOR = "#9a9a9a"


def _is_ours(row):
    value = row.get("ours")
    return value is True or str(value).lower() == "true"


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def plot_metrics(group, dataset, path):
    """Bar charts of every metric by method for one data set."""
    plt = _plt()
    from matplotlib.ticker import NullFormatter

    columns = QUALITY_METRICS + COST_COLUMNS
    names = [r["method"] for r in group]
    n_cols = 4
    n_rows = -(-len(columns) // n_cols)
    height = max(3.0, 0.28 * len(names) + 1.2)
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(4.2 * n_cols, height * n_rows),
                             squeeze=False, sharey=True)
    for ax, metric in zip(axes.ravel(), columns, strict=False):
        values, colors = [], []
        for r in group:
            ok = r.get("status") == "ok" and r.get(metric) is not None
            values.append(r[metric] if ok else 0.0)
            colors.append(OURS_COLOR if _is_ours(r) else PEER_COLOR)
        ys = range(len(names))
        ax.barh(ys, values, color=colors)
        for y, r in zip(ys, group, strict=True):
            if r.get("status") != "ok":
                ax.text(0.01, y, "failed", va="center", fontsize=7, color="#c0392b",
                        transform=ax.get_yaxis_transform())
        if metric.endswith("_seconds") and any(v > 0 for v in values):
            ax.set_xscale("log")
            ax.xaxis.set_minor_formatter(NullFormatter())
        arrow = "higher is better" if HIGHER_IS_BETTER[metric] else "lower is better"
        ax.set_title(f"{METRIC_LABELS[metric]} ({arrow})", fontsize=9)
        ax.set_yticks(list(ys))
        ax.set_yticklabels(names, fontsize=7)
        ax.invert_yaxis()
        ax.tick_params(axis="x", labelsize=7)
        ax.grid(axis="x", alpha=0.3)
    for ax in axes.ravel()[len(columns):]:
        ax.axis("off")
    fig.suptitle(f"{dataset}: metrics by method (blue: skmultilabel, grey: peers)",
                 fontsize=11)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


def plot_time_quality(group, dataset, path):
    """Scatter of time (log) against three quality metrics for one data set."""
    plt = _plt()
    from matplotlib.ticker import NullFormatter

    ok = [r for r in group if r.get("status") == "ok"]
    quality = ["micro_f1", "example_f1", "subset_accuracy"]
    fig, axes = plt.subplots(1, len(quality), figsize=(5.2 * len(quality), 4.4))
    for ax, metric in zip(axes, quality, strict=True):
        for r in ok:
            x = max(r["fit_seconds"] + r["predict_seconds"], 1e-3)
            color = OURS_COLOR if _is_ours(r) else PEER_COLOR
            marker = "o" if _is_ours(r) else "s"
            ax.scatter(x, r[metric], color=color, marker=marker, s=30)
            ax.annotate(r["method"], (x, r[metric]), fontsize=6,
                        xytext=(3, 2), textcoords="offset points")
        ax.set_xscale("log")
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_xlabel("fit + predict seconds (log scale)", fontsize=8)
        ax.set_ylabel(METRIC_LABELS[metric], fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
    fig.suptitle(f"{dataset}: time against quality (up and left is better; "
                 "blue circles: skmultilabel, grey squares: peers)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path


def plot_all(rows, out_dir):
    """Both charts for every data set; returns {dataset: [(title, path)]}."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    made = {}
    datasets = []
    for r in rows:
        if r["dataset"] not in datasets:
            datasets.append(r["dataset"])
    for dataset in datasets:
        group = [r for r in rows if r["dataset"] == dataset]
        safe = dataset.replace("/", "_")
        items = [(f"{dataset}: metrics by method",
                  plot_metrics(group, dataset, out_dir / f"{safe}_metrics.png"))]
        if any(r.get("status") == "ok" for r in group):
            items.append((f"{dataset}: time against quality",
                          plot_time_quality(group, dataset,
                                            out_dir / f"{safe}_time_quality.png")))
        made[dataset] = items
    return made
