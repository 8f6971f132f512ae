"""Entry point of ``python -m benchmarks``."""

import sys

from benchmarks.suite.cli import main

if __name__ == "__main__":
    sys.exit(main())
