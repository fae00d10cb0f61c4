#!/usr/bin/env bash
# The performance benchmark: builds ganscope (Release), runs ganscope_bench and the PyTorch reference
# (tests/bench/torch_reference.py, Debian's python3-torch on Debian's OpenBLAS) on the same workloads, one thread each,
# alternating the two programs workload by workload for several rounds, and prints one table.
#
#   scripts/bench.sh [--rounds N] [--threads N] [--quick] [--gpu]
#
# --threads N gives ganscope N trainer threads (PyTorch stays at one); --quick is a smoke run (no meaningful numbers).
#
# --gpu (issue 17, on a machine with a GPU): for ganlab, tiny, small, wide and huge it runs ganscope_bench
# --trainer cpu, ganscope_bench --trainer gpu, PyTorch on the CPU and, where a Python's torch sees a CUDA device,
# PyTorch's CUDA graph (torch_reference.py --device cuda; BENCH_CUDA_PYTHON names that Python, else python3 on the
# PATH, else Debian's), and prints one table of their rates and ratios from the same run, with the issue's targets:
# wide on the GPU at least 10x ganscope's CPU trainer; huge at least 0.5x PyTorch's CUDA graph; ganlab, tiny and
# small at least 5x PyTorch's CUDA graph. Rates: the CPU programs' per second of their CPU time (as the CPU table),
# the GPU programs' by the wall clock. A column that could not be measured (no GPU trainer here: ganscope_bench
# exits with 3 and says why; no CUDA in PyTorch) says n/a, and so do the ratios and targets that need it. huge is
# in the --gpu table only (about 78 GFLOP an iteration: seconds per iteration on one core, and no CPU target).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=3
threads=1
quick=()
gpu=0
while (($#)); do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --quick) quick=(--quick); rounds=1; shift ;;
    --gpu) gpu=1; shift ;;
    *) echo "usage: scripts/bench.sh [--rounds N] [--threads N] [--quick] [--gpu]" >&2; exit 2 ;;
  esac
done

# [SECTION] --gpu: ganscope's CPU and GPU trainers beside PyTorch's CPU and CUDA graph, workload by workload
gpu_table() {
  local workloads=(ganlab tiny small wide huge) cuda_python="" candidate w round out rc note=""
  local -A cpu gpu_rate torch_cpu torch_graph fallback
  for candidate in "${BENCH_CUDA_PYTHON:-}" "$(command -v python3 || true)" "$python"; do
    [[ -n $candidate ]] || continue
    if "$candidate" -c 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
      cuda_python=$candidate
      break
    fi
  done
  for ((round = 1; round <= rounds; ++round)); do
    for w in "${workloads[@]}"; do
      out=$("$root/build/ganscope_bench" "${quick[@]}" --no-peak --workload "$w" --threads "$threads" --trainer cpu |
            grep '^workload ')
      if ((threads == 1)); then cpu[$w]+=" $(field cpu_it_per_s "$out")"; else cpu[$w]+=" $(field it_per_s "$out")"; fi
      rc=0
      out=$("$root/build/ganscope_bench" "${quick[@]}" --no-peak --workload "$w" --trainer gpu 2>/tmp/bench-gpu.$$) ||
        rc=$?
      if ((rc == 0)); then
        gpu_rate[$w]+=" $(field wall_it_per_s "$(grep '^workload ' <<<"$out")")"
        note=$(sed -n 's/^trainer name=[^ ]* note="\(.*\)"$/\1/p' <<<"$out")
      elif ((rc == 3)); then
        fallback[$w]=$(cat /tmp/bench-gpu.$$)
      else
        cat /tmp/bench-gpu.$$ >&2
        echo "bench: ganscope_bench --trainer gpu --workload $w exited with $rc" >&2
        exit 1
      fi
      out=$("$python" "$root/tests/bench/torch_reference.py" "${quick[@]}" --workload "$w" | grep '^workload ')
      torch_cpu[$w]+=" $(field cpu_it_per_s "$out")"
      if [[ -n $cuda_python ]]; then
        out=$("$cuda_python" "$root/tests/bench/torch_reference.py" "${quick[@]}" --device cuda --workload "$w" |
              grep '^workload ')
        torch_graph[$w]+=" $(field cuda_graph_it_per_s "$out")"
      fi
    done
  done
  rm -f /tmp/bench-gpu.$$

  echo "bench: ganscope's GPU trainer: ${note:-n/a (it trained on the CPU: see below)}"
  if [[ $note =~ llvmpipe|softpipe|swrast ]]; then echo "bench: that is a software renderer: its rates are not a GPU's"; fi
  for w in "${workloads[@]}"; do
    if [[ -n ${fallback[$w]:-} ]]; then echo "bench: ${fallback[$w]}"; fi
  done
  if [[ -n $cuda_python ]]; then
    echo "bench: PyTorch's CUDA graph: $("$cuda_python" -c 'import torch; print(torch.__version__, torch.cuda.get_device_name())') ($cuda_python)"
  else
    echo "bench: PyTorch's CUDA graph: n/a (no Python here whose torch sees a CUDA device)"
  fi
  echo "bench: CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $threads trainer thread(s), PyTorch 1 thread;" \
       "medians of $rounds rounds; CPU rates per second of CPU time, GPU rates by the wall clock"
  echo
  printf '| %-8s | %11s | %11s | %11s | %18s | %9s | %15s | %-22s | %-7s |\n' workload "CPU trainer" "GPU trainer" \
    "PyTorch CPU" "PyTorch CUDA graph" "GPU/CPU" "GPU/CUDA graph" target met
  printf '| %-8s | %11s | %11s | %11s | %18s | %9s | %15s | %-22s | %-7s |\n' --- ---: ---: ---: ---: ---: ---: --- ---
  local -A target=([ganlab]="GPU/CUDA graph >= 5x" [tiny]="GPU/CUDA graph >= 5x" [small]="GPU/CUDA graph >= 5x"
                   [wide]="GPU/CPU >= 10x" [huge]="GPU/CUDA graph >= 0.5x")
  for w in "${workloads[@]}"; do
    awk -v w="$w" -v a="$(median <<<"${cpu[$w]}")" -v g="$(median <<<"${gpu_rate[$w]:-}")" \
        -v c="$(median <<<"${torch_cpu[$w]}")" -v q="$(median <<<"${torch_graph[$w]:-}")" -v t="${target[$w]}" 'BEGIN {
      rate = "%.1f"
      gs = g == "" ? "n/a" : sprintf(rate, g); qs = q == "" ? "n/a" : sprintf(rate, q)
      r1 = g == "" ? "" : g / a; r2 = (g == "" || q == "") ? "" : g / q
      r1s = r1 == "" ? "n/a" : sprintf("%.2f×", r1); r2s = r2 == "" ? "n/a" : sprintf("%.2f×", r2)
      if (w == "wide") { r = r1; need = 10 } else if (w == "huge") { r = r2; need = 0.5 } else { r = r2; need = 5 }
      met = r == "" ? "n/a" : (r >= need ? "met" : "not met")
      printf "| %-8s | %11.1f | %11s | %11.1f | %18s | %9s | %15s | %-22s | %-7s |\n", w, a, gs, c, qs, r1s, r2s, t, met
    }'
  done
}

# [SECTION] The reference's packages: PyTorch and an optimized BLAS for it (without one, PyTorch's CPU GEMMs run
# Debian's unoptimized reference BLAS, which would make it an unfair reference on the wide workload).
packages=(python3-torch libopenblas0-pthread)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bench: installing ${missing[*]}" >&2
  sudo_=""
  ((EUID != 0)) && sudo_=sudo
  $sudo_ apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

"$root/scripts/build.sh"

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
echo "bench: $cpu, $(nproc --all) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"

# [SECTION] One thread for PyTorch, its OpenMP and OpenBLAS. Where the CPU has AVX-512 the reference gets OpenBLAS's
# AVX-512 kernels (SkylakeX), as ganscope gets Eigen's: OpenBLAS 0.3.21 (Debian 12) predates Zen 5 and would fall
# back to its AVX2 kernels there, and an OPENBLAS_CORETYPE set in the environment is overridden for the same reason
# (BENCH_OPENBLAS_CORETYPE chooses another).
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
if grep -q avx512bw /proc/cpuinfo && grep -q avx512vl /proc/cpuinfo && grep -q avx512dq /proc/cpuinfo; then
  export OPENBLAS_CORETYPE=${BENCH_OPENBLAS_CORETYPE:-SkylakeX}
elif [[ -n "${BENCH_OPENBLAS_CORETYPE:-}" ]]; then
  export OPENBLAS_CORETYPE=$BENCH_OPENBLAS_CORETYPE
fi
python=/usr/bin/python3  # Debian's interpreter, the one python3-torch is installed for
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<"$2" | head -1; }
if ((gpu)); then gpu_table; exit 0; fi  # (in an if, not a && list: set -e holds inside)

workloads=(ganlab tiny small wide)
declare -A ours torch flops
peaks=()
for ((round = 1; round <= rounds; ++round)); do
  for w in "${workloads[@]}"; do
    out=$("$root/build/ganscope_bench" "${quick[@]}" --workload "$w" --threads "$threads")
    machine=$(grep '^machine ' <<<"$out")
    line=$(grep '^workload ' <<<"$out")
    peaks+=("$(field sgemm_gflop_per_s "$machine")")
    if ((threads == 1)); then ours[$w]+=" $(field cpu_it_per_s "$line")"; else ours[$w]+=" $(field it_per_s "$line")"; fi
    flops[$w]=$(field flop_per_it "$line")
    ref=$("$python" "$root/tests/bench/torch_reference.py" "${quick[@]}" --workload "$w" | grep '^workload ')
    torch[$w]+=" $(field cpu_it_per_s "$ref")"
  done
done
peak=$(printf '%s\n' "${peaks[@]}" | median)

echo "bench: ganscope $(sed -n 's/^machine arch="\([^"]*\)" isa=\([^ ]*\).*/\1, \2/p' <<<"$machine"), $threads trainer thread(s);" \
     "PyTorch $("$python" -c 'import torch; print(torch.__version__)'), 1 thread, BLAS $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 | sed 's|.*/\([^/]*\)/libblas.so.3|\1|')${OPENBLAS_CORETYPE:+ ($OPENBLAS_CORETYPE kernels)}"
echo "bench: SGEMM peak (Eigen, one core, 1024³) $peak GFLOP/s; medians of $rounds rounds; rates per second of each program's CPU time$( ((threads > 1)) && echo " (ganscope: wall clock, $threads threads)")"
echo "bench: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo
printf '| %-8s | %13s | %12s | %16s | %8s | %14s | %6s | %-7s |\n' workload "ganscope it/s" "PyTorch it/s" "ganscope/PyTorch" "GFLOP/s" "% SGEMM peak" target met
printf '| %-8s | %13s | %12s | %16s | %8s | %14s | %6s | %-7s |\n' --- ---: ---: ---: ---: ---: ---: ---
declare -A target=([ganlab]=10 [tiny]=10 [small]=3 [wide]=1)
for w in "${workloads[@]}"; do
  a=$(median <<<"${ours[$w]}")
  b=$(median <<<"${torch[$w]}")
  awk -v w="$w" -v a="$a" -v b="$b" -v f="${flops[$w]}" -v p="$peak" -v t="${target[$w]}" 'BEGIN {
    r = a / b; g = a * f * 1e-9
    printf "| %-8s | %13.0f | %12.0f | %15.1f× | %8.1f | %13.1f%% | %5s× | %-7s |\n", w, a, b, r, g, 100 * g / p, t, (r >= t ? "met" : "not met")
  }'
done
