#!/usr/bin/env bash
# Installs what is missing, builds, runs every test; then builds the tests again with
# AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/) and runs them all there too; then with
# ThreadSanitizer (build-tsan/) for the tests that drive the training thread.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
werror=OFF
[[ -n "${CI:-}" ]] && werror=ON
"$root/scripts/build.sh" -DGANSCOPE_WERROR=$werror
(cd "$root/build" && ctest --output-on-failure --parallel 2)

echo "test: sanitizer build (address, undefined) in build-asan/" >&2
cmake -S "$root" -B "$root/build-asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGANSCOPE_SANITIZE=address -DGANSCOPE_WERROR=$werror >/dev/null
cmake --build "$root/build-asan" --parallel
(cd "$root/build-asan" && ctest --output-on-failure --parallel 2 -E "^presets:")

echo "test: ThreadSanitizer build in build-tsan/ (the tests that drive the training thread)" >&2
cmake -S "$root" -B "$root/build-tsan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGANSCOPE_SANITIZE=thread -DGANSCOPE_WERROR=$werror >/dev/null
cmake --build "$root/build-tsan" --parallel --target ganscope_tests
(cd "$root/build-tsan" && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ctest --output-on-failure -R "^thread")
