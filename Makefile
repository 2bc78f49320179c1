# The two commands of the README, plus their parts. Every target sets itself up first.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: run test test-native test-wasm test-wasm-chromium test-wasm-firefox test-e2e test-firefox test-serve build bench code-size split-experiment setup-run setup-test

## Serve the app on the demo data at http://127.0.0.1:8080
run: setup-run
	. scripts/release-env.sh && trunk serve --release

## Run every test: native, wasm in headless Chromium and Firefox ESR, end-to-end with
## Playwright in Chromium, a smoke test of the release build in Firefox ESR, and one of the
## server `make run` starts
test: setup-test test-native test-wasm test-e2e test-firefox test-serve

setup-run:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

test-native:
	cargo test --locked

WASM_TESTS := cargo test --locked --target wasm32-unknown-unknown --test components --test token_gate

# wasm-bindgen-test-runner takes the first driver it finds on PATH unless told: tell it.
test-wasm: test-wasm-chromium test-wasm-firefox

test-wasm-chromium:
	@echo "component tests in $$(chromium --version 2>/dev/null)"
	env -u GECKODRIVER CHROMEDRIVER=/usr/bin/chromedriver $(WASM_TESTS)

test-wasm-firefox:
	@echo "component tests in $$(firefox-esr --version) (geckodriver $$(geckodriver --version | awk 'NR == 1 { print $$2 }'))"
	env -u CHROMEDRIVER GECKODRIVER=$$(command -v geckodriver) $(WASM_TESTS)

build:
	. scripts/release-env.sh && trunk build --release

test-e2e: build
	npx playwright test -c tests/e2e
	@node -e 'const s = require("./test-results/e2e.json").stats; console.log(`end-to-end: $${s.expected} passed, $${s.unexpected} failed, $${s.skipped} skipped`)' 

## Smoke test of the release build in headless Firefox ESR (selenium-webdriver, geckodriver)
test-firefox: build
	@echo "end-to-end smoke test in $$(firefox-esr --version) (geckodriver $$(geckodriver --version | awk 'NR == 1 { print $$2 }'))"
	SE_OFFLINE=true node tests/firefox/smoke.mjs

## Smoke test of `make run`'s server (trunk serve --release, into target/serve-dist)
test-serve: build
	. scripts/release-env.sh && node --test tests/serve/smoke.mjs

## Benchmark: bundle size, start-up, load and interaction times against the hand-written
## baseline (bench/baseline/), then Lighthouse on the demo page (writes bench/results.md)
bench: setup-test build
	node bench/bench.mjs
	node bench/lighthouse.mjs --append
	@$(MAKE) --no-print-directory code-size
	@printf '\n## Memory profile (wasm32)\n\n' | tee -a bench/results.md
	rustup target list --installed | grep -qx wasm32-wasip1 || rustup target add wasm32-wasip1
	cargo run --release --locked --quiet --example memory_profile --target wasm32-wasip1 | tee -a bench/results.md

## What splitting the wasm in two would give the Lighthouse LCP and the bundle budget: the
## functions the demo page's start runs (a profile in Chromium) against the rest (prints only)
split-experiment: setup-test build
	node bench/split-experiment.mjs

## Where the wasm's code goes: the release build again through wasm-bindgen and wasm-opt -Oz,
## keeping function names, then sizes by crate and by feature (appended to bench/results.md)
code-size: build
	@printf '\n## Code size by crate and feature\n\n' | tee -a bench/results.md
	. scripts/release-env.sh 2>/dev/null; \
	  wasm-bindgen --target web --keep-debug --no-typescript --out-dir target/named \
	    $${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/lading.wasm
	wasm-opt -Oz --low-memory-unused -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	  --enable-mutable-globals --enable-reference-types --enable-multivalue \
	  target/named/lading_bg.wasm -o target/named/lading_named.wasm
	python3 bench/code_size.py target/named/lading_named.wasm | tee -a bench/results.md
