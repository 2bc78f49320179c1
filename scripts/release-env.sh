# Sourced before `trunk build --release` / `trunk serve --release` (Makefile) and by
# scripts/setup.sh, which installs RELEASE_TOOLCHAIN. The shipped wasm is built by a pinned
# nightly that rebuilds std for size and aborts on a panic without formatting it: 11 % less
# gzipped wasm than stable with the same profile (357.4 → 316.9 KB, measured 2026-12-06).
# Native and component tests stay on stable; the end-to-end tests run this build.
#   -Cpanic=immediate-abort: no panic messages, locations or unwinding glue in the binary;
#   -Zlocation-detail=none: no file/line strings for what still records a caller;
#   -Zfmt-debug=none: `{:?}` prints nothing — the app shows no Debug output (tests do, on
#     stable) — so no Debug impl is compiled in.
# When that toolchain is not installed (setup could not fetch it), the release is built by
# stable with .cargo/config.toml's flags: the same app, a larger wasm, and a warning.
export RELEASE_TOOLCHAIN=nightly-2026-05-20
release_sysroot=$(rustup run "$RELEASE_TOOLCHAIN" rustc --print sysroot 2>/dev/null || true)
# Installed with std's source (to rebuild) and the wasm target.
if [ -n "$release_sysroot" ] && [ -d "$release_sysroot/lib/rustlib/src/rust/library" ] \
  && [ -d "$release_sysroot/lib/rustlib/wasm32-unknown-unknown" ]; then
  export RUSTUP_TOOLCHAIN="$RELEASE_TOOLCHAIN"
  # Its own target dir: stable's wasm test builds and this one do not evict each other.
  export CARGO_TARGET_DIR=target/size
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  # Cargo joins these to .cargo/config.toml's rustflags for the wasm target (`--cfg
  # erase_components` comes from there).
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"
else
  echo "[release-env] $RELEASE_TOOLCHAIN is not installed: building the release with stable (larger wasm)" >&2
fi
