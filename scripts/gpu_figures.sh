#!/usr/bin/env bash
# The README's GPU figures, taken on a GPU host that has no X server, GLFW or Mesa of its own (the device machine
# this workplace lends). On the development machine first: scripts/gpu_bundle.sh (writes .bundle/), and Debian's
# glvnd packages downloaded into .gl/ (see .library/device/README.md); both travel with the working tree. Then, on
# the GPU host, from the repository root:
#
#   scripts/gpu_figures.sh [OUT_DIR]        (GPU_FIGURES_BENCH=0: without the CPU benchmark)
#
# The window is drawn offscreen (--offscreen: an EGL context with no X server, which is how such a host's GPU
# renders; its GLX does not run on Xvfb). It runs the OpenGL tests on the GPU, then for ring8 and the `small`
# architecture: headless iterations per second, then the window (1280×800) with the field's path chosen by auto,
# forced to the GPU and forced to the CPU; then the CPU benchmark and, where Python has torch,
# its PyTorch reference. Everything goes to OUT_DIR (default $OUT, else /tmp/gpu-figures): log.txt and one
# screenshot per window run.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-${OUT:-/tmp/gpu-figures}}
mkdir -p "$out"
exec > >(tee "$out/log.txt") 2>&1

if [[ ! -x .bundle/run-window.sh ]]; then
  echo "gpu_figures: .bundle/run-window.sh is missing: run scripts/gpu_bundle.sh on the development machine first"
  exit 2
fi
for deb in .gl/*.deb; do [[ -e $deb ]] && dpkg -x "$deb" /; done
ldconfig
window=.bundle/run-window.sh

echo "== machine"
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv,noheader
lscpu | sed -n 's/^Model name: *//p' | head -1
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# [SECTION] The GPU through EGL, with no X server: NVIDIA's EGL vendor file is outside glvnd's default folders.
vendor=$(find /usr/local/nvidia /usr/share/glvnd /etc/glvnd -name '*nvidia*.json' -path '*egl_vendor*' 2>/dev/null | head -1)
[[ -n $vendor ]] && export __EGL_VENDOR_LIBRARY_FILENAMES=$vendor
export GANSCOPE_GL_API=egl  # the OpenGL tests' contexts through EGL too
# The time limits go inside run-window.sh, so that what they stop is the program itself, not the wrapper.
renderer=$("$window" timeout 60 ganscope --offscreen --frames 30 2>&1 | tee /dev/stderr | grep '^frames=' |
           sed 's/.*renderer=//')
echo "renderer: ${renderer:-none}"
if [[ -z $renderer || $renderer =~ llvmpipe|softpipe|swrast ]]; then
  echo "gpu_figures: no OpenGL context reaches the GPU here (see above); nothing to measure"
  exit 1
fi

echo "== OpenGL tests on this renderer"
"$window" timeout 180 ganscope_gl_tests 2>&1 | tail -3

# [SECTION] The window against headless, per architecture and field path: auto (which measures the GPU path and
# leaves it where it is over budget), the GPU path forced (few frames: it can be slow) and the CPU path forced.
small=(--set "generator.hidden=[64,64,64]" --set "discriminator.hidden=[64,64,64]" --set batch=256
       --set optimizer.g.lr=1e-4 --set optimizer.d.lr=1e-4)
window_run() {  # NAME FIELD FRAMES ARGS...
  local name=$1 field=$2 frames=$3
  shift 3
  echo "-- $name, field $field, $frames frames"
  "$window" timeout 150 ganscope --offscreen --frames "$frames" --field "$field" \
    --screenshot "$out/$name-$field.png" "$@" 2>&1 | grep '^frames='
}
measure() {  # NAME ARGS...
  local name=$1
  shift
  echo "== $name, headless"
  "$window" timeout 120 ganscope --headless --steps 10000 "$@" 2>&1 | grep -m1 ' it/s)'
  window_run "$name" auto 900 "$@"
  window_run "$name" gpu 60 "$@"
  window_run "$name" cpu 900 "$@"
}
measure ring8
measure small "${small[@]}"
[[ ${GPU_FIGURES_BENCH:-1} == 0 ]] && { echo "== done (no benchmark)"; exit 0; }

# [SECTION] The CPU benchmark on this host's processor, and PyTorch's reference where this host's Python has torch.
echo "== benchmark (one thread)"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
for workload in ganlab tiny small wide; do
  "$window" timeout 120 ganscope_bench --workload "$workload" 2>&1 | grep -E '^(machine |workload name=)'
  if python3 -c 'import torch' 2>/dev/null; then
    timeout 120 python3 tests/bench/torch_reference.py --workload "$workload" 2>&1 | grep '^workload name=' |
      sed "s/^/torch $(python3 -c 'import torch; print(torch.__version__)') /"
  fi
done
echo "== benchmark wide, two threads"
"$window" timeout 120 ganscope_bench --workload wide --threads 2 2>&1 | grep '^workload name='
echo "== done"
