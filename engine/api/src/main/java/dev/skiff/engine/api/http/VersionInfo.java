package dev.skiff.engine.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;

/**
 * {@code GET /version}: the Kubernetes version whose API the engine follows. Clients parse
 * {@code gitVersion} as semver (kubectl's dispatcher picks its binary from it; Prometheus checks it).
 */
final class VersionInfo {
    static final String MAJOR = "1";
    static final String MINOR = "32";
    static final String GIT_VERSION = "v1.32.0";

    private VersionInfo() {
    }

    static ObjectNode json() {
        ObjectNode v = Json.object();
        v.put("major", MAJOR);
        v.put("minor", MINOR);
        v.put("gitVersion", GIT_VERSION);
        v.put("gitCommit", "skiff");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2026-11-23T00:00:00Z");
        v.put("goVersion", "java" + Runtime.version().feature());
        v.put("compiler", "skiff");
        v.put("platform", System.getProperty("os.name").toLowerCase() + "/"
                + (System.getProperty("os.arch").equals("amd64") ? "amd64" : System.getProperty("os.arch")));
        return v;
    }
}
