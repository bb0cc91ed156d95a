#!/usr/bin/env bash
# Purpose: Skiff's service proxy against HAProxy (TCP mode) and against no proxy at all, side by side in one
# run, in front of the same three HTTP backends: small requests at fixed concurrency (requests/s, p50, p99)
# and 1 MiB responses (MB/s). Needs wrk and haproxy (installed with apt-get when missing).
# Run: bench/proxy-bench.sh            (DURATION=10 seconds per measurement, ROUNDS=3 interleaved rounds)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DURATION="${DURATION:-10}"
ROUNDS="${ROUNDS:-3}"
BACKEND_PORT="${BACKEND_PORT:-18080}"
BACKENDS=(127.1.0.1 127.1.0.2 127.1.0.3)
SKIFF=127.96.0.1:8080
HAPROXY=127.96.0.2:8080

for tool in wrk haproxy; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "installing $tool" >&2
    (apt-get update -qq && apt-get install -y -qq "$tool") >/dev/null
  fi
done

# Classes: the engine's net module and this bench module, as built by ./skiff build (PROXY_CLASSES and
# BENCH_CLASSES point elsewhere, SKIP_BUILD=1 skips the build); Netty from the local Maven repository.
if [ -z "${SKIP_BUILD:-}" ]; then ./skiff build >/dev/null; fi
JAVA="$(./skiff java-home)/bin/java"
NETTY="$(sed -n 's:.*<netty.version>\(.*\)</netty.version>.*:\1:p' pom.xml | head -1)"
M2="${MAVEN_REPO:-$HOME/.m2/repository}/io/netty"
CP="${BENCH_CLASSES:-bench/target/classes}:${PROXY_CLASSES:-engine/net/target/classes}"
for a in netty-common netty-buffer netty-resolver netty-transport netty-transport-native-unix-common \
         netty-transport-classes-epoll; do
  CP="$CP:$M2/$a/$NETTY/$a-$NETTY.jar"
done
CP="$CP:$M2/netty-transport-native-epoll/$NETTY/netty-transport-native-epoll-$NETTY-linux-$(uname -m | sed 's/amd64/x86_64/').jar"

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

start() { # name, command...: runs it in the background, waits for "ready" on its standard output
  local name="$1"; shift
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PIDS+=($!)
  for _ in $(seq 1 200); do
    grep -q ready "$WORK/$name.out" && return
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.05
  done
  echo "$name did not start:" >&2; cat "$WORK/$name.err" >&2; exit 1
}

ENDPOINTS=()
for ip in "${BACKENDS[@]}"; do ENDPOINTS+=("$ip:$BACKEND_PORT"); done

start backends "$JAVA" -XX:+UseSerialGC -cp "$CP" dev.skiff.bench.ProxyBench backends "$BACKEND_PORT" "${BACKENDS[@]}"
# The proxy runs with the engine's own JVM flags (see ./skiff).
start skiff "$JAVA" -XX:+UseSerialGC -Xms256m -Xmn32m -Xss512k ${SKIFF_JAVA_OPTS:-} -cp "$CP" \
  dev.skiff.bench.ProxyBench proxy "$SKIFF" "${ENDPOINTS[@]}"
SKIFF_PID="${PIDS[-1]}"
{
  echo "global"
  echo "  nbthread $(nproc)"
  echo "  maxconn 4096"
  echo "defaults"
  echo "  mode tcp"
  echo "  timeout connect 1s"
  echo "  timeout client 60s"
  echo "  timeout server 60s"
  echo "frontend bench"
  echo "  bind $HAPROXY"
  echo "  default_backend web"
  echo "backend web"
  echo "  balance roundrobin"
  n=0; for e in "${ENDPOINTS[@]}"; do n=$((n + 1)); echo "  server web$n $e"; done
} >"$WORK/haproxy.cfg"
haproxy -db -f "$WORK/haproxy.cfg" >"$WORK/haproxy.err" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/${HAPROXY%:*}/${HAPROXY#*:}") 2>/dev/null && break; sleep 0.05; done
if ! kill -0 "${PIDS[-1]}" 2>/dev/null; then echo "haproxy did not start:" >&2; cat "$WORK/haproxy.err" >&2; exit 1; fi
HAPROXY_PID="${PIDS[-1]}"
TICKS="$(getconf CLK_TCK)"

cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.bytes, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout + e.status))
end
LUA

cpu_ticks() { # pid: user + system CPU time of a process so far, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

measure() { # variant, workload, target, seconds
  local variant="$1" workload="$2" target="$3" seconds="$4" path=/ conns=32 pid before header=()
  if [ "$workload" = 1mib ]; then path=/1m; conns=4; fi
  if [ "$workload" = connect ]; then header=(-H "Connection: close"); fi
  case "$variant" in skiff) pid="$SKIFF_PID" ;; haproxy) pid="$HAPROXY_PID" ;; *) pid="" ;; esac
  before="$([ -n "$pid" ] && cpu_ticks "$pid" || echo 0)"
  wrk -t2 -c"$conns" "${header[@]}" -d"${seconds}s" -s "$WORK/report.lua" "http://$target$path" >"$WORK/wrk.out"
  local used=$(( $([ -n "$pid" ] && cpu_ticks "$pid" || echo 0) - before ))
  # requests/s, p50 ms, p99 ms, MB/s, errors, the proxy's CPU time per request in microseconds
  awk -v v="$variant" -v w="$workload" -v used="$used" -v hz="$TICKS" '/^RESULT/ {
    printf "%s %s %.0f %.3f %.3f %.1f %d %.1f\n", v, w, $2 / ($4 / 1e6), $5 / 1000, $6 / 1000,
      $3 / ($4 / 1e6) / 1e6, $7, used / hz * 1e6 / $2 }' "$WORK/wrk.out"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(date -u '+%F %H:%M UTC')"
echo "$(haproxy -v | head -1)"
echo "$(wrk -v 2>&1 | head -1)"
grep -h "native transport" "$WORK/skiff.err" || true
echo "warming up (JIT) ..."
for target in "${ENDPOINTS[0]}" "$SKIFF" "$HAPROXY"; do
  measure warmup small "$target" 3 >/dev/null
  measure warmup connect "$target" 2 >/dev/null
  measure warmup 1mib "$target" 2 >/dev/null
done

echo "variant workload requests/s p50_ms p99_ms MB/s errors proxy_cpu_us/request" | tee "$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
  for workload in small connect 1mib; do
    measure direct "$workload" "${ENDPOINTS[0]}" "$DURATION" | tee -a "$WORK/results"
    measure skiff "$workload" "$SKIFF" "$DURATION" | tee -a "$WORK/results"
    measure haproxy "$workload" "$HAPROXY" "$DURATION" | tee -a "$WORK/results"
  done
done

median() { # variant workload column
  awk -v v="$1" -v w="$2" -v c="$3" '$1 == v && $2 == w { print $c }' "$WORK/results" | sort -g |
    awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

echo
echo "medians of $ROUNDS rounds, ${DURATION}s each. small: wrk -t2 -c32 GET / (13-byte body, keep-alive);"
echo "connect: the same with Connection: close (a new connection per request); 1 MiB: wrk -t2 -c4 GET /1m"
printf "%-8s %-8s %12s %9s %9s %10s %16s\n" variant workload "requests/s" "p50 ms" "p99 ms" "MB/s" "proxy CPU us/req"
for w in small connect 1mib; do
  for v in direct skiff haproxy; do
    printf "%-8s %-8s %12s %9s %9s %10s %16s\n" "$v" "$w" "$(median $v $w 3)" "$(median $v $w 4)" \
      "$(median $v $w 5)" "$(median $v $w 6)" "$(median $v $w 8)"
  done
done
for w in small connect 1mib; do
  awk -v w="$w" -v sr="$(median skiff $w 3)" -v hr="$(median haproxy $w 3)" \
      -v dp="$(median direct $w 5)" -v sp="$(median skiff $w 5)" -v hp="$(median haproxy $w 5)" 'BEGIN {
    printf "%-8s skiff/haproxy throughput %.2fx (goal >= 0.9x); added p99 over direct: skiff %.3f ms, haproxy %.3f ms\n",
      w, sr / hr, sp - dp, hp - dp
  }'
done
