package dev.skiff.engine.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's only source of truth: objects by key, one global revision counter that every write
 * advances, and the history of recent changes that watches are served from.
 *
 * <p>Reads come from memory. Writes go through one writer thread that groups the writes waiting at that
 * moment into one SQLite transaction, so a write returns only after it is durable and concurrent
 * writers share the cost of the sync. A write's value is encoded by the caller's function once its
 * revision is known, so stored bytes always carry their own resourceVersion.
 */
public final class Store implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Store.class);
    private static final int MAX_BATCH = 512;

    private final SqliteLog sqlite;
    private final StoreOptions options;
    private final NavigableMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
    private final EventHistory history;
    private final List<Registration> watchers = new CopyOnWriteArrayList<>();
    private final ReentrantReadWriteLock publishLock = new ReentrantReadWriteLock();
    private final BlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile long revision;
    private volatile boolean closed;
    private long writesSinceCompaction;

    private Store(Path file, StoreOptions options) {
        this.options = options;
        this.sqlite = new SqliteLog(file);
        this.history = new EventHistory(options.historySize());
        try {
            sqlite.loadObjects(o -> objects.put(o.key(), o));
            sqlite.loadRecentEvents(options.historySize()).forEach(history::add);
            revision = sqlite.lastRevision();
        } catch (SQLException e) {
            sqlite.close();
            throw new StoreException.StoreFailure("cannot load store " + file + ": " + e.getMessage(), e);
        }
        writer = Thread.ofPlatform().name("skiff-store-writer").daemon().start(this::writeLoop);
    }

    /** Opens (creating if needed) the store in the given SQLite file. */
    public static Store open(Path file, StoreOptions options) {
        return new Store(file, options);
    }

    /** The revision of the last committed write. */
    public long currentRevision() {
        return revision;
    }

    public Optional<StoredObject> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    /**
     * The objects whose keys start with {@code prefix} and come after {@code startAfter} (null for the
     * first page), at most {@code limit} of them that {@code filter} accepts (0 for no limit).
     */
    public ListResult list(String prefix, String startAfter, int limit, Predicate<StoredObject> filter) {
        publishLock.readLock().lock();
        try {
            long at = revision;
            String from = startAfter == null ? prefix : startAfter;
            boolean inclusive = startAfter == null;
            List<StoredObject> items = new ArrayList<>();
            boolean more = false;
            for (StoredObject o : objects.tailMap(from, inclusive).values()) {
                if (!o.key().startsWith(prefix)) {
                    break;
                }
                if (!filter.test(o)) {
                    continue;
                }
                if (limit > 0 && items.size() == limit) {
                    more = true;
                    break;
                }
                items.add(o);
            }
            return new ListResult(at, items, more);
        } finally {
            publishLock.readLock().unlock();
        }
    }

    /** Stores a new object; fails with {@link StoreException.KeyExists} if the key is taken. */
    public StoredObject create(String key, LongFunction<byte[]> encode) {
        return submit(new PendingWrite(WriteKind.CREATE, key, 0, encode));
    }

    /**
     * Replaces an object. With {@code expectedRevision} > 0 the write is refused with
     * {@link StoreException.RevisionConflict} unless that is still the object's revision.
     */
    public StoredObject update(String key, long expectedRevision, LongFunction<byte[]> encode) {
        return submit(new PendingWrite(WriteKind.UPDATE, key, expectedRevision, encode));
    }

    /**
     * Removes an object; {@code encode} gives its final state (with the deletion's revision) that the
     * DELETED event carries. {@code expectedRevision} works as in {@link #update}.
     */
    public StoredObject delete(String key, long expectedRevision, LongFunction<byte[]> encode) {
        return submit(new PendingWrite(WriteKind.DELETE, key, expectedRevision, encode));
    }

    /**
     * Delivers every change under {@code prefix} after {@code fromRevision} to the watcher, first those
     * already in the history, then each new one as it is committed, with no gap and no repeat.
     *
     * @throws StoreException.RevisionCompacted if changes after {@code fromRevision} are no longer held
     */
    public AutoCloseable watch(String prefix, long fromRevision, Watcher watcher) {
        publishLock.readLock().lock();
        try {
            long oldest = history.oldestWatchableRevision(revision);
            if (fromRevision < oldest) {
                throw new StoreException.RevisionCompacted(fromRevision, oldest + 1);
            }
            for (WatchEvent e : history.after(fromRevision, e -> e.key().startsWith(prefix))) {
                watcher.onEvent(e);
            }
            Registration registration = new Registration(prefix, watcher);
            watchers.add(registration);
            return () -> watchers.remove(registration);
        } finally {
            publishLock.readLock().unlock();
        }
    }

    /** The oldest revision a watch can still start from. */
    public long oldestWatchableRevision() {
        publishLock.readLock().lock();
        try {
            return history.oldestWatchableRevision(revision);
        } finally {
            publishLock.readLock().unlock();
        }
    }

    private StoredObject submit(PendingWrite write) {
        if (closed) {
            throw new StoreException.StoreFailure("store is closed", null);
        }
        queue.add(write);
        try {
            return write.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException.StoreFailure("interrupted while waiting for a write", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException.StoreFailure("write failed: " + e.getCause(), e.getCause());
        }
    }

    private void writeLoop() {
        List<PendingWrite> batch = new ArrayList<>();
        while (true) {
            try {
                PendingWrite first = queue.take();
                if (first.kind == WriteKind.STOP) {
                    return;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                boolean stop = batch.removeIf(w -> w.kind == WriteKind.STOP);
                writeBatch(batch);
                batch.clear();
                if (stop) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("store writer failed", e);
                batch.forEach(w -> w.result.completeExceptionally(e));
                batch.clear();
            }
        }
    }

    private void writeBatch(List<PendingWrite> batch) {
        Map<String, StoredObject> overlay = new HashMap<>();
        List<WatchEvent> changes = new ArrayList<>(batch.size());
        List<PendingWrite> accepted = new ArrayList<>(batch.size());
        long next = revision;
        for (PendingWrite w : batch) {
            StoredObject current = overlay.containsKey(w.key) ? overlay.get(w.key) : objects.get(w.key);
            RuntimeException refusal = check(w, current);
            if (refusal != null) {
                w.result.completeExceptionally(refusal);
                continue;
            }
            byte[] value;
            try {
                value = w.encode.apply(next + 1);
            } catch (RuntimeException e) {
                w.result.completeExceptionally(e);
                continue;
            }
            next++;
            WatchEvent.Type type = switch (w.kind) {
                case CREATE -> WatchEvent.Type.ADDED;
                case UPDATE -> WatchEvent.Type.MODIFIED;
                case DELETE -> WatchEvent.Type.DELETED;
                case STOP -> throw new IllegalStateException();
            };
            changes.add(new WatchEvent(type, w.key, next, value, current == null ? null : current.value()));
            overlay.put(w.key, type == WatchEvent.Type.DELETED ? null : new StoredObject(w.key, next, value));
            accepted.add(w);
        }
        if (changes.isEmpty()) {
            return;
        }
        try {
            sqlite.commit(changes);
        } catch (SQLException e) {
            StoreException failure = new StoreException.StoreFailure("cannot commit: " + e.getMessage(), e);
            accepted.forEach(w -> w.result.completeExceptionally(failure));
            return;
        }
        publish(changes, next);
        for (int i = 0; i < accepted.size(); i++) {
            WatchEvent c = changes.get(i);
            accepted.get(i).result.complete(new StoredObject(c.key(), c.revision(), c.value()));
        }
        writesSinceCompaction += changes.size();
        if (writesSinceCompaction >= options.compactEvery()) {
            writesSinceCompaction = 0;
            compactLog();
        }
    }

    private static RuntimeException check(PendingWrite w, StoredObject current) {
        return switch (w.kind) {
            case CREATE -> current != null ? new StoreException.KeyExists(w.key) : null;
            case UPDATE, DELETE -> {
                if (current == null) {
                    yield new StoreException.KeyNotFound(w.key);
                }
                if (w.expectedRevision > 0 && w.expectedRevision != current.revision()) {
                    yield new StoreException.RevisionConflict(w.key, w.expectedRevision, current.revision());
                }
                yield null;
            }
            case STOP -> null;
        };
    }

    private void publish(List<WatchEvent> changes, long newRevision) {
        publishLock.writeLock().lock();
        try {
            for (WatchEvent c : changes) {
                if (c.type() == WatchEvent.Type.DELETED) {
                    objects.remove(c.key());
                } else {
                    objects.put(c.key(), new StoredObject(c.key(), c.revision(), c.value()));
                }
                history.add(c);
            }
            revision = newRevision;
            for (WatchEvent c : changes) {
                for (Registration r : watchers) {
                    if (c.key().startsWith(r.prefix)) {
                        try {
                            r.watcher.onEvent(c);
                        } catch (RuntimeException e) {
                            log.warn("watcher failed on {}; dropping it", c.key(), e);
                            watchers.remove(r);
                        }
                    }
                }
            }
        } finally {
            publishLock.writeLock().unlock();
        }
    }

    /** Drops from the on-disk log what the in-memory history no longer holds. */
    private void compactLog() {
        long keepAfter = revision - options.historySize();
        if (keepAfter <= 0) {
            return;
        }
        try {
            sqlite.compactThrough(keepAfter);
        } catch (SQLException e) {
            log.warn("log compaction failed; will retry", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(new PendingWrite(WriteKind.STOP, "", 0, r -> new byte[0]));
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PendingWrite w;
        while ((w = queue.poll()) != null) {
            w.result.completeExceptionally(new StoreException.StoreFailure("store is closed", null));
        }
        sqlite.close();
    }

    private enum WriteKind { CREATE, UPDATE, DELETE, STOP }

    private static final class PendingWrite {
        final WriteKind kind;
        final String key;
        final long expectedRevision;
        final LongFunction<byte[]> encode;
        final CompletableFuture<StoredObject> result = new CompletableFuture<>();

        PendingWrite(WriteKind kind, String key, long expectedRevision, LongFunction<byte[]> encode) {
            this.kind = kind;
            this.key = key;
            this.expectedRevision = expectedRevision;
            this.encode = encode;
        }
    }

    private record Registration(String prefix, Watcher watcher) {
    }
}
