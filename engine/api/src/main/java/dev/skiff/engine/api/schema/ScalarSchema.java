package dev.skiff.engine.api.schema;

/** A single JSON value: a string, a number, a boolean, or one of Kubernetes' string-or-number types. */
public record ScalarSchema(Scalar scalar) implements FieldSchema {

    static final ScalarSchema STRING = new ScalarSchema(Scalar.STRING);
    static final ScalarSchema INT32 = new ScalarSchema(Scalar.INT32);
    static final ScalarSchema INT64 = new ScalarSchema(Scalar.INT64);
    static final ScalarSchema FLOAT64 = new ScalarSchema(Scalar.FLOAT64);
    static final ScalarSchema BOOLEAN = new ScalarSchema(Scalar.BOOLEAN);
    static final ScalarSchema INT_OR_STRING = new ScalarSchema(Scalar.INT_OR_STRING);
    static final ScalarSchema QUANTITY = new ScalarSchema(Scalar.QUANTITY);
    static final ScalarSchema MICRO_TIME = new ScalarSchema(Scalar.MICRO_TIME);
    static final ScalarSchema BYTES = new ScalarSchema(Scalar.BYTES);

    @Override
    public String goType() {
        return scalar.goType;
    }

    /** The scalar types that occur in the built-in kinds. */
    public enum Scalar {
        STRING("string"),
        INT32("int32"),
        INT64("int64"),
        FLOAT64("float64"),
        BOOLEAN("bool"),
        /** {@code intstr.IntOrString}: a JSON string or an integer (ports, maxSurge). */
        INT_OR_STRING("intstr.IntOrString"),
        /** {@code resource.Quantity}: a JSON string or number in quantity syntax ({@code 500m}, {@code 1Gi}, 2). */
        QUANTITY("resource.Quantity"),
        /** {@code metav1.MicroTime}: an RFC 3339 timestamp with microseconds, as a JSON string. */
        MICRO_TIME("v1.MicroTime"),
        /** Go {@code []byte}: a base64 string (Secret data, ConfigMap binaryData). */
        BYTES("[]uint8");

        private final String goType;

        Scalar(String goType) {
            this.goType = goType;
        }
    }
}
