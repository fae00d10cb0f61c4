#!/usr/bin/env bash
# The monkey test: the real window under Xvfb, driven for SECONDS by random but reproducible mouse and keyboard
# events (xdotool) over every panel: toolbar, Settings (scrolled, combos opened, sliders Ctrl+clicked and given good
# and bad values), the view (pan, zoom, double-click) and Metrics.
#
#   scripts/monkey.sh [SECONDS=60] [SEED=1] [EXE=build-asan/ganscope]
#
# SEED may be a range, 1..5: one run per seed, one after another. Each run passes when the program still runs at
# the end and then ends by SIGTERM (or exits 0), and its stderr has no watchdog line (--frame-watchdog 1000, a
# frame stuck for a second), no AddressSanitizer or UndefinedBehaviorSanitizer report and no "ImGui ID conflict".
# Every event is logged, one line each, in DIR/monkey-SEED.log beside the program's stderr (DIR/monkey-SEED.err),
# DIR being EXE's folder; `MONKEY_REPLAY=DIR/monkey-SEED.log scripts/monkey.sh 0 SEED` sends a log's events again.
# Also: MONKEY_WATCHDOG_MS (default 1000), MONKEY_ARGS (more program arguments, e.g. "--preset gaussian-1d"),
# MONKEY_SHOT_EVERY=N (a screenshot every N events, DIR/monkey-SEED.log.shot-K.png). Exit status: 0 when every run
# passed, 1 otherwise, 2 for bad arguments.
set -u
cd "$(dirname "$0")/.." || exit 2

seconds=${1:-60}
seeds=${2:-1}
exe=${3:-build-asan/ganscope}
if ! [[ $seconds =~ ^[0-9]+$ ]]; then
  echo "monkey: SECONDS must be a whole number, not '$seconds'" >&2
  exit 2
fi
if [[ $seeds =~ ^([0-9]+)\.\.([0-9]+)$ ]]; then
  seedList=$(seq "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}")
elif [[ $seeds =~ ^[0-9]+$ ]]; then
  seedList=$seeds
else
  echo "monkey: SEED must be a whole number or a range FIRST..LAST, not '$seeds'" >&2
  exit 2
fi
if [[ ! -x $exe ]]; then
  echo "monkey: no program at $exe (build it: cmake --build build-asan --target ganscope)" >&2
  exit 2
fi

# What the monkey needs beyond scripts/setup.sh: xdotool (and imagemagick for MONKEY_SHOT_EVERY), installed once.
need=()
command -v xdotool >/dev/null || need+=(xdotool)
command -v xvfb-run >/dev/null || need+=(xvfb xauth)
command -v flock >/dev/null || need+=(util-linux)
if [[ ${MONKEY_SHOT_EVERY:-0} != 0 ]] && ! command -v import >/dev/null; then need+=(imagemagick); fi
if ((${#need[@]} > 0)); then
  sudo=()
  ((EUID == 0)) || sudo=(sudo)
  echo "monkey: installing ${need[*]}" >&2
  "${sudo[@]}" apt-get install -y --no-install-recommends "${need[@]}" >/dev/null ||
    { "${sudo[@]}" apt-get update >/dev/null && "${sudo[@]}" apt-get install -y --no-install-recommends "${need[@]}" >/dev/null; } ||
    { echo "monkey: could not install ${need[*]}" >&2; exit 2; }
fi

dir=$(dirname "$exe")
passed=0 failed=0 totalEvents=0 totalSeconds=0
for seed in $seedList; do
  stem=$dir/monkey-$seed
  [[ -z ${MONKEY_REPLAY:-} ]] || stem=$stem.replay  # the replayed run's files beside the first run's
  log=$stem.log err=$stem.err result=$stem.result
  rm -f "$log" "$err" "$stem.out" "$result" "$log".shot-*.png
  # Xvfb is shared by this project's tests through the lock. -noreset: an Xvfb resetting as its last client leaves
  # can miss xvfb-run's SIGTERM and run on, holding the lock.
  flock /tmp/ganscope-xvfb.lock xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
    tests/monkey/session.sh "$seconds" "$seed" "$exe" "$log" "$err" "$result"
  events=0 seconds_=0 alive=0 status=-1 window=0
  if [[ -f $result ]]; then
    while IFS='=' read -r key value; do
      case $key in
        events) events=$value ;;
        seconds) seconds_=$value ;;
        alive) alive=$value ;;
        status) status=$value ;;
        window) window=$value ;;
      esac
    done <"$result"
  fi
  totalEvents=$((totalEvents + events))
  totalSeconds=$((totalSeconds + seconds_))

  problems=()
  ((window == 1)) || problems+=("no window appeared")
  if ((window == 1 && alive == 0)); then problems+=("the program ended during the events, exit status $status"); fi
  if ((alive == 1 && status != 0 && status != 143)); then
    problems+=("after SIGTERM the exit status was $status (0 or 143 expected)")
  fi
  grep -q 'has taken more than .* (--frame-watchdog' "$err" 2>/dev/null && problems+=("the frame watchdog fired")
  grep -qE 'ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|UndefinedBehaviorSanitizer' "$err" 2>/dev/null &&
    problems+=("a sanitizer report")
  grep -q 'ImGui ID conflict' "$err" 2>/dev/null && problems+=("an ImGui ID conflict")
  if ((${#problems[@]} == 0)); then
    passed=$((passed + 1))
    echo "monkey: seed $seed passed: $events events in $seconds_ s, the program ran to the end (status $status)"
  else
    failed=$((failed + 1))
    {
      joined=$(printf '%s; ' "${problems[@]}")
      echo "monkey: seed $seed FAILED: ${joined%; }"
      echo "monkey:   events: $log ($events; the last ones below); the program's stderr: $err"
      tail -n 5 "$log" 2>/dev/null | sed 's/^/monkey:   | /'
      grep -m 3 -E 'ERROR: |runtime error:|has taken more than|ImGui ID conflict|SUMMARY' "$err" 2>/dev/null |
        sed 's/^/monkey:   ! /'
      echo "monkey:   replay: MONKEY_REPLAY=$log scripts/monkey.sh 0 $seed $exe"
    } >&2
  fi
done
if [[ $seedList == *$'\n'* ]]; then seedText="seeds $seeds"; else seedText="seed $seeds"; fi
echo "monkey: $totalEvents events in $totalSeconds s ($seedText): $passed passed, $failed failed"
((failed == 0))
