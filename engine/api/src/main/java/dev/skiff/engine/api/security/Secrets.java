package dev.skiff.engine.api.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** File-permission care for keys and tokens. */
final class Secrets {
    private Secrets() {
    }

    /** Makes the file readable by its owner only, where the file system has POSIX permissions. */
    static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing more we can do
        }
    }
}
