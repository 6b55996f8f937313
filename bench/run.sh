#!/usr/bin/env bash
# Times `mtlint check --output-format json` (all default rules) against
# `rg --count '[.!?][A-Z]'` over a generated corpus of two shapes: ~2,000
# article-sized files and one big file, and prints a Markdown table.
#
#   bench/run.sh                  # build, generate, time, print
#   RUNS=10 BIG_MB=200 bench/run.sh
#   MTLINT_BENCH_DIR=/tmp/corpus bench/run.sh   # keep the corpus there for re-runs
#
# Settings (environment): ARTICLES (2000), BIG_MB (100), SMALL_MB (10, for the
# linearity check), RUNS (5), WARMUP (1), MTLINT_BENCH_DIR (a temporary folder,
# removed afterwards unless given).
set -euo pipefail

ARTICLES=${ARTICLES:-2000}
BIG_MB=${BIG_MB:-100}
SMALL_MB=${SMALL_MB:-10}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PATTERN='[.!?][A-Z]'

log() { printf '%s\n' "$*" >&2; }

install_tools() {
    local missing=()
    command -v rg >/dev/null || missing+=(ripgrep)
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    [ ${#missing[@]} -eq 0 ] && return
    local sudo=()
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo=(sudo)
    if command -v apt-get >/dev/null; then
        log "installing ${missing[*]} with apt-get"
        "${sudo[@]}" apt-get install -y "${missing[@]}" >&2 ||
            { "${sudo[@]}" apt-get update >&2 && "${sudo[@]}" apt-get install -y "${missing[@]}" >&2; } ||
            log "could not install ${missing[*]}"
    fi
    command -v rg >/dev/null || { log "ripgrep (rg) is needed as the baseline; install it and re-run"; exit 2; }
    command -v hyperfine >/dev/null || log "hyperfine missing: timing with a warm-up + $RUNS-run loop instead"
}

# Median wall time in seconds of a shell command, and its spread (max-min)/median.
time_command() {
    local command=$1
    if command -v hyperfine >/dev/null; then
        local csv
        csv=$(mktemp)
        hyperfine --style none --ignore-failure --warmup "$WARMUP" --runs "$RUNS" --export-csv "$csv" "$command" >/dev/null
        # command,mean,stddev,median,user,system,min,max
        awk -F, 'NR == 2 { printf "%.4f %.0f\n", $4, ($8 - $7) / $4 * 100 }' "$csv"
        rm -f "$csv"
    else
        local i start end times=()
        for ((i = 0; i < WARMUP; i++)); do bash -c "$command" >/dev/null 2>&1 || true; done
        for ((i = 0; i < RUNS; i++)); do
            start=$(date +%s.%N)
            bash -c "$command" >/dev/null 2>&1 || true
            end=$(date +%s.%N)
            times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
        done
        printf '%s\n' "${times[@]}" | sort -g |
            awk '{ t[NR] = $1 } END { m = t[int((NR + 1) / 2)]; printf "%.4f %.0f\n", m, (t[NR] - t[1]) / m * 100 }'
    fi
}

# Peak resident memory in MB of one run.
peak_memory() {
    if [ -x /usr/bin/time ]; then
        { /usr/bin/time -v bash -c "exec $1 >/dev/null 2>&1" 2>&1 >/dev/null || true; } |
            awk -F: '/Maximum resident set size/ { printf "%.0f\n", $2 / 1024 }'
    else
        echo "n/a"
    fi
}

bytes_of() { find "$1" -type f -name '*.txt' -print0 | xargs -0 cat | wc -c; }

install_tools
log "building (release)"
(cd "$ROOT" && cargo build --release --quiet --bin mtlint --example bench_corpus)
MTLINT="$ROOT/target/release/mtlint"

if [ -n "${MTLINT_BENCH_DIR:-}" ]; then
    DIR=$MTLINT_BENCH_DIR
else
    DIR=$(mktemp -d "${TMPDIR:-/tmp}/mtlint-bench.XXXXXX")
    trap 'rm -rf "$DIR"' EXIT
fi
# The corpus is regenerated when the settings or the source texts change.
STAMP="$ARTICLES articles, $SMALL_MB MB, $BIG_MB MB, $({ find "$ROOT/fixtures" "$ROOT/tests" "$ROOT/bench/texts" \
    -name '*.txt' -type f 2>/dev/null || true; } | sort | xargs -r cat | cksum)"
if [ "$(cat "$DIR/.stamp" 2>/dev/null)" != "$STAMP" ]; then
    log "generating the corpus in $DIR"
    rm -rf "${DIR:?}/articles" "$DIR"/big-*mb.txt
    mkdir -p "$DIR"
    "$ROOT/target/release/examples/bench_corpus" "$DIR" "$ARTICLES" "$SMALL_MB" "$BIG_MB" -- \
        "$ROOT/fixtures" "$ROOT/tests" "$ROOT/bench/texts"
    echo "$STAMP" >"$DIR/.stamp"
fi

MANY="$DIR/articles"
BIG="$DIR/big-${BIG_MB}mb.txt"
SMALL="$DIR/big-${SMALL_MB}mb.txt"
THREADS=$(nproc)

declare -A SECONDS_OF SPREAD_OF
measure() { # key command
    log "timing $1: $2"
    read -r "SECONDS_OF[$1]" "SPREAD_OF[$1]" < <(time_command "$2")
}
measure mt_many "$MTLINT check --output-format json '$MANY'"
measure rg_many "rg --count '$PATTERN' '$MANY'"
measure mt_many_j1 "$MTLINT check --output-format json -j 1 '$MANY'"
measure mt_big "$MTLINT check --output-format json '$BIG'"
measure rg_big "rg --count '$PATTERN' '$BIG'"
measure mt_small "$MTLINT check --output-format json '$SMALL'"
log "measuring peak memory"
MEM_MANY=$(peak_memory "$MTLINT check --output-format json '$MANY'")
MEM_BIG=$(peak_memory "$MTLINT check --output-format json '$BIG'")
MEM_RG_BIG=$(peak_memory "rg --count '$PATTERN' '$BIG'")

MB_MANY=$(awk -v b="$(bytes_of "$MANY")" 'BEGIN { printf "%.1f", b / 1e6 }')
MB_BIG=$(awk -v b="$(wc -c <"$BIG")" 'BEGIN { printf "%.1f", b / 1e6 }')
MB_SMALL=$(awk -v b="$(wc -c <"$SMALL")" 'BEGIN { printf "%.1f", b / 1e6 }')
FILES=$(find "$MANY" -type f -name '*.txt' | wc -l)
rate() { awk -v mb="$1" -v s="$2" 'BEGIN { printf "%.0f", mb / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
S=("${SECONDS_OF[@]}")
[ ${#S[@]} -eq 6 ] || { log "a timing failed"; exit 2; }

cat <<EOF

Machine: $(nproc) cores, $(lscpu 2>/dev/null | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }')
Versions: $("$MTLINT" --version), $(rg --version | head -1), $(hyperfine --version 2>/dev/null || echo "no hyperfine (timing loop)")
Timing: median of $RUNS runs after $WARMUP warm-up; spread = (max - min) / median.

| corpus | size | mtlint check --output-format json | MB/s | rg --count '$PATTERN' | MB/s | mtlint / rg |
|---|---|---|---|---|---|---|
| $FILES articles | $MB_MANY MB | ${SECONDS_OF[mt_many]} s (±${SPREAD_OF[mt_many]}%) | $(rate "$MB_MANY" "${SECONDS_OF[mt_many]}") | ${SECONDS_OF[rg_many]} s (±${SPREAD_OF[rg_many]}%) | $(rate "$MB_MANY" "${SECONDS_OF[rg_many]}") | $(ratio "${SECONDS_OF[mt_many]}" "${SECONDS_OF[rg_many]}")× |
| one file | $MB_BIG MB | ${SECONDS_OF[mt_big]} s (±${SPREAD_OF[mt_big]}%) | $(rate "$MB_BIG" "${SECONDS_OF[mt_big]}") | ${SECONDS_OF[rg_big]} s (±${SPREAD_OF[rg_big]}%) | $(rate "$MB_BIG" "${SECONDS_OF[rg_big]}") | $(ratio "${SECONDS_OF[mt_big]}" "${SECONDS_OF[rg_big]}")× |

| measure | result |
|---|---|
| threads, $FILES articles | -j 1: ${SECONDS_OF[mt_many_j1]} s; default ($THREADS threads): ${SECONDS_OF[mt_many]} s; speed-up $(ratio "${SECONDS_OF[mt_many_j1]}" "${SECONDS_OF[mt_many]}")× |
| linearity, one file | $MB_SMALL MB: ${SECONDS_OF[mt_small]} s; $MB_BIG MB: ${SECONDS_OF[mt_big]} s; $(ratio "$MB_BIG" "$MB_SMALL")× the input takes $(ratio "${SECONDS_OF[mt_big]}" "${SECONDS_OF[mt_small]}")× the time |
| peak memory, one file | mtlint $MEM_BIG MB for a $MB_BIG MB file ($(ratio "$MEM_BIG" "$MB_BIG")× the file); rg $MEM_RG_BIG MB |
| peak memory, $FILES articles | mtlint $MEM_MANY MB |
EOF
