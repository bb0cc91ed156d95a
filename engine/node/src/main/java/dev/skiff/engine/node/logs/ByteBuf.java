package dev.skiff.engine.node.logs;

import java.util.Arrays;

/** A growable byte array reused across lines, so formatting a line does not allocate. */
final class ByteBuf {
    private byte[] bytes;
    private int length;

    ByteBuf(int capacity) {
        bytes = new byte[capacity];
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    boolean isEmpty() {
        return length == 0;
    }

    void clear() {
        length = 0;
    }

    ByteBuf append(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    ByteBuf append(byte[] source) {
        return append(source, 0, source.length);
    }

    ByteBuf append(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
        return this;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
