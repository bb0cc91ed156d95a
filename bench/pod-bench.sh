#!/usr/bin/env bash
# Purpose: the workload figures of issue 4 (pod startup latency, engine memory per pod, time to 100 ready
# replicas, rolling update against readiness delays), measured on a real `skiff up` with a fresh data directory.
# Needs python3 (the small HTTP server the Deployments run). Run: bench/pod-bench.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
./skiff build >/dev/null
JAVA="$(./skiff java-home)/bin/java"
CP="bench/target/classes:cli/target/lib/*"   # the engine's own jars carry Jackson
DATA="$(mktemp -d)"
LOG="$DATA.log"
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$DATA" "$LOG"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(date -u +%F)"
./skiff up --data-dir "$DATA" --api-port 0 >"$LOG" 2>&1 &
PID=$!
until grep -q "Skiff is up" "$LOG"; do sleep 0.05; done
grep "^Node" "$LOG"
URL=$(grep -o 'https://127.0.0.1:[0-9]*' "$LOG" | head -1)
JPID=$(pgrep -f "SkiffCommand up --data-dir $DATA" | head -1)
"$JAVA" -cp "$CP" dev.skiff.bench.PodBench "$URL" "$DATA" "$JPID"
kill -TERM "$JPID"; wait "$PID" || true
