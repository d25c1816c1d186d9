#!/usr/bin/env bash
# The load engine against wrk on the same loopback endpoint: sustained rate, p50/p95 and CPU per request.
# One command from a clean clone:  bench/run.sh
#   env: ROUNDS=3 SECONDS_PER_RUN=5 CONNECTIONS=16 OPEN_RATE=1000 OPEN_SECONDS=10
# Not a test: it prints figures. Targets on a 2-core machine: rate >= 50% of wrk's, p50 within 1.5x of wrk's,
# and a 1,000 req/s arrival-rate run for 10 s with zero drops. wrk and the engine alternate for ROUNDS rounds and
# the medians are compared, so a burst of other work on the machine does not decide the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-5}
CONNECTIONS=${CONNECTIONS:-16}
OPEN_RATE=${OPEN_RATE:-1000}
OPEN_SECONDS=${OPEN_SECONDS:-10}

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)"
  SUDO=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
  $SUDO apt-get install -y wrk >/dev/null 2>&1 || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; }
fi

# Offline when the dependencies are already cached, online otherwise.
mvn_q() { mvn -B -q -o "$@" >/dev/null 2>&1 || mvn -B -q "$@" >/dev/null; }
mvn_q test-compile
mvn_q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$CP" bench/BenchServer.java bench/LoadBenchmark.java
CP="target/bench-classes:$CP"

echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
SERVER_OUT=$(mktemp)
java -cp "$CP" BenchServer >"$SERVER_OUT" 2>/dev/null &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null; rm -f "$SERVER_OUT"' EXIT
for _ in $(seq 1 120); do grep -q '^http' "$SERVER_OUT" && break; sleep 0.5; done
URL="$(grep -m1 '^http' "$SERVER_OUT")/health/live"
echo "endpoint: $URL (MueJam reference, Javalin, in its own JVM); $ROUNDS rounds of ${SECONDS_PER_RUN} s runs, $CONNECTIONS connections"

wrk -t2 -c"$CONNECTIONS" -d3s "$URL" >/dev/null   # server JIT warm-up, not measured
LINES=""
for round in $(seq 1 "$ROUNDS"); do
  LINES+="$(wrk -t1 -c1 -d"${SECONDS_PER_RUN}s" -s bench/latency.lua "$URL" | grep '^WRK' | sed 's/^WRK/WRK run=single/')"$'\n'
  LINES+="$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s bench/latency.lua "$URL" | grep '^WRK' | sed 's/^WRK/WRK run=max/')"$'\n'
  LINES+="$(java -cp "$CP" LoadBenchmark "$URL" single,max "$CONNECTIONS" "$SECONDS_PER_RUN" "$OPEN_RATE" | grep '^ENGINE')"$'\n'
  echo "round $round done; load average $(cut -d' ' -f1 /proc/loadavg)"
done
OPEN=$(java -cp "$CP" LoadBenchmark "$URL" open "$CONNECTIONS" "$OPEN_SECONDS" "$OPEN_RATE" | grep '^ENGINE')
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%s' "$LINES"
echo "$OPEN"
echo

# median of a field over the lines of one tool and run
median() { printf '%s' "$LINES" | grep "^$1 run=$2 " | tr ' ' '\n' | grep "^$3=" | cut -d= -f2 | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
field() { echo "$OPEN" | tr ' ' '\n' | grep "^$1=" | cut -d= -f2; }
awk -v er="$(median ENGINE max rate)" -v wr="$(median WRK max rate)" \
    -v e50="$(median ENGINE single p50)" -v w50="$(median WRK single p50)" \
    -v e95="$(median ENGINE single p95)" -v w95="$(median WRK single p95)" \
    -v le50="$(median ENGINE max p50)" -v lw50="$(median WRK max p50)" \
    -v le95="$(median ENGINE max p95)" -v lw95="$(median WRK max p95)" \
    -v cpumax="$(median ENGINE max cpuUsPerRequest)" -v cpusingle="$(median ENGINE single cpuUsPerRequest)" \
    -v cpu="$(field cpuUsPerRequest)" -v orate="$(field rate)" -v drops="$(field dropped)" -v late="$(field late)" \
    -v o50="$(field p50)" -v o95="$(field p95)" -v want="$OPEN_RATE" -v secs="$OPEN_SECONDS" -v c="$CONNECTIONS" 'BEGIN {
  printf "sustained rate (%d conns): engine %.0f req/s = %.2f of wrk'\''s %.0f req/s (target >= 0.50) %s\n", c, er, er / wr, wr, (er / wr >= 0.5 ? "OK" : "MISSED")
  printf "p50, 1 connection:        engine %d us = %.2fx wrk'\''s %d us (target <= 1.5x) %s\n", e50, e50 / w50, w50, (e50 / w50 <= 1.5 ? "OK" : "MISSED")
  printf "p95, 1 connection:        engine %d us = %.2fx wrk'\''s %d us\n", e95, e95 / w95, w95
  printf "p50/p95, %d connections:  engine %d/%d us = %.2fx/%.2fx wrk'\''s %d/%d us\n", c, le50, le95, le50 / lw50, le95 / lw95, lw50, lw95
  printf "engine CPU per request:   %.1f us at its maximum rate, %.1f us one request at a time, %.1f us at %d req/s (open model)\n", cpumax, cpusingle, cpu, want
  printf "open model:               %d req/s for %d s: achieved %.1f req/s, %d dropped, %d late (> 10 ms), p50 %d us, p95 %d us (target 0 dropped) %s\n", want, secs, orate, drops, late, o50, o95, (drops == 0 ? "OK" : "MISSED")
}'
