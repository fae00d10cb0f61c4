#!/usr/bin/env bash
# The performance benchmark: builds ganscope (Release), runs ganscope_bench and the PyTorch reference
# (tests/bench/torch_reference.py, Debian's python3-torch on Debian's OpenBLAS) on the same workloads, one thread each,
# alternating the two programs workload by workload for several rounds, and prints one table.
#
#   scripts/bench.sh [--rounds N] [--threads N] [--quick]
#
# --threads N gives ganscope N trainer threads (PyTorch stays at one); --quick is a smoke run (no meaningful numbers).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=3
threads=1
quick=()
while (($#)); do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --quick) quick=(--quick); rounds=1; shift ;;
    *) echo "usage: scripts/bench.sh [--rounds N] [--threads N] [--quick]" >&2; exit 2 ;;
  esac
done

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

workloads=(ganlab tiny small wide)
declare -A ours torch flops
peaks=()
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<"$2" | head -1; }
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
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
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
