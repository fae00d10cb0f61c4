#!/usr/bin/env bash
# Installs, from Debian's packages, everything ganscope needs to build, run and test.
# Idempotent: does nothing when every package is already there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libeigen3-dev nlohmann-json3-dev libcli11-dev doctest-dev
  libglfw3-dev libimgui-dev libstb-dev libglm-dev libgl-dev libegl-dev
  fonts-dejavu-core xvfb xauth
  clang libclang-rt-14-dev  # the fuzz targets (libFuzzer), scripts/fuzz.sh
  xdotool                   # the monkey test's clicks and keys, scripts/monkey.sh
  ffmpeg                    # recording MP4 and GIF (a child process fed raw frames), ffprobe in the tests
  python3-torch python3-numpy libopenblas0-pthread  # running the scripts --export-pytorch writes (and their tests)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo_=""
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_=sudo
fi
$sudo_ apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
