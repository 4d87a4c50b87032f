#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian machine of this
# kind, skipping what is already there: the wasm32 standard library (rustup,
# else Debian's rustc-web), the wasm-bindgen CLI matching Cargo.toml, wasm-opt,
# Chromium, the Python packages the Python binding's tests need (maturin,
# pytest, dask[distributed], pandas) and the npm dev dependencies
# (playwright-core). Idempotent.
#
#   scripts/setup.sh        everything the tests need
#   scripts/setup.sh app    only what building and serving the page needs
#                           (no cargo-fuzz, no Chromium): scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-all}
log() { printf '[setup] %s\n' "$*" >&2; }
t0=$(date +%s)

export PATH="$HOME/.cargo/bin:$PATH"
WBG_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated -eq 0 ]; then
    log "apt-get update"
    apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# 1. wasm32 std: route A (rustup), else route B (Debian rustc-web + build-std).
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "wasm32 target: present (rustup)"
elif rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  log "wasm32 target: installed with rustup"
else
  log "wasm32 target: rustup unreachable, using Debian rustc-web with build-std"
  apt_install rustc-web cargo-web rust-web-src rust-web-llvm
  mkdir -p target && echo debian > target/.wasm-route
fi

# rustfmt and clippy for the test gates (part of rustup's default profile).
for c in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c" >/dev/null 2>&1 \
    || log "$c: not available from rustup"
done

# 2. wasm-bindgen CLI of the pinned version.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$WBG_VERSION" ]; then
  log "wasm-bindgen $WBG_VERSION: present"
else
  log "installing wasm-bindgen-cli $WBG_VERSION (a few minutes)"
  # --locked first; its lock file can name a crate version the registry no
  # longer serves, so fall back to a fresh resolution.
  cargo install -q wasm-bindgen-cli --version "$WBG_VERSION" --locked 2>/dev/null \
    || cargo install -q wasm-bindgen-cli --version "$WBG_VERSION"
fi

# cargo-fuzz for the short fuzzing run the tests include.
if [ "$want" != app ] && ! command -v cargo-fuzz >/dev/null; then
  log "installing cargo-fuzz"
  cargo install -q cargo-fuzz --locked 2>/dev/null || cargo install -q cargo-fuzz
fi

# 3. Chromium for end-to-end tests, python3 for the scorer. (wasm-opt comes
# from npm's binaryen: Debian's 108 miscompiles wasm-bindgen's tables.)
if [ "$want" != app ]; then
  [ -x /usr/bin/chromium ] || apt_install chromium
  command -v python3 >/dev/null || apt_install python3
fi
command -v node >/dev/null || apt_install nodejs npm

# 4. Python packages for the Python binding's build and tests (scripts/python.sh):
# maturin, pytest, Dask distributed (the archive example's LocalCluster) and pandas.
if [ "$want" != app ]; then
  py_missing=()
  for m in maturin pytest distributed pandas; do python3 -c "import $m" 2>/dev/null || py_missing+=("$m"); done
  if [ ${#py_missing[@]} -gt 0 ]; then
    python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
    pkgs=("${py_missing[@]/distributed/dask[distributed]}")
    log "pip install ${pkgs[*]}"
    # (a Debian python3 marks its environment externally managed: then into it anyway)
    python3 -m pip install -q --root-user-action=ignore "${pkgs[@]}" 2>/dev/null \
      || python3 -m pip install -q --root-user-action=ignore --break-system-packages "${pkgs[@]}"
  fi
fi

# 5. npm dev dependencies: playwright-core drives the system Chromium,
# binaryen gives wasm-opt.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.setup-stamp 2>/dev/null)" != "$lock_sum" ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --silent
  echo "$lock_sum" > node_modules/.setup-stamp
fi

log "ready in $(( $(date +%s) - t0 )) s"
