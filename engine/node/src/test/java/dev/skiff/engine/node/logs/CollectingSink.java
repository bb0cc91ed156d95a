package dev.skiff.engine.node.logs;

import dev.skiff.engine.api.node.LogSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client of a log stream: keeps what it got, and hands out each line as it arrives. */
final class CollectingSink implements LogSink {
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile int acceptLines = Integer.MAX_VALUE;
    private int received;

    /** Makes the client go away after it has received this many lines. */
    CollectingSink goneAfter(int lines) {
        acceptLines = lines;
        return this;
    }

    @Override
    public synchronized boolean write(byte[] bytes, int offset, int length) {
        all.write(bytes, offset, length);
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                lines.add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
                received++;
            } else {
                partial.write(bytes[i]);
            }
        }
        return received < acceptLines;
    }

    synchronized String text() {
        return all.toString(StandardCharsets.UTF_8);
    }

    /** The next line, waiting for it as a follower's client does. */
    String nextLine() throws InterruptedException {
        String line = lines.poll(10, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no line arrived within 10 s; got so far: " + text());
        }
        return line;
    }
}
