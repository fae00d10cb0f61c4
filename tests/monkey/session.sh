#!/usr/bin/env bash
# One monkey session inside an X server (scripts/monkey.sh starts it under xvfb-run): starts the window, sends it
# random but reproducible events for SECONDS, logs each one, then closes the window with SIGTERM.
#
#   tests/monkey/session.sh SECONDS SEED EXE LOG STDERR RESULT
#
# LOG gets one line per event: number, seconds since the first event, what it is meant to do, and the xdotool
# arguments that did it (tab-separated; MONKEY_REPLAY=LOG sends a log's events again instead of random ones).
# STDERR is the program's stderr. RESULT gets shell assignments read back by monkey.sh: events, seconds, alive
# (the program still ran at the end), status (its exit status), window (whether its window was found).
# Environment: MONKEY_WATCHDOG_MS (default 1000), MONKEY_ARGS (more program arguments), MONKEY_SHOT_EVERY=N (a
# screenshot of the screen every N events, LOG.shot-K.png; needs imagemagick's import).
# The xdotool arguments are built from words on purpose: $W and the $(...) pieces split into several arguments.
# shellcheck disable=SC2086,SC2046
set -u

seconds=$1 seed=$2 exe=$3 log=$4 errFile=$5 result=$6
watchdogMs=${MONKEY_WATCHDOG_MS:-1000}
shotEvery=${MONKEY_SHOT_EVERY:-0}
replay=${MONKEY_REPLAY:-}

: >"$log"
events=0 alive=0 status=-1 window=0
writeResult() {
  printf 'events=%d\nseconds=%d\nalive=%d\nstatus=%d\nwindow=%d\n' "$events" "$elapsed" "$alive" "$status" \
    "$window" >"$result"
}
elapsed=0
writeResult

# The program, with the watchdog on and sanitizers that stop at the first report. Leak checking is off: Mesa and
# X11 keep allocations until exit by design.
# shellcheck disable=SC2086  # MONKEY_ARGS is a list of words
# It runs in a folder of its own: what its Record button and Session panel write lands there, removed at the end.
exe=$(realpath "$exe") errFile=$(realpath -m "$errFile")
workDir=$(mktemp -d "${TMPDIR:-/tmp}/ganscope-monkey-XXXXXX")
trap 'rm -rf "$workDir"' EXIT
(
  cd "$workDir" || exit 2
  ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:abort_on_error=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}" \
    exec "$exe" --frame-watchdog "$watchdogMs" ${MONKEY_ARGS:-} >"${errFile%.err}.out" 2>"$errFile" </dev/null
) &
pid=$!

# Its window (titled ganscope), looked for while the program runs, for up to two minutes (an ASan build starts
# slowly). There is no window manager: the focus is given by hand.
wid=
for _ in $(seq 600); do
  kill -0 "$pid" 2>/dev/null || break
  wid=$(xdotool search --onlyvisible --name '^ganscope$' 2>/dev/null | head -n 1)
  [[ -n $wid ]] && break
  sleep 0.2
done
if [[ -z $wid ]] || ! kill -0 "$pid" 2>/dev/null; then
  echo "monkey: no ganscope window appeared" >&2
  kill -TERM "$pid" 2>/dev/null
  wait "$pid"
  status=$?
  writeResult
  exit 0
fi
window=1
xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
sleep 1  # the first frames (shaders, the font atlas)

# [SECTION] Random numbers: bash's RANDOM, seeded, so a seed gives the same events in the same order.
RANDOM=$seed
# R = a random integer in [$1, $2].
r() { R=$(($1 + RANDOM % ($2 - $1 + 1))); }
# P = a random element of the arguments.
pick() {
  local -a items=("$@")
  P=${items[RANDOM % ${#items[@]}]}
}

# Microseconds since the epoch, without a process (bash 5's EPOCHREALTIME).
now() { T=${EPOCHREALTIME/./}; }
now
start=$T

# ev WHAT ARGS...: logs one event and sends it (the xdotool arguments are words without spaces).
ev() {
  local what=$1
  shift
  events=$((events + 1))
  now
  local us=$((T - start))
  printf '%d\t%d.%03d\t%s\t%s\n' "$events" $((us / 1000000)) $((us / 1000 % 1000)) "$what" "$*" >>"$log"
  xdotool "$@" 2>/dev/null
  if ((shotEvery > 0 && events % shotEvery == 0)); then
    import -window root "$log.shot-$events.png" 2>/dev/null
  fi
}

W="--window $wid"
# Settle: the time ImGui needs to see an event (a frame is 16.7 ms; ASan frames are slower).
settle() {
  r 15 40
  sleep "0.0$R"
}
# A key held across a frame (ImGui 1.86 reads key state once a frame: a press and release between two frames is lost;
# an ASan frame can take 50 ms).
hold() { echo "keydown $1 sleep 0.08 keyup $1"; }

# Values typed into a slider after Ctrl+click: good ones, out of range ones and garbage.
values=("0" "-1" "1e400" "-1e400" "nan" "inf" "abc" "99999999999" "0.5" "1e-300" "" "3" "1e-4" "-0" "2.5e38")
keys=(space Tab Return Escape Left Right Up Down Delete BackSpace Home End a q z x s r p v 0 1 5 9 minus period
  l t h f d g m Prior Next question)

# Toolbar targets (x at y 18): Play/Pause, Step, Step D, Step G, Reset, Slow (then Record, and Compare... at 810).
toolbarNames=(play step step-d step-g reset slow record)
toolbarX=(35 92 150 214 274 318 736)
# The Settings panel scrolled to the top (default preset): combos and their y.
comboNames=(distribution loss update optimizer-g optimizer-d)
comboY=(105 235 365 671 769)
# Sliders at the top of Settings (default preset): name and y (x 15 to 165).
sliderNames=(data-modes radius std r1-gamma r2-gamma batch d-steps g-lr g-betas d-lr)
sliderY=(131 157 183 261 287 313 339 645 697 743)

toTop() { echo "mousemove $W 160 400 click --repeat 20 --delay 1 4 sleep 0.05"; }
toBottom() { echo "mousemove $W 160 400 click --repeat 40 --delay 1 5 sleep 0.05"; }

# One random event.
randomEvent() {
  r 1 100
  local k=$R
  if ((k <= 8)); then  # toolbar button
    r 0 5
    ev "toolbar ${toolbarNames[R]}" mousemove $W "${toolbarX[R]}" 18 sleep 0.02 click --delay 1 1
  elif ((k <= 11)); then  # pace slider: click or drag
    r 376 516
    local x=$R
    r 376 516
    ev "toolbar pace drag" mousemove $W "$x" 18 sleep 0.02 mousedown 1 sleep 0.06 mousemove $W "$R" 20 sleep 0.06 mouseup 1
  elif ((k <= 13)); then  # pace slider: Ctrl+click and a value
    r 380 510
    local x=$R
    pick "${values[@]}"
    local v=$P
    pick Return Escape
    ev "toolbar pace ctrl+click '$v' $P" mousemove $W "$x" 18 sleep 0.02 keydown ctrl sleep 0.05 click --delay 1 1 sleep 0.08 \
      keyup ctrl sleep 0.04 ${v:+type --args 1 -- $v} sleep 0.05 $(hold "$P")
  elif ((k <= 16)); then  # presets combo, then an entry below it
    r 540 700
    local x=$R
    r 45 330
    ev "presets combo pick y=$R" mousemove $W 615 18 sleep 0.02 click --delay 1 1 sleep 0.12 mousemove $W "$x" "$R" sleep 0.05 click --delay 1 1
  elif ((k <= 18)); then  # the Compare menu: open it, then click in it (a preset, the field, Compare, Stop)
    r 780 1100
    local x=$R
    r 40 260
    local y=$R
    pick "" "pack=4" "pakc=4" "pack=0" "seed=2 pack=2" "loss=hinge" "=" "generator.hidden=[8, 8]"
    local v=$P
    ev "compare menu click y=$y then '$v' Return" mousemove $W 810 18 sleep 0.02 click --delay 1 1 sleep 0.12 \
      mousemove $W "$x" "$y" sleep 0.05 click --delay 1 1 sleep 0.08 ${v:+type --args 1 -- $v} sleep 0.05 $(hold Return)
  elif ((k <= 28)); then  # Settings: a click anywhere
    r 10 312
    local x=$R
    r 60 790
    ev "settings click" mousemove $W "$x" "$R" sleep 0.02 click --delay 1 1
  elif ((k <= 34)); then  # Settings: wheel
    r 1 6
    local n=$R
    pick 4 5
    r 60 790
    ev "settings wheel $([[ $P == 4 ]] && echo up || echo down) x$n" mousemove $W 160 "$R" sleep 0.02 click --repeat "$n" --delay 10 "$P"
  elif ((k <= 39)); then  # Settings: a combo at the top, then an entry below it
    r 0 4
    local name=${comboNames[R]} y=${comboY[R]}
    r 15 200
    local below=$((y + R))
    r 20 160
    ev "settings combo $name pick +$((below - y))" $(toTop) mousemove $W 80 "$y" sleep 0.02 click --delay 1 1 sleep 0.12 \
      mousemove $W "$R" "$below" sleep 0.05 click --delay 1 1
  elif ((k <= 45)); then  # Settings: Ctrl+click on a known slider and a value
    r 0 9
    local name=${sliderNames[R]} y=${sliderY[R]}
    r 20 160
    local x=$R
    pick "${values[@]}"
    local v=$P
    pick Return Escape
    ev "settings ctrl+click $name '$v' $P" $(toTop) mousemove $W "$x" "$y" sleep 0.02 keydown ctrl sleep 0.05 click --delay 1 1 \
      sleep 0.08 keyup ctrl sleep 0.04 ${v:+type --args 1 -- $v} sleep 0.05 $(hold "$P")
  elif ((k <= 49)); then  # Settings: Ctrl+click anywhere in the widget column and a value
    r 15 165
    local x=$R
    r 60 790
    local y=$R
    pick "${values[@]}"
    local v=$P
    pick Return Escape
    ev "settings ctrl+click anywhere '$v' $P" mousemove $W "$x" "$y" sleep 0.02 keydown ctrl sleep 0.05 click --delay 1 1 \
      sleep 0.08 keyup ctrl sleep 0.04 ${v:+type --args 1 -- $v} sleep 0.05 $(hold "$P")
  elif ((k <= 53)); then  # Settings: drag along a slider
    r 15 165
    local x=$R
    r 60 790
    local y=$R
    r 15 165
    ev "settings drag" mousemove $W "$x" "$y" sleep 0.02 mousedown 1 sleep 0.06 mousemove $W "$R" "$y" sleep 0.06 mouseup 1
  elif ((k <= 56)); then  # Settings scrolled to the bottom (Networks, Layers): a click there
    r 10 312
    local x=$R
    r 300 790
    ev "settings bottom click" $(toBottom) mousemove $W "$x" "$R" sleep 0.02 click --delay 1 1
  elif ((k <= 61)); then  # view: drag (pan)
    r 340 910
    local x=$R
    r 70 790
    local y=$R
    r 340 910
    local x2=$R
    r 70 790
    ev "view drag" mousemove $W "$x" "$y" sleep 0.02 mousedown 1 sleep 0.06 mousemove $W $(((x + x2) / 2)) "$y" sleep 0.02 \
      mousemove $W "$x2" "$R" sleep 0.06 mouseup 1
  elif ((k <= 66)); then  # view: wheel (zoom)
    r 340 910
    local x=$R
    r 70 790
    local y=$R
    r 1 5
    local n=$R
    pick 4 5
    ev "view wheel $([[ $P == 4 ]] && echo in || echo out) x$n" mousemove $W "$x" "$y" sleep 0.02 click --repeat "$n" --delay 10 "$P"
  elif ((k <= 69)); then  # view: double-click (fit)
    r 340 910
    local x=$R
    r 70 790
    ev "view double-click" mousemove $W "$x" "$R" sleep 0.02 click --repeat 2 --delay 60 1
  elif ((k <= 71)); then  # view: right click
    r 340 910
    local x=$R
    r 45 790
    ev "view right-click" mousemove $W "$x" "$R" sleep 0.02 click --delay 1 3
  elif ((k <= 72)); then  # the rewind slider under the view: a click or a drag along it
    r 340 910
    local x=$R
    r 340 910
    ev "rewind drag" mousemove $W "$x" 776 sleep 0.02 mousedown 1 sleep 0.06 mousemove $W "$R" 776 sleep 0.06 mouseup 1
  elif ((k <= 74)); then  # view: click (banner buttons, tabs, the field choice)
    r 335 915
    local x=$R
    r 45 790
    ev "view click" mousemove $W "$x" "$R" sleep 0.02 click --delay 1 1
  elif ((k <= 79)); then  # Metrics: hover
    r 925 1275
    local x=$R
    r 45 795
    ev "metrics hover" mousemove $W "$x" "$R" sleep 0.15
  elif ((k <= 83)); then  # Metrics: wheel
    r 925 1275
    local x=$R
    r 45 795
    local y=$R
    r 1 6
    local n=$R
    pick 4 5
    ev "metrics wheel $([[ $P == 4 ]] && echo up || echo down) x$n" mousemove $W "$x" "$y" sleep 0.02 click --repeat "$n" --delay 10 "$P"
  elif ((k <= 86)); then  # Metrics: click, right click or drag
    r 925 1275
    local x=$R
    r 45 795
    local y=$R
    pick 1 3 drag
    if [[ $P == drag ]]; then
      r 925 1275
      ev "metrics drag" mousemove $W "$x" "$y" sleep 0.02 mousedown 1 sleep 0.06 mousemove $W "$R" "$y" sleep 0.06 mouseup 1
    else
      ev "metrics click $P" mousemove $W "$x" "$y" sleep 0.02 click --delay 1 "$P"
    fi
  elif ((k <= 93)); then  # a key, wherever the mouse is
    pick "${keys[@]}"
    ev "key $P" $(hold "$P")
  elif ((k <= 96)); then  # Settings: a double-click (a slider's text input, a header)
    r 10 312
    local x=$R
    r 60 790
    ev "settings double-click" mousemove $W "$x" "$R" sleep 0.02 click --repeat 2 --delay 60 1
  else  # anywhere: a right click
    r 0 1279
    local x=$R
    r 0 799
    ev "right-click anywhere" mousemove $W "$x" "$R" sleep 0.02 click --delay 1 3
  fi
}

# [SECTION] The events
deadline=$((EPOCHSECONDS + seconds))
if [[ -n $replay ]]; then
  while IFS=$'\t' read -r _ _ what args; do
    kill -0 "$pid" 2>/dev/null || break
    # shellcheck disable=SC2086  # the logged arguments are words; the window id is this session's
    args=$(sed -E "s/--window [0-9]+/--window $wid/g" <<<"$args")
    # shellcheck disable=SC2086
    ev "$what" $args
    settle
  done <"$replay"
else
  while ((EPOCHSECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || break
    randomEvent
    settle
  done
fi
now
elapsed=$(((T - start + 500000) / 1000000))
# Nothing held down at the end.
xdotool mouseup 1 keyup ctrl 2>/dev/null

# [SECTION] The end: still running? Then SIGTERM, and its exit status.
sleep 0.5
if kill -0 "$pid" 2>/dev/null; then
  alive=1
  kill -TERM "$pid"
fi
for _ in $(seq 100); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  echo "monkey: the program did not end within 10 s of SIGTERM; killed" >&2
  kill -KILL "$pid"
fi
wait "$pid"
status=$?
writeResult
