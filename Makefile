# sfbatch: two commands on a fresh machine — `make demo` and `make test`.
SWIFT    ?= swift
PREFIX   ?= /usr/local
BUILD    ?= .build
VENV     ?= .build/venv
BENCH    ?= full
APT_PKGS := libcurl4-openssl-dev zlib1g-dev libssl-dev pkg-config

.PHONY: setup build debug test compat bench soak demo install clean

## setup: install the system libraries (libcurl, zlib, OpenSSL headers) when missing.
setup:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO=sudo; fi; \
		$$SUDO apt-get update && $$SUDO apt-get install -y $$missing; \
	fi

## build: release binaries in .build/release.
build: setup
	$(SWIFT) build -c release

debug: setup
	$(SWIFT) build

## test: unit, integration and end-to-end tests, then the simple-salesforce compatibility suite.
test: debug
	$(SWIFT) test
	$(MAKE) compat

$(VENV)/.ready: Tests/Compatibility/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r Tests/Compatibility/requirements.txt
	touch $@

## compat: drive sfsim with the unmodified simple-salesforce package from PyPI.
compat: $(VENV)/.ready
	SFSIM_BIN=$(BUILD)/debug/sfsim $(VENV)/bin/python -m pytest -q Tests/Compatibility

## bench: release build, then the record-layer, simulator and side-by-side benchmarks (BENCH=quick for a short run).
bench: build $(VENV)/.ready
	BENCH=$(BENCH) VENV=$(VENV) bash Benchmarks/run.sh

## soak: export and upsert under injected faults.
soak: build
	bash Benchmarks/soak.sh

## demo: export from and import into a local sfsim org, then stop it.
demo: build
	bash samples/demo.sh

## install: static-stdlib release binaries into $(PREFIX)/bin.
install: setup
	$(SWIFT) build -c release --static-swift-stdlib
	install -d $(PREFIX)/bin
	install -m 755 $(BUILD)/release/sfexport $(BUILD)/release/sfimport $(BUILD)/release/sfsim $(PREFIX)/bin/

clean:
	rm -rf $(BUILD) out
