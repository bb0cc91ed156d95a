package dev.skiff.engine.api.watch;

/** Where a watch's events go: a chunked HTTP response or a WebSocket. */
public interface WatchSink {

    /** Sends one event, a complete JSON document. */
    void send(byte[] event);

    /** Ends the stream normally. */
    void end();

    /** Registers what to do when the client goes away. */
    void onClose(Runnable action);
}
