package dev.skiff.engine.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A real HTTPS webhook on 127.0.0.1: each path answers AdmissionReviews with a function of the request. */
final class LocalWebhookServer implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpsServer server;
    /** Every review received with the URI it came to, in arrival order. */
    final List<Received> received = new CopyOnWriteArrayList<>();

    record Received(URI uri, JsonNode review) {}

    LocalWebhookServer(TestCertificates certificates) throws Exception {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(certificates.serverContext()));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** Serves {@code path}: the function gets request.* and returns the response object (uid is filled in). */
    LocalWebhookServer answer(String path, Function<JsonNode, ObjectNode> respond) {
        server.createContext(path, exchange -> {
            JsonNode review = MAPPER.readTree(exchange.getRequestBody());
            received.add(new Received(exchange.getRequestURI(), review));
            ObjectNode response = respond.apply(review.path("request"));
            response.put("uid", review.path("request").path("uid").asText());
            ObjectNode answer = MAPPER.createObjectNode().put("apiVersion", "admission.k8s.io/v1")
                    .put("kind", "AdmissionReview");
            answer.set("response", response);
            byte[] body = MAPPER.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        return this;
    }

    String url(String path) {
        return "https://localhost:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Received> receivedAt(String path) {
        return received.stream().filter(r -> r.uri().getPath().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
