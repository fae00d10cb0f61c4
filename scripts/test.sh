#!/usr/bin/env bash
# Installs what is missing, builds, runs every test; then fuzzes every parser for 20 s each (clang + libFuzzer,
# build-fuzz/); then builds everything again with AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/),
# runs the tests there and drives the sanitized window for a minute with random clicks, drags, wheel, keys and typed
# values (the monkey test); then with ThreadSanitizer (build-tsan/) for the tests that drive the training thread.
# The long versions (10^6 iterations, ten minutes of window, fuzzing and monkey) are scripts/long_test.sh.
# scripts/test.sh --quick is the day-to-day lane: the Release build's unit and program tests only, leaving out the
# training-outcome tests (presets:), the exported PyTorch scripts (pytorch:), the OpenGL and GPU trainer binaries
# (gl:, gpu trainer:, philox:) and the benchmark's smoke run; no fuzzing, no sanitizer builds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
quick=0
case "${1:-}" in
  "") ;;
  --quick) quick=1 ;;
  *) echo "usage: scripts/test.sh [--quick]" >&2; exit 2 ;;
esac
werror=OFF
[[ -n "${CI:-}" ]] && werror=ON
"$root/scripts/build.sh" -DGANSCOPE_WERROR=$werror
if ((quick)); then
  (cd "$root/build" && ctest --output-on-failure --parallel 2 -E "^(presets|pytorch|gl|gpu trainer|philox|bench_quick)")
  exit 0
fi
(cd "$root/build" && ctest --output-on-failure --parallel 2)

echo "test: fuzzing each parser for 20 s (build-fuzz/)" >&2
"$root/scripts/fuzz.sh" 20

echo "test: sanitizer build (address, undefined) in build-asan/" >&2
cmake -S "$root" -B "$root/build-asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGANSCOPE_SANITIZE=address -DGANSCOPE_WERROR=$werror >/dev/null
cmake --build "$root/build-asan" --parallel
(cd "$root/build-asan" && ctest --output-on-failure --parallel 2 -E "^(presets|pytorch):")

echo "test: the monkey test, a minute of random input to the sanitized window" >&2
"$root/scripts/monkey.sh" 60 1 "$root/build-asan/ganscope"

echo "test: ThreadSanitizer build in build-tsan/ (the tests that drive the training thread)" >&2
cmake -S "$root" -B "$root/build-tsan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGANSCOPE_SANITIZE=thread -DGANSCOPE_WERROR=$werror >/dev/null
cmake --build "$root/build-tsan" --parallel --target ganscope_tests
(cd "$root/build-tsan" && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ctest --output-on-failure -R "^thread")
