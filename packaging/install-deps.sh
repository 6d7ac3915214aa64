#!/usr/bin/env bash
# Installs every build, run and test dependency of Kafkascope on Debian 12
# (bookworm). Safe to run more than once: apt-get skips what is present.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config clang
  # engine
  libasio-dev libssl-dev libzstd-dev liblz4-dev libsnappy-dev zlib1g-dev
  # GUI
  qt6-base-dev qt6-base-dev-tools libqt6charts6-dev libqt6opengl6-dev libgl-dev
  # saved connections keep passwords in the OS keychain (optional at build time)
  qtkeychain-qt6-dev
  # sandbox cluster (the only place librdkafka is linked)
  librdkafka-dev
  # tests: kcat is the independent interop peer, openssl makes test certificates,
  # fonts let offscreen Qt render text
  kcat python3 openssl fonts-dejavu-core xauth xvfb
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
