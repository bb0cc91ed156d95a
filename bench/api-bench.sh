#!/usr/bin/env bash
# Purpose: the engine API server's figures from issue 2 (cold start, idle memory, latency, LIST, watch
# fan-out, durable throughput), measured on a real `skiff up` process with a fresh data directory.
# Run: bench/api-bench.sh   (prints the figures; record them in bench/README.md)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
./skiff build >/dev/null
JAVA="$(./skiff java-home)/bin/java"
DATA="$(mktemp -d)"
LOG="$DATA.log"
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$DATA" "$LOG"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(date -u +%F)"
START=$(date +%s%N)
./skiff up --data-dir "$DATA" --api-port 0 >"$LOG" 2>&1 &
PID=$!
until grep -q "Skiff is up" "$LOG"; do sleep 0.005; done
READY=$(date +%s%N)
URL=$(grep -o 'https://127.0.0.1:[0-9]*' "$LOG" | head -1)
JPID=$(pgrep -f "SkiffCommand up --data-dir $DATA" | head -1)
echo "cold start to ready API (first start, fresh data dir): $(( (READY - START) / 1000000 )) ms"
sleep 10
echo "idle resident memory after 10 s: $(awk '/VmRSS/ {printf "%d MB", $2/1024}' /proc/"$JPID"/status)"
"$JAVA" -cp bench/target/classes dev.skiff.bench.ApiBench "$URL" "$DATA"
"$JAVA" -cp bench/target/classes dev.skiff.bench.WebhookBench "$URL" "$DATA"
echo "resident memory after the run: $(awk '/VmRSS/ {printf "%d MB", $2/1024}' /proc/"$JPID"/status)"
kill -TERM "$JPID"; wait "$PID" || true
START=$(date +%s%N)
JAVA_TOOL_OPTIONS="-Dorg.slf4j.simpleLogger.log.dev.skiff.engine.api.ApiServer=debug" \
  ./skiff up --data-dir "$DATA" --api-port 0 >"$LOG" 2>&1 &
PID=$!
until grep -q "Skiff is up" "$LOG"; do sleep 0.005; done
READY=$(date +%s%N)
echo "restart to ready API with ~45,000 stored objects: $(( (READY - START) / 1000000 )) ms"
grep "DEBUG" "$LOG" | sed 's/^.* - /  /' || true
