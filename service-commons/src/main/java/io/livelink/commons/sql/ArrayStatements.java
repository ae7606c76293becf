package io.livelink.commons.sql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/**
 * Statements over many rows at once: each {@link Column} is one array parameter that the SQL reads
 * with {@code unnest(…)}, so a batch of events costs one round trip per table instead of one per
 * event. They run on the JDBC connection of the caller's transaction, next to its other writes.
 */
@ApplicationScoped
public class ArrayStatements {

    private final EntityManager entityManager;

    public ArrayStatements(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Runs an insert, update or delete; parameters are {@link Column}s, instants or plain JDBC
     * values, in the order of the {@code ?}s. Returns the number of rows changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int update(String sql, Object... parameters) {
        return entityManager
                .unwrap(Session.class)
                .doReturningWork(
                        connection -> {
                            try (PreparedStatement statement =
                                    prepare(connection, sql, parameters)) {
                                return statement.executeUpdate();
                            }
                        });
    }

    /** Runs a statement that answers one text column, e.g. {@code insert … returning id}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> strings(String sql, Object... parameters) {
        return entityManager
                .unwrap(Session.class)
                .doReturningWork(
                        connection -> {
                            List<String> values = new ArrayList<>();
                            try (PreparedStatement statement =
                                            prepare(connection, sql, parameters);
                                    ResultSet rows = statement.executeQuery()) {
                                while (rows.next()) {
                                    values.add(rows.getString(1));
                                }
                            }
                            return values;
                        });
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Runs a statement that answers rows, e.g. {@code update … returning …}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void query(String sql, RowReader reader, Object... parameters) {
        entityManager
                .unwrap(Session.class)
                .doWork(
                        connection -> {
                            try (PreparedStatement statement =
                                            prepare(connection, sql, parameters);
                                    ResultSet rows = statement.executeQuery()) {
                                while (rows.next()) {
                                    reader.read(rows);
                                }
                            }
                        });
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                if (parameter instanceof Column column) {
                    statement.setArray(
                            i + 1, connection.createArrayOf(column.elementType(), column.values()));
                } else if (parameter instanceof Instant instant) {
                    statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
