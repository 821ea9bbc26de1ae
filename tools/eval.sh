#!/usr/bin/env bash
# Scores motif on the hand-coded evaluation sets in eval/sets/ and sums them.
#
# usage: tools/eval.sh [SET ...] [-- MOTIF_RUN_ARGS ...]
#   BIN=path/to/motif (default target/release/motif); OUT=work folder
#   (default a temporary one). With no SET, every eval/sets/* with a codes.tsv.
# Per set it prints the "overall" line of tools/score_news.py; then the totals:
# precision and recall of sentence x theme, polarity agreement on the pairs
# both found, and precision and recall of sentence x theme x council.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$root/target/release/motif}
sets=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do sets+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
if [ ${#sets[@]} -eq 0 ]; then
  for d in "$root"/eval/sets/*/; do
    if [ -f "$d/codes.tsv" ]; then sets+=("$(basename "$d")"); fi
  done
fi
if [ ${#sets[@]} -eq 0 ]; then
  echo "eval.sh: no coded set in $root/eval/sets (a set is a folder with codes.tsv)" >&2
  exit 2
fi
for n in "${sets[@]}"; do
  # A set is named by its number; the name is also a folder under $out that is removed.
  if ! [[ $n =~ ^[0-9]+$ ]] || [ ! -f "$root/eval/sets/$n/codes.tsv" ]; then
    echo "eval.sh: no set $n (no eval/sets/$n/codes.tsv)" >&2
    exit 2
  fi
done
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
for n in "${sets[@]}"; do
  dir=$root/eval/sets/$n
  rm -rf "$out/$n"
  "$bin" run --corpus "$dir/articles" --index "$out/$n/index" --out "$out/$n/out" --quiet "$@"
  line=$(python3 "$root/tools/score_news.py" "$dir/codes.tsv" "$out/$n/out/evidence.csv" "$root/lexicons/councils.csv" |
    grep '^overall' | head -1)
  echo "set $n  $line"
done | tee "$out/sets.txt"
python3 - "$out/sets.txt" <<'PY'
import re, sys
t = [0] * 8
for line in open(sys.argv[1]):
    m = re.search(r"(\d+)/(\d+)/(\d+)  pol (\d+)/(\d+)  council (\d+)/(\d+)/(\d+)", line)
    t = [a + int(b) for a, b in zip(t, m.groups())]
tp, fp, fn, pa, pb, ctp, cfp, cfn = t
d = lambda a, b: a / b if b else 1.0
print(f"total  P {d(tp, tp + fp):.4f}  R {d(tp, tp + fn):.4f}  pol {d(pa, pb):.4f}"
      f"  ({tp}/{fp}/{fn}, pol {pa}/{pb})  council P {d(ctp, ctp + cfp):.4f}  R {d(ctp, ctp + cfn):.4f}")
PY
echo "work folder: $out"
