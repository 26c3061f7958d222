#!/usr/bin/env bash
# Runs the cargo-fuzz targets, one after another, each for SECONDS (default
# 600), with its seeds and dictionary. Usage, from anywhere:
#
#   fuzz/run.sh [SECONDS] [TARGET...]     # targets: proposal expression waiver check policy catalog
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain
# RUSTC_BOOTSTRAP=1 unlocks the nightly flags cargo-fuzz passes to rustc.
# `-s none`: no sanitizer (the code is safe Rust; the fuzzers look for
# panics, hangs and memory blow-ups, several times faster); `-a`: debug
# assertions on (integer overflow panics). The growing corpus goes to
# fuzz/corpus/TARGET (git-ignored), crashes to fuzz/artifacts/TARGET, the
# log to fuzz/logs/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(proposal expression waiver check policy catalog)

for target in "${targets[@]}"; do
  case "$target" in
    proposal) seeds=(regressions/proposal regressions/check ../fixtures); dict=dict/proposal.dict ;;
    check) seeds=(regressions/check regressions/proposal ../fixtures); dict=dict/proposal.dict ;;
    expression) seeds=(regressions/expression); dict=dict/expression.dict ;;
    waiver) seeds=(regressions/waiver ../fixtures/waivers); dict=dict/waiver.dict ;;
    policy) seeds=(regressions/policy); dict=dict/policy.dict ;;
    catalog) seeds=(regressions/catalog); dict=dict/catalog.dict ;;
    *) echo "unknown target: $target (proposal, expression, waiver, check, policy, catalog)" >&2; exit 2 ;;
  esac
  mkdir -p "corpus/$target" logs
  echo "fuzz: $target for ${seconds}s (log: fuzz/logs/$target.log)"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -a "$target" "corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" -dict="$dict" -timeout=20 -rss_limit_mb=1024 -max_len=65536 \
    -print_final_stats=1 2>&1 | tee "logs/$target.log" | grep -E '^(==|SUMMARY|stat::|Done)' || true
  if ls "artifacts/$target"/* >/dev/null 2>&1; then
    echo "fuzz: $target left artifacts in fuzz/artifacts/$target" >&2
  fi
done
