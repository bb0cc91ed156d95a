package dev.skiff.engine.node.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Reads the records of one log file in order, with positional reads so that several readers may share a handle.
 * A record is returned only once its newline is there; a half-written last record waits for the next call.
 */
final class CriRecordReader {
    private final FileChannel file;
    private long readPosition;
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    CriRecordReader(FileChannel file) {
        this.file = file;
    }

    FileChannel file() {
        return file;
    }

    /** The next record that ends before file offset {@code limit}, or null at the end of what is there. */
    CriRecord next(long limit) throws IOException {
        while (true) {
            int newline = CriRecord.indexOf(buffer, (byte) '\n', start, end);
            if (newline >= 0) {
                CriRecord record = CriRecord.parse(buffer, start, newline);
                start = newline + 1;
                if (record != null) {
                    return record;
                }
                continue;
            }
            if (readPosition >= limit || !fill(limit)) {
                return null;
            }
        }
    }

    private boolean fill(long limit) throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            // A record longer than the buffer (not written by us): make room for it.
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int room = (int) Math.min(buffer.length - end, limit - readPosition);
        int n = file.read(ByteBuffer.wrap(buffer, end, room), readPosition);
        if (n <= 0) {
            return false;
        }
        end += n;
        readPosition += n;
        return true;
    }
}
