package dev.skiff.engine.node.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line of a CRI container log file: {@code <timestamp> <stream> <tag> <content>\n}, where the tag is
 * {@code F} for the end of a line and {@code P} for a part of a longer line that continues in the next record of
 * the same stream.
 */
record CriRecord(byte[] timestamp, String stream, boolean partial, byte[] content) {
    static final String STDOUT = "stdout";
    static final String STDERR = "stderr";
    /** The longest content of one record; longer lines are split into partial records, as containerd does. */
    static final int MAX_CONTENT = 16 * 1024;

    private static final byte[] STDOUT_BYTES = STDOUT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STDERR_BYTES = STDERR.getBytes(StandardCharsets.US_ASCII);

    static String checkStream(String stream) {
        if (!STDOUT.equals(stream) && !STDERR.equals(stream)) {
            throw new IllegalArgumentException("stream must be \"stdout\" or \"stderr\", not \"" + stream + "\"");
        }
        return stream;
    }

    /**
     * Reads the record in {@code bytes[from, to)} (without its newline), or returns null when the line is not a
     * CRI record; such lines are skipped rather than failing the whole log.
     */
    static CriRecord parse(byte[] bytes, int from, int to) {
        int afterTimestamp = indexOf(bytes, (byte) ' ', from, to);
        if (afterTimestamp <= from) {
            return null;
        }
        int afterStream = indexOf(bytes, (byte) ' ', afterTimestamp + 1, to);
        if (afterStream < 0) {
            return null;
        }
        int afterTag = indexOf(bytes, (byte) ' ', afterStream + 1, to);
        int tagEnd = afterTag < 0 ? to : afterTag;
        if (tagEnd == afterStream + 1) {
            return null;
        }
        // Tags may carry more after ':' in later CRI versions; only the first one (P or F) matters here.
        boolean partial = bytes[afterStream + 1] == 'P';
        int contentStart = afterTag < 0 ? to : afterTag + 1;
        return new CriRecord(Arrays.copyOfRange(bytes, from, afterTimestamp),
                stream(bytes, afterTimestamp + 1, afterStream), partial, Arrays.copyOfRange(bytes, contentStart, to));
    }

    private static String stream(byte[] bytes, int from, int to) {
        if (Arrays.equals(bytes, from, to, STDOUT_BYTES, 0, STDOUT_BYTES.length)) {
            return STDOUT;
        }
        if (Arrays.equals(bytes, from, to, STDERR_BYTES, 0, STDERR_BYTES.length)) {
            return STDERR;
        }
        return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
    }

    static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
