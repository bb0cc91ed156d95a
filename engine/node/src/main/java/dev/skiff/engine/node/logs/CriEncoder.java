package dev.skiff.engine.node.logs;

import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes one process stream writes into CRI records: one {@code F} record per line, lines longer than
 * {@link CriRecord#MAX_CONTENT} split into {@code P} records first. Bytes after the last newline wait for the rest
 * of their line. One encoder per stream; not thread-safe.
 */
final class CriEncoder {
    private static final byte[] FULL = {'F', ' '};
    private static final byte[] PARTIAL = {'P', ' '};

    private final byte[] streamField;
    // both grow on demand: an idle container's encoder should cost little, there may be hundreds
    private byte[] pending = new byte[256];
    private int pendingLength;
    private final ByteBuf records = new ByteBuf(512);

    CriEncoder(String stream) {
        streamField = (" " + CriRecord.checkStream(stream) + " ").getBytes(StandardCharsets.US_ASCII);
    }

    /** The complete records encoded so far; the caller writes them out and clears the buffer. */
    ByteBuf records() {
        return records;
    }

    /** Encodes bytes read at {@code timestamp} (an RFC 3339 timestamp of {@link Rfc3339Nano#LENGTH} bytes). */
    void encode(byte[] chunk, int offset, int length, byte[] timestamp) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int newline = CriRecord.indexOf(chunk, (byte) '\n', i, end);
            int lineEnd = newline < 0 ? end : newline;
            while (i < lineEnd) {
                if (pendingLength == CriRecord.MAX_CONTENT) {
                    // Only once more content follows is it known that the full buffer is not a whole line.
                    emit(timestamp, PARTIAL);
                }
                int n = Math.min(CriRecord.MAX_CONTENT - pendingLength, lineEnd - i);
                if (pendingLength + n > pending.length) {
                    pending = java.util.Arrays.copyOf(pending,
                            Math.min(CriRecord.MAX_CONTENT, Math.max(pending.length * 2, pendingLength + n)));
                }
                System.arraycopy(chunk, i, pending, pendingLength, n);
                pendingLength += n;
                i += n;
            }
            if (newline >= 0) {
                emit(timestamp, FULL);
                i = newline + 1;
            }
        }
    }

    /** Ends the stream: a last line without newline is kept as a partial record, as containerd does. */
    void finish(byte[] timestamp) {
        if (pendingLength > 0) {
            emit(timestamp, PARTIAL);
        }
    }

    private void emit(byte[] timestamp, byte[] tag) {
        records.append(timestamp).append(streamField).append(tag).append(pending, 0, pendingLength)
                .append((byte) '\n');
        pendingLength = 0;
    }
}
