package dev.skiff.engine.api.node;

/** The client end of a log stream. Writes block until the bytes are handed to the connection. */
public interface LogSink {
    /** Sends bytes; false once the client has gone, so the source stops reading. */
    boolean write(byte[] bytes, int offset, int length);
}
