package dev.skiff.engine.api.authz;

/**
 * What a request asks to do, in the terms RBAC rules are written in (Kubernetes' {@code authorizer.Attributes}).
 * A resource request names a verb ({@code get list watch create update patch delete deletecollection}, or a
 * special one like {@code impersonate}), the API group ({@code ""} for the core group), the resource, optional
 * subresource, the namespace ({@code ""} when cluster-scoped) and the object's name ({@code ""} for
 * collections). A non-resource request ({@code /version}, {@code /healthz}, {@code /api}, {@code /openapi/v3})
 * has only a path and the lower-case HTTP method as its verb. Absent values are held as {@code ""}.
 */
public record RequestAttributes(String verb, String apiGroup, String resource, String subresource,
                                String namespace, String name, boolean resourceRequest, String path) {

    public RequestAttributes {
        verb = orEmpty(verb);
        apiGroup = orEmpty(apiGroup);
        resource = orEmpty(resource);
        subresource = orEmpty(subresource);
        namespace = orEmpty(namespace);
        name = orEmpty(name);
        path = orEmpty(path);
    }

    public static RequestAttributes resource(String verb, String apiGroup, String resource, String subresource,
                                             String namespace, String name) {
        return new RequestAttributes(verb, apiGroup, resource, subresource, namespace, name, true, "");
    }

    /** A namespaced or cluster-scoped request without a subresource. */
    public static RequestAttributes resource(String verb, String apiGroup, String resource, String namespace,
                                             String name) {
        return resource(verb, apiGroup, resource, "", namespace, name);
    }

    public static RequestAttributes nonResource(String verb, String path) {
        return new RequestAttributes(verb, "", "", "", "", "", false, path);
    }

    /** {@code resource/subresource}, or just the resource: the form rules list them in. */
    public String combinedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
