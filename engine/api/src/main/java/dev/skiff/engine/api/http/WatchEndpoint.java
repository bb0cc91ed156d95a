package dev.skiff.engine.api.http;

import dev.skiff.engine.api.resource.ResourceType;
import dev.skiff.engine.api.status.Errors;
import dev.skiff.engine.api.watch.WatchRequest;
import dev.skiff.engine.api.watch.WatchSession;
import dev.skiff.engine.api.watch.WatchSink;
import dev.skiff.engine.store.Store;
import java.time.Duration;
import java.util.function.Function;

/** {@code ?watch=true} on a collection: parses the watch's options and runs its session on this thread. */
final class WatchEndpoint {
    /** Kubernetes closes watches after a randomized 30 to 60 minutes when the client names no timeout. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final Store store;
    private final TableOutput tables;
    private final Duration bookmarkInterval;

    WatchEndpoint(Store store, TableOutput tables, Duration bookmarkInterval) {
        this.store = store;
        this.tables = tables;
        this.bookmarkInterval = bookmarkInterval;
    }

    /** Checks the request before any response is started, so errors can still be a plain Status. */
    Prepared prepare(ApiRequest req) {
        ResourceType type = req.type();
        ListQuery query = ListQuery.of(req.params(), type);
        WatchRequest request = request(req);
        boolean table = TableOutput.wanted(req.accept());
        String includeObject = req.params().get("includeObject");
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        Function<byte[], byte[]> render = table ? o -> tables.one(type, o, includeObject, first.getAndSet(false))
                : o -> o;
        WatchSession session = new WatchSession(store, type.keyPrefix(req.info().namespace()),
                query.selects() ? query.filter(type) : null,
                render, type.kind(), type.apiVersion(), bookmarkInterval);
        return new Prepared(session, request);
    }

    /** The watch's start, bookmarks and timeout from the query, refusing malformed values with a 400. */
    static WatchRequest request(ApiRequest req) {
        String timeoutText = req.params().get("timeoutSeconds");
        Duration timeout = DEFAULT_TIMEOUT;
        if (timeoutText != null && !timeoutText.isEmpty()) {
            try {
                timeout = Duration.ofSeconds(Math.max(0, Long.parseLong(timeoutText)));
            } catch (NumberFormatException e) {
                throw Errors.badRequest("timeoutSeconds must be an integer, got \"" + timeoutText + "\"");
            }
        }
        String rv = req.params().get("resourceVersion");
        if (rv != null && !rv.isEmpty()) {
            try {
                Long.parseLong(rv);
            } catch (NumberFormatException e) {
                throw Errors.badRequest("invalid resource version: \"" + rv + "\"");
            }
        }
        return new WatchRequest(rv, req.flag("sendInitialEvents"), req.flag("allowWatchBookmarks"), timeout);
    }

    /** A watch ready to stream. */
    record Prepared(WatchSession session, WatchRequest request) {
        void run(WatchSink sink) {
            session.run(request, sink);
        }
    }
}
