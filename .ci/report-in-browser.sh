#!/usr/bin/env bash
# Opens the generated deploy evidence in a real browser (headless Chromium) and checks what a QA engineer would
# see: the report named after the verdict, its suites and behaviours (the checklist), that its search box finds a
# check by its checklist id, a check with its sign-off sheet as tear-down step, and the standalone sign-off page with
# its summary first. Screenshots go to <reports>/screenshots/.
# Usage: .ci/report-in-browser.sh [reports/<env>]   (installs Debian's chromium when it is missing)
set -euo pipefail
reports=${1:-reports/local}
report="$reports/allure-report"
[ -f "$report/index.html" ] || { echo "no report at $report/index.html: run mvn verify first" >&2; exit 1; }

if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null
fi

# Served: the evidence (as links) and, beside it so that it may script the report (same origin), the search page.
site=$(mktemp -d)
for entry in "$reports"/*; do ln -s "$(realpath "$entry")" "$site/"; done
cp "$(dirname "$0")/report-search.html" "$site/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
profile=$(mktemp -d)
trap 'kill $server 2>/dev/null; rm -rf "$profile" "$site"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done

chrome() {
  # No host resolves but loopback: the report's page loads Google's analytics script, and nothing here leaves the machine.
  timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --host-resolver-rules="MAP * ~NOTFOUND , EXCLUDE 127.0.0.1" \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$profile" \
    --window-size=1400,1000 --virtual-time-budget=15000 "$@" 2>/dev/null
}
render() { chrome --dump-dom "$1"; } # the DOM after the page's scripts ran
mkdir -p "$reports/screenshots"
shoot() { chrome --screenshot="$reports/screenshots/$1.png" "$2" >/dev/null; } # shoot NAME URL

fail=0
expect() { # expect NAME DOM TEXT...
  local name=$1 dom=$2; shift 2
  for text in "$@"; do
    if grep -qF -- "$text" <<<"$dom"; then echo "ok   $name shows '$text'"; else echo "FAIL $name does not show '$text'"; fail=1; fi
  done
}

verdict=$(python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); print(v["verdict"].upper(), v["runId"])' "$reports/verdict.json")
outcome=${verdict% *}; run_id=${verdict#* }
suites=$(render "http://127.0.0.1:$port/allure-report/index.html#suites")
expect "report suites page" "$suites" "YWMessaging: health"
overview=$(render "http://127.0.0.1:$port/allure-report/index.html")
shoot overview "http://127.0.0.1:$port/allure-report/index.html"
expect "report overview" "$overview" "$outcome · " "run $run_id" "Selection" "Deployed.versions" "ywmessaging reference-1.0.0"
behaviors=$(render "http://127.0.0.1:$port/allure-report/index.html#behaviors")
expect "report behaviors page" "$behaviors" "Production Deployment Checklist - YWMESSAGING Backend API" \
  "Immediate Post-Deployment Checks (First 2 minutes)" "YW-10.2 Database connection successful"
# The search box matches test names (and tags after "tag:"): each check's name in the report starts with its ids.
for tab in behaviors suites; do
  found=$(render "http://127.0.0.1:$port/report-search.html?tab=$tab&q=YW-10.2")
  expect "report $tab searched for YW-10.2" "$found" "found: YW-10.2 Database connection successful (health/detailed checks.database is ok)"
done
# A check of YWMessaging: its page carries the system's sign-off sheet as its tear-down step.
check=$(grep -l 'Verify health check endpoint returns 200 (GET /health' "$report"/data/test-cases/*.json | head -1)
check_uid=$(basename "$check" .json)
check_page=$(render "http://127.0.0.1:$port/allure-report/index.html#testresult/$check_uid")
shoot check "http://127.0.0.1:$port/allure-report/index.html#testresult/$check_uid"
expect "a check's page" "$check_page" "Verify health check endpoint returns 200" "Tear down"
grep -qF "Sign-off sheet: " "$check" && echo "ok   a check's tear-down step is its sign-off sheet" \
  || { echo "FAIL a check's tear-down step is not its sign-off sheet"; fail=1; }
sheet=$(render "http://127.0.0.1:$port/sign-off/ywmessaging.html")
shoot sign-off "http://127.0.0.1:$port/sign-off/ywmessaging.html"
expect "sign-off sheet" "$sheet" "Sign-off sheet: " "Failed items" "Inconclusive items" "Run</b>: $run_id" "Selection</b>: " \
  "Verify health check endpoint returns 200" "manual: awaiting a person"

if [ "$fail" -ne 0 ]; then echo "the report does not render as expected" >&2; exit 1; fi
echo "the report renders in Chromium"
