#!/usr/bin/env bash
# The README's GPU figures, taken on a GPU host that has no X server, GLFW or Mesa of its own (the device machine
# this workplace lends). On the development machine first: scripts/gpu_bundle.sh (writes .bundle/), and Debian's
# glvnd packages downloaded into .gl/ (see .library/device/README.md); both travel with the working tree. Then, on
# the GPU host, from the repository root:
#
#   scripts/gpu_figures.sh [OUT_DIR]        (GPU_FIGURES_BENCH=0: without the benchmarks;
#                                            GPU_FIGURES_TRAINER_ONLY=1: the GPU trainer's table alone)
#
# Through this workplace's device tool, from the main checkout (the tool sends the session's own checkout, not a
# helper's worktree), after scripts/gpu_bundle.sh and the .gl/ debs, the GPU trainer's table is this one call:
#
#   run(command="GPU_FIGURES_TRAINER_ONLY=1 scripts/gpu_figures.sh", carry=[".bundle", ".gl"], timeout_s=600)
#
# and everything (window figures, CPU benchmark, GPU trainer table) is the same call without the variable (it can
# take most of the 10 minutes a command may run). log.txt comes back under $OUT either way.
#
# The window is drawn offscreen (--offscreen: an EGL context with no X server, which is how such a host's GPU
# renders; its GLX does not run on Xvfb). It runs the OpenGL tests on the GPU, then for ring8 and the `small`
# architecture: headless iterations per second, then the window (1280×800) with the field's path chosen by auto,
# forced to the GPU and forced to the CPU; then the CPU benchmark and, where Python has torch,
# its PyTorch reference; then the GPU trainer's benchmark (issue 17): ganscope_bench --trainer cpu and --trainer gpu
# and, where python3's torch sees the GPU, torch_reference.py --device cuda (a CUDA graph per iteration), on ganlab,
# tiny, small, wide and huge, with a table of the ratios and the issue's targets. Everything goes to OUT_DIR (default $OUT, else /tmp/gpu-figures): log.txt and one
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

# [SECTION] The GPU trainer's benchmark (issue 17), a function so that GPU_FIGURES_TRAINER_ONLY=1 runs it alone.
gpu_trainer_table() {
  echo "== GPU trainer benchmark (ganscope_bench --trainer cpu|gpu; PyTorch's CUDA graph)"
  export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
  local cuda=0 w line rows=""
  python3 -c 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null && cuda=1
  for w in ganlab tiny small wide huge; do
    local cpu_rate="" gpu_rate="" graph_rate=""
    line=$("$window" timeout 150 ganscope_bench --no-peak --workload "$w" --trainer cpu 2>&1 | grep '^workload name=')
    echo "cpu   $line"
    cpu_rate=$(sed -n 's/.* cpu_it_per_s=\([^ ]*\).*/\1/p' <<<"$line")
    # Both ways of issuing an iteration (app/gpu/gpu_engine.h's GpuPath); the table takes the faster.
    local path rate
    for path in dispatch persistent; do
      line=$(GANSCOPE_GPU_PATH=$path "$window" timeout 150 ganscope_bench --no-peak --workload "$w" --trainer gpu 2>&1 |
             grep -E '^(trainer name=|workload name=|ganscope_bench: )')
      echo "$line" | sed "s/^/gpu ($path)   /"
      rate=$(sed -n 's/^workload name=.* wall_it_per_s=\([^ ]*\).* trainer=gpu.*/\1/p' <<<"$line")
      if [[ -n $rate ]] && { [[ -z $gpu_rate ]] || awk -v a="$rate" -v b="$gpu_rate" 'BEGIN {exit !(a > b)}'; }; then
        gpu_rate=$rate
      fi
    done
    if ((cuda)); then
      line=$(timeout 150 python3 tests/bench/torch_reference.py --device cuda --workload "$w" 2>&1 |
             grep -E '^(machine |workload name=|torch_reference: )')
      echo "$line" | sed 's/^/torch /'
      graph_rate=$(sed -n 's/^workload name=.* cuda_graph_it_per_s=\([^ ]*\).*/\1/p' <<<"$line")
    fi
    rows+="$w ${cpu_rate:-n/a} ${gpu_rate:-n/a} ${graph_rate:-n/a}"$'\n'
  done
  ((cuda)) || echo "(python3 here has no torch that sees a CUDA device: the CUDA graph columns are n/a)"
  echo
  echo "| workload | CPU trainer it/s | GPU trainer it/s | PyTorch CUDA graph it/s | GPU/CPU | GPU/CUDA graph | target | met |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  awk 'NF == 4 {
    w = $1; a = $2; g = $3; q = $4
    r1 = (g == "n/a" || a == "n/a") ? "" : g / a; r2 = (g == "n/a" || q == "n/a") ? "" : g / q
    if (w == "wide") { r = r1; need = 10; t = "GPU/CPU >= 10x" }
    else if (w == "huge") { r = r2; need = 0.5; t = "GPU/CUDA graph >= 0.5x" }
    else { r = r2; need = 5; t = "GPU/CUDA graph >= 5x" }
    printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", w, a, g, q, (r1 == "" ? "n/a" : sprintf("%.2f×", r1)),
           (r2 == "" ? "n/a" : sprintf("%.2f×", r2)), t, (r == "" ? "n/a" : (r >= need ? "met" : "not met"))
  }' <<<"$rows"
}
# The GPU trainer against the CPU trainer on this GPU (the comparisons CI runs on llvmpipe), and the window training
# a wide network on the GPU: its frame rate and iterations per second.
gpu_trainer_checks() {
  echo "== GPU trainer tests on this GPU (tests/gpu: the same weights and batches as the CPU trainer)"
  "$window" timeout 300 ganscope_gpu_tests -tce='presets*' 2>&1 | tail -5
  echo "== the window (offscreen, 1280x800) training H 256, L 3, batch 512 on the GPU, then on the CPU"
  local trainer
  for trainer in gpu cpu; do
    "$window" timeout 120 ganscope --offscreen --frames 600 --set trainer=$trainer --set batch=512 \
      --set generator.hidden=[256,256,256] --set discriminator.hidden=[256,256,256] 2>&1 | grep '^frames=' |
      sed "s/^/trainer=$trainer: /"
  done
}
if [[ ${GPU_FIGURES_TRAINER_ONLY:-0} == 1 ]]; then
  gpu_trainer_checks
  gpu_trainer_table
  echo "== done (GPU trainer table only)"
  exit 0
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
gpu_trainer_checks
gpu_trainer_table
echo "== done"
