"""``python -m clipper`` runs the command line (and the app when no command is given)."""

from clipper.cli import main

if __name__ == "__main__":
    main()
