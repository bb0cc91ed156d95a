package dev.skiff.engine.node.logs;

import dev.skiff.engine.api.node.LogOptions;
import dev.skiff.engine.api.node.LogSink;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One {@code kubectl logs} request against one container instance: reads the instance's files, oldest first,
 * keeps the lines asked for ({@code sinceTime}, then the last {@code tailLines}) and, when following, goes on
 * reading as lines are appended and the file is rotated, until the container has stopped and its writer is
 * closed, or the client has gone.
 */
final class LogStream {
    /** How often a follower looks at whether the container still runs, when no line wakes it. */
    private static final long POLL_MILLIS = 100;
    /**
     * After the container stopped, how long a follower waits for its writer to be closed: the pumps may still be
     * copying the last output out of the pipes.
     */
    private static final long WRITER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final InstanceLog instance;
    private final boolean follow;
    private final Long tailLines;
    private final byte[] since;
    private final BooleanSupplier stillRunning;
    private final LogOutput output;
    private final LogLineAssembler assembler = new LogLineAssembler();
    private final List<FileChannel> open = new ArrayList<>();
    private long skip;

    LogStream(InstanceLog instance, LogOptions options, LogSink sink, BooleanSupplier stillRunning) {
        this.instance = instance;
        this.follow = options.follow();
        this.tailLines = options.tailLines() == null || options.tailLines() < 0 ? null : options.tailLines();
        this.since = options.since() == null ? null : Rfc3339Nano.format(options.since());
        this.stillRunning = stillRunning;
        this.output = new LogOutput(sink, options.timestamps(), options.limitBytes());
    }

    /** @throws NoSuchFileException when the instance has no log file */
    void run() throws IOException {
        InstanceLog.Snapshot snapshot = instance.snapshot();
        open.addAll(snapshot.files());
        try {
            if (tailLines != null) {
                skip = Math.max(0, countLines(snapshot) - tailLines);
            }
            List<FileChannel> files = snapshot.files();
            for (int i = 0; i < files.size() - 1; i++) {
                if (!readAll(new CriRecordReader(files.get(i)), Long.MAX_VALUE)) {
                    return;
                }
                done(files.get(i));
            }
            CriRecordReader current = new CriRecordReader(files.getLast());
            if (!readAll(current, snapshot.currentSize())) {
                return;
            }
            if (follow) {
                // tailLines chose among the lines that were there; every later line is new.
                skip = 0;
                if (!follow(current, snapshot.rotations())) {
                    return;
                }
            }
            for (LogLine line : assembler.drainIncomplete()) {
                offer(line);
            }
            output.flush();
        } finally {
            InstanceLog.closeAll(open);
        }
    }

    /** Reads on as lines come; false when the output stopped. */
    private boolean follow(CriRecordReader current, long seenRotations) throws IOException {
        boolean stopSeen = false;
        long stopSeenAt = 0;
        while (true) {
            // Read these before draining: whatever was written before they changed is then read below.
            long seen = instance.version();
            boolean running = stillRunning.getAsBoolean();
            boolean writing = instance.writerOpen();
            while (true) {
                if (!readAll(current, Long.MAX_VALUE)) {
                    return false;
                }
                if (instance.rotations() == seenRotations) {
                    break;
                }
                InstanceLog.Newer newer;
                try {
                    newer = instance.openNewerThan(seenRotations);
                } catch (NoSuchFileException e) {
                    return true; // the pod's logs were deleted
                }
                open.addAll(newer.files());
                // The old file was complete when it was rotated: read what was appended just before.
                if (!readAll(current, Long.MAX_VALUE)) {
                    return false;
                }
                done(current.file());
                List<FileChannel> files = newer.files();
                for (int i = 0; i < files.size() - 1; i++) {
                    if (!readAll(new CriRecordReader(files.get(i)), Long.MAX_VALUE)) {
                        return false;
                    }
                    done(files.get(i));
                }
                current = new CriRecordReader(files.getLast());
                seenRotations = newer.rotations();
            }
            output.flush();
            if (output.stopped()) {
                return false;
            }
            if (!running) {
                if (!writing) {
                    return true;
                }
                long now = System.nanoTime();
                if (!stopSeen) {
                    stopSeen = true;
                    stopSeenAt = now;
                } else if (now - stopSeenAt >= WRITER_GRACE_NANOS) {
                    return true;
                }
            }
            try {
                instance.awaitChange(seen, POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Sends the lines of the records up to {@code limit}; false when the output stopped. */
    private boolean readAll(CriRecordReader reader, long limit) throws IOException {
        CriRecord record;
        while ((record = reader.next(limit)) != null) {
            LogLine line = assembler.add(record);
            if (line != null) {
                offer(line);
                if (output.stopped()) {
                    return false;
                }
            }
        }
        return !output.stopped();
    }

    private void offer(LogLine line) {
        if (!wanted(line)) {
            return;
        }
        if (skip > 0) {
            skip--;
            return;
        }
        output.write(line);
    }

    private boolean wanted(LogLine line) {
        return since == null || Rfc3339Nano.notBefore(line.timestamp(), since);
    }

    /** How many lines the snapshot shows, to know how many to skip for {@code tailLines}. */
    private long countLines(InstanceLog.Snapshot snapshot) throws IOException {
        LogLineAssembler lines = new LogLineAssembler();
        long count = 0;
        List<FileChannel> files = snapshot.files();
        for (int i = 0; i < files.size(); i++) {
            CriRecordReader reader = new CriRecordReader(files.get(i));
            long limit = i == files.size() - 1 ? snapshot.currentSize() : Long.MAX_VALUE;
            CriRecord record;
            while ((record = reader.next(limit)) != null) {
                LogLine line = lines.add(record);
                if (line != null && wanted(line)) {
                    count++;
                }
            }
        }
        for (LogLine line : lines.drainIncomplete()) {
            if (wanted(line)) {
                count++;
            }
        }
        return count;
    }

    private void done(FileChannel file) {
        open.remove(file);
        InstanceLog.closeAll(List.of(file));
    }
}
