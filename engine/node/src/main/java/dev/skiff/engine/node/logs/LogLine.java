package dev.skiff.engine.node.logs;

/**
 * One line of container output as {@code kubectl logs} shows it: the partial records of a long line joined, with
 * the timestamp of its first part. {@code complete} is false for a last line that never got its newline.
 */
record LogLine(byte[] timestamp, byte[] content, boolean complete) {
}
