# Entry points of the lab. `make help` lists them.
#
# The Python targets use a virtual environment in .venv, created on first use from pyproject.toml.

PYTHON ?= python3
VENV ?= .venv
VENV_PYTHON := $(VENV)/bin/python
# `make run` needs only the runtime and a local etcd; the test and code-generation tools come
# with the first target that needs them.
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
PYTEST_ARGS ?=
ETCD_PORT ?= 2379
PRODUCER_PORT ?= 5555
CONSUMER_PORT ?= 5556
ETCD_ENDPOINTS ?= http://127.0.0.1:$(ETCD_PORT)
COMPOSE := scripts/compose.sh

.DEFAULT_GOAL := help

.PHONY: help install proto run status test test-fast bench \
        lab-start lab-stop lab-restart logs ps clean local-status

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENV_PYTHON):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "error: $(PYTHON) is not Python 3.11 or newer; run make with PYTHON=python3.11 (or newer)" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)

# The runtime dependencies alone, read from pyproject.toml: building the project itself would
# double the first `make run`'s install time, and the targets below run it from this folder.
$(RUN_STAMP): pyproject.toml | $(VENV_PYTHON)
	$(VENV_PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
		print("\n".join(p["dependencies"] + p["optional-dependencies"]["local"]))' > $(VENV)/requirements-run.txt
	$(VENV_PYTHON) -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements-run.txt
	@touch $(RUN_STAMP)

$(DEV_STAMP): pyproject.toml | $(VENV_PYTHON)
	$(VENV_PYTHON) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(DEV_STAMP) $(RUN_STAMP)

install: $(DEV_STAMP) ## Create .venv and install the project with its test tools

proto: $(DEV_STAMP) ## Regenerate protobuf/network_security_pb2.py(i) from the .proto
	$(VENV_PYTHON) -m grpc_tools.protoc -I . --python_out=. --pyi_out=. protobuf/network_security.proto

run: $(RUN_STAMP) ## Run a local etcd, service1 and service2 until Ctrl+C (no Docker)
	PYTHONPATH=$(CURDIR) $(VENV_PYTHON) scripts/run_local.py --etcd-port $(ETCD_PORT) \
		--producer-port $(PRODUCER_PORT) --consumer-port $(CONSUMER_PORT)

status: ## List registrations under /services/ with their remaining lease TTL (lab stack or make run)
	@if $(COMPOSE) ps -q etcd 2>/dev/null | grep -q .; then ./etcd-health.sh; \
	else $(MAKE) --no-print-directory local-status; fi

local-status: $(RUN_STAMP)
	@PYTHONPATH=$(CURDIR) $(VENV_PYTHON) -m discovery.status --etcd-endpoints $(ETCD_ENDPOINTS)

test: $(DEV_STAMP) ## Run every test; the compose suite needs a Docker engine and is skipped without one
	$(VENV_PYTHON) -m pytest $(PYTEST_ARGS)

test-fast: $(DEV_STAMP) ## Run the tests without the Docker Compose suite
	$(VENV_PYTHON) -m pytest -m 'not compose' $(PYTEST_ARGS)

bench: $(DEV_STAMP) ## Measure generation, encoding and end-to-end throughput
	$(VENV_PYTHON) bench/run_benchmarks.py

# --- lab (docker) targets ---
lab-start: ## Build the images, start etcd + service1 + service2, wait for health, list registrations
	$(COMPOSE) build
	$(COMPOSE) up-wait
	$(COMPOSE) exec -T etcd etcdctl get --prefix /services/ --keys-only

lab-stop: ## Stop and remove the lab containers (the etcd volume stays)
	$(COMPOSE) down

lab-restart: lab-stop lab-start ## Stop, then start the lab again

logs: ## Follow the logs of every lab container
	$(COMPOSE) logs -f

ps: ## Show the lab containers and their health
	$(COMPOSE) ps

clean: ## Remove the lab containers, network, etcd volume and built images, and build leftovers
	-$(COMPOSE) down -v --remove-orphans --rmi local
	rm -rf build dist *.egg-info .pytest_cache
# --- end of lab (docker) targets ---
