package dev.skiff.engine.api.table;

import java.util.Objects;

/**
 * How to render a Table: what rows carry as {@code object}, and whether to leave out the column definitions,
 * as kube-apiserver does for every event of a Table watch after the first.
 */
public record TableOptions(IncludeObjectPolicy includeObject, boolean noHeaders) {

    /** Metadata in each row, with column definitions: what a plain {@code kubectl get} receives. */
    public static final TableOptions DEFAULT = new TableOptions(IncludeObjectPolicy.METADATA, false);

    public TableOptions {
        Objects.requireNonNull(includeObject, "includeObject");
    }

    /** These options without column definitions. */
    public TableOptions withoutHeaders() {
        return new TableOptions(includeObject, true);
    }
}
