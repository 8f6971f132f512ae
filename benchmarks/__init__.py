"""Benchmarks of skmultilabel against the packages a user would otherwise pick.

Run ``python -m benchmarks run --quick`` from the repository root; see
``python -m benchmarks --help`` and ``docs/benchmarks/index.rst``.

The ``benchmarks.suite`` package is the suite (method registry, runner,
metrics, plots, report). ``benchmarks/peers/`` holds the requirement files of
the peer virtual environments and the small runner scripts executed inside
them. Standalone ``bench_*.py`` scripts in this folder are separate
micro-benchmarks.
"""
