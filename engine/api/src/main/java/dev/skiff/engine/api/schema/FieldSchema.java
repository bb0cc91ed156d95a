package dev.skiff.engine.api.schema;

/**
 * The shape of one JSON value inside a built-in kind, as the Go types behind kube-apiserver decode it:
 * a struct with a closed set of fields, a list, a map with free keys, a scalar, or free-form JSON.
 *
 * <p>Derived once from the fabric8 model classes (see {@link ObjectSchema}); used both to check request
 * bodies ({@link FieldValidation}) and to publish OpenAPI documents ({@link OpenApiV3}).
 */
public sealed interface FieldSchema permits StructSchema, ListSchema, MapSchema, ScalarSchema, FreeFormSchema {

    /**
     * The Go type as {@code reflect.Type.String()} prints it, for decode error messages:
     * {@code v1.PodSpec}, {@code []v1.Container}, {@code map[string]string}, {@code int32}.
     */
    String goType();
}
