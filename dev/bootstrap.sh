#!/usr/bin/env bash
# Set up everything the handbook needs, from the lock files, on a fresh machine. Idempotent and quick
# when nothing changed.   usage: dev/bootstrap.sh [--browser]
#   --browser  also make sure the Debian chromium package is there (for the browser tests), and
#              LibreOffice Calc without its GUI (the tests open the workbooks dak writes in it)
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
  local candidate
  for candidate in python3.13 python3.12 python3.14 python3 \
    "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/bin/python3.1[2-9]; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  echo "bootstrap: no Python >= 3.12 found (tried python3.13, python3.12, python3.14, python3, pyenv versions)" >&2
  return 1
}

lock_stamp() { cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1; }

if [[ ! -x .venv/bin/python ]] || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
  rm -rf .venv
  "$(find_python)" -m venv .venv
fi
if [[ "$(cat .venv/.lock-stamp 2>/dev/null)" != "$(lock_stamp)" ]]; then
  echo "bootstrap: installing Python packages from requirements.lock"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  lock_stamp > .venv/.lock-stamp
fi

# The PyPI wheels the site hosts for its worker (openpyxl's, et_xmlfile's: mkdocs.yml's `wheels`), as
# requirements.lock pins and hashes them, downloaded once so that a build needs no network.
.venv/bin/python -m docs_plugins.pyodide.wheels mkdocs.yml >/dev/null

# The Pyodide runtime the site self-hosts (docs_plugins/pyodide), from package-lock.json.
npm_stamp() { cat package-lock.json package.json | sha256sum | cut -d' ' -f1; }
if [[ ! -d node_modules/pyodide ]] || [[ "$(cat node_modules/.lock-stamp 2>/dev/null)" != "$(npm_stamp)" ]]; then
  command -v npm >/dev/null || { echo "bootstrap: npm not found: install Node.js >= 20 with npm" >&2; exit 1; }
  echo "bootstrap: installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  npm_stamp > node_modules/.lock-stamp
fi

if [[ "${1:-}" == "--browser" ]]; then
  missing=()
  [[ -x "${CHROMIUM:-/usr/bin/chromium}" ]] || missing+=(chromium)
  command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)
  if (( ${#missing[@]} )); then
    echo "bootstrap: installing Debian's ${missing[*]} for the browser and workbook tests"
    SUDO=""; [[ "$(id -u)" == 0 ]] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
