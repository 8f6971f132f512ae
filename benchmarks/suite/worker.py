"""Worker for the project-venv methods: ``python -m benchmarks.suite.worker JOB``.

Builds the estimator from :mod:`benchmarks.suite.registry` and runs the job
(:func:`benchmarks.suite.protocol.run_job`).
"""

import sys

from .protocol import run_job


def _build(name, job):
    from .registry import get_method

    return get_method(name).build(job.get("random_state", 0))


def _versions():
    from importlib.metadata import PackageNotFoundError, version

    import skmultilabel

    out = {"skmultilabel": skmultilabel.__version__}
    for package in ("scikit-learn", "numpy", "scipy", "lightgbm"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "not installed"
    return out


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m benchmarks.suite.worker JOB.json", file=sys.stderr)
        return 2
    return run_job(argv[0], _build, _versions)


if __name__ == "__main__":
    sys.exit(main())
