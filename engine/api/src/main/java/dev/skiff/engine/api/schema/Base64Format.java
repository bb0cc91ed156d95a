package dev.skiff.engine.api.schema;

import java.util.Optional;

/**
 * Whether a string decodes as standard, padded base64 the way Go's {@code encoding/json} decodes a
 * {@code []byte}, with Go's error text. Line breaks are skipped, as Go's decoder does.
 */
final class Base64Format {

    private Base64Format() {
    }

    /** Empty when {@code text} is valid, else {@code illegal base64 data at input byte N}. */
    static Optional<String> problem(String text) {
        int symbols = 0;     // base64 characters and padding seen, line breaks excluded
        int quantumStart = 0; // input offset where the current group of four began
        int padding = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                continue;
            }
            if (symbols % 4 == 0) {
                quantumStart = i;
            }
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/';
            if (c == '=') {
                // padding may only fill the last one or two places of the final group
                if (symbols % 4 < 2) {
                    return illegalAt(i);
                }
                padding++;
            } else if (!alphabet || padding > 0) {
                return illegalAt(i);
            }
            symbols++;
        }
        return symbols % 4 == 0 ? Optional.empty() : illegalAt(quantumStart);
    }

    private static Optional<String> illegalAt(int offset) {
        return Optional.of("illegal base64 data at input byte " + offset);
    }
}
