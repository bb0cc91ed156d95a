package dev.skiff.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Added latency of admission webhooks: creates at 1 client in a namespace with one mutating and one
 * validating webhook (a local HTTPS server, certificate made with the JDK's keytool) against the same
 * creates in a namespace without webhooks, in the same run. Usage: {@code WebhookBench URL DATA_DIR}.
 */
public final class WebhookBench {
    public static void main(String[] args) throws Exception {
        ApiBench api = new ApiBench(args[0], Path.of(args[1]));
        Path dir = Files.createTempDirectory("skiff-webhook-bench");
        Path keystore = dir.resolve("hook.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "hook", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "benchpass");
        Path pem = dir.resolve("hook.pem");
        run(keytool, "-exportcert", "-rfc", "-alias", "hook", "-keystore", keystore.toString(), "-storepass",
                "benchpass", "-file", pem.toString());
        String caBundle = Base64.getEncoder().encodeToString(Files.readAllBytes(pem));

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "benchpass".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "benchpass".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        String patch = Base64.getEncoder().encodeToString(
                "[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"hooked\":\"yes\"}}]".getBytes(UTF_8));
        server.createContext("/mutate", ex -> answer(ex, ",\"patchType\":\"JSONPatch\",\"patch\":\"" + patch + "\""));
        server.createContext("/validate", ex -> answer(ex, ""));
        server.start();
        int port = server.getAddress().getPort();
        try {
            api.send("POST", "/api/v1/namespaces", "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                    + "\"metadata\":{\"name\":\"hooked\",\"labels\":{\"bench-hooks\":\"on\"}}}");
            api.send("POST", "/api/v1/namespaces", "application/json",
                    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"unhooked\"}}");
            for (String kind : new String[] {"Mutating", "Validating"}) {
                String path = kind.equals("Mutating") ? "/mutate" : "/validate";
                api.send("POST", "/apis/admissionregistration.k8s.io/v1/" + kind.toLowerCase() + "webhookconfigurations",
                        "application/json", ("{\"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":\"%sWebhookConfiguration\","
                                + "\"metadata\":{\"name\":\"bench-%s\"},\"webhooks\":[{\"name\":\"bench.%s.skiff.dev\","
                                + "\"clientConfig\":{\"url\":\"https://localhost:%d%s\",\"caBundle\":\"%s\"},"
                                + "\"rules\":[{\"operations\":[\"CREATE\"],\"apiGroups\":[\"\"],\"apiVersions\":[\"v1\"],"
                                + "\"resources\":[\"configmaps\"]}],\"namespaceSelector\":{\"matchLabels\":{\"bench-hooks\":\"on\"}},"
                                + "\"sideEffects\":\"None\",\"admissionReviewVersions\":[\"v1\"]}]}")
                                .formatted(kind, kind.toLowerCase(), kind.toLowerCase(), port, path, caBundle));
            }
            int n = 2_000;
            api.run(1, 500, i -> create(api, "hooked", "warm-" + i));
            api.run(1, 500, i -> create(api, "unhooked", "warm-" + i));
            long[] plain = api.run(1, n, i -> create(api, "unhooked", "c-" + i));
            long[] hooked = api.run(1, n, i -> create(api, "hooked", "c-" + i));
            Arrays.sort(plain);
            Arrays.sort(hooked);
            System.out.printf("create without webhooks, 1 client: p50 %.2f ms, p99 %.2f ms (%d ops)%n",
                    plain[n / 2] / 1e6, plain[(int) (n * 0.99)] / 1e6, n);
            System.out.printf("create with 1 mutating + 1 validating webhook, 1 client: p50 %.2f ms, p99 %.2f ms;"
                            + " added p50 %.2f ms, p99 %.2f ms%n", hooked[n / 2] / 1e6, hooked[(int) (n * 0.99)] / 1e6,
                    (hooked[n / 2] - plain[n / 2]) / 1e6, (hooked[(int) (n * 0.99)] - plain[(int) (n * 0.99)]) / 1e6);
        } finally {
            server.stop(0);
        }
    }

    private static void create(ApiBench api, String namespace, String name) throws Exception {
        api.send("POST", "/api/v1/namespaces/" + namespace + "/configmaps", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"k\":\"v\"}}");
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, String extra) throws java.io.IOException {
        String review = new String(ex.getRequestBody().readAllBytes(), UTF_8);
        int at = review.indexOf("\"uid\":\"");
        String uid = review.substring(at + 7, review.indexOf('"', at + 7));
        byte[] body = ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\""
                + uid + "\",\"allowed\":true" + extra + "}}").getBytes(UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
