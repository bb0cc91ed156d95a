package dev.skiff.cli.apps;

/** Prints what the JVM sees of its resources, then waits: the check that a pod's limits reach the JVM. */
public final class JvmInfo {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("processors=" + Runtime.getRuntime().availableProcessors());
        System.out.println("maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
