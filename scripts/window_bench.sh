#!/usr/bin/env bash
# The window's frame rate on this machine (Xvfb and Mesa's llvmpipe when there is no GPU): for each layout and
# size, a headless run of the preset just before (the reference), then the window for N frames, training at full
# speed. Prints one Markdown table (the README's "Frame rate"): frames per second, each frame's work p50 / p99 and
# the training rate in the window against the headless one.
#
#   scripts/window_bench.sh [--runs N] [--frames N] [--preset NAME] [--no-build] [--exe FILE]
#
# --exe FILE measures that binary (from another build folder) and builds nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=3
frames=900
preset=ring8
build=1
exe="$root/build/ganscope"
usage="usage: scripts/window_bench.sh [--runs N] [--frames N] [--preset NAME] [--no-build] [--exe FILE]"
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --frames) frames=$2; shift 2 ;;
    --preset) preset=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --exe) exe=$(realpath "$2"); build=0; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
for n in "$runs" "$frames"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "window_bench: --runs and --frames take a whole number from 1 up, not '$n'" >&2; exit 2; }
done
((build)) && "$root/scripts/build.sh"
command -v xvfb-run >/dev/null || { echo "window_bench: xvfb-run is missing (Debian package xvfb; scripts/setup.sh installs it)" >&2; exit 1; }

# The layouts measured: a name, the window size and the options.
layouts=("normal 1280x800|1280x800|" "lecture 1920x1080|1920x1080|--lecture" "normal 1920x1080|1920x1080|"
         "lecture 1024x768|1024x768|--lecture")
field() { sed -n "s/.*[ ^]$1=\([^ ]*\).*/\1/p" <<<"$2"; }

echo "\`$(basename "$exe")\`, preset \`$preset\`, $frames frames a run, $runs runs each; $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
echo
echo "| layout | fps | work ms p50 / p99 | training it/s in the window (headless) | share of headless |"
echo "| --- | --- | --- | --- | --- |"
for entry in "${layouts[@]}"; do
  IFS='|' read -r name size options <<<"$entry"
  rows=()
  for ((r = 1; r <= runs; ++r)); do
    headless=$("$exe" --headless --preset "$preset" --steps 8000 2>&1 | sed -n 's/.*(\([0-9]*\) it\/s).*/\1/p')
    # shellcheck disable=SC2086  # the options are words
    line=$(xvfb-run -a -s "-screen 0 ${size}x24" "$exe" --preset "$preset" --window "$size" --frames "$frames" $options 2>&1 |
           grep '^frames=')
    fps=$(field fps "$line")
    p50=$(field work_ms_p50 "$line")
    p99=$(field work_ms_p99 "$line")
    rate=$(field it_per_s "$line")
    share=$(awk -v a="$rate" -v b="$headless" 'BEGIN { printf "%.0f %%", 100 * a / b }')
    rows+=("| $name | $fps | $p50 / $p99 | $rate ($headless) | $share |")
  done
  printf '%s\n' "${rows[@]}"
done
