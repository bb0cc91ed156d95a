package dev.skiff.engine.node.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The log files of one container instance ({@code <restartCount>.log} and its rotated {@code .log.1} (newest) to
 * {@code .log.<maxFiles-1>} (oldest)) and what its writer and readers share: the lock under which records are
 * appended and files rotated, and the signal that wakes followers.
 */
final class InstanceLog {
    private final Path directory;
    private final int restartCount;
    private final int maxFiles;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Bumped at every append, rotation and close, so that a follower knows whether to wait. */
    private volatile long version;
    /** How many times the file has been rotated since this process started writing it. */
    private volatile long rotations;
    private volatile LogWriter writer;

    InstanceLog(Path directory, int restartCount, int maxFiles) {
        this.directory = directory;
        this.restartCount = restartCount;
        this.maxFiles = maxFiles;
    }

    Path current() {
        return directory.resolve(restartCount + ".log");
    }

    /** The {@code age}-th rotated file: 1 is the newest. */
    Path rotated(int age) {
        return directory.resolve(restartCount + ".log." + age);
    }

    int maxFiles() {
        return maxFiles;
    }

    ReentrantLock lock() {
        return lock;
    }

    LogWriter writer() {
        return writer;
    }

    /** Called with the lock held. */
    void writer(LogWriter writer) {
        this.writer = writer;
        signal();
    }

    boolean writerOpen() {
        return writer != null;
    }

    long version() {
        return version;
    }

    long rotations() {
        return rotations;
    }

    /** Tells followers that something changed; called with the lock held. */
    void signal() {
        version++;
        changed.signalAll();
    }

    /** Waits until {@link #version()} differs from {@code seen} or the timeout passes. */
    void awaitChange(long seen, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            while (version == seen && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shifts the rotated files one age older, dropping the oldest, and moves the current file to {@code .log.1};
     * called with the lock held, after the writer closed the current file.
     */
    void rotate() throws IOException {
        Files.deleteIfExists(rotated(maxFiles - 1));
        for (int age = maxFiles - 2; age >= 1; age--) {
            if (Files.exists(rotated(age))) {
                Files.move(rotated(age), rotated(age + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(current(), rotated(1), StandardCopyOption.REPLACE_EXISTING);
        rotations++;
    }

    /** The files of this instance as a reader first sees them. */
    record Snapshot(List<FileChannel> files, long currentSize, long rotations) {
    }

    /**
     * Opens every file of the instance, oldest first and the current one last, at one moment (rotation cannot
     * run meanwhile).
     *
     * @throws NoSuchFileException when the instance has no current file
     */
    Snapshot snapshot() throws IOException {
        lock.lock();
        List<FileChannel> files = new ArrayList<>();
        try {
            for (int age = maxFiles - 1; age >= 1; age--) {
                openIfExists(rotated(age), files);
            }
            FileChannel current = FileChannel.open(current(), StandardOpenOption.READ);
            files.add(current);
            return new Snapshot(files, current.size(), rotations);
        } catch (IOException | RuntimeException e) {
            closeAll(files);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** The files written after a reader's file, which was current {@code since} rotations ago, oldest first. */
    record Newer(List<FileChannel> files, long rotations) {
    }

    Newer openNewerThan(long seenRotations) throws IOException {
        lock.lock();
        List<FileChannel> files = new ArrayList<>();
        try {
            long behind = rotations - seenRotations;
            // Files more than maxFiles-1 rotations old are already gone: a follower that far behind skips them.
            for (long age = Math.min(behind - 1, maxFiles - 1); age >= 1; age--) {
                openIfExists(rotated((int) age), files);
            }
            files.add(FileChannel.open(current(), StandardOpenOption.READ));
            return new Newer(files, rotations);
        } catch (IOException | RuntimeException e) {
            closeAll(files);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private static void openIfExists(Path path, List<FileChannel> into) throws IOException {
        try {
            into.add(FileChannel.open(path, StandardOpenOption.READ));
        } catch (NoSuchFileException e) {
            // not rotated that often yet
        }
    }

    static void closeAll(List<FileChannel> files) {
        for (FileChannel file : files) {
            try {
                file.close();
            } catch (IOException e) {
                // read-only handle: nothing was lost
            }
        }
    }
}
