#!/usr/bin/env bash
# The long reliability target (not part of scripts/test.sh; about 35 minutes on 2 cores):
#   1. 10^6 iterations headless of the default preset: resident memory at the end within 32 MiB of the start;
#   2. ten minutes of the window training under Xvfb (--frame-watchdog 1000: no frame over a second): resident
#      memory after ten minutes within 64 MiB of that after the first minute; its summary line (frame and work
#      percentiles over the whole run) is printed;
#   3. the fuzz targets for ten minutes each (scripts/fuzz.sh 600);
#   4. the monkey test for ten minutes (scripts/monkey.sh 600).
# Usage: scripts/long_test.sh [headless|window|fuzz|monkey]... (default: all four, in that order).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" >/dev/null
exe="$root/build/ganscope"
parts=("$@")
((${#parts[@]})) || parts=(headless window fuzz monkey)

# Resident memory of process $1 in KiB (0 once it has gone).
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# Samples the RSS of process $1 every $2 seconds until it exits, one "seconds kib" line each, into file $3.
sample_rss() {
  local pid=$1 every=$2 out=$3 start=$SECONDS
  : >"$out"
  while kill -0 "$pid" 2>/dev/null; do
    echo "$((SECONDS - start)) $(rss_kib "$pid")" >>"$out"
    sleep "$every"
  done
}

headless() {
  local log rss
  log=$(mktemp) rss=$(mktemp)
  "$exe" --headless --steps 1000000 >"$log" 2>/dev/null &
  local pid=$!
  sample_rss "$pid" 5 "$rss" &
  wait "$pid"
  wait
  # The first sample after 5 s is "the start" (the networks and buffers are built by then); the last is the end.
  local first last
  first=$(awk '$1 >= 5 && $2 > 0 {print $2; exit}' "$rss")
  last=$(awk '$2 > 0 {v = $2} END {print v}' "$rss")
  echo "long: headless 10^6 iterations: $(head -1 "$log")"
  echo "long: headless resident memory: start ${first} KiB, end ${last} KiB, growth $(((last - first) / 1024)) MiB (bound 32 MiB)"
  ((last - first <= 32 * 1024)) || { echo "long: headless memory grew past its bound" >&2; return 1; }
}

window() {
  local rss summary
  rss=$(mktemp) summary=$(mktemp)
  # 36,000 frames: ten minutes at 60 frames per second.
  flock /tmp/ganscope-xvfb.lock xvfb-run -a -s "-screen 0 1280x800x24" \
    "$exe" --frames 36000 --frame-watchdog 1000 >"$summary" 2>&1 &
  local wrapper=$!
  local pid=""
  for _ in $(seq 100); do
    pid=$(pgrep -n -x ganscope || true)
    [[ -n $pid ]] && break
    sleep 0.2
  done
  sample_rss "$pid" 30 "$rss" &
  wait "$wrapper"
  wait
  local first last
  first=$(awk '$1 >= 60 && $2 > 0 {print $2; exit}' "$rss")
  last=$(awk '$2 > 0 {v = $2} END {print v}' "$rss")
  echo "long: window ten minutes: $(tail -1 "$summary")"
  echo "long: window resident memory: after 1 min ${first} KiB, after 10 min ${last} KiB, growth $(((last - first) / 1024)) MiB (bound 64 MiB)"
  ((last - first <= 64 * 1024)) || { echo "long: window memory grew past its bound" >&2; return 1; }
}

for part in "${parts[@]}"; do
  case $part in
    headless) headless ;;
    window) window ;;
    fuzz) "$root/scripts/fuzz.sh" 600 ;;
    monkey) "$root/scripts/monkey.sh" 600 ;;
    *) echo "long_test: unknown part '$part'; allowed: headless, window, fuzz, monkey" >&2; exit 2 ;;
  esac
done
