package io.livelink.analytics.ingest;

import de.bytefish.pgbulkinsert.PgBulkInsert;
import de.bytefish.pgbulkinsert.mapping.AbstractMapping;
import de.bytefish.pgbulkinsert.pgsql.handlers.BaseValueHandler;
import io.livelink.analytics.ingest.IngestRows.SessionRow;
import io.livelink.commons.sql.SqlStates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.DataOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;
import org.postgresql.PGConnection;

/**
 * Writes the sessions a batch opened (its JOIN is in the batch) with PostgreSQL's binary COPY: a
 * plain insert of binary values skips the keyed upsert's conflict probe and text parsing (in
 * isolation half the cost of a new row; in the ingestion bench PostgreSQL's CPU per event fell 13
 * %, the sessions' indexes being most of the rest). It is all or nothing: if one of the sessions is
 * recorded already (a JOIN delivered twice, a HEARTBEAT that came before its JOIN), the copy is
 * undone to a savepoint and the caller applies the rows by the upsert, which merges.
 */
@ApplicationScoped
class OpenedSessionsCopy {

    private final EntityManager entityManager;
    private final PgBulkInsert<SessionRow> copy = new PgBulkInsert<>(new SessionColumns());

    OpenedSessionsCopy(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Answers whether the rows were written; if not, none was, and nothing else was undone. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean insertAllNew(List<SessionRow> rows) {
        if (rows.isEmpty()) {
            return true;
        }
        return entityManager
                .unwrap(Session.class)
                .doReturningWork(
                        connection -> {
                            // Agroal refuses Connection.rollback(Savepoint) in a JTA transaction;
                            // the savepoint is the database's, so it is spoken as SQL.
                            execute(connection, "savepoint opened_sessions");
                            try {
                                copy.saveAll(connection.unwrap(PGConnection.class), rows);
                            } catch (SQLException | RuntimeException e) {
                                if (!SqlStates.has(e, SqlStates.UNIQUE_VIOLATION)) {
                                    throw e;
                                }
                                execute(connection, "rollback to savepoint opened_sessions");
                                execute(connection, "release savepoint opened_sessions");
                                return false;
                            }
                            execute(connection, "release savepoint opened_sessions");
                            return true;
                        });
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The row as the upsert would insert it: a session that has left ended by its LEAVE. */
    private static final class SessionColumns extends AbstractMapping<SessionRow> {

        SessionColumns() {
            super("", "view_session", false);
            mapText("stream_id", SessionRow::streamId);
            mapText("session_id", SessionRow::sessionId);
            map("opened_at", INSTANT, SessionRow::openedAt);
            mapText("tenant_id", SessionRow::tenantId);
            mapText("stream_type", r -> r.streamType().name());
            mapText("viewer_id", SessionRow::viewerId);
            mapText("channel", SessionRow::channel);
            mapText("playback", SessionRow::playback);
            mapText("device", SessionRow::device);
            mapText("link_id", SessionRow::linkId);
            map("started_at", INSTANT, SessionRow::startedAt);
            map("last_seen_at", INSTANT, SessionRow::lastSeenAt);
            map("ended_at", INSTANT, SessionRow::endedAt);
            map("joined_at", INSTANT, SessionRow::joinedAt);
            map("left_at", INSTANT, SessionRow::leftAt);
            mapText("ended_by", r -> r.endedAt() == null ? null : "LEAVE");
        }
    }

    /** A timestamptz in binary: microseconds since 2000-01-01T00:00Z, as PostgreSQL keeps it. */
    private static final BaseValueHandler<Instant> INSTANT =
            new BaseValueHandler<>() {
                private static final long EPOCH_2000_SECONDS = 946_684_800L;

                @Override
                protected void internalHandle(DataOutputStream out, Instant at) throws Exception {
                    out.writeInt(Long.BYTES);
                    out.writeLong(
                            Math.addExact(
                                    Math.multiplyExact(
                                            at.getEpochSecond() - EPOCH_2000_SECONDS, 1_000_000L),
                                    at.getNano() / 1_000));
                }

                @Override
                public int getLength(Instant at) {
                    return Long.BYTES;
                }
            };
}
