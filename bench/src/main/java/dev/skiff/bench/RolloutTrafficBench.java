package dev.skiff.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Zero-downtime rollouts, measured: constant traffic (a new connection per request, 250 requests a second)
 * through a Service's cluster IP and through the Ingress while a 3-replica Deployment with
 * {@code maxUnavailable: 0} rolls to a new version and back, and again while a pod is deleted by hand; counts
 * failed requests. Usage: {@code RolloutTrafficBench URL DATA_DIR INGRESS_HTTP_PORT}.
 */
public final class RolloutTrafficBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "rollout";
    private static final int RATE = 250;

    private final HttpClient client;
    private final String base;
    private final String token;
    private final ApiCalls api;
    private final int ingressPort;

    RolloutTrafficBench(String base, Path dataDir, int ingressPort) throws Exception {
        EngineHttp http = EngineHttp.of(dataDir);
        this.client = http.client();
        this.token = http.token();
        this.api = new ApiCalls(http, base);
        this.base = base;
        this.ingressPort = ingressPort;
    }

    public static void main(String[] args) throws Exception {
        RolloutTrafficBench bench = new RolloutTrafficBench(args[0], Path.of(args[1]), Integer.parseInt(args[2]));
        bench.run();
    }

    private void run() throws Exception {
        send("POST", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
                + NS + "\"}}");
        send("POST", "/apis/apps/v1/namespaces/" + NS + "/deployments", deployment("1"));
        send("POST", "/api/v1/namespaces/" + NS + "/services", "{\"apiVersion\":\"v1\",\"kind\":\"Service\","
                + "\"metadata\":{\"name\":\"web\"},\"spec\":{\"selector\":{\"app\":\"web\"},\"ports\":[{\"name\":"
                + "\"http\",\"port\":80,\"targetPort\":8080}]}}");
        send("POST", "/apis/networking.k8s.io/v1/namespaces/" + NS + "/ingresses", "{\"apiVersion\":"
                + "\"networking.k8s.io/v1\",\"kind\":\"Ingress\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"rules\":"
                + "[{\"host\":\"web.rollout.test\",\"http\":{\"paths\":[{\"path\":\"/\",\"pathType\":\"Prefix\","
                + "\"backend\":{\"service\":{\"name\":\"web\",\"port\":{\"name\":\"http\"}}}}]}}]}}");
        awaitRollout(1);
        String clusterIp = get("/api/v1/namespaces/" + NS + "/services/web").path("spec").path("clusterIP").asText();
        InetSocketAddress service = new InetSocketAddress(clusterIp, 80);
        InetSocketAddress ingress = new InetSocketAddress("127.0.0.1", ingressPort);
        while (!ok(service, "web") || !ok(ingress, "web.rollout.test")) {
            Thread.sleep(50);
        }

        Load viaService = Load.start(service, "web");
        Load viaIngress = Load.start(ingress, "web.rollout.test");
        long t = System.nanoTime();
        patchVersion("2");
        awaitRollout(2);
        patchVersion("1");
        awaitRollout(3);
        while (System.nanoTime() - t < 30_000_000_000L) {
            Thread.sleep(100);
        }
        report("rollout to a new version and back", viaService.stop(), viaIngress.stop(), t);

        viaService = Load.start(service, "web");
        viaIngress = Load.start(ingress, "web.rollout.test");
        t = System.nanoTime();
        String victim = get("/api/v1/namespaces/" + NS + "/pods?labelSelector=app%3Dweb").path("items").path(0)
                .path("metadata").path("name").asText();
        send("DELETE", "/api/v1/namespaces/" + NS + "/pods/" + victim, null);
        while (System.nanoTime() - t < 30_000_000_000L) {
            Thread.sleep(100);
        }
        report("a pod deleted by hand", viaService.stop(), viaIngress.stop(), t);
        endpointPropagation(service);
    }

    /**
     * From a new pod turning ready (seen by polling the API) to the first request the Service routes to it,
     * over 20 scale-ups; requests go out back to back, each on a new connection.
     */
    private void endpointPropagation(InetSocketAddress service) throws Exception {
        scale(1);
        long[] delays = new long[20];
        for (int round = 0; round < delays.length; round++) {
            java.util.Set<String> before = podIps();
            send("PATCH", "/apis/apps/v1/namespaces/" + NS + "/deployments/web", "{\"spec\":{\"replicas\":2}}");
            String newIp = null;
            long readyAt = 0;
            while (newIp == null) {
                for (JsonNode pod : get("/api/v1/namespaces/" + NS + "/pods?labelSelector=app%3Dweb").path("items")) {
                    String ip = pod.path("status").path("podIP").asText("");
                    if (!ip.isEmpty() && !before.contains(ip) && ready(pod)) {
                        newIp = ip;
                        readyAt = System.nanoTime();
                    }
                }
            }
            while (!servedBy(service, newIp)) {
                Thread.onSpinWait();
            }
            delays[round] = System.nanoTime() - readyAt;
            scale(1);
        }
        java.util.Arrays.sort(delays);
        System.out.printf("endpoint propagation, pod ready to the first request routed to it (20 rounds): "
                + "p50 %.1f ms, p99 %.1f ms%n", delays[10] / 1e6, delays[19] / 1e6);
    }

    private void scale(int replicas) throws Exception {
        send("PATCH", "/apis/apps/v1/namespaces/" + NS + "/deployments/web", "{\"spec\":{\"replicas\":" + replicas
                + "}}");
        while (get("/api/v1/namespaces/" + NS + "/pods?labelSelector=app%3Dweb").path("items").size() != replicas) {
            Thread.sleep(20);
        }
    }

    private static boolean ready(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return "True".equals(c.path("status").asText());
            }
        }
        return false;
    }

    private java.util.Set<String> podIps() throws Exception {
        java.util.Set<String> ips = new java.util.HashSet<>();
        get("/api/v1/namespaces/" + NS + "/pods?labelSelector=app%3Dweb").path("items")
                .forEach(p -> ips.add(p.path("status").path("podIP").asText("")));
        return ips;
    }

    /** One request through the Service; true when the pod at {@code ip} answered. */
    private static boolean servedBy(InetSocketAddress target, String ip) {
        try (Socket s = new Socket()) {
            s.connect(target, 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: web\r\nConnection: close\r\n\r\n".getBytes(UTF_8));
            return new String(s.getInputStream().readAllBytes(), UTF_8).contains("pod=" + ip + ";");
        } catch (Exception e) {
            return false;
        }
    }

    private static void report(String what, int[] service, int[] ingress, long since) {
        double seconds = (System.nanoTime() - since) / 1e9;
        System.out.printf("%s: through the Service %d requests (%.0f/s), %d failed; through the Ingress %d requests "
                + "(%.0f/s), %d failed%n", what, service[0], service[0] / seconds, service[1], ingress[0],
                ingress[0] / seconds, ingress[1]);
        Load.ERRORS.forEach((error, count) -> System.out.printf("  %d x %s%n", count, error));
        Load.ERRORS.clear();
    }

    /** A steady stream of requests, each on a new connection, at {@link #RATE} a second. */
    private static final class Load {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();
        static final ConcurrentHashMap<String, Integer> ERRORS = new ConcurrentHashMap<>();

        static Load start(InetSocketAddress target, String host) {
            Load load = new Load();
            load.threads.add(Thread.ofPlatform().start(() -> {
                long next = System.nanoTime();
                while (load.running.get()) {
                    next += 1_000_000_000L / RATE;
                    Thread.ofVirtual().start(() -> {
                        load.sent.incrementAndGet();
                        if (!ok(target, host)) {
                            load.failed.incrementAndGet();
                        }
                    });
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
            }));
            return load;
        }

        int[] stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            Thread.sleep(2000); // the last requests finish
            return new int[] {sent.get(), failed.get()};
        }
    }

    /** One GET on a new connection; true for a 200 from a pod. */
    static boolean ok(InetSocketAddress target, String host) {
        try (Socket s = new Socket()) {
            s.connect(target, 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), UTF_8);
            boolean good = response.startsWith("HTTP/1.1 200") || response.startsWith("HTTP/1.0 200");
            if (!good) {
                Load.ERRORS.merge(response.lines().findFirst().orElse("(empty response)"), 1, Integer::sum);
            }
            return good;
        } catch (Exception e) {
            Load.ERRORS.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
            return false;
        }
    }

    private static String deployment(String version) {
        return ("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":"
                + "{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"strategy\":{\"rollingUpdate\":"
                + "{\"maxSurge\":1,\"maxUnavailable\":0}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
                + "\"spec\":{\"terminationGracePeriodSeconds\":10,\"containers\":[{\"name\":\"web\",\"image\":\"python:3\","
                + "\"command\":[\"python3\",\"-c\"," + JSON.valueToTree(SERVER) + "],\"env\":["
                + "{\"name\":\"VERSION\",\"value\":\"%s\"}],\"readinessProbe\":{\"tcpSocket\":{\"port\":8080},"
                + "\"periodSeconds\":1},\"lifecycle\":{\"preStop\":{\"sleep\":{\"seconds\":1}}},"
                + "\"resources\":{\"requests\":{\"cpu\":\"250m\",\"memory\":\"32Mi\"}}}]}}}}")
                .formatted(version);
    }

    /** A small HTTP server on the pod's address that says which pod answered: {@code pod=IP;}. */
    private static final String SERVER = """
            import http.server, os
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    b = ('pod=' + os.environ['POD_IP'] + ';\\n').encode()
                    self.send_response(200)
                    self.send_header('Content-Length', str(len(b)))
                    self.end_headers()
                    self.wfile.write(b)
                def log_message(self, *args):
                    pass
            http.server.ThreadingHTTPServer((os.environ['POD_IP'], 8080), H).serve_forever()
            """;

    private void patchVersion(String version) throws Exception {
        send("PATCH", "/apis/apps/v1/namespaces/" + NS + "/deployments/web", "{\"spec\":{\"template\":{\"spec\":"
                + "{\"containers\":[{\"name\":\"web\",\"env\":[{\"name\":\"VERSION\",\"value\":\"" + version + "\"}]}]}}}}");
    }

    private void awaitRollout(long generation) throws Exception {
        while (true) {
            JsonNode d = get("/apis/apps/v1/namespaces/" + NS + "/deployments/web");
            JsonNode s = d.path("status");
            if (s.path("observedGeneration").asLong() >= generation && s.path("updatedReplicas").asInt() == 3
                    && s.path("availableReplicas").asInt() == 3 && s.path("replicas").asInt() == 3) {
                return;
            }
            Thread.sleep(50);
        }
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
