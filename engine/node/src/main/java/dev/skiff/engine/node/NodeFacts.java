package dev.skiff.engine.node;

import dev.skiff.engine.api.text.Formats;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * What the node reports about this machine: its name, cores, memory, disk, kernel and OS, and whether CPU and
 * memory limits can be enforced (null reason when they can).
 */
record NodeFacts(String name, long cpus, long memoryBytes, long diskBytes, int maxPods, String architecture,
                 String kernelVersion, String osImage, String machineId, String bootId, String cgroupVersion,
                 String resourceLimitsReason) {
    /** The node's own address: pods reach the host's services here. */
    static final String HOST_IP = "127.0.0.1";
    static final String VERSION = "0.1.0";

    static NodeFacts of(Path dataDir, String cgroupVersion, String resourceLimitsReason) {
        long memory = meminfoTotal();
        long disk;
        try {
            disk = Files.getFileStore(dataDir).getTotalSpace();
        } catch (IOException e) {
            disk = 0;
        }
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
        return new NodeFacts(nodeName(), Runtime.getRuntime().availableProcessors(), memory, disk, 110, arch,
                System.getProperty("os.version"), readOsImage(), firstLine(Path.of("/etc/machine-id"), ""),
                firstLine(Path.of("/proc/sys/kernel/random/boot_id"), ""), cgroupVersion, resourceLimitsReason);
    }

    /** The host name in lower case when it is a valid node name, else {@code skiff}. */
    static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "";
        }
        host = host.toLowerCase(Locale.ROOT);
        return !host.isEmpty() && Formats.dns1123Subdomain(host).isEmpty() ? host : "skiff";
    }

    private static long meminfoTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall through to the JVM's view
        }
        return Runtime.getRuntime().maxMemory() * 4;
    }

    private static String readOsImage() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.name");
    }

    private static String firstLine(Path file, String fallback) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? UUID.randomUUID().toString() : text;
        } catch (IOException e) {
            return fallback.isEmpty() ? UUID.randomUUID().toString() : fallback;
        }
    }
}
