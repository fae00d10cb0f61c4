#!/usr/bin/env bash
# Fuzzes every parser of outside input with libFuzzer (the targets in tests/fuzz/): installs clang if missing,
# builds build-fuzz/ (the engine and the targets, ASan + UBSan), replays every saved regression, then runs each
# target for SECONDS over a working copy of its seed corpus in build-fuzz/corpus/. A crash, an escaped exception, a
# hang (over 5 s per input), a leak or an out-of-memory fails the run (one process: the machine has 2 cores), and the input is copied into
# tests/fuzz/regressions/<target>/, where every later run replays it.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]    (default 20; scripts/fuzz.sh 600 for a long run)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds == 0)); then
  echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (a whole number of seconds, at least 1)" >&2
  exit 2
fi

# [SECTION] Packages: clang with libFuzzer, and what the top-level CMakeLists.txt finds before the engine.
packages=(clang libclang-rt-14-dev cmake ninja-build libeigen3-dev nlohmann-json3-dev libcli11-dev doctest-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  echo "fuzz: installing ${missing[*]}" >&2
  sudo_=""
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { echo "fuzz: FAILED: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo_=sudo
  fi
  if ! { $sudo_ apt-get update -q >/dev/null &&
         DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }; then
    echo "fuzz: FAILED: could not install ${missing[*]}; libFuzzer needs clang and libclang-rt-14-dev" >&2
    exit 1
  fi
fi

# libFuzzer must link: a one-line target, built before anything else, says so plainly when it does not.
build=build-fuzz
mkdir -p "$build"
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' >"$build/probe.cpp"
if ! clang++ -fsanitize=fuzzer "$build/probe.cpp" -o "$build/probe" 2>"$build/probe.log"; then
  cat "$build/probe.log" >&2
  echo "fuzz: FAILED: clang++ -fsanitize=fuzzer cannot link (is libclang-rt-14-dev installed?)" >&2
  exit 1
fi

# [SECTION] Build
echo "fuzz: building $build/ (clang, libFuzzer + ASan + UBSan)"
buildStart=$SECONDS
if ! { CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DGANSCOPE_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
         -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >"$build/configure.log" 2>&1 &&
       cmake --build "$build" >"$build/build.log" 2>&1; }; then
  tail -n 40 "$build/configure.log" "$build/build.log" >&2
  echo "fuzz: FAILED: the build (logs: $build/configure.log, $build/build.log)" >&2
  exit 1
fi
echo "fuzz: built in $((SECONDS - buildStart)) s"

# [SECTION] Replay, then fuzz, each target
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
targets=(config_json_fuzz set_assignment_fuzz points_csv_fuzz session_fuzz compare_settings_fuzz)
# The longest input each target is given: a preset is under 2 KiB, a `--set` line a few dozen bytes, a seed session
# (4-wide networks, a checkpoint) a few KiB.
declare -A maxLen=([config_json_fuzz]=4096 [set_assignment_fuzz]=1024 [points_csv_fuzz]=2048 [session_fuzz]=16384 [compare_settings_fuzz]=1024)
passed=0
failed=0
failures=()
mkdir -p "$build/logs"

# Prints what a libFuzzer log says went wrong: the sanitizer's or the C++ runtime's words, then the first 12 stack
# frames in this project's sources, as "#N function file:line" (argument lists left out).
explain() {
  grep -E "ERROR: |SUMMARY: |what\(\)|terminate called|runtime error|out-of-memory" "$1" | head -n 6 | sed 's/^/    /' >&2 || true
  grep -E "^ *#[0-9]+ 0x.* $PWD/(core|tests)/" "$1" | head -n 12 | sed -E "s|$PWD/||; s/\(anonymous namespace\)/{anon}/g" |
    sed -E 's/^ *(#[0-9]+) 0x[0-9a-f]+ in ([^(]*)(\(.*\))? ([^ ]+)$/    \1 \2 \4/' | cut -c1-200 >&2 || true
}

for target in "${targets[@]}"; do
  exe=$build/tests/fuzz/$target
  regressions=tests/fuzz/regressions/$target
  log=$build/logs/$target.log

  # Each saved input on its own, so that every one that fails again is named, not just the first.
  mapfile -t saved < <(find "$regressions" -type f ! -name '.*' 2>/dev/null | sort)
  again=()
  : >"$log.replay"
  for input in "${saved[@]}"; do
    if ! "$exe" -timeout=5 "$input" >"$log.one" 2>&1; then
      again+=("$input")
      cat "$log.one" >>"$log.replay"
    fi
  done
  if ((${#again[@]} > 0)); then
    echo "fuzz: $target: FAILED: ${#again[@]} of ${#saved[@]} saved regressions fail again (log: $log.replay)" >&2
    explain "$log.replay"
    failures+=("${again[@]}")
    failed=$((failed + 1))
    continue
  fi

  # The working corpus lives in build-fuzz/ and grows from run to run; the seeds in the source tree are only read.
  corpus=$build/corpus/$target
  artifacts=$build/artifacts/$target
  mkdir -p "$corpus"
  cp -n tests/fuzz/corpus/"$target"/* "$corpus"/
  rm -rf "$artifacts" && mkdir -p "$artifacts"
  dictionary=()
  [[ -f tests/fuzz/$target.dict ]] && dictionary=(-dict="tests/fuzz/$target.dict")
  rc=0
  "$exe" -max_total_time="$seconds" -max_len="${maxLen[$target]}" -timeout=5 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "${dictionary[@]}" "$corpus" >"$log" 2>&1 || rc=$?

  executions=$(grep -oP 'stat::number_of_executed_units:\s+\K[0-9]+' "$log" | tail -n 1 || true)
  [[ -n $executions ]] || executions=$(grep -oP '^#\K[0-9]+' "$log" | tail -n 1 || true)
  rate=$(grep -oP 'stat::average_exec_per_sec:\s+\K[0-9]+' "$log" | tail -n 1 || true)
  mapfile -t found < <(find "$artifacts" -type f | sort)
  if ((rc == 0 && ${#found[@]} == 0)); then
    echo "fuzz: $target: passed, ${executions:-?} executions in ${seconds} s (${rate:-?}/s), corpus $(ls "$corpus" | wc -l) inputs, ${#saved[@]} regressions replayed"
    passed=$((passed + 1))
    continue
  fi
  echo "fuzz: $target: FAILED after ${executions:-?} executions, exit status $rc (log: $log)" >&2
  explain "$log"
  mkdir -p "$regressions"
  for f in "${found[@]}"; do
    cp "$f" "$regressions/"
    echo "fuzz: $target: saved $regressions/$(basename "$f")" >&2
    failures+=("$regressions/$(basename "$f")")
  done
  ((${#found[@]} > 0)) || failures+=("$target (no input saved; see $log)")
  failed=$((failed + 1))
done

echo "fuzz: $passed passed, $failed failed ($seconds s per target)"
if ((failed > 0)); then
  printf 'fuzz: failing input: %s\n' "${failures[@]}" >&2
  exit 1
fi
