"""The benchmark suite: ``python -m benchmarks run``.

Modules
-------
registry
    The named method factories (ours and the peers), each included only
    when what it needs is importable.
data
    The data sets: MULAN sets with their standard splits, generated data.
protocol
    The job protocol shared by every worker process, in any venv (stdlib,
    numpy and scipy only): load the data, fit, predict, time, measure peak
    memory, write the result.
memory
    Peak-memory measurement of a code block (stdlib only).
venvs
    Creation of the peer virtual environments outside the repository.
runner
    One subprocess per (data set, method) with a timeout; the run loop.
metrics
    The multi-label metrics.
report, plots
    CSV, markdown/RST pages and matplotlib charts.

This ``__init__`` imports nothing so that the worker scripts in peer venvs
(without scikit-learn 1.9 or skmultilabel) can import ``protocol`` and
``memory``.
"""
