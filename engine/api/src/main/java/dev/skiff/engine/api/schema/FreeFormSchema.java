package dev.skiff.engine.api.schema;

import java.util.Optional;

/**
 * Any JSON value, kept as it is and never checked: Kubernetes' {@code FieldsV1} (managed fields) and
 * untyped {@code interface{}} values.
 *
 * @param definitionName the OpenAPI definition name when Kubernetes publishes one
 *                       (e.g. {@code io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1}), else null
 * @param goType         the Go type named in messages
 */
public record FreeFormSchema(String definitionName, String goType) implements FieldSchema {

    /** Untyped JSON, as a Go {@code interface{}} field holds it. */
    public static final FreeFormSchema ANY = new FreeFormSchema(null, "interface {}");

    /** The OpenAPI definition name, if this free-form value is a named type. */
    public Optional<String> definition() {
        return Optional.ofNullable(definitionName);
    }
}
