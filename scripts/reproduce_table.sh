#!/usr/bin/env bash
# The VEEGAN/PacGAN protocol headless: the ring of 8 with each stabilizer preset and the grid of 25 collapsed and
# fixed, several seeds, 2,500 samples; prints
# a Markdown table of modes captured, high-quality fraction and reverse KL, mean ± standard error over the seeds,
# and the modes held (our own measure: modes whose basin holds half a fair share of G's samples, however far
# from 3σ). A reverse KL is left out of the mean for a seed with no high-quality sample (it is undefined there).
# Usage: scripts/reproduce_table.sh [SEEDS]   (default 5 seeds; builds Release first like scripts/run.sh)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seeds="${1:-5}"
if ! [[ "$seeds" =~ ^[1-9][0-9]?$ ]]; then
  echo "reproduce_table.sh: SEEDS must be a whole number from 1 to 99 (got '$seeds')" >&2
  exit 2
fi
[[ -n "${GANSCOPE_EXE:-}" ]] || "$root/scripts/build.sh" >&2
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
presets=(ring8-collapse ring8-hopping ring8-unrolled ring8-wgan-gp ring8-pacgan ring8-r1 ring8 grid25-collapse grid25-fixed grid25)
start=$(date +%s)
for preset in "${presets[@]}"; do
  for seed in $(seq 1 "$seeds"); do
    echo "reproduce: $preset seed $seed" >&2
    "${GANSCOPE_EXE:-$root/build/ganscope}" --headless --preset "$preset" --set seed="$seed" --set metrics_samples=2500 \
      --set metrics_every=1000 --metrics-out "$out/$preset-$seed.csv" >"$out/$preset-$seed.log"
  done
done
elapsed=$(( $(date +%s) - start ))
python3 - "$out" "$seeds" "$elapsed" "${presets[@]}" <<'PY'
import csv, math, re, sys
out, seeds, elapsed, presets = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
def stats(values):
    values = [v for v in values if not math.isnan(v)]
    if not values:
        return math.nan, math.nan
    mean = sum(values) / len(values)
    if len(values) < 2:
        return mean, 0.0
    var = sum((v - mean) ** 2 for v in values) / (len(values) - 1)
    return mean, math.sqrt(var / len(values))
def cell(values, digits):
    m, e = stats(values)
    return "–" if math.isnan(m) else f"{m:.{digits}f} ± {e:.{digits}f}"
print(f"| preset | iterations | modes | of | high quality % | reverse KL | modes held | seconds per run |")
print(f"| --- | --- | --- | --- | --- | --- | --- | --- |")
for preset in presets:
    modes, hq, kl, held, secs, steps, total = [], [], [], [], [], None, None
    for seed in range(1, seeds + 1):
        rows = list(csv.DictReader(open(f"{out}/{preset}-{seed}.csv")))
        last = rows[-1]
        steps, total = last["step"], last["modes_total"]
        modes.append(float(last["modes"])); hq.append(100 * float(last["hq"]))
        kl.append(float(last["mode_kl"] or "nan")); held.append(float(last["modes_held"]))
        log = open(f"{out}/{preset}-{seed}.log").read()
        m = re.search(r"in ([0-9.]+) s", log)
        if m: secs.append(float(m.group(1)))
    print(f"| {preset} | {steps} | {cell(modes, 1)} | {total} | {cell(hq, 1)} | {cell(kl, 2)} | {cell(held, 1)} "
          f"| {sum(secs)/len(secs):.1f} |")
print(f"\n{seeds} seeds per preset, 2,500 samples each; {elapsed} s in all.")
PY
