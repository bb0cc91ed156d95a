package dev.skiff.engine.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The most recent changes, in revision order, bounded by count. A watch from revision X can be served
 * from here when every change after X is still held; otherwise X has been compacted away.
 * Not thread-safe: the {@link Store} guards it.
 */
final class EventHistory {
    private final int capacity;
    private final ArrayDeque<WatchEvent> events;

    EventHistory(int capacity) {
        this.capacity = capacity;
        this.events = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    void add(WatchEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    /** The oldest revision a watch may start from: it then receives every change after it. */
    long oldestWatchableRevision(long currentRevision) {
        return events.isEmpty() ? currentRevision : events.peekFirst().revision() - 1;
    }

    /** Changes after {@code revision} that the filter accepts, oldest first. */
    List<WatchEvent> after(long revision, Predicate<WatchEvent> filter) {
        List<WatchEvent> result = new ArrayList<>();
        var it = events.descendingIterator();
        ArrayDeque<WatchEvent> reversed = new ArrayDeque<>();
        while (it.hasNext()) {
            WatchEvent e = it.next();
            if (e.revision() <= revision) {
                break;
            }
            if (filter.test(e)) {
                reversed.addFirst(e);
            }
        }
        result.addAll(reversed);
        return result;
    }

    int size() {
        return events.size();
    }
}
