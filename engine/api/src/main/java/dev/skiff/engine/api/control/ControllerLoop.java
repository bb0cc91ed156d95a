package dev.skiff.engine.api.control;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Workers that take keys from a queue and reconcile them, retrying failures with back-off. */
public final class ControllerLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControllerLoop.class);

    private final String name;
    private final WorkQueue queue;
    private final Reconciler reconciler;
    private final List<Thread> workers = new ArrayList<>();

    public ControllerLoop(String name, WorkQueue queue, Reconciler reconciler) {
        this.name = name;
        this.queue = queue;
        this.reconciler = reconciler;
    }

    public ControllerLoop start(int workerCount) {
        for (int i = 0; i < workerCount; i++) {
            workers.add(Thread.ofVirtual().name(name + "-" + i).start(this::work));
        }
        return this;
    }

    private void work() {
        while (true) {
            String key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                reconciler.reconcile(key);
                queue.forget(key);
            } catch (Exception e) {
                log.debug("{}: reconciling {} failed, will retry: {}", name, key, e.getMessage());
                queue.retryLater(key);
            } finally {
                queue.done(key);
            }
        }
    }

    @Override
    public void close() {
        queue.shutDown();
        workers.forEach(Thread::interrupt);
    }
}
