#!/usr/bin/env bash
# No false alarms: every check of every system against the healthy reference deployment, N times in a row
# (default 20), in one JVM; fails on any failing check and prints each run's counts and time.
# Usage: bench/false-alarms.sh [runs]      (full Maven log: target/false-alarms.log)
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
mkdir -p target
start=$(date +%s)
mvn -B -o test -Dtest=FalseAlarmTest -Dfalse.alarms.runs="$runs" > target/false-alarms.log 2>&1
status=$?
grep -E 'false-alarm run|false alarms:|Tests run:|FAILURE' target/false-alarms.log
echo "wall time: $(( $(date +%s) - start )) s; exit status $status"
exit "$status"
