package dev.skiff.engine.api.table;

/**
 * A Table request kube-apiserver would refuse with {@code 400 BadRequest}, such as an unknown
 * {@code includeObject}; the message is Kubernetes'.
 */
public final class TableOptionsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with Kubernetes' wording for what is wrong. */
    public TableOptionsException(String message) {
        super(message);
    }
}
