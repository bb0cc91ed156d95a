package dev.skiff.engine.api.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feeds random and mutated bodies to the create and patch paths. Every answer must be a Status with a
 * client-error code (never a 5xx), the engine must keep answering, and objects stored before must be
 * byte-for-byte intact.
 */
class BadInputFuzzTest {
    static final long SEED = 20261123L;
    static final List<String> PATCH_TYPES = List.of("application/json-patch+json", "application/merge-patch+json",
            "application/strategic-merge-patch+json", "application/apply-patch+yaml", "text/plain");
    static final String DEPLOYMENT = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"target","labels":{"app":"t"}},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"t"}},"template":{"metadata":{"labels":{"app":"t"}},
             "spec":{"containers":[{"name":"c","image":"i","ports":[{"containerPort":80}],"env":[{"name":"A","value":"1"}]}]}}}}""";

    static TestEngine engine;
    static ApiHttp api;

    @BeforeAll
    static void start() {
        engine = TestEngine.start();
        api = ApiHttp.of(engine);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void randomAndMutatedBodiesNeverHurtTheEngineOrStoredObjects() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"fuzz\"}}");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/namespaces/fuzz/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                    + "\"metadata\":{\"name\":\"keep" + i + "\"},\"data\":{\"k\":\"" + i + "\"}}").code()).isEqualTo(201);
        }
        assertThat(api.post("/apis/apps/v1/namespaces/fuzz/deployments", DEPLOYMENT).code()).isEqualTo(201);
        Map<String, String> before = sentinels();

        Random random = new Random(SEED);
        List<String> serverErrors = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            byte[] body = i % 3 == 0 ? randomBytes(random) : mutate(DEPLOYMENT, random);
            ApiHttp.Response r;
            if (i % 2 == 0) {
                r = api.send("POST", "/apis/apps/v1/namespaces/fuzz/deployments", "application/json", body, true);
            } else {
                String type = PATCH_TYPES.get(random.nextInt(PATCH_TYPES.size()));
                String query = type.contains("apply") ? "?fieldManager=fuzz" : "";
                r = api.send("PATCH", "/apis/apps/v1/namespaces/fuzz/deployments/target" + query, type, body, true);
            }
            if (r.code() >= 500) {
                serverErrors.add(r.code() + " for " + new String(body, UTF_8) + " -> " + r.body());
            }
            if (r.code() >= 400) {
                assertThat(r.json().path("kind").asText()).as(r.body()).isEqualTo("Status");
            }
        }

        assertThat(serverErrors).isEmpty();
        assertThat(sentinels()).isEqualTo(before);
        JsonNode target = api.get("/apis/apps/v1/namespaces/fuzz/deployments/target").json();
        assertThat(target.path("kind").asText()).isEqualTo("Deployment");
        assertThat(api.get("/version").code()).isEqualTo(200);
    }

    private static Map<String, String> sentinels() {
        Map<String, String> result = new TreeMap<>();
        for (int i = 0; i < 5; i++) {
            result.put("keep" + i, api.get("/api/v1/namespaces/fuzz/configmaps/keep" + i).body());
        }
        return result;
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(300)];
        random.nextBytes(b);
        return b;
    }

    /** Small edits of a valid document: deleted, duplicated, swapped or replaced characters and tokens. */
    private static byte[] mutate(String json, Random random) {
        StringBuilder s = new StringBuilder(json);
        int edits = 1 + random.nextInt(4);
        String[] tokens = {"null", "[]", "{}", "\"$patch\":\"delete\"", "-1", "1e309", "\"\"", "true", ",", ":",
                "\"metadata\"", "\"spec\"", "[{\"op\":\"remove\",\"path\":\"/spec\"}]", "\"\\u0000\"", "99999999999"};
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, tokens[random.nextInt(tokens.length)]);
                case 2 -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
                default -> {
                    int end = Math.min(s.length(), at + random.nextInt(20));
                    s.replace(at, end, tokens[random.nextInt(tokens.length)]);
                }
            }
        }
        return s.toString().getBytes(UTF_8);
    }
}
