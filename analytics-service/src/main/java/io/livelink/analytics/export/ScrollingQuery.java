package io.livelink.analytics.export;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a native query forward-only and hands each row to the caller as it arrives, so an export
 * never holds its rows in memory: inside its own transaction (autocommit off) with a JDBC fetch
 * size, the PostgreSQL driver reads through a server-side cursor {@value #FETCH_SIZE} rows at a
 * time, and Hibernate's result stream scrolls it ({@code ScrollMode.FORWARD_ONLY}); scalar rows are
 * not kept in the persistence context.
 */
@ApplicationScoped
public class ScrollingQuery {

    /** Rows fetched from PostgreSQL per round trip; the most an export holds at once. */
    public static final int FETCH_SIZE = 1000;

    /** Large exports may take long; the transaction only reads. */
    private static final int TIMEOUT_SECONDS = 3600;

    @FunctionalInterface
    public interface RowConsumer {
        void accept(Object[] row) throws IOException;
    }

    private final EntityManager entityManager;

    public ScrollingQuery(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void forEach(String sql, Map<String, Object> parameters, RowConsumer consumer)
            throws IOException {
        try {
            QuarkusTransaction.requiringNew()
                    .timeout(TIMEOUT_SECONDS)
                    .run(
                            () -> {
                                Query query =
                                        entityManager
                                                .createNativeQuery(sql)
                                                .setHint("org.hibernate.fetchSize", FETCH_SIZE)
                                                .setHint("org.hibernate.readOnly", true);
                                parameters.forEach(query::setParameter);
                                try (Stream<?> rows = query.getResultStream()) {
                                    Iterator<?> it = rows.iterator();
                                    while (it.hasNext()) {
                                        consumer.accept((Object[]) it.next());
                                    }
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
