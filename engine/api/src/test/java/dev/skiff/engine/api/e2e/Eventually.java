package dev.skiff.engine.api.e2e;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for a condition a test expects to become true, instead of sleeping a fixed time. */
public final class Eventually {
    private Eventually() {
    }

    /** Polls the condition until it holds; fails the test after 30 s. */
    public static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
