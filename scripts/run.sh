#!/usr/bin/env bash
# Installs what is missing, builds, and runs ganscope on the default preset. Arguments go to the program.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
exec "$root/build/ganscope" "$@"
