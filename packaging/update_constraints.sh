#!/usr/bin/env bash
# Regenerate constraints.txt: the newest versions pyproject.toml allows (plus the build
# tools CI uses), resolved in a fresh virtual environment. Run the tests with them first.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=$(mktemp -d)/venv
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q -e ".[test]" "pyinstaller>=6.10,<7" "hatchling>=1.24" "build>=1.2"
{
  echo "# Versions this commit was tested with (pip install -c constraints.txt …). CI also runs the"
  echo "# tests against the newest versions pyproject.toml allows; regenerate with"
  echo "# packaging/update_constraints.sh when those pass."
  "$venv/bin/python" -m pip freeze --exclude-editable
} > constraints.txt
rm -rf "$(dirname "$venv")"
echo "constraints.txt updated"
