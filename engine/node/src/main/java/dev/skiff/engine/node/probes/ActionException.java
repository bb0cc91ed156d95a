package dev.skiff.engine.node.probes;

/** Why an httpGet or tcpSocket action did not get an answer, in the words Go's net and http packages use. */
final class ActionException extends Exception {

    /** How the action went wrong; probes and hooks treat the kinds differently. */
    enum Kind {
        /** The action could not even be built (an unknown named port): the kubelet calls the probe "errored". */
        INVALID,
        /** The connection or the exchange failed. */
        FAILED,
        /** The time allowed ran out. */
        TIMED_OUT,
        /** The response head arrived but reading the body failed: the kubelet calls the probe "errored". */
        BODY
    }

    private final Kind kind;

    ActionException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
