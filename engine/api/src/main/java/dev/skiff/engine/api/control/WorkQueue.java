package dev.skiff.engine.api.control;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A controller's queue of object keys, with client-go's guarantees: a key waits in the queue at most
 * once however often it is added, a key is never handed to two workers at once (one added while being
 * processed is queued again when that processing ends), and a failed key comes back after an
 * exponential back-off.
 */
public final class WorkQueue {
    private static final Duration BASE_DELAY = Duration.ofMillis(5);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final Set<String> dirty = new HashSet<>();
    private final Set<String> processing = new HashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final ScheduledExecutorService delays =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("workqueue-delays").factory());
    private boolean shutDown;

    public synchronized void add(String key) {
        if (shutDown || !dirty.add(key)) {
            return;
        }
        if (!processing.contains(key)) {
            queue.addLast(key);
            notifyAll();
        }
    }

    /** Adds the key again after its back-off, which doubles with each consecutive failure. */
    public void retryLater(String key) {
        int n;
        synchronized (this) {
            n = failures.merge(key, 1, Integer::sum);
        }
        long millis = Math.min(MAX_DELAY.toMillis(), BASE_DELAY.toMillis() << Math.min(n - 1, 20));
        delays.schedule(() -> add(key), millis, TimeUnit.MILLISECONDS);
    }

    /** Adds the key after a delay: a controller that must look again at a known time (a deadline). */
    public void addAfter(String key, java.time.Duration delay) {
        delays.schedule(() -> add(key), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Clears the key's failure count after a success. */
    public synchronized void forget(String key) {
        failures.remove(key);
    }

    /** The next key to process, waiting for one; null once shut down. */
    public synchronized String take() throws InterruptedException {
        while (queue.isEmpty() && !shutDown) {
            wait();
        }
        if (shutDown) {
            return null;
        }
        String key = queue.removeFirst();
        processing.add(key);
        dirty.remove(key);
        return key;
    }

    /** Marks the key's processing finished; if it was added meanwhile, it is queued again. */
    public synchronized void done(String key) {
        processing.remove(key);
        if (dirty.contains(key)) {
            queue.addLast(key);
            notifyAll();
        }
    }

    public synchronized int length() {
        return queue.size();
    }

    public synchronized void shutDown() {
        shutDown = true;
        delays.shutdownNow();
        notifyAll();
    }
}
