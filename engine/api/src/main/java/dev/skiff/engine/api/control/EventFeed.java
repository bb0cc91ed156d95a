package dev.skiff.engine.api.control;

import dev.skiff.engine.store.Store;
import dev.skiff.engine.store.WatchEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's changes under some key prefixes, handed one by one to a controller's handler on the feed's own
 * thread (the store's writer thread only enqueues them). Handlers only decide which keys to enqueue.
 */
public final class EventFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventFeed.class);
    private static final WatchEvent STOP = new WatchEvent(WatchEvent.Type.ADDED, "", -1, new byte[0], null);

    private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> watches = new ArrayList<>();

    private EventFeed() {
    }

    /** Follows every change under the prefixes after {@code fromRevision}. */
    public static EventFeed start(String name, Store store, long fromRevision, List<String> prefixes,
                                  Consumer<WatchEvent> handler) {
        EventFeed feed = new EventFeed();
        for (String prefix : prefixes) {
            feed.watches.add(store.watch(prefix, fromRevision, feed.events::add));
        }
        Thread.ofVirtual().name(name + "-events").start(() -> feed.pump(handler));
        return feed;
    }

    private void pump(Consumer<WatchEvent> handler) {
        while (true) {
            WatchEvent e;
            try {
                e = events.take();
            } catch (InterruptedException ie) {
                return;
            }
            if (e == STOP) {
                return;
            }
            try {
                handler.accept(e);
            } catch (RuntimeException ex) {
                log.warn("handling the change of {} failed", e.key(), ex);
            }
        }
    }

    @Override
    public void close() {
        for (AutoCloseable w : watches) {
            try {
                w.close();
            } catch (Exception e) {
                log.debug("closing a watch", e);
            }
        }
        events.add(STOP);
    }
}
