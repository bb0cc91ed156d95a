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
    private final byte[] pending = new byte[CriRecord.MAX_CONTENT];
    private int pendingLength;
    private final ByteBuf records = new ByteBuf(8192);

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
                if (pendingLength == pending.length) {
                    // Only once more content follows is it known that the full buffer is not a whole line.
                    emit(timestamp, PARTIAL);
                }
                int n = Math.min(pending.length - pendingLength, lineEnd - i);
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
