#!/usr/bin/env bash
# Benchmark: `kith import` of a 10,000-contact vCard 3.0 file.
#
# Generates the file with scripts/gen-contacts.py (fixed seed: FN, N, EMAIL, TEL, BDAY on
# ~90 %, CATEGORIES on ~1/3, NOTE on ~1/20, some folded lines), then times, process start
# included and with no daemon running (the CLI writes the store directly):
#   - import into an empty state directory, best of 3 (a fresh directory each run)  target < 2 s
#   - import of the same file again into the filled state (all unchanged), best of 3
# Wall times from `date +%s%N`.
#
# Prints a table and a PASS/MISSED verdict. Exits non-zero only on errors.
#
# Environment:
#   KITH_BIN_DIR     directory with a release `kith` (default: the bin path of
#                    `swift build -c release --scratch-path .build-bench`, built if missing)
#   KITH_BENCH_N     number of contacts (default 10000)
set -euo pipefail

readonly root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly count="${KITH_BENCH_N:-10000}"
readonly seed=20261124
readonly runs=3

die() { echo "bench-import: $*" >&2; exit 1; }
command -v python3 >/dev/null || die "python3 is required"

if [[ -z "${KITH_BIN_DIR:-}" ]]; then
  KITH_BIN_DIR="$(cd "$root" && swift build -c release --scratch-path .build-bench --show-bin-path)"
  if [[ ! -x "$KITH_BIN_DIR/kith" ]]; then
    echo "building kith (release, .build-bench)..." >&2
    (cd "$root" && swift build -c release --scratch-path .build-bench --product kith >&2)
  fi
fi
readonly kith="$KITH_BIN_DIR/kith"
[[ -x "$kith" ]] || die "no kith in $KITH_BIN_DIR"

work="$(mktemp -d /tmp/kith-bench-import.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# No daemon: a socket path nothing listens on, the built-in config pinned to UTC.
sed -e 's/^# timezone = .*/timezone = "UTC"/' "$root/config/kith.toml" >"$work/kith.toml"
export KITH_CONFIG="$work/kith.toml" KITH_SOCKET="$work/none.sock"

now_ns() { date +%s%N; }
ms() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 1e6:.1f}')" "$1"; }

echo "kith import benchmark — $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), kernel $(uname -r)"
echo "binary: $kith; N=$count, seed $seed"

python3 "$root/scripts/gen-contacts.py" vcard --count "$count" --seed "$seed" --out "$work/contacts.vcf"
echo "file: $(wc -c <"$work/contacts.vcf") bytes, $(grep -c '^BEGIN:VCARD' "$work/contacts.vcf") cards"

fresh=()
for run in $(seq $runs); do
  rm -rf "$work/state"
  mkdir "$work/state"
  t0=$(now_ns)
  KITH_STATE_DIR="$work/state" "$kith" import "$work/contacts.vcf" >"$work/import.out"
  t1=$(now_ns)
  fresh+=("$(ms $((t1 - t0)))")
  echo "empty state, run $run: ${fresh[-1]} ms — $(tail -1 "$work/import.out")"
done
grep -q "^$count added, 0 merged, 0 unchanged, 0 skipped" "$work/import.out" \
  || die "expected $count added: $(tail -1 "$work/import.out")"

again=()
for run in $(seq $runs); do
  t0=$(now_ns)
  KITH_STATE_DIR="$work/state" "$kith" import "$work/contacts.vcf" >"$work/again.out"
  t1=$(now_ns)
  again+=("$(ms $((t1 - t0)))")
  echo "same file again, run $run: ${again[-1]} ms — $(tail -1 "$work/again.out")"
done
grep -q "^0 added, 0 merged, $count unchanged, 0 skipped" "$work/again.out" \
  || die "expected $count unchanged: $(tail -1 "$work/again.out")"

best() { printf '%s\n' "$@" | sort -n | head -1; }
fresh_best=$(best "${fresh[@]}")
again_best=$(best "${again[@]}")
verdict=$(python3 -c "print('PASS' if float('$fresh_best') < 2000 else 'MISSED')")

echo
printf '%-46s %-34s %-10s %s\n' "measure" "result (best; all runs)" "target" "verdict"
printf '%-46s %-34s %-10s %s\n' "import $count vCards, empty state" \
  "$fresh_best ms (${fresh[*]})" "< 2000 ms" "$verdict"
printf '%-46s %-34s %-10s %s\n' "import the same file again (all unchanged)" \
  "$again_best ms (${again[*]})" "(none)" ""
