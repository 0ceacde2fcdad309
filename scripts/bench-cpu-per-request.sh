#!/usr/bin/env bash
# CPU per request over every process of `npm start` (not a test; prints figures for humans):
#   [WARMUP_SECONDS=5] bash scripts/bench-cpu-per-request.sh [port-base] [seconds] [query]
# Starts `node scripts/start.ts` of this tree on its own ports, warms up WARMUP_SECONDS (autocannon, 20
# connections; long enough for the price projector's first pass over every market to end, or its work lands in
# the figure — set PRICE_PROJECTION_INTERVAL_MS high to keep its next pass out of the window too), reads
# utime+stime+cutime+cstime of every process of its session from /proc, loads it for [seconds] more, reads again,
# and prints CPU milliseconds per request per part and in total. Steadier than requests per second on a shared
# machine: alternate two trees (run it from each) several times and compare the means. Loopback only.
set -u
cd "$(dirname "$0")/.."
BASE=${1:-4600}; SECS=${2:-15}
QUERY=${3:-'{ products(first: 20) { nodes { id sku hsCode price(country: DE) { amount { amount currencyCode } } delivery(shipTo: DE) { earliest latest } content(locale: "de") { title } } } }'}
LOG=$(mktemp)
GATEWAY_PORT=$BASE PRODUCTS_PORT=$((BASE + 1)) PRICING_PORT=$((BASE + 2)) FULFILLMENT_PORT=$((BASE + 3)) \
  LOCALIZATION_PORT=$((BASE + 4)) DEVDB_PORT=$((BASE + 9)) LOG_LEVEL=warn setsid node scripts/start.ts > "$LOG" 2>&1 &
STACK=$!
trap 'kill -INT -$STACK 2>/dev/null; sleep 3; kill -9 -$STACK 2>/dev/null; rm -f "$LOG"' EXIT
for _ in $(seq 1 120); do grep -q "Press Ctrl-C" "$LOG" && break; sleep 1; done
grep -q "Press Ctrl-C" "$LOG" || { cat "$LOG"; exit 1; }
BODY=$(node -e 'console.log(JSON.stringify({ query: process.argv[1] }))' "$QUERY")
AUTOCANNON=node_modules/.bin/autocannon
URL=http://127.0.0.1:$BASE/graphql
$AUTOCANNON -c 20 -d "${WARMUP_SECONDS:-5}" -m POST -H content-type=application/json -b "$BODY" "$URL" > /dev/null 2>&1
PIDS=$(pgrep -s "$(ps -o sid= -p $STACK | tr -d ' ')")
snapshot() {
  for pid in $PIDS; do
    [ -r /proc/$pid/stat ] || continue
    read -r -a ticks <<< "$(cut -d' ' -f14-17 /proc/$pid/stat)"
    part=$(tr '\0' ' ' < /proc/$pid/cmdline | grep -oE '(subgraphs/[a-z]+/[a-z]+|gateway/server|devdb-child|start\.ts)' | head -1)
    echo "$pid $((ticks[0] + ticks[1] + ticks[2] + ticks[3])) ${part:-other}"
  done
}
BEFORE=$(snapshot)
RESULT=$($AUTOCANNON -c 20 -d "$SECS" -j -m POST -H content-type=application/json -b "$BODY" "$URL" 2>/dev/null)
AFTER=$(snapshot)
read -r TOTAL RATE ERRORS <<< "$(echo "$RESULT" | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => { const j = JSON.parse(s); console.log(j.requests.total, j.requests.average, j.non2xx + j.errors); })')"
echo "$TOTAL requests in $SECS s ($RATE req/s, $ERRORS failed)"
TICK_MS=$((1000 / $(getconf CLK_TCK)))
join <(echo "$BEFORE" | sort) <(echo "$AFTER" | sort) |
  awk -v n="$TOTAL" -v tick="$TICK_MS" '{ d = $4 - $2; printf "%-32s %6.2f ms CPU per request\n", $3, d * tick / n; s += d } END { printf "%-32s %6.2f ms CPU per request\n", "all processes", s * tick / n }'
