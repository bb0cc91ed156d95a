#!/usr/bin/env bash
# Purpose: zero-downtime rollouts (issue 5): constant traffic through a Service and the Ingress while a
# 3-replica Deployment rolls to a new version and back, and while a pod is deleted; counts failed requests.
# Needs python3 (the pods' HTTP server). Run: bench/rollout-bench.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
./skiff build >/dev/null
JAVA="$(./skiff java-home)/bin/java"
CP="bench/target/classes:cli/target/lib/*"
DATA="$(mktemp -d)"
LOG="$DATA.log"
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$DATA" "$LOG"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(date -u +%F)"
./skiff up --data-dir "$DATA" --api-port 0 --dns 127.0.0.1:0 --ingress-http-port 0 --ingress-https-port 0 \
  >"$LOG" 2>&1 &
PID=$!
until grep -q "^Cluster DNS" "$LOG"; do sleep 0.05; done
URL=$(grep -o 'https://127.0.0.1:[0-9]*' "$LOG" | head -1)
INGRESS=$(grep -o 'ingress http://127.0.0.1:[0-9]*' "$LOG" | grep -o '[0-9]*$')
JPID=$(pgrep -f "SkiffCommand up --data-dir $DATA" | head -1)
"$JAVA" -cp "$CP" dev.skiff.bench.RolloutTrafficBench "$URL" "$DATA" "$INGRESS"
kill -TERM "$JPID"; wait "$PID" || true
