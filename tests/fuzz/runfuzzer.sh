#!/bin/sh
# runfuzzer.sh fuzz|corpus FUZZER SECONDS ARTIFACT_DIR SEED_DIR...
#   fuzz:   fuzzes for SECONDS; the seed directories are only read (new inputs go to a temporary
#           directory, removed afterwards), crashes are written to ARTIFACT_DIR.
#   corpus: runs every file of the seed directories once.
set -eu
mode=$1 fuzzer=$2 seconds=$3 artifacts=$4
shift 4
dirs=""
for dir in "$@"; do
    [ -d "$dir" ] && dirs="$dirs $dir"
done
mkdir -p "$artifacts"
if [ "$mode" = corpus ]; then
    files=$(find $dirs -type f ! -name README.md | sort)
    # shellcheck disable=SC2086 # one argument per file
    exec "$fuzzer" -rss_limit_mb=4096 -timeout=30 $files
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086 # one argument per directory
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$work" $dirs
