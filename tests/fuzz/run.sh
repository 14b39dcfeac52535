#!/usr/bin/env bash
# Runs every libFuzzer target of build-fuzz/ (cmake --preset fuzz && cmake --build --preset fuzz)
# for a bounded time, seeded with tests/fuzz/corpus/<target>/ and its dictionary. New inputs go to
# build-fuzz/fuzz-work/<target>/ (the repository's corpus is not changed). On a crash, leak, timeout
# or sanitizer report the reproducer is printed (path and bytes) and the script exits 1 after the
# remaining targets have run.
#   usage: tests/fuzz/run.sh [SECONDS_PER_TARGET (default 45)] [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-45}
shift || true
bin=build-fuzz/fuzz
work=build-fuzz/fuzz-work
if [ ! -d "$bin" ]; then
  echo "run.sh: $bin not found; build it: cmake --preset fuzz && cmake --build --preset fuzz" >&2
  exit 2
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$bin"/fuzz_*; do targets+=("$(basename "$f")"); done
fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=()
for t in "${targets[@]}"; do
  mkdir -p "$work/$t" "$work/artifacts"
  rm -f "$work/artifacts/$t-"*
  dict=()
  if [ -f "tests/fuzz/$t.dict" ]; then dict=(-dict="tests/fuzz/$t.dict"); fi
  echo "== $t: ${seconds} s"
  "$bin/$t" "$work/$t" "tests/fuzz/corpus/$t" "${dict[@]}" -max_total_time="$seconds" \
    -rss_limit_mb=2048 -timeout=10 -max_len=4096 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/$t-" >"$work/$t.log" 2>&1
  rc=$?
  grep -E "^Done|stat::(number_of_executed_units|new_units_added|peak_rss_mb)" "$work/$t.log"
  if [ $rc -ne 0 ]; then
    failed+=("$t")
    echo "!! $t failed (exit $rc); the end of its log:"
    tail -n 60 "$work/$t.log"
    for a in "$work/artifacts/$t-"*; do
      [ -f "$a" ] || continue
      echo "!! reproducer $a ($(wc -c <"$a") bytes); run it again with: $bin/$t $a"
      od -A d -c "$a" | head -n 40
    done
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzzing found problems in: ${failed[*]}"
  exit 1
fi
echo "fuzzing: no problem found in ${#targets[@]} targets (${seconds} s each)"
