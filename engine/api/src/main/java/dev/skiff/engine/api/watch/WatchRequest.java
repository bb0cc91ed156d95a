package dev.skiff.engine.api.watch;

import java.time.Duration;

/**
 * What a watch asks for.
 *
 * @param resourceVersion where to start: empty or "0" sends the current objects as ADDED first
 * @param sendInitialEvents the watch-list form: current objects as ADDED, then a BOOKMARK that marks their end
 * @param allowBookmarks whether periodic BOOKMARK events may be sent
 * @param timeout when to end the stream normally
 */
public record WatchRequest(String resourceVersion, boolean sendInitialEvents, boolean allowBookmarks,
                           Duration timeout) {

    boolean startsWithCurrentState() {
        return sendInitialEvents || resourceVersion == null || resourceVersion.isEmpty()
                || resourceVersion.equals("0");
    }
}
