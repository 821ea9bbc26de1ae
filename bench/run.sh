#!/usr/bin/env bash
# Benchmarks motif on generated corpora and writes a Markdown report.
#
# usage: bench/run.sh [--small]
#   default: corpora of 200 MB and 1000 MB (MOTIF_BENCH_SIZES="200 1000")
#   --small: one ~2 MB corpus, a smoke run (writes bench/results-small.md)
# env: MOTIF_BENCH_SIZES  sizes in MB, space-separated, largest last
#      MOTIF_BENCH_DIR    work folder (default target/bench)
#      MOTIF_BENCH_OUT    report file (default bench/results.md)
#      MOTIF_BENCH_REPORTS a folder of real reports to measure as well
#
# Steps that motif cannot do yet fail soft: the report says "n/a: why".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SMALL=0
[ "${1:-}" = "--small" ] && SMALL=1
if [ $SMALL = 1 ]; then
  SIZES=${MOTIF_BENCH_SIZES:-2}
  OUT=${MOTIF_BENCH_OUT:-bench/results-small.md}
else
  SIZES=${MOTIF_BENCH_SIZES:-200 1000}
  OUT=${MOTIF_BENCH_OUT:-bench/results.md}
fi
WORK=${MOTIF_BENCH_DIR:-$ROOT/target/bench}
mkdir -p "$WORK"
LOG=$WORK/log.txt
: >"$LOG"
say() { echo "bench: $*" >&2; }

# ---- tools: /usr/bin/time, hyperfine, rg (installed when root and missing)
need=()
[ -x /usr/bin/time ] || need+=(time)
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v rg >/dev/null || need+=(ripgrep)
if [ ${#need[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >>"$LOG" 2>&1 ||
    { apt-get update -qq >>"$LOG" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >>"$LOG" 2>&1; } ||
    say "could not install ${need[*]} (continuing)"
fi

# ---- build
say "building (release)"
if ! cargo build --release --quiet --bin motif --example bare_index >>"$LOG" 2>&1; then
  say "build failed; see $LOG"; tail -20 "$LOG" >&2; exit 2
fi
TD=${CARGO_TARGET_DIR:-$ROOT/target}
MOTIF=$TD/release/motif
BARE=$TD/release/examples/bare_index

# ---- helpers
# timed NAME CMD...: runs CMD under /usr/bin/time -v; sets WALL CPU RSS_MB RC.
timed() {
  local name=$1; shift
  local tf=$WORK/time-$name.txt
  echo "\$ $*" >>"$LOG"
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$tf" "$@" >>"$LOG" 2>&1; RC=$?
    WALL=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$tf")
    CPU=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.2f", u+s}' "$tf")
    RSS_MB=$(awk -F': ' '/Maximum resident/{printf "%.0f", $2/1024}' "$tf")
  else
    local t0 t1; t0=$(date +%s.%N); "$@" >>"$LOG" 2>&1; RC=$?; t1=$(date +%s.%N)
    WALL=$(echo "$t1 - $t0" | bc -l 2>/dev/null || awk "BEGIN{print $t1-$t0}"); CPU=n/a; RSS_MB=n/a
  fi
  [ $RC = 0 ] || echo "  (exit $RC)" >>"$LOG"
}
mbps() { awk -v b="$1" -v s="$2" 'BEGIN{ if (s>0) printf "%.1f", b/1e6/s; else print "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a+0>0 && b+0>0) printf "%.2f", a/b; else print "n/a" }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN{ exit !(a+0 >= b+0 && a != "n/a" && a != "") }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN{ exit !(a != "n/a" && a != "" && a+0 <= b+0) }'; }
txt_bytes() { find "$1" -type f -name '*.txt' -printf '%s\n' | awk '{s+=$1} END{print s+0}'; }
# why: the first error line printed by the last command in the log.
why() { awk '/^\$ /{buf=""; next} {buf=buf $0 "\n"} END{printf "%s", buf}' "$LOG" |
  grep -E -m1 'motif:|error|Error' | cut -c1-120 | tr '|' '/' || true; }
PIN=()  # a command to run motif under (taskset), for the threads step
run_motif() { # run_motif NAME CORPUS INDEX REPORTS [extra flags...]
  local name=$1 corpus=$2 index=$3 reports=$4; shift 4
  timed "$name" "${PIN[@]}" "$MOTIF" "$@" run --corpus "$corpus" --index "$index" --out "$reports" --quiet
}

# ---- lexicon terms for rg (from `terms = [...]` arrays in lexicons/*.toml)
TERMS=$WORK/terms.txt
for f in lexicons/*.toml; do
  [ -f "$f" ] || continue
  # Comment lines are skipped (their quotes and brackets are prose); from
  # a table entry only its `term` is taken, not its polarity or scope.
  awk '/^[[:space:]]*#/{next} /^[[:space:]]*terms[[:space:]]*=/{on=1} on{print} on && /\]/{on=0}' "$f" |
    sed -e 's/{[^}]*term[[:space:]]*=[[:space:]]*\("[^"]*"\)[^}]*}/\1/g' |
    grep -o '"[^"]*"' | tr -d '"'
done | grep -v '^[[:space:]]*$' | sort -u >"$TERMS"
NTERMS=$(wc -l <"$TERMS")

# ---- machine facts
NPROC=$(nproc)
CPU_MODEL=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)
MEM=$(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

R=$WORK/rows.md; : >"$R"
row() { echo "| $* |" >>"$R"; }
declare -A T  # figures for the targets table

LARGEST=$(echo "$SIZES" | awk '{print $NF}')
FIRST=$(echo "$SIZES" | awk '{print $1}')
for SIZE in $SIZES; do
  C=$WORK/corpus-$SIZE; I=$WORK/index-$SIZE; O=$WORK/reports-$SIZE
  if [ ! -f "$C/manifest.csv" ]; then
    say "generating $SIZE MB corpus"
    rm -rf "$C"
    timed gen-$SIZE "$MOTIF" gen-corpus --size-mb "$SIZE" --out "$C" --seed 1
    row "$SIZE MB | 0. generate corpus | \`motif gen-corpus --size-mb $SIZE --out C --seed 1\` | $(mbps $((SIZE*1000000)) "$WALL") MB/s, ${WALL}s wall, ${CPU}s CPU, ${RSS_MB} MB RSS"
  else
    row "$SIZE MB | 0. generate corpus | \`motif gen-corpus --size-mb $SIZE --out C --seed 1\` | reused from an earlier run ($C)"
  fi
  BYTES=$(txt_bytes "$C"); DOCS=$(find "$C" -name '*.txt' | wc -l)
  say "$SIZE MB: $DOCS documents, $BYTES bytes"

  # 1. end to end, fresh index
  rm -rf "$I" "$O"
  run_motif e2e-$SIZE "$C" "$I" "$O"
  if [ $RC = 0 ]; then
    E2E=$(mbps "$BYTES" "$WALL")
    row "$SIZE MB | 1. motif run, fresh index | \`motif run --corpus C --index I --out O --quiet\` | **$E2E MB/s**, ${WALL}s wall, ${CPU}s CPU, ${RSS_MB} MB peak RSS"
    T[e2e-$SIZE]=$E2E; T[rss-$SIZE]=$RSS_MB
  else
    E2E=n/a; row "$SIZE MB | 1. motif run, fresh index | \`motif run --corpus C --index I --out O --quiet\` | n/a: $(why)"
  fi

  # 2. bare Tantivy
  timed bare-$SIZE "$BARE" "$C" "$WORK/bare-index-$SIZE"
  if [ $RC = 0 ]; then
    BARE_MBPS=$(mbps "$BYTES" "$WALL")
    row "$SIZE MB | 2. bare Tantivy | \`bare_index C IDX\` (examples/bare_index.rs) | **$BARE_MBPS MB/s**, ${WALL}s wall, ${CPU}s CPU, ${RSS_MB} MB RSS; ratio 1:2 = $(ratio "$E2E" "$BARE_MBPS")"
    T[ratio12-$SIZE]=$(ratio "$E2E" "$BARE_MBPS")
  else
    row "$SIZE MB | 2. bare Tantivy | \`bare_index C IDX\` | n/a: $(why)"
  fi
  rm -rf "$WORK/bare-index-$SIZE"

  # 3. ripgrep over the lexicon terms
  if [ "$NTERMS" -gt 0 ] && command -v rg >/dev/null; then
    timed rg-$SIZE rg -F -i --count-matches -f "$TERMS" "$C"
    if [ $RC -le 1 ]; then
      RG=$(mbps "$BYTES" "$WALL")
      row "$SIZE MB | 3. ripgrep, $NTERMS lexicon terms | \`rg -F -i --count-matches -f terms.txt C\` | **$RG MB/s**, ${WALL}s wall; ratio 1:3 = $(ratio "$E2E" "$RG")"
    else
      row "$SIZE MB | 3. ripgrep | \`rg -F -i --count-matches -f terms.txt C\` | n/a: rg exit $RC"
    fi
  else
    row "$SIZE MB | 3. ripgrep | \`rg -F -i --count-matches -f terms.txt C\` | n/a: $([ "$NTERMS" -gt 0 ] && echo 'rg missing' || echo 'no terms in lexicons/*.toml')"
  fi

  # 4. re-tagging after a lexicon edit: the first theme's file, edited, on
  # top of the built-in lexicons (`--extend`, as a user edits one theme).
  # 4a adds a term no document holds, so re-tagging changes no document;
  # 4b then adds "social worker", which most documents hold.
  LEXFLAG=()
  if [ -n "$(ls lexicons/*.toml 2>/dev/null)" ] && [ "$E2E" != n/a ]; then
    first=$(ls lexicons/*.toml | head -1)
    for edit in a b; do
      L=$WORK/lexicons-edited-$edit; rm -rf "$L"; mkdir -p "$L"; cp "$first" "$L"/
      case $edit in
        a) term="benchmark edit term"; what="a term no document holds" ;;
        b) term="social worker"; what="a term most documents hold" ;;
      esac
      sed -i "0,/terms[[:space:]]*=[[:space:]]*\[/s//terms = [\"$term\", /" "$L/$(basename "$first")"
      run_motif retag$edit-$SIZE "$C" "$I" "$O" --lexicons "$L" --extend
      if [ $RC = 0 ]; then
        RETAG=$(mbps "$BYTES" "$WALL"); T[retag$edit-$SIZE]=$RETAG; LEXFLAG=(--lexicons "$L" --extend)
        row "$SIZE MB | 4$edit. re-tag after a lexicon edit: $what | \`motif --lexicons EDITED --extend run ...\` (existing index) | **$RETAG MB/s**, ${WALL}s wall"
      else
        row "$SIZE MB | 4$edit. re-tag after a lexicon edit | \`motif --lexicons EDITED --extend run ...\` | n/a: $(why)"
      fi
    done
  else
    row "$SIZE MB | 4. re-tag after a lexicon edit | \`motif --lexicons EDITED --extend run ...\` | n/a: $([ "$E2E" = n/a ] && echo 'motif run failed' || echo 'no lexicons/*.toml')"
  fi

  # 5. unchanged re-run, and one file added
  if [ "$E2E" != n/a ]; then
    run_motif same-$SIZE "$C" "$I" "$O" "${LEXFLAG[@]}"
    [ $RC = 0 ] && { T[same-$SIZE]=$WALL; row "$SIZE MB | 5a. motif run again, nothing changed | same command | **${WALL}s**"; } ||
      row "$SIZE MB | 5a. motif run again, nothing changed | same command | n/a: $(why)"
    src=$(find "$C" -name '*.txt' | sort | head -1)
    { cat "$src"; echo; echo "An added paragraph so this file is not a duplicate."; } >"$C/bench_added.txt"
    run_motif add-$SIZE "$C" "$I" "$O" "${LEXFLAG[@]}"
    [ $RC = 0 ] && { T[add-$SIZE]=$WALL; row "$SIZE MB | 5b. motif run, one file added | same command | **${WALL}s**"; } ||
      row "$SIZE MB | 5b. motif run, one file added | same command | n/a: $(why)"
    rm -f "$C/bench_added.txt"
  else
    row "$SIZE MB | 5. re-runs (unchanged; one file added) | same command | n/a: motif run failed"
  fi

  # 7. threads: on the first (smaller) corpus only, to bound the run time
  if [ "$SIZE" = "$FIRST" ]; then
    if [ "$E2E" != n/a ]; then
      # `--threads 1` caps motif's workers and Tantivy's indexing threads at
      # one each, but the two still run side by side (about 1.5 cores), so
      # the one-thread run is also held to one core with taskset: the
      # speed-up is then what the second core buys.
      PIN1=(); PIN2=(); PINNED=""
      if command -v taskset >/dev/null; then
        PIN1=(taskset -c 0); PIN2=(taskset -c 0,1); PINNED=" (taskset: 1 core, 2 cores)"
      fi
      rm -rf "$I-t1"; PIN=("${PIN1[@]}")
      run_motif t1 "$C" "$I-t1" "$O-t1" --threads 1; W1=$WALL; C1=$CPU; R1=$RC
      rm -rf "$I-t2"; PIN=("${PIN2[@]}")
      run_motif t2 "$C" "$I-t2" "$O-t2" --threads 2; W2=$WALL; C2=$CPU; R2=$RC
      rm -rf "$I-t1u"; PIN=()
      run_motif t1u "$C" "$I-t1u" "$O-t1u" --threads 1; W1U=$WALL; C1U=$CPU
      rm -rf "$I-t1" "$I-t2" "$I-t1u" "$O-t1" "$O-t2" "$O-t1u"
      if [ $R1 = 0 ] && [ $R2 = 0 ]; then
        SPEEDUP=$(ratio "$W1" "$W2"); T[speedup]=$SPEEDUP
        row "$SIZE MB | 7. threads 1 vs 2 | \`motif --threads N run ...\` fresh$PINNED | 1 thread on 1 core $(mbps "$BYTES" "$W1") MB/s (${C1}s CPU), 2 threads on 2 cores $(mbps "$BYTES" "$W2") MB/s (${C2}s CPU): **speed-up $SPEEDUP**; 1 thread unpinned $(mbps "$BYTES" "$W1U") MB/s (${C1U}s CPU)"
      else
        row "$SIZE MB | 7. threads 1 vs 2 | \`motif --threads N run ...\` | n/a: $(why)"
      fi
    else
      row "$SIZE MB | 7. threads 1 vs 2 | \`motif --threads N run ...\` | n/a: motif run failed"
    fi
  fi
  T[docs-$SIZE]=$DOCS
done

# 6. search latency on the largest index
I=$WORK/index-$LARGEST; LAT=$WORK/latencies.txt; : >"$LAT"; FAILED=0
while IFS= read -r line; do
  case "$line" in ''|'#'*) continue ;; esac
  eval "args=($line)"
  for _ in 1 2 3 4 5; do
    # bash's own clock: $(date) would fork a process inside the interval.
    t0=${EPOCHREALTIME/[.,]/}
    # With the lexicons the index was last tagged with (steps 4 and 5 left
    # it tagged with the edited ones), as its user would search it: with
    # others, every search also reads the lexicons to warn that the index
    # is stale.
    "$MOTIF" "${LEXFLAG[@]}" search --index "$I" "${args[@]}" >/dev/null 2>>"$LOG"; rc=$?
    t1=${EPOCHREALTIME/[.,]/}
    if [ $rc -le 1 ]; then echo $(( t1 - t0 )) >>"$LAT"; else FAILED=$((FAILED+1)); fi
  done
done <bench/queries.txt
if [ -s "$LAT" ] && [ $FAILED = 0 ]; then
  read -r P50 P99 < <(sort -n "$LAT" | awk '{a[NR]=$1} END{i50=int(NR*0.5+0.5); i99=int(NR*0.99+0.5); if(i50<1)i50=1; if(i99<1)i99=1; printf "%.1f %.1f", a[i50]/1000, a[i99]/1000}')
  T[p50]=$P50; T[p99]=$P99
  row "$LARGEST MB (${T[docs-$LARGEST]} docs) | 6. search latency, 20 queries × 5 | \`motif search --index I QUERY\` (bench/queries.txt; whole process) | **p50 ${P50} ms, p99 ${P99} ms**"
else
  row "$LARGEST MB | 6. search latency | \`motif search --index I QUERY\` | n/a: $FAILED of $(( $(grep -cv '^\(#\|$\)' bench/queries.txt) * 5 )) searches failed: $(why)"
fi

# Real reports, if given: motif run, bare Tantivy and rg on the same files.
if [ -n "${MOTIF_BENCH_REPORTS:-}" ] && [ -d "$MOTIF_BENCH_REPORTS" ]; then
  C=$MOTIF_BENCH_REPORTS; BYTES=$(txt_bytes "$C"); N=$(find "$C" -name '*.txt' | wc -l)
  rm -rf "$WORK/index-real"
  run_motif real "$C" "$WORK/index-real" "$WORK/reports-real"
  [ $RC = 0 ] && RE="$(mbps "$BYTES" "$WALL") MB/s" || RE="n/a: $(why)"
  timed real-bare "$BARE" "$C" "$WORK/bare-real"
  [ $RC = 0 ] && RB="$(mbps "$BYTES" "$WALL") MB/s" || RB="n/a: $(why)"
  rm -rf "$WORK/bare-real"
  if [ "$NTERMS" -gt 0 ] && command -v rg >/dev/null; then
    timed real-rg rg -F -i --count-matches -f "$TERMS" "$C"; RR="$(mbps "$BYTES" "$WALL") MB/s"
  else RR="n/a: no lexicon terms or no rg"; fi
  row "real: $N files, $((BYTES/1000000)) MB ($C) | motif run / bare Tantivy / rg | as above | motif $RE; bare Tantivy $RB; rg $RR"
fi

# ---- targets
tgt() { # tgt LABEL STATUS
  echo "| $1 | $2 |" >>"$WORK/targets.md"
}
: >"$WORK/targets.md"
check() { # check LABEL VALUE CMP LIMIT
  local label=$1 v=${2:-n/a} cmp=$3 lim=$4
  if [ "$v" = n/a ] || [ -z "$v" ]; then tgt "$label" "n/a (not measured)"
  elif $cmp "$v" "$lim"; then tgt "$label" "met ($v)"
  else tgt "$label" "NOT met ($v)"; fi
}
check "end to end ≥ 45 MB/s ($LARGEST MB)" "${T[e2e-$LARGEST]:-}" ge 45
check "end to end ≥ 0.7 × bare Tantivy ($LARGEST MB)" "${T[ratio12-$LARGEST]:-}" ge 0.7
check "re-tagging ≥ 150 MB/s ($LARGEST MB, 4a: edit changing no document)" "${T[retaga-$LARGEST]:-}" ge 150
check "re-tagging ≥ 150 MB/s ($LARGEST MB, 4b: edit changing most documents)" "${T[retagb-$LARGEST]:-}" ge 150
check "unchanged re-run ≤ 2 s ($LARGEST MB)" "${T[same-$LARGEST]:-}" le 2
check "one file added ≤ 1 s + that file ($LARGEST MB)" "${T[add-$LARGEST]:-}" le 1.1
check "search p50 ≤ 10 ms" "${T[p50]:-}" le 10
check "search p99 ≤ 50 ms" "${T[p99]:-}" le 50
check "peak RSS ≤ 1024 MB ($LARGEST MB)" "${T[rss-$LARGEST]:-}" le 1024
check "2 threads ≥ 1.7 × 1 thread" "${T[speedup]:-}" ge 1.7

{
  echo "# motif benchmark results"
  echo
  echo "Written by \`bench/run.sh$([ $SMALL = 1 ] && echo ' --small')\` on $(date -u '+%Y-%m-%d %H:%M UTC'), motif $REV, corpora of $SIZES MB generated by \`motif gen-corpus --seed 1\`."
  echo
  echo "Machine: $NPROC cores, $CPU_MODEL, $MEM RAM, load average at start $LOAD (the machine is shared; figures are from one run)."
  echo
  echo "Commands: C is the corpus folder, I the index folder, O the reports folder; all figures are MB of corpus files (10^6 bytes) per wall-clock second; CPU is user+system seconds and RSS the peak resident set, from \`/usr/bin/time -v\`."
  echo
  echo "| corpus | step | command | result |"
  echo "|---|---|---|---|"
  cat "$R"
  echo
  echo "## Targets (issue 7)"
  echo
  echo "| target | status |"
  echo "|---|---|"
  cat "$WORK/targets.md"
  echo
  echo "Lexicon terms for rg: $NTERMS (from \`terms = [...]\` in lexicons/*.toml). Full log: \`$LOG\`."
} >"$OUT"
say "wrote $OUT"
cat "$OUT"
