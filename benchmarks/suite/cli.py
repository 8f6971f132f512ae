"""Command line of the suite: ``python -m benchmarks {run,list,report,setup-peers}``.

Examples
--------
``python -m benchmarks run``
    The full suite (default data sets, every available method), results in
    ``docs/benchmarks``.
``python -m benchmarks run --quick``
    Two small data sets with every method, for CI (a couple of minutes);
    results in ``~/.cache/skmultilabel-bench/quick`` unless ``--out-dir``.
``python -m benchmarks run --datasets emotions yeast --methods ours sk-OvR``
    A selection (method names, or ``ours`` / ``peers``).
``python -m benchmarks list``
    The data sets and methods, and which are available here.
"""

import argparse
import datetime as dt
import json
import shlex
import signal
import sys
import time
from pathlib import Path

from . import data, registry, report, venvs

__all__ = ["main"]

DEFAULT_OUT = venvs.REPO_ROOT / "docs" / "benchmarks"
QUICK_OUT = Path.home() / ".cache" / "skmultilabel-bench" / "quick"
DEFAULT_TIMEOUT = 300.0
QUICK_TIMEOUT = 120.0


def _log(message):
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    print(f"{stamp} {message}", flush=True)


def select_methods(names, methods=None):
    """The methods named in ``names`` (names, ``ours``, ``peers``, ``all``).

    Project methods that are not available (their class does not exist)
    are left out with a message when requested by group, and raise when
    requested by name.
    """
    methods = registry.METHODS if methods is None else methods
    available = registry.available_methods(methods)
    if not names:
        return available
    chosen = []
    for name in names:
        key = name.lower()
        if key == "all":
            group = available
        elif key == "ours":
            group = [m for m in available if m.ours]
        elif key == "peers":
            group = [m for m in available if not m.ours]
        else:
            method = registry.get_method(name, methods)
            if method not in available:
                raise SystemExit(
                    f"method {method.name} is not available here: it requires "
                    f"{', '.join(method.requires)}"
                )
            group = [method]
        chosen += [m for m in group if m not in chosen]
    return chosen


def positive_int(text):
    """argparse type: an integer of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _parser():
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Benchmark skmultilabel against the multi-label peers.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the suite and write the results")
    run.add_argument("--datasets", nargs="+", metavar="NAME",
                     help="data sets (default: "
                     f"{' '.join(data.DEFAULT_DATASETS)}; 'all' for every one: "
                     f"{' '.join(data.ALL_DATASETS)})")
    run.add_argument("--methods", nargs="+", metavar="NAME",
                     help="method names, or 'ours' / 'peers' / 'all' (default all "
                     "available; see 'list')")
    run.add_argument("--data-dir", help="the MULAN data folder (default: "
                     "$SKMULTILABEL_DATA, else ../shared/datasets)")
    run.add_argument("--out-dir", help=f"where results go (default {DEFAULT_OUT}; "
                     f"with --quick {QUICK_OUT})")
    run.add_argument("--quick", action="store_true",
                     help=f"CI mode: data sets {' '.join(data.QUICK_DATASETS)}, "
                     f"timeout {QUICK_TIMEOUT:.0f} s")
    run.add_argument("--timeout", type=float,
                     help=f"seconds per method run (default {DEFAULT_TIMEOUT:.0f})")
    run.add_argument("--allow-missing", action="store_true",
                     help="run without the data sets that cannot be loaded here "
                     "(by default a missing data set stops the run before it "
                     "starts)")
    run.add_argument("--no-create-venvs", action="store_true",
                     help="do not create missing peer venvs (their methods fail)")
    run.add_argument("--no-plots", action="store_true", help="skip the charts")
    run.add_argument("--note", help="a note printed on the results page")
    run.add_argument("--random-state", type=int, default=registry.RANDOM_STATE)
    run.add_argument("--repeats", type=positive_int, default=1,
                     help="rounds per method and data set, in rotating order: "
                     "times are their median, peak memory their largest "
                     "(default 1)")

    sub.add_parser("list", help="list data sets and methods")

    rep = sub.add_parser("report", help="re-render results.md from results.csv")
    rep.add_argument("--out-dir", default=str(DEFAULT_OUT))

    setup = sub.add_parser("setup-peers", help="create the peer venvs now")
    setup.add_argument("envs", nargs="*", help="venv names (default all)")
    return parser


def _cmd_list():
    print("data sets:")
    for name in data.ALL_DATASETS:
        tag = " (default)" if name in data.DEFAULT_DATASETS else ""
        tag += " (quick)" if name in data.QUICK_DATASETS else ""
        print(f"  {name}{tag}")
    print("methods:")
    for m in registry.METHODS:
        if m.env == "project":
            state = "available" if m.available() else "NOT AVAILABLE"
        else:
            state = f"venv {m.env}: " + (
                "ready" if venvs.is_ready(m.env) else "created on first use")
        print(f"  {m.name:<14} {m.package:<22} {state:<28} {m.description}")
    print(f"peer venvs live in {venvs.venv_root()}")
    return 0


def _collect_versions(rows):
    versions = {}
    for row in rows:
        if row.get("versions"):
            versions.setdefault(row["env"], row["versions"])
    return versions


def _cmd_run(args, argv):
    from .runner import run_suite

    datasets = args.datasets or (data.QUICK_DATASETS if args.quick
                                 else data.DEFAULT_DATASETS)
    if datasets == ["all"]:
        datasets = data.ALL_DATASETS
    for name in datasets:
        if name not in data.ALL_DATASETS:
            raise SystemExit(f"unknown data set {name!r}; known: "
                             f"{', '.join(data.ALL_DATASETS)}")
    unavailable = {name: data.unavailable_reason(name, data_dir=args.data_dir)
                   for name in datasets}
    unavailable = {name: why for name, why in unavailable.items() if why}
    if unavailable and not args.allow_missing:
        reasons = "\n".join(f"  {name}: {why}" for name, why in unavailable.items())
        raise SystemExit(
            f"{len(unavailable)} of the {len(datasets)} data sets cannot be "
            f"loaded:\n{reasons}\nPass --data-dir (or set SKMULTILABEL_DATA) to "
            "the folder of the MULAN data sets, or --allow-missing to run "
            "without them."
        )
    methods = select_methods(args.methods)
    missing = [m.name for m in registry.METHODS
               if m.env == "project" and not m.available()]
    if missing:
        _log(f"not available in this version of the package: {', '.join(missing)}")
    timeout = args.timeout or (QUICK_TIMEOUT if args.quick else DEFAULT_TIMEOUT)
    out_dir = Path(args.out_dir or (QUICK_OUT if args.quick else DEFAULT_OUT))
    rounds = f" x {args.repeats} rounds" if args.repeats > 1 else ""
    _log(f"{len(methods)} methods x {len(datasets)} data sets{rounds}; "
         f"timeout {timeout:.0f} s "
         f"per run; results to {out_dir}")
    def _terminate(signum, frame):  # clean up the running worker and temp files
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _terminate)
    started = dt.datetime.now(dt.UTC)
    machine = report.machine_info()
    t0 = time.perf_counter()
    def make_meta(rows, info, partial):
        finished = dt.datetime.now(dt.UTC)
        return {
            "command": "python -m benchmarks " + shlex.join(argv),
            "started": started.strftime("%Y-%m-%d %H:%M UTC"),
            "finished": ("(partial results, run not finished) " if partial else "")
            + finished.strftime("%Y-%m-%d %H:%M UTC"),
            "duration_minutes": (time.perf_counter() - t0) / 60,
            "machine": machine,
            "note": args.note,
            "settings": {
                "timeout_s": timeout,
                "random_state": args.random_state,
                "base learner": "MaxAbsScaler + "
                f"LogisticRegression({registry.LR_PARAMS})",
                "trees": registry.N_TREES,
                "threads per worker": 1,
                "rounds": args.repeats,
            },
            "versions": _collect_versions(rows),
            "datasets": info,
            "methods": {m.name: m.description for m in methods},
        }

    def save_partial(rows, info):
        # After each data set: results.csv and run.json, so that an
        # interrupted run still leaves its results (render them with
        # ``python -m benchmarks report --out-dir ...``).
        out_dir.mkdir(parents=True, exist_ok=True)
        partial = [dict(r) for r in rows]
        report.add_ratios(partial)
        report.write_csv(partial, out_dir / "results.csv")
        meta = make_meta(rows, info, partial=True)
        (out_dir / "run.json").write_text(json.dumps(meta, indent=1, default=str))

    rows, info = run_suite(
        datasets, methods, data_dir=args.data_dir, timeout=timeout,
        create_venvs=not args.no_create_venvs, random_state=args.random_state,
        log=_log, on_dataset_done=save_partial, repeats=args.repeats,
    )
    meta = make_meta(rows, info, partial=False)
    page = report.write_report(rows, meta, out_dir, plots=not args.no_plots,
                               log=_log)
    extra = "results.csv, run.json" + ("" if args.no_plots else ", plots/")
    _log(f"results: {page} (+ {extra})")
    n_failed = sum(r.get("status") != "ok" for r in rows)
    _log(f"{len(rows) - n_failed} runs ok, {n_failed} failed")
    return 0


def _cmd_report(args):
    out_dir = Path(args.out_dir)
    rows = report.read_csv(out_dir / "results.csv")
    meta = json.loads((out_dir / "run.json").read_text())
    page = report.write_report(rows, meta, out_dir, log=_log)
    _log(f"rewrote {page}")
    return 0


def _cmd_setup(args):
    envs = args.envs or sorted({m.env for m in registry.METHODS if m.env != "project"})
    for env in envs:
        python = venvs.ensure_venv(env, log=_log)
        _log(f"{env}: {python}")
    return 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _parser().parse_args(argv)
    if args.command == "list":
        return _cmd_list()
    if args.command == "run":
        return _cmd_run(args, argv)
    if args.command == "report":
        return _cmd_report(args)
    return _cmd_setup(args)
