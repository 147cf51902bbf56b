# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed

.PHONY: demo serve test install bench clean system-packages

$(STAMP): pyproject.toml setup.py orbitfilm/schedule/ground/_talentcore.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,pdf,dask,postgresql]'
	touch $(STAMP)

install: $(STAMP)

# The benchmarks' peers that are Python packages (matplotlib for bench/report.py).
$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $(BENCH_STAMP)

demo: $(STAMP)
	$(BIN)/orbitfilm plan -o plan --time-limit 10

# The production office on the demo store (the Challenge planned and published), a first
# AD "demo" with a new password printed; http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/orbitfilm serve --demo

test: $(STAMP) system-packages
	$(BIN)/python -m pytest

# Every figure the README quotes (bench/schedule.py takes five minutes: 60 s a size;
# bench/rcpsp.py, all of j30 and j60 at 10 s a peer, about 35 minutes: --every 10 samples).
bench: $(BENCH_STAMP)
	$(BIN)/python bench/calibrate.py
	$(BIN)/python bench/chooser.py
	$(BIN)/python bench/environment.py
	$(BIN)/python bench/launch.py
	$(BIN)/python bench/plan.py
	$(BIN)/python bench/race.py
	$(BIN)/python bench/rcpsp.py
	$(BIN)/python bench/replan.py
	$(BIN)/python bench/report.py
	$(BIN)/python bench/schedule.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/talent.py
	$(BIN)/python bench/traffic.py
	$(BIN)/python bench/web.py

system-packages:
	@bash scripts/system-packages

clean:
	rm -rf $(VENV) build *.egg-info
