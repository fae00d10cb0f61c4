#!/usr/bin/env bash
# Times recording with the real program: a headless run of a preset recorded as MP4, GIF and a PNG sequence, the
# whole window and the view alone, against the same run unrecorded. Prints one Markdown table (the README's
# "Recording speed and cost").
#
#   scripts/record_bench.sh [--runs N] [--steps N] [--every K] [--window WxH] [--preset NAME] [--no-build] [--exe FILE]
#
# --exe FILE times that binary (from another build folder) and builds nothing.
# Each run records into a fresh temporary folder, removed at the end. The frames per second are the frames written
# divided by the run's wall time (rendered and encoded, training included).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=2
steps=3000
every=10
window=1280x720
preset=demo-collapse-pacgan
build=1
usage="usage: scripts/record_bench.sh [--runs N] [--steps N] [--every K] [--window WxH] [--preset NAME] [--no-build] [--exe FILE]"
exe="$root/build/ganscope"
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --every) every=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --preset) preset=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --exe) exe=$(realpath "$2"); build=0; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
if ((build)); then "$root/scripts/build.sh"; fi
[[ -x $exe ]] || { echo "record_bench: $exe is missing (run scripts/build.sh)" >&2; exit 1; }
command -v ffprobe >/dev/null || { echo "record_bench: ffprobe is missing (apt-get install ffmpeg)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ganscope-record-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

# Seconds since the epoch, to the nanosecond.
now() { date +%s.%N; }

# One headless run; extra arguments are the recording's. Prints its wall time in seconds.
timed_run() {
  local start end
  start=$(now)
  if ! (cd "$work" && "$exe" --headless --preset "$preset" --steps "$steps" "$@" \
         >/dev/null 2>"$work/stderr.txt"); then
    echo "record_bench: failed: ganscope --headless --preset $preset $*" >&2
    tail -3 "$work/stderr.txt" >&2
    exit 1
  fi
  end=$(now)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

# The frames in a recording: ffprobe's count for a file, the PNGs in a folder.
frames_in() {
  if [[ -d $1 ]]; then
    find "$1" -name 'frame_*.png' | wc -l
  else
    ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$1"
  fi
}

# Bytes as MB with one decimal.
megabytes() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }

plain=()
for ((r = 0; r < runs; ++r)); do plain+=("$(timed_run)"); done
echo "\`$preset\`, $steps iterations, a frame every $every, \`--window $window\`, $runs runs each; unrecorded:" \
     "$(printf '%.2f s ' "${plain[@]}")"
echo
echo "| recording | wall time | frames per second (rendered and encoded) | frames | file |"
echo "| --- | --- | --- | --- | --- |"
for target in clip.mp4 clip.gif frames/; do
  for view in window view; do
    times=() rates=()
    for ((r = 0; r < runs; ++r)); do
      rm -rf "${work:?}/${target%/}"
      t=$(timed_run --window "$window" --record "$target" --record-every "$every" --record-view "$view")
      n=$(frames_in "$work/${target%/}")
      times+=("$(printf '%.1f' "$t")")
      rates+=("$(awk -v n="$n" -v t="$t" 'BEGIN { printf "%.1f", n / t }')")
    done
    echo "| $target, $view | ${times[*]} s | ${rates[*]} | $n | $(megabytes "$work/${target%/}") MB |"
  done
done
