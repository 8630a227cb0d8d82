# kith: `make install` sets everything up; `make test` is what CI runs.
PREFIX      ?= $(HOME)/.local
BINDIR      ?= $(PREFIX)/bin
UNITDIR     ?= $(HOME)/.config/systemd/user
CONFIGDIR   ?= $(if $(XDG_CONFIG_HOME),$(XDG_CONFIG_HOME),$(HOME)/.config)/kith
SWIFT       ?= swift
APT_PACKAGES = libsystemd-dev libsqlite3-dev pkg-config

.PHONY: all deps build release install uninstall test bench lint format run clean

all: build

## Installs the Debian packages kith builds against, only when something is missing.
deps:
	@missing=""; \
	pkg-config --exists libsystemd 2>/dev/null || missing="$$missing libsystemd-dev"; \
	pkg-config --exists sqlite3 2>/dev/null || missing="$$missing libsqlite3-dev"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product kith
	$(SWIFT) build -c release --product kithd

install: release
	install -d "$(BINDIR)"
	install -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/kith" "$(BINDIR)/kith"
	install -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/kithd" "$(BINDIR)/kithd"
	install -d "$(UNITDIR)"
	install -m 0644 systemd/kith.service systemd/kith.socket "$(UNITDIR)/"
	install -d "$(CONFIGDIR)"
	@if [ -e "$(CONFIGDIR)/kith.toml" ]; then \
	  echo "Keeping your config $(CONFIGDIR)/kith.toml"; \
	else \
	  install -m 0644 config/kith.toml "$(CONFIGDIR)/kith.toml"; \
	  echo "Installed the default config at $(CONFIGDIR)/kith.toml"; \
	fi
	@if systemctl --user show-environment >/dev/null 2>&1; then \
	  systemctl --user daemon-reload && systemctl --user enable --now kith.socket kith.service && \
	  echo "kithd runs as a user unit: journalctl --user -u kith -f"; \
	else \
	  echo "No user systemd here: run kithd in the foreground with 'make run' (or '$(BINDIR)/kithd')."; \
	fi
	@case ":$$PATH:" in *":$(BINDIR):"*) ;; *) echo "Add $(BINDIR) to your PATH.";; esac

uninstall:
	-@systemctl --user disable --now kith.service kith.socket 2>/dev/null || true
	rm -f "$(BINDIR)/kith" "$(BINDIR)/kithd" "$(UNITDIR)/kith.service" "$(UNITDIR)/kith.socket"
	-@systemctl --user daemon-reload 2>/dev/null || true
	@echo "Kept your config ($(CONFIGDIR)) and state (~/.local/state/kith)."

run: build
	$$($(SWIFT) build --show-bin-path)/kithd

## The whole suite; the end-to-end tests drive the built binaries and verify the units.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel --num-workers 2

## Benchmarks of DESIGN.md §10 (release builds); figures go into docs/benchmarks.md by hand.
bench: deps
	@command -v remind >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y remind; }
	$(SWIFT) build -c release --product kith
	$(SWIFT) build -c release --product kithd
	$(SWIFT) build -c release --product kith-bench
	KITH_BENCH_BIN="$$($(SWIFT) build -c release --show-bin-path)/kith-bench" scripts/bench-core.sh
	KITH_BIN_DIR="$$($(SWIFT) build -c release --show-bin-path)" scripts/bench-import.sh
	KITH_BIN_DIR="$$($(SWIFT) build -c release --show-bin-path)" scripts/bench-daemon.sh

lint:
	$(SWIFT) format -i -r Sources Tests Package.swift
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

clean:
	rm -rf .build
