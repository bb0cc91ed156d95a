package dev.skiff.engine.node.volumes;

import java.util.Arrays;

/**
 * One file of an atomically written volume: its bytes and its permission bits (the kubelet's
 * {@code FileProjection}).
 *
 * @param data the content
 * @param mode the POSIX permission bits, e.g. {@code 0644}
 */
public record FileProjection(byte[] data, int mode) {

    @Override
    public boolean equals(Object other) {
        return other instanceof FileProjection that && mode == that.mode && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + mode;
    }

    @Override
    public String toString() {
        return "FileProjection[" + data.length + " bytes, mode " + Integer.toOctalString(mode) + "]";
    }
}
