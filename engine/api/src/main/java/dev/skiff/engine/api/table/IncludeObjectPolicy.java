package dev.skiff.engine.api.table;

/**
 * What each row's {@code object} holds ({@code ?includeObject=}): the object's metadata as a
 * {@code PartialObjectMetadata} (the default, which kubectl uses for names, {@code --show-labels} and
 * {@code -L}), the whole object, or nothing.
 */
public enum IncludeObjectPolicy {
    NONE("None"),
    METADATA("Metadata"),
    OBJECT("Object");

    private final String value;

    IncludeObjectPolicy(String value) {
        this.value = value;
    }

    /** The query-parameter value. */
    public String value() {
        return value;
    }

    /**
     * Reads {@code ?includeObject=}; absent or empty means {@link #METADATA}.
     *
     * @throws TableOptionsException for any other value, with kube-apiserver's message
     */
    public static IncludeObjectPolicy parse(String value) {
        if (value == null || value.isEmpty()) {
            return METADATA;
        }
        for (IncludeObjectPolicy policy : values()) {
            if (policy.value.equals(value)) {
                return policy;
            }
        }
        throw new TableOptionsException("Unable to convert to Table as requested: includeObject: Invalid value: \""
                + value.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\": must be 'Metadata', 'Object', 'None', or empty");
    }
}
