package dev.skiff.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the API server of a running engine as clients see it: single-object create, get and patch
 * latency at 1 and 50 concurrent clients, durable create throughput, LIST of 10,000 configmaps, and one
 * change delivered to 1,000 open watches. Usage: {@code ApiBench URL DATA_DIR}.
 */
public final class ApiBench {
    private final HttpClient client;
    private final String base;
    private final String token;

    ApiBench(String base, Path dataDir) throws Exception {
        this.base = base;
        EngineHttp http = EngineHttp.of(dataDir);
        this.client = http.client();
        this.token = http.token();
    }

    public static void main(String[] args) throws Exception {
        ApiBench bench = new ApiBench(args[0], Path.of(args[1]));
        bench.send("POST", "/api/v1/namespaces", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bench\"}}");
        bench.warmUp();
        for (int clients : new int[] {1, 50}) {
            int ops = clients == 1 ? 2_000 : 10_000;
            bench.report("create", clients, bench.run(clients, ops, i -> bench.send("POST",
                    "/api/v1/namespaces/bench/configmaps", "application/json", configMap("c" + clients + "-" + i))));
            bench.report("get", clients, bench.run(clients, ops, i -> bench.send("GET",
                    "/api/v1/namespaces/bench/configmaps/c" + clients + "-" + i, null, null)));
            bench.report("patch", clients, bench.run(clients, ops, i -> bench.send("PATCH",
                    "/api/v1/namespaces/bench/configmaps/c" + clients + "-" + i, "application/merge-patch+json",
                    "{\"data\":{\"k\":\"patched\"}}")));
        }
        bench.throughput();
        bench.list10k();
        bench.watchFanOut(1_000);
        bench.garbageCollection(1_000);
    }

    /** Deletes an owner of n dependents and times until the garbage collector has removed them all. */
    private void garbageCollection(int n) throws Exception {
        send("POST", "/api/v1/namespaces", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"gc\"}}");
        HttpResponse<byte[]> owner = client.send(request("POST", "/api/v1/namespaces/gc/configmaps", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"owner\"}}"),
                HttpResponse.BodyHandlers.ofByteArray());
        String uid = new String(owner.body(), UTF_8).replaceAll("(?s).*\"uid\":\"([^\"]+)\".*", "$1");
        run(50, n, i -> send("POST", "/api/v1/namespaces/gc/configmaps", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"dep-" + i
                        + "\",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"owner\","
                        + "\"uid\":\"" + uid + "\"}]}}"));
        long start = System.nanoTime();
        send("DELETE", "/api/v1/namespaces/gc/configmaps/owner", null, null);
        while (true) {
            String list = new String(client.send(request("GET", "/api/v1/namespaces/gc/configmaps?limit=1", null, null),
                    HttpResponse.BodyHandlers.ofByteArray()).body(), UTF_8);
            if (!list.contains("\"name\":\"dep-")) {
                break;
            }
            Thread.sleep(5);
        }
        System.out.printf("garbage collector removes %d dependents after their owner is deleted: %.0f ms%n", n,
                (System.nanoTime() - start) / 1e6);
    }

    private void warmUp() throws Exception {
        run(8, 3_000, i -> send("POST", "/api/v1/namespaces/bench/configmaps", "application/json",
                configMap("warm-" + i)));
        run(8, 3_000, i -> send("GET", "/api/v1/namespaces/bench/configmaps/warm-" + i, null, null));
        run(8, 3_000, i -> send("PATCH", "/api/v1/namespaces/bench/configmaps/warm-" + i,
                "application/merge-patch+json", "{\"data\":{\"k\":\"w\"}}"));
    }

    private void throughput() throws Exception {
        int ops = 20_000;
        long start = System.nanoTime();
        run(50, ops, i -> send("POST", "/api/v1/namespaces/bench/configmaps", "application/json",
                configMap("t-" + i)));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("durable create throughput (50 clients): %.0f creates/s%n", ops / seconds);
    }

    private void list10k() throws Exception {
        send("POST", "/api/v1/namespaces", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"list10k\"}}");
        run(50, 10_000, i -> send("POST", "/api/v1/namespaces/list10k/configmaps", "application/json",
                configMap("l-" + i)));
        long[] nanos = new long[20];
        int items = 0;
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = client.send(request("GET", "/api/v1/namespaces/list10k/configmaps", null, null),
                    HttpResponse.BodyHandlers.ofByteArray());
            nanos[i] = System.nanoTime() - t;
            if (i == 0) {
                // counted outside the timing: the client's own parsing is not the server's latency
                items = new String(r.body(), UTF_8).split("\"kind\":\"ConfigMap\"", -1).length - 1;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("LIST of %d configmaps: p50 %.1f ms, p99 %.1f ms (20 lists)%n", items,
                nanos[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6);
    }

    /** Opens n watches, then makes one change at a time and times its arrival at every watch. */
    private void watchFanOut(int n) throws Exception {
        send("POST", "/api/v1/namespaces", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"fanout\"}}");
        String rv = new String(client.send(request("GET", "/api/v1/namespaces/fanout/configmaps", null, null),
                HttpResponse.BodyHandlers.ofByteArray()).body(), UTF_8).replaceAll(
                "(?s).*\"resourceVersion\":\"(\\d+)\".*", "$1");
        ConcurrentHashMap<String, AtomicLong> sentAt = new ConcurrentHashMap<>();
        List<Long> delays = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch open = new CountDownLatch(n);
        AtomicInteger rounds = new AtomicInteger(20);
        CountDownLatch[] roundDone = new CountDownLatch[rounds.get()];
        for (int r = 0; r < roundDone.length; r++) {
            roundDone[r] = new CountDownLatch(n);
        }
        for (int w = 0; w < n; w++) {
            Thread.ofVirtual().start(() -> {
                try {
                    HttpResponse<InputStream> resp = client.send(request("GET",
                            "/api/v1/namespaces/fanout/configmaps?watch=true&resourceVersion=" + rv
                                    + "&timeoutSeconds=120", null, null), HttpResponse.BodyHandlers.ofInputStream());
                    open.countDown();
                    var reader = new java.io.BufferedReader(new java.io.InputStreamReader(resp.body(), UTF_8));
                    String line;
                    while ((line = reader.readLine()) != null) {
                        long now = System.nanoTime();
                        int at = line.indexOf("\"name\":\"f-");
                        if (at < 0) {
                            continue;
                        }
                        String name = line.substring(at + 8, line.indexOf('"', at + 8));
                        AtomicLong t = sentAt.get(name);
                        if (t != null) {
                            delays.add(now - t.get());
                            roundDone[Integer.parseInt(name.substring(2))].countDown();
                        }
                    }
                } catch (Exception e) {
                    open.countDown();
                }
            });
        }
        open.await();
        Thread.sleep(500);
        for (int r = 0; r < roundDone.length; r++) {
            sentAt.put("f-" + r, new AtomicLong(System.nanoTime()));
            send("POST", "/api/v1/namespaces/fanout/configmaps", "application/json", configMap("f-" + r));
            roundDone[r].await(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("one change to %d watches (%d deliveries): p50 %.1f ms, p99 %.1f ms%n", n, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
    }

    interface Op {
        void run(int i) throws Exception;
    }

    /** Runs ops spread over the given number of concurrent clients; returns each op's latency in ns. */
    long[] run(int clients, int ops, Op op) throws Exception {
        long[] latencies = new long[ops];
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofVirtual().start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < ops) {
                    long t = System.nanoTime();
                    try {
                        op.run(i);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    latencies[i] = System.nanoTime() - t;
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return latencies;
    }

    private void report(String verb, int clients, long[] latencies) {
        long[] s = latencies.clone();
        Arrays.sort(s);
        System.out.printf("%-6s at %2d clients: p50 %.2f ms, p99 %.2f ms (%d ops)%n", verb, clients,
                s[s.length / 2] / 1e6, s[(int) (s.length * 0.99)] / 1e6, s.length);
    }

    void send(String method, String path, String contentType, String body) throws Exception {
        HttpResponse<byte[]> r = client.send(request(method, path, contentType, body),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() >= 300 && r.statusCode() != 409) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " "
                    + new String(r.body(), UTF_8));
        }
    }

    private HttpRequest request(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b.build();
    }

    private static String configMap(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"app\":\"bench\"}},\"data\":{\"k\":\"v\",\"config\":\"" + "x".repeat(200) + "\"}}";
    }
}
