#!/usr/bin/env bash
# Installs what Lading's build and tests need, skipping everything already present.
#   scripts/setup.sh run   — Rust wasm target, trunk, wasm-bindgen-cli, npm packages (wasm-opt)
#   scripts/setup.sh test  — the above, plus Debian's chromium, chromium-driver, nginx and
#                            firefox-esr, and geckodriver (cargo)
# Safe to run any number of times. Nothing downloads a prebuilt binary at run time.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1
GECKODRIVER_VERSION=0.37.1
# wasm-bindgen-cli must be the exact version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
APT_PACKAGES=(chromium chromium-driver nginx-light firefox-esr)

say() { printf '[setup] %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

if ! grep -q "^wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  say "Trunk.toml [tools] wasm_bindgen must equal the wasm-bindgen crate in Cargo.lock ($WASM_BINDGEN_VERSION)" >&2
  exit 1
fi

if [ "${1:-run}" = test ]; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "apt: installing ${missing[*]}"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup: adding wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The release build's pinned nightly (scripts/release-env.sh), with std's source to rebuild.
RELEASE_TOOLCHAIN=$(. scripts/release-env.sh 2>/dev/null && echo "$RELEASE_TOOLCHAIN")
if ! rustup run "$RELEASE_TOOLCHAIN" rustc --print sysroot >/dev/null 2>&1 \
  || ! rustup component list --installed --toolchain "$RELEASE_TOOLCHAIN" | grep -q '^rust-src' \
  || ! rustup target list --installed --toolchain "$RELEASE_TOOLCHAIN" | grep -qx wasm32-unknown-unknown; then
  say "rustup: installing $RELEASE_TOOLCHAIN with rust-src and wasm32-unknown-unknown (release build)"
  # A size optimisation, not a requirement: without it the release is built by stable.
  rustup toolchain install "$RELEASE_TOOLCHAIN" --profile minimal --component rust-src --target wasm32-unknown-unknown \
    || say "rustup could not install $RELEASE_TOOLCHAIN: the release will be built by stable (larger wasm)"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "cargo: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (~3 min)"
  # Not --locked: its lock file pins a webpki-roots the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "cargo: installing trunk $TRUNK_VERSION (~9 min)"
  # Every 0.22 release declares rust-version 1.96.1 but builds and works on 1.95.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version --force
fi

if [ "${1:-run}" = test ] && [ "$(geckodriver --version 2>/dev/null | awk 'NR == 1 { print $1, $2 }')" != "geckodriver $GECKODRIVER_VERSION" ]; then
  say "cargo: installing geckodriver $GECKODRIVER_VERSION (~4 min)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --force
fi

# npm ci wipes node_modules, so only run it when package.json or its lock file changed
# since last time.
if ! cat package.json package-lock.json | cmp -s - node_modules/.lading-installed-lock 2>/dev/null; then
  say "npm: installing from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  cat package.json package-lock.json >node_modules/.lading-installed-lock
fi
say "ready"
