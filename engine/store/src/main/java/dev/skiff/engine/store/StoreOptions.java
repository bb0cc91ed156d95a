package dev.skiff.engine.store;

/**
 * Tunables of a {@link Store}.
 *
 * @param historySize how many recent changes are kept for watches, in memory and in the revision log;
 *                    a watch from an older revision gets 410 Expired
 * @param compactEvery how many writes pass between two compactions of the on-disk revision log
 */
public record StoreOptions(int historySize, int compactEvery) {

    public static StoreOptions defaults() {
        return new StoreOptions(10_000, 1_000);
    }

    public StoreOptions {
        if (historySize < 1) {
            throw new IllegalArgumentException("historySize must be at least 1");
        }
        if (compactEvery < 1) {
            throw new IllegalArgumentException("compactEvery must be at least 1");
        }
    }
}
