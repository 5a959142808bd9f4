"""``python -m clipper`` runs the command line (and the app when no command is given)."""

import gc

# Loading the modules makes no garbage worth collecting: the collector pauses meanwhile
# (a few percent of the app's start-up; the app pauses it again until its first paint).
gc.disable()
from clipper.cli import main  # noqa: E402

gc.enable()

if __name__ == "__main__":
    main()
