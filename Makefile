# The two commands of the README's quick start are `make serve` and `make test`; each sets up what it
# needs by itself (dev/bootstrap.sh).
.PHONY: serve test build bench lint format lock

serve:
	@dev/bootstrap.sh
	.venv/bin/handbook serve

test:
	@dev/bootstrap.sh --browser
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/yamllint --strict content rules .yamllint.yml
	.venv/bin/python -m pytest

build:
	@dev/bootstrap.sh
	.venv/bin/handbook build

bench:
	@dev/bootstrap.sh --browser
	.venv/bin/python dev/bench.py

format:
	@dev/bootstrap.sh
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

# Re-pin after editing the dependencies in pyproject.toml (needs the network, like any install).
lock:
	.venv/bin/python -m pip install --quiet uv==0.13.9
	.venv/bin/uv pip compile pyproject.toml --extra dev --extra excel --generate-hashes --python-version 3.12 -o requirements.lock
