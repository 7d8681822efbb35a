# SPDX-License-Identifier: MIT
# The README's two commands: `make run` and `make test`. Each installs the
# Debian packages that are missing, configures and builds first.
PRESET ?= default
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PACKAGES := g++ cmake ninja-build make libcli11-dev nlohmann-json3-dev \
            libyaml-cpp-dev libfmt-dev catch2 libxml2-utils jq tmux python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps configure build run test clean format sanitize tsan fuzz fuzz-smoke bench package browser

all: build

deps:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

configure: deps
	@[ -f $(BUILD_DIR)/build.ninja ] || cmake --preset $(PRESET)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	./$(BUILD_DIR)/aidecide score profiles/

# The suite must leave the work tree as it found it: git status before and
# after must agree (a test that writes into the tree fails the run).
test: build
	@git status --porcelain --untracked-files=all > $(BUILD_DIR)/tree-before 2>/dev/null || true
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)
	@git status --porcelain --untracked-files=all > $(BUILD_DIR)/tree-after 2>/dev/null || true
	@cmp -s $(BUILD_DIR)/tree-before $(BUILD_DIR)/tree-after || \
	  { echo "make test: the suite changed the work tree:"; \
	    diff $(BUILD_DIR)/tree-before $(BUILD_DIR)/tree-after; exit 1; }

# The Debian package (CPack; dpkg-shlibdeps from dpkg-dev works out the
# library dependencies), then a check that it installs and runs: unpacked
# into a clean prefix, it scores a sample profile with its own files only.
package: build
	@dpkg-query -W -f='$${Status}\n' dpkg-dev 2>/dev/null | grep -q 'ok installed' || \
	  ($(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dpkg-dev)
	cd $(BUILD_DIR) && cpack -G DEB
	tests/cli/package.sh $(BUILD_DIR)/aidecide_*.deb

# The HTML reports in headless Chromium at 1280 and 390 px (docs/reports.md,
# "HTML"): installs Debian's chromium when it is missing.
browser: build
	@dpkg-query -W -f='$${Status}\n' chromium 2>/dev/null | grep -q 'ok installed' || \
	  ($(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	tests/browser/check_html.sh $(BUILD_DIR)/aidecide $(BUILD_DIR)/browser

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps
	@[ -f build/asan/build.ninja ] || cmake --preset asan
	cmake --build build/asan -j $(JOBS)
	ctest --test-dir build/asan --output-on-failure -j $(JOBS)

# ThreadSanitizer over everything that runs on several threads: the
# ordered parallel map, score and check with --jobs, the golden files (which
# run on every core).
tsan: deps
	@[ -f build/tsan/build.ninja ] || cmake --preset tsan
	cmake --build build/tsan -j $(JOBS)
	TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build/tsan --output-on-failure -j $(JOBS) \
	  -R 'ordered_parallel|jobs|golden|check_own_adrs|check_formats|progress'

# libFuzzer targets (clang 14); `make fuzz-smoke` runs each for FUZZ_RUNS
# executions with a fixed seed.
FUZZ_RUNS ?= 60000
fuzz: deps
	@for p in clang libclang-rt-14-dev; do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	@[ -f build/fuzz/build.ninja ] || cmake --preset fuzz
	cmake --build build/fuzz -j $(JOBS)

fuzz-smoke: fuzz
	tests/fuzz/smoke.sh build/fuzz $(FUZZ_RUNS)

# The batch benchmark (docs/performance.md): score and check against the parse
# floor at 1k/10k/100k files. BENCH_PROFILES and BENCH_ADRS pick the sizes.
BENCH_PROFILES ?= 1000 10000 100000
BENCH_ADRS ?= 1000 10000
bench: build
	@[ "$$(dpkg-query -W -f='$${Status}\n' time valgrind 2>/dev/null | grep -c 'ok installed')" = 2 ] || \
	  ($(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time valgrind)
	tests/bench/bench.sh $(BUILD_DIR) "$(BENCH_PROFILES)" "$(BENCH_ADRS)"

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build
