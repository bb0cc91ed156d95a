package dev.skiff.engine.api.node;

/**
 * The client end of a log stream. Writes block until the bytes are handed to the connection. The sink stops at
 * the request's {@code limitBytes}: the write that reaches it sends only what fits and returns false.
 */
public interface LogSink {
    /**
     * Sends bytes; false once the client has gone (or the byte limit is reached), so the source stops reading.
     * A write of zero bytes sends nothing and only tells whether the client is still there, which lets a
     * source that follows a quiet log notice a departed client.
     */
    boolean write(byte[] bytes, int offset, int length);
}
