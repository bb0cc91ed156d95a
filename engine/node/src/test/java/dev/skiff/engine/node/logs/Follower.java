package dev.skiff.engine.node.logs;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** A {@code kubectl logs -f} request running on its own thread, as the API server runs it. */
final class Follower {
    interface Request {
        void run() throws Exception;
    }

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private Follower(Request request) {
        thread = Thread.ofVirtual().unstarted(() -> {
            try {
                request.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
    }

    static Follower start(Request request) {
        Follower follower = new Follower(request);
        follower.thread.start();
        return follower;
    }

    /** Waits for the request to end, failing the test if it does not or if it failed. */
    void awaitEnd() throws Exception {
        if (!thread.join(Duration.ofSeconds(10))) {
            thread.interrupt();
            throw new AssertionError("the follower did not end");
        }
        Throwable t = failure.get();
        if (t instanceof Exception e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }
}
