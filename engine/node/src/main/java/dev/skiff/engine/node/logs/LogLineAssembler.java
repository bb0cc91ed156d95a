package dev.skiff.engine.node.logs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins partial CRI records into lines. Parts are joined per stream, so a long stdout line whose parts were
 * written between stderr lines still comes out whole; lines come out in the order they were completed.
 */
final class LogLineAssembler {
    private static final class Pending {
        final byte[] timestamp;
        final ByteBuf content = new ByteBuf(2 * CriRecord.MAX_CONTENT);

        Pending(byte[] timestamp) {
            this.timestamp = timestamp;
        }
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>(4);

    /** The line this record completes, or null when it is a part of a line that goes on. */
    LogLine add(CriRecord record) {
        Pending started = pending.get(record.stream());
        if (record.partial()) {
            if (started == null) {
                started = new Pending(record.timestamp());
                pending.put(record.stream(), started);
            }
            started.content.append(record.content());
            return null;
        }
        if (started == null) {
            return new LogLine(record.timestamp(), record.content(), true);
        }
        pending.remove(record.stream());
        return new LogLine(started.timestamp, started.content.append(record.content()).toArray(), true);
    }

    /** The lines still waiting for their end, as they are; forgets them. */
    List<LogLine> drainIncomplete() {
        List<LogLine> lines = new ArrayList<>(pending.size());
        for (Pending p : pending.values()) {
            lines.add(new LogLine(p.timestamp, p.content.toArray(), false));
        }
        pending.clear();
        return lines;
    }

    int incomplete() {
        return pending.size();
    }
}
