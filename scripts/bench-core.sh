#!/usr/bin/env bash
# Benchmark: next occurrence of every contact for N = 100,000 (DESIGN.md §10).
#
# Builds kith-bench (release), generates 100,000 contacts with a fixed seed, then times
#   - `kith-bench next` (best of 5: its own timing of the planner, and whole-process wall time)
#   - `remind -n birthdays.rem` on the same birthdays (best of 5, whole-process wall time)
# Wall times come from bash's `time` (TIMEFORMAT=%3R), to the millisecond.
# and checks the target: kith's whole-process wall time <= 0.5 x remind's.
#
# Exits non-zero only on errors; a missed target prints MISSED and exits 0.
#
# Environment:
#   KITH_BENCH_BIN   a prebuilt kith-bench to use instead of building (the package may not
#                    build while other parts are being edited)
#   KITH_BENCH_DIR   where to write the dataset (default: a temporary directory, removed)
#   KITH_BENCH_N     number of contacts (default 100000)
#   KITH_BENCH_ZONE  time zone for kith (default Europe/Berlin)
set -euo pipefail

readonly root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly count="${KITH_BENCH_N:-100000}"
readonly seed=20261124
readonly zone="${KITH_BENCH_ZONE:-Europe/Berlin}"
readonly runs=5

if ! command -v remind >/dev/null 2>&1; then
  echo "bench-core: remind is not installed; install it with: apt-get install remind" >&2
  exit 1
fi

if [[ -n "${KITH_BENCH_BIN:-}" ]]; then
  bin="$KITH_BENCH_BIN"
  [[ -x "$bin" ]] || { echo "bench-core: KITH_BENCH_BIN=$bin is not executable" >&2; exit 1; }
else
  echo "building kith-bench (release)..."
  (cd "$root" && swift build -c release --product kith-bench >&2)
  bin="$(cd "$root" && swift build -c release --show-bin-path)/kith-bench"
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
readonly timing="$scratch/timing" errors="$scratch/errors" out="$scratch/out"
if [[ -n "${KITH_BENCH_DIR:-}" ]]; then
  data="$KITH_BENCH_DIR"
  mkdir -p "$data"
else
  data="$scratch/data"
fi

"$bin" generate --contacts "$count" --seed "$seed" --out "$data"
birthdays=$(wc -l <"$data/birthdays.rem")

# Prints the smallest of its numeric arguments.
smallest() {
  printf '%s\n' "$@" | sort -g | head -n 1
}

# Runs a command; prints its whole-process wall time in seconds (bash `time`, to the
# millisecond) and keeps its standard output in the file $1. Fails when the command does.
wall_time() {
  local stdout_file="$1"
  shift
  local TIMEFORMAT=%3R
  local status=0
  { time "$@" >"$stdout_file" 2>"$errors"; } 2>"$timing" || status=$?
  if ((status != 0)); then
    echo "bench-core: $* failed with status $status:" >&2
    cat "$errors" >&2
    return 1
  fi
  tail -n 1 "$timing"
}

kith_internal=()
kith_wall=()
remind_wall=()
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
for _ in $(seq "$runs"); do
  kith_wall+=("$(wall_time "$out" "$bin" next --data "$data" --now "$now" --zone "$zone")")
  line="$(grep '^kith next-occurrence:' "$out")"
  kith_internal+=("$(awk '{ print $(NF - 1) }' <<<"$line")")
done
summary="$line"
checksum="$(grep '^checksum:' "$out")"
loaded="$(grep '^loaded' "$out")"
for _ in $(seq "$runs"); do
  remind_wall+=("$(wall_time /dev/null remind -n "$data/birthdays.rem")")
done

best_internal="$(smallest "${kith_internal[@]}")"
best_kith="$(smallest "${kith_wall[@]}")"
best_remind="$(smallest "${remind_wall[@]}")"
target="$(awk -v r="$best_remind" 'BEGIN { printf "%.3f", r / 2 }')"

echo
echo "Next occurrence of every contact: N = $count, seed $seed, zone $zone, now $now"
echo "$summary"
echo "$checksum"
echo "$loaded"
echo
printf '%-44s %10s   %s\n' "measurement (best of $runs)" "seconds" "all runs"
printf '%-44s %10s   %s\n' "kith-bench next: planner only (internal)" "$best_internal" \
  "${kith_internal[*]}"
printf '%-44s %10s   %s\n' "kith-bench next: whole process (wall)" "$best_kith" \
  "${kith_wall[*]}"
printf '%-44s %10s   %s\n' "remind -n, $birthdays birthdays (wall)" "$best_remind" \
  "${remind_wall[*]}"
printf '%-44s %10s\n' "target: 0.5 x remind" "$target"
echo
if awk -v k="$best_kith" -v t="$target" 'BEGIN { exit !(k <= t) }'; then
  echo "verdict: MET - kith ${best_kith} s <= ${target} s (half of remind's ${best_remind} s)"
else
  echo "verdict: MISSED - kith ${best_kith} s > ${target} s (half of remind's ${best_remind} s)"
fi
