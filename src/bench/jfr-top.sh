#!/usr/bin/env bash
# Prints where a JFR recording's execution samples were taken: the top frames (self time) and the
# frames that appear anywhere in the stack (inclusive), most frequent first.
# Usage: src/bench/jfr-top.sh recording.jfr [rows]
set -euo pipefail
file=$1
rows=${2:-25}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
jfr print --stack-depth 64 --events jdk.ExecutionSample "$file" > "$tmp"
total=$(grep -c 'jdk.ExecutionSample' "$tmp" || true)
echo "samples: $total"
echo "--- top frames (self) ---"
awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print}' "$tmp" \
  | sort | uniq -c | sort -rn | head -n "$rows"
echo "--- frames anywhere in the stack (inclusive, once per sample) ---"
awk '/stackTrace = \[/ {inside=1; delete seen; next}
     inside && /^[ \t]*\]/ {inside=0; next}
     inside {f=$0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f); if (!(f in seen)) {seen[f]=1; print f}}' "$tmp" \
  | sort | uniq -c | sort -rn | head -n "$rows"
