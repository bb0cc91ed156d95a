package dev.skiff.engine.node.logs;

import dev.skiff.engine.api.node.LogSink;

/**
 * Formats lines for the client as the kubelet does (content and newline, after the timestamp and a space when
 * asked) and stops after {@code limitBytes}, cutting the last line short like the kubelet. Output is gathered into
 * chunks so that the sink is not called per line.
 */
final class LogOutput {
    private static final int CHUNK = 32 * 1024;
    private static final byte[] SPACE = {' '};
    private static final byte[] NEWLINE = {'\n'};

    private final LogSink sink;
    private final boolean timestamps;
    private long remaining;
    private final ByteBuf chunk = new ByteBuf(CHUNK + 1024);
    private boolean stopped;

    LogOutput(LogSink sink, boolean timestamps, Long limitBytes) {
        this.sink = sink;
        this.timestamps = timestamps;
        this.remaining = limitBytes == null ? Long.MAX_VALUE : limitBytes;
        this.stopped = remaining <= 0;
    }

    /** True once the client has gone or the byte limit is reached: nothing more will be sent. */
    boolean stopped() {
        return stopped;
    }

    void write(LogLine line) {
        if (stopped) {
            return;
        }
        if (timestamps) {
            add(line.timestamp(), line.timestamp().length);
            add(SPACE, 1);
        }
        add(line.content(), line.content().length);
        if (line.complete()) {
            add(NEWLINE, 1);
        }
        if (chunk.length() >= CHUNK) {
            flush();
        }
    }

    /** Hands what is gathered to the sink; called before waiting for more lines. */
    void flush() {
        if (!chunk.isEmpty() && !sink.write(chunk.array(), 0, chunk.length())) {
            stopped = true;
        }
        chunk.clear();
    }

    private void add(byte[] bytes, int length) {
        if (stopped) {
            return;
        }
        int n = (int) Math.min(length, remaining);
        chunk.append(bytes, 0, n);
        remaining -= n;
        if (remaining == 0) {
            flush();
            stopped = true;
        }
    }
}
