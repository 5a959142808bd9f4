"""Entry point of the standalone (PyInstaller) build: the same CLI as ``clipper``.

With no command it starts the desktop app, as the installed ``clipper`` does.
"""

import multiprocessing
import sys

from clipper.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # worker processes re-enter here in a frozen app
    sys.exit(main())
