package dev.skiff.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workload figures of issue 4 on a running engine: pod startup latency (creation to all containers
 * started, seen through a watch) over 100 pods, one at a time and in a burst; engine memory per running pod;
 * time to 100 ready replicas of a small HTTP server; and a rolling update of 10 replicas against the sum of
 * their readiness delays. Usage: {@code PodBench URL DATA_DIR ENGINE_PID}.
 */
public final class PodBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "podbench";

    private final HttpClient client;
    private final String base;
    private final String token;
    private final ApiCalls api;
    private final long enginePid;
    /** When each pod was first seen with every container started, by name (nanoTime). */
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();

    PodBench(String base, Path dataDir, long enginePid) throws Exception {
        this.base = base;
        this.enginePid = enginePid;
        EngineHttp http = EngineHttp.of(dataDir);
        this.client = http.client();
        this.token = http.token();
        this.api = new ApiCalls(http, base);
    }

    public static void main(String[] args) throws Exception {
        PodBench bench = new PodBench(args[0], Path.of(args[1]), Long.parseLong(args[2]));
        bench.send("POST", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":"
                + "{\"name\":\"" + NS + "\"}}");
        bench.watchPods();
        bench.startupLatency();
        bench.readyReplicas(100);
        bench.rollingUpdate(10, 2);
    }

    /** Follows the namespace's pods and notes when each first has every container running and started. */
    private void watchPods() throws Exception {
        String rv = get("/api/v1/namespaces/" + NS + "/pods").path("metadata").path("resourceVersion").asText();
        HttpResponse<InputStream> watch = client.send(request("GET", "/api/v1/namespaces/" + NS
                + "/pods?watch=true&resourceVersion=" + rv, null), HttpResponse.BodyHandlers.ofInputStream());
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(watch.body(), UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    long now = System.nanoTime();
                    JsonNode pod = JSON.readTree(line).path("object");
                    if (allStarted(pod)) {
                        startedAt.putIfAbsent(pod.path("metadata").path("name").asText(), now);
                    }
                }
            } catch (Exception e) {
                // the benchmark is over
            }
        });
    }

    private static boolean allStarted(JsonNode pod) {
        JsonNode statuses = pod.path("status").path("containerStatuses");
        if (statuses.isEmpty()) {
            return false;
        }
        for (JsonNode s : statuses) {
            if (!s.path("state").has("running") || !s.path("started").asBoolean(false)) {
                return false;
            }
        }
        return true;
    }

    private static String sleeper(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":"
                + "{\"bench\":\"startup\"}},\"spec\":{\"terminationGracePeriodSeconds\":0,\"containers\":[{\"name\":"
                + "\"main\",\"image\":\"busybox\",\"command\":[\"sleep\",\"3600\"]}]}}";
    }

    private void startupLatency() throws Exception {
        int n = 100;
        long[] one = new long[n];
        for (int i = 0; i < n; i++) {
            String name = "one-" + i;
            long t = System.nanoTime();
            send("POST", "/api/v1/namespaces/" + NS + "/pods", sleeper(name));
            while (!startedAt.containsKey(name)) {
                Thread.sleep(0, 200_000);
            }
            one[i] = startedAt.get(name) - t;
        }
        report("pod startup latency, one at a time (" + n + " pods)", one);
        Memory before = memory();
        deleteAll("bench%3Dstartup");
        fillChangeHistory();
        Memory empty = memory();

        long[] burst = new long[n];
        long[] created = new long[n];
        AtomicInteger next = new AtomicInteger();
        List<Thread> creators = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            creators.add(Thread.ofVirtual().start(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    created[i] = System.nanoTime();
                    try {
                        send("POST", "/api/v1/namespaces/" + NS + "/pods", sleeper("burst-" + i));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (Thread t : creators) {
            t.join();
        }
        for (int i = 0; i < n; i++) {
            while (!startedAt.containsKey("burst-" + i)) {
                Thread.sleep(1);
            }
            burst[i] = startedAt.get("burst-" + i) - created[i];
        }
        report("pod startup latency, 100 created at once by 10 clients", burst);
        Thread.sleep(2000);
        Memory running = memory();
        System.out.printf("engine memory per running pod (100 pods, after a full GC): heap %+.1f KB, "
                        + "resident %+.1f KB (with 100: heap %.1f MB, RSS %.1f MB; with none: heap %.1f MB, RSS %.1f MB;"
                        + " first 100 running: heap %.1f MB)%n",
                (running.heapBytes - empty.heapBytes) / 1024.0 / n, (running.rssBytes - empty.rssBytes) / 1024.0 / n,
                running.heapBytes / 1e6, running.rssBytes / 1e6, empty.heapBytes / 1e6, empty.rssBytes / 1e6,
                before.heapBytes / 1e6);
        printGrowth(empty, running, n);
        deleteAll("bench%3Dstartup");
    }

    /** The classes whose live bytes grew most per pod between two measurements: where the memory goes. */
    private static void printGrowth(Memory from, Memory to, int pods) {
        to.bytesByClass().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - from.bytesByClass().getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> System.out.printf("  %+8.1f KB per pod  %s%n", e.getValue() / 1024.0 / pods, e.getKey()));
    }

    /**
     * Fills the store's in-memory change history (the last 10,000 changes, kept for watches) with pod-sized
     * changes, so that the memory measured next is what running pods hold and not the history still growing.
     */
    private void fillChangeHistory() throws Exception {
        String filler = "x".repeat(3000);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            String name = "churn-" + w;
            send("POST", "/api/v1/namespaces/" + NS + "/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                    + "\"metadata\":{\"name\":\"" + name + "\"}}");
            writers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 1_250; i++) {
                    try {
                        send("PATCH", "/api/v1/namespaces/" + NS + "/configmaps/" + name, "{\"data\":{\"k\":\""
                                + i + filler + "\"}}");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (Thread t : writers) {
            t.join();
        }
    }

    private record Memory(long heapBytes, long rssBytes, Map<String, Long> bytesByClass) {
    }

    /** The engine's live heap after a full GC (jcmd) and its resident set. */
    private Memory memory() throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        run(jcmd.toString(), Long.toString(enginePid), "GC.run");
        String info = run(jcmd.toString(), Long.toString(enginePid), "GC.heap_info");
        long used = 0;
        for (String line : info.split("\n")) {
            var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(line);
            if (m.find() && !line.contains("Metaspace") && !line.contains("class space")) {
                used = Math.max(used, Long.parseLong(m.group(1)) * 1024);
            }
        }
        long rss = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(enginePid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        Map<String, Long> byClass = new java.util.HashMap<>();
        for (String line : run(jcmd.toString(), Long.toString(enginePid), "GC.class_histogram").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                byClass.put(f[3], Long.parseLong(f[2]));
            }
        }
        return new Memory(used, rss, byClass);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        p.waitFor();
        return out;
    }

    private void deleteAll(String selector) throws Exception {
        send("DELETE", "/api/v1/namespaces/" + NS + "/pods?labelSelector=" + selector, null);
        while (get("/api/v1/namespaces/" + NS + "/pods?labelSelector=" + selector).path("items").size() > 0) {
            Thread.sleep(50);
        }
    }

    private static String server(String name, int replicas, int readinessDelaySeconds, String version) {
        return ("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"%1$s\"},\"spec\":"
                + "{\"replicas\":%2$d,\"selector\":{\"matchLabels\":{\"app\":\"%1$s\"}},\"strategy\":{\"rollingUpdate\":"
                + "{\"maxSurge\":1,\"maxUnavailable\":0}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"%1$s\"}},"
                + "\"spec\":{\"terminationGracePeriodSeconds\":5,\"containers\":[{\"name\":\"web\",\"image\":\"python:3\","
                + "\"command\":[\"python3\",\"-m\",\"http.server\",\"--bind\",\"$(POD_IP)\",\"8080\"],\"env\":["
                + "{\"name\":\"VERSION\",\"value\":\"%4$s\"}],\"readinessProbe\":{\"tcpSocket\":{\"port\":8080},"
                + "\"initialDelaySeconds\":%3$d,\"periodSeconds\":1}}]}}}}")
                .formatted(name, replicas, readinessDelaySeconds, version);
    }

    /** Creates a Deployment of a small HTTP server and times it to all replicas ready. */
    private void readyReplicas(int n) throws Exception {
        long t = System.nanoTime();
        send("POST", "/apis/apps/v1/namespaces/" + NS + "/deployments", server("web", n, 0, "1"));
        awaitRollout("web", n, 0);
        System.out.printf("time to %d ready replicas of a small HTTP server (python3 http.server, tcpSocket "
                + "readiness every 1 s): %.2f s%n", n, (System.nanoTime() - t) / 1e9);
        send("DELETE", "/apis/apps/v1/namespaces/" + NS + "/deployments/web", null);
        deleteAll("app%3Dweb");
    }

    /** Rolls replicas whose readiness takes delaySeconds each, maxSurge 1 and maxUnavailable 0. */
    private void rollingUpdate(int replicas, int delaySeconds) throws Exception {
        send("POST", "/apis/apps/v1/namespaces/" + NS + "/deployments", server("roll", replicas, delaySeconds, "1"));
        awaitRollout("roll", replicas, 1);
        long t = System.nanoTime();
        send("PATCH", "/apis/apps/v1/namespaces/" + NS + "/deployments/roll",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"env\":[{\"name\":\"VERSION\","
                        + "\"value\":\"2\"}]}]}}}}");
        awaitRollout("roll", replicas, 2);
        double seconds = (System.nanoTime() - t) / 1e9;
        int sum = replicas * delaySeconds;
        System.out.printf("rolling update of %d replicas (maxSurge 1, maxUnavailable 0, readiness delay %d s each):"
                + " %.2f s against %d s of readiness delays = %.2fx%n", replicas, delaySeconds, seconds, sum,
                seconds / sum);
    }

    /** Waits until the Deployment's generation is observed and all replicas are updated and available. */
    private void awaitRollout(String name, int replicas, long generation) throws Exception {
        while (true) {
            JsonNode d = get("/apis/apps/v1/namespaces/" + NS + "/deployments/" + name);
            JsonNode s = d.path("status");
            if (s.path("observedGeneration").asLong() >= Math.max(generation, d.path("metadata").path("generation")
                    .asLong()) && s.path("updatedReplicas").asInt() == replicas
                    && s.path("availableReplicas").asInt() == replicas && s.path("replicas").asInt() == replicas) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static void report(String what, long[] latencies) {
        long[] s = latencies.clone();
        Arrays.sort(s);
        System.out.printf("%s: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, s[s.length / 2] / 1e6,
                s[(int) Math.ceil(s.length * 0.99) - 1] / 1e6, s[s.length - 1] / 1e6);
    }

    private JsonNode get(String path) throws Exception {
        return api.get(path);
    }

    private void send(String method, String path, String body) throws Exception {
        api.send(method, path, body);
    }

    private HttpRequest request(String method, String path, String body) {
        return api.request(method, path, body);
    }
}
