package dev.skiff.engine.node.logs;

import java.io.InputStream;

/** A process pipe: hands out its bytes a few at a time, so lines arrive split across reads. */
final class ChunkedInputStream extends InputStream {
    private final byte[] bytes;
    private final int chunk;
    private int position;

    ChunkedInputStream(byte[] bytes, int chunk) {
        this.bytes = bytes;
        this.chunk = chunk;
    }

    @Override
    public int read() {
        return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        if (position == bytes.length) {
            return -1;
        }
        int n = Math.min(Math.min(length, chunk), bytes.length - position);
        System.arraycopy(bytes, position, into, offset, n);
        position += n;
        // Let the other stream's pump run between reads, as real pipes do.
        Thread.yield();
        return n;
    }
}
