#!/usr/bin/env bash
# Runs the codec microbenchmarks (JMH, 1 fork, 3 × 1 s warm-up, 5 × 1 s measurement, GC profiler)
# and keeps the CSV and the console output in src/bench/results/.
# Usage (from the repository root): src/bench/run-jmh.sh [include-regex]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -o test-compile
mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
mkdir -p src/bench/results
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.switchboard.tools.load.jmh.JmhRunner \
  "${1:-dev\.switchboard\.tools\.load\.jmh\..*}" src/bench/results/jmh-results.csv | tee src/bench/results/jmh-output.txt
