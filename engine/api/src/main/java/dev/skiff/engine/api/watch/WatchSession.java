package dev.skiff.engine.api.watch;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.engine.api.Json;
import dev.skiff.engine.api.status.Errors;
import dev.skiff.engine.store.ListResult;
import dev.skiff.engine.store.Store;
import dev.skiff.engine.store.StoreException;
import dev.skiff.engine.store.StoredObject;
import dev.skiff.engine.store.WatchEvent;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open watch: optionally the current state as ADDED events, then every matching change after the
 * start revision, in order, until the timeout or the client leaves. Runs on its own (virtual) thread;
 * the store only puts events on its queue.
 *
 * <p>With a selector, an object that starts matching arrives as ADDED and one that stops matching as
 * DELETED, as Kubernetes does.
 */
public final class WatchSession {
    private static final Logger log = LoggerFactory.getLogger(WatchSession.class);
    /** A watch that falls this far behind is closed; its client re-watches from where it was. */
    private static final int MAX_BACKLOG = 100_000;
    private static final WatchEvent CLOSED = new WatchEvent(WatchEvent.Type.ADDED, "", -1, new byte[0], null);

    private final Store store;
    private final String prefix;
    private final Predicate<ObjectNode> filter;
    private final boolean selects;
    private final Function<byte[], byte[]> render;
    private final String bookmarkKind;
    private final String bookmarkApiVersion;
    private final Duration bookmarkInterval;
    private final BlockingQueue<WatchEvent> queue = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    /**
     * @param filter the selector objects must match, or null to take every object without decoding it
     * @param render turns an object's stored bytes into what the event carries (the object, or a Table row)
     */
    public WatchSession(Store store, String prefix, Predicate<ObjectNode> filter, Function<byte[], byte[]> render,
                        String kind, String apiVersion, Duration bookmarkInterval) {
        this.store = store;
        this.prefix = prefix;
        this.filter = filter;
        this.selects = filter != null;
        this.render = render;
        this.bookmarkKind = kind;
        this.bookmarkApiVersion = apiVersion;
        this.bookmarkInterval = bookmarkInterval;
    }

    /** Streams to the sink until done; blocks the calling thread. */
    public void run(WatchRequest request, WatchSink sink) {
        sink.onClose(this::close);
        long start;
        if (request.startsWithCurrentState()) {
            ListResult current = store.list(prefix, null, 0, o -> true);
            start = current.revision();
            for (StoredObject o : current.items()) {
                if (matches(o.value())) {
                    sink.send(event("ADDED", render.apply(o.value())));
                }
            }
            if (request.sendInitialEvents()) {
                sink.send(bookmark(start, true));
            }
        } else {
            start = parse(request.resourceVersion());
        }
        AutoCloseable registration;
        try {
            registration = store.watch(prefix, start, this::offer);
        } catch (StoreException.RevisionCompacted e) {
            sink.send(event("ERROR", Json.bytes(Errors.gone(e.getMessage()).toJson())));
            sink.end();
            return;
        }
        try {
            stream(request, sink, start);
        } finally {
            try {
                registration.close();
            } catch (Exception e) {
                log.debug("closing watch registration", e);
            }
        }
    }

    private void stream(WatchRequest request, WatchSink sink, long start) {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        long nextBookmark = System.nanoTime() + bookmarkInterval.toNanos();
        long lastRevision = start;
        while (!closed) {
            long now = System.nanoTime();
            if (now >= deadline) {
                break;
            }
            WatchEvent e;
            try {
                e = queue.poll(Math.min(deadline, nextBookmark) - now, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
            if (e == CLOSED) {
                break;
            }
            if (e != null) {
                lastRevision = e.revision();
                byte[] out = translate(e);
                if (out != null) {
                    sink.send(out);
                }
            }
            if (request.allowBookmarks() && System.nanoTime() >= nextBookmark) {
                sink.send(bookmark(lastRevision, false));
                nextBookmark = System.nanoTime() + bookmarkInterval.toNanos();
            }
        }
        sink.end();
    }

    private byte[] translate(WatchEvent e) {
        if (!selects) {
            return event(e.type().name(), render.apply(e.value()));
        }
        boolean now = matches(e.value());
        return switch (e.type()) {
            case ADDED -> now ? event("ADDED", render.apply(e.value())) : null;
            case DELETED -> now || matchedBefore(e) ? event("DELETED", render.apply(e.value())) : null;
            case MODIFIED -> {
                boolean before = matchedBefore(e);
                if (now) {
                    yield event(before || e.previous() == null ? "MODIFIED" : "ADDED", render.apply(e.value()));
                }
                yield before ? event("DELETED", render.apply(e.value())) : null;
            }
        };
    }

    private boolean matchedBefore(WatchEvent e) {
        return e.previous() != null && matches(e.previous());
    }

    private boolean matches(byte[] object) {
        return !selects || filter.test(Json.parseStored(object));
    }

    private void offer(WatchEvent e) {
        if (closed) {
            return;
        }
        if (queue.size() >= MAX_BACKLOG) {
            log.warn("watch on {} fell {} events behind; closing it", prefix, MAX_BACKLOG);
            close();
            return;
        }
        queue.add(e);
    }

    private void close() {
        closed = true;
        queue.add(CLOSED);
    }

    private byte[] bookmark(long revision, boolean initialEventsEnd) {
        ObjectNode o = Json.object();
        o.put("kind", bookmarkKind);
        o.put("apiVersion", bookmarkApiVersion);
        ObjectNode meta = o.putObject("metadata");
        meta.put("resourceVersion", Long.toString(revision));
        if (initialEventsEnd) {
            meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
        }
        return event("BOOKMARK", Json.bytes(o));
    }

    static byte[] event(String type, byte[] object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(object.length + 32);
        out.writeBytes(("{\"type\":\"" + type + "\",\"object\":").getBytes(UTF_8));
        out.writeBytes(object);
        out.write('}');
        return out.toByteArray();
    }

    private static long parse(String rv) {
        try {
            return Long.parseLong(rv);
        } catch (NumberFormatException e) {
            throw Errors.badRequest("invalid resource version: \"" + rv + "\"");
        }
    }
}
