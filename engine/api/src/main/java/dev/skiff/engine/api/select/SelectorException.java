package dev.skiff.engine.api.select;

/**
 * A label or field selector that kube-apiserver would refuse. The message is the one Kubernetes puts in the
 * {@code 400 BadRequest} Status, e.g. {@code unable to parse requirement: ...} or
 * {@code field label not supported: spec.foo}.
 */
public final class SelectorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with Kubernetes' wording for what is wrong. */
    public SelectorException(String message) {
        super(message);
    }
}
