package dev.skiff.engine.api.http;

import dev.skiff.engine.api.status.Errors;

/**
 * What a resource URL addresses: {@code /api/v1/namespaces/NS/pods/NAME/status} gives group "",
 * version "v1", namespace NS, resource "pods", name NAME and subresource "status".
 */
public record RequestInfo(String group, String version, String namespace, String resource, String name,
                          String subresource) {

    /** Parses a resource path, or returns null when the path is not one (discovery, health...). */
    public static RequestInfo parse(String path) {
        String[] parts = trim(path).split("/");
        int i;
        String group;
        String version;
        if (parts.length >= 3 && parts[0].equals("api")) {
            group = "";
            version = parts[1];
            i = 2;
        } else if (parts.length >= 4 && parts[0].equals("apis")) {
            group = parts[1];
            version = parts[2];
            i = 3;
        } else {
            return null;
        }
        int rest = parts.length - i;
        if (parts[i].equals("namespaces") && rest >= 3
                && !(rest == 3 && (parts[i + 2].equals("status") || parts[i + 2].equals("finalize")))) {
            String namespace = parts[i + 1];
            return resource(group, version, namespace, parts, i + 2);
        }
        return resource(group, version, null, parts, i);
    }

    private static RequestInfo resource(String group, String version, String namespace, String[] parts, int i) {
        int rest = parts.length - i;
        if (rest > 3) {
            throw Errors.pathNotFound();
        }
        for (int k = i; k < parts.length; k++) {
            if (parts[k].isEmpty()) {
                throw Errors.pathNotFound();
            }
        }
        return new RequestInfo(group, version, namespace, parts[i], rest >= 2 ? parts[i + 1] : null,
                rest == 3 ? parts[i + 2] : null);
    }

    private static String trim(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
