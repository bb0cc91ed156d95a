package dev.skiff.engine.node.logs;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;

/**
 * Writes the output of one container instance to its CRI log file, as the container runtime does for the
 * kubelet: each line becomes {@code <timestamp> <stream> <F|P> <content>}. Both streams of the container share the
 * file; each {@link #pump} or {@link #append} writes whole records under one lock, so lines never interleave. The
 * file is rotated once it reaches the size limit.
 *
 * <p>Thread-safe: run one {@link #pump} per process stream (a virtual thread each) and {@link #append} from
 * anywhere. Writing after {@link #close()} discards the output, so a pump still drains its pipe and the process
 * never blocks on a full one.
 */
public final class LogWriter implements Closeable {
    private static final System.Logger LOG = System.getLogger(LogWriter.class.getName());
    private static final int READ_CHUNK = 4096;

    private final InstanceLog instance;
    private final long maxFileBytes;
    private final InstantSource clock;
    // Guarded by instance.lock().
    private FileChannel file;
    private long size;
    private boolean closed;
    private boolean failed;

    LogWriter(InstanceLog instance, long maxFileBytes, InstantSource clock) throws IOException {
        this.instance = instance;
        this.maxFileBytes = maxFileBytes;
        this.clock = clock;
        Files.createDirectories(instance.current().getParent());
        this.file = openCurrent();
        this.size = file.size();
    }

    /**
     * Copies {@code in} to the log as {@code stream} ("stdout" or "stderr") until end of file, then closes it.
     * A read error (the pipe closed under a killed process) ends the copy like end of file. Each line is written
     * as soon as its newline arrives; a last line without newline is kept as a partial record.
     */
    public void pump(InputStream in, String stream) {
        CriEncoder encoder = new CriEncoder(stream);
        byte[] chunk = new byte[READ_CHUNK];
        byte[] timestamp = new byte[Rfc3339Nano.LENGTH];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                // One timestamp per read: the lines of one chunk arrived together.
                Rfc3339Nano.write(clock.instant(), timestamp, 0);
                encoder.encode(chunk, 0, n, timestamp);
                write(encoder.records());
            }
        } catch (IOException e) {
            // The stream ended early; everything read so far is kept.
        }
        Rfc3339Nano.write(clock.instant(), timestamp, 0);
        encoder.finish(timestamp);
        write(encoder.records());
    }

    /** Appends a message of the agent's own as full lines of {@code stream} (a newline is added when missing). */
    public void append(String stream, String line) {
        CriEncoder encoder = new CriEncoder(stream);
        byte[] bytes = (line.endsWith("\n") ? line : line + "\n").getBytes(StandardCharsets.UTF_8);
        encoder.encode(bytes, 0, bytes.length, Rfc3339Nano.format(clock.instant()));
        write(encoder.records());
    }

    /** Closes the file; followers of this instance end once the container has stopped too. */
    @Override
    public void close() {
        instance.lock().lock();
        try {
            if (!closed) {
                closed = true;
                closeFile();
                instance.writer(null);
            }
        } finally {
            instance.lock().unlock();
        }
    }

    private void write(ByteBuf records) {
        if (records.isEmpty()) {
            return;
        }
        instance.lock().lock();
        try {
            if (closed) {
                return;
            }
            ByteBuffer buffer = ByteBuffer.wrap(records.array(), 0, records.length());
            while (buffer.hasRemaining()) {
                file.write(buffer);
            }
            size += records.length();
            if (size >= maxFileBytes) {
                rotate();
            }
            failed = false;
            instance.signal();
        } catch (IOException e) {
            if (!failed) {
                failed = true;
                LOG.log(System.Logger.Level.WARNING, "cannot write container log " + instance.current()
                        + "; output is dropped until writes succeed again", e);
            }
        } finally {
            records.clear();
            instance.lock().unlock();
        }
    }

    private void rotate() throws IOException {
        closeFile();
        try {
            instance.rotate();
        } finally {
            // Even when a rename failed, keep a file open so that later lines are not lost as well.
            file = openCurrent();
            size = file.size();
        }
    }

    private FileChannel openCurrent() throws IOException {
        return FileChannel.open(instance.current(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    private void closeFile() {
        try {
            file.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot close container log " + instance.current(), e);
        }
    }
}

