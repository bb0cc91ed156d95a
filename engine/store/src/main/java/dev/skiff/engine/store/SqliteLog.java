package dev.skiff.engine.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The durable half of the store: a revision-log table and a current-objects table in one SQLite database
 * in WAL mode with full sync, so a committed transaction survives a crash of the process or the machine.
 * Used by the store's single writer thread only.
 */
final class SqliteLog implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement insertLog;
    private final PreparedStatement upsertObject;
    private final PreparedStatement deleteObject;

    SqliteLog(Path file) {
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS log ("
                        + "rev INTEGER PRIMARY KEY, key TEXT NOT NULL, type INTEGER NOT NULL, value BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS objects ("
                        + "key TEXT PRIMARY KEY, rev INTEGER NOT NULL, value BLOB NOT NULL)");
            }
            connection.setAutoCommit(false);
            insertLog = connection.prepareStatement("INSERT INTO log(rev, key, type, value) VALUES (?, ?, ?, ?)");
            upsertObject = connection.prepareStatement(
                    "INSERT INTO objects(key, rev, value) VALUES (?, ?, ?) "
                            + "ON CONFLICT(key) DO UPDATE SET rev = excluded.rev, value = excluded.value");
            deleteObject = connection.prepareStatement("DELETE FROM objects WHERE key = ?");
        } catch (SQLException e) {
            throw new StoreException.StoreFailure("cannot open store at " + file + ": " + e.getMessage(), e);
        }
    }

    long lastRevision() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT max(coalesce((SELECT max(rev) FROM log), 0), coalesce((SELECT max(rev) FROM objects), 0))")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    void loadObjects(Consumer<StoredObject> sink) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT key, rev, value FROM objects")) {
            while (rs.next()) {
                sink.accept(new StoredObject(rs.getString(1), rs.getLong(2), rs.getBytes(3)));
            }
        }
    }

    /** The newest {@code count} changes, oldest first. */
    List<WatchEvent> loadRecentEvents(int count) throws SQLException {
        List<WatchEvent> newestFirst = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT rev, key, type, value FROM log ORDER BY rev DESC LIMIT ?")) {
            s.setInt(1, count);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    newestFirst.add(new WatchEvent(WatchEvent.Type.of(rs.getInt(3)), rs.getString(2),
                            rs.getLong(1), rs.getBytes(4), null));
                }
            }
        }
        List<WatchEvent> oldestFirst = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            oldestFirst.add(newestFirst.get(i));
        }
        return oldestFirst;
    }

    /** Writes the changes in one transaction; returns only once they are durable. */
    void commit(List<WatchEvent> changes) throws SQLException {
        try {
            for (WatchEvent change : changes) {
                insertLog.setLong(1, change.revision());
                insertLog.setString(2, change.key());
                insertLog.setInt(3, change.type().code());
                insertLog.setBytes(4, change.value());
                insertLog.addBatch();
                if (change.type() == WatchEvent.Type.DELETED) {
                    deleteObject.setString(1, change.key());
                    deleteObject.addBatch();
                } else {
                    upsertObject.setString(1, change.key());
                    upsertObject.setLong(2, change.revision());
                    upsertObject.setBytes(3, change.value());
                    upsertObject.addBatch();
                }
            }
            insertLog.executeBatch();
            deleteObject.executeBatch();
            upsertObject.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Drops log entries at or below {@code revision}; the current objects are untouched. */
    void compactThrough(long revision) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM log WHERE rev <= ?")) {
            s.setLong(1, revision);
            s.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            insertLog.close();
            upsertObject.close();
            deleteObject.close();
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            connection.close();
        } catch (SQLException e) {
            throw new StoreException.StoreFailure("cannot close store: " + e.getMessage(), e);
        }
    }
}
