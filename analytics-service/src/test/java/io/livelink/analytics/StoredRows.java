package io.livelink.analytics;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.Map;

/** What tests read back from the service's tables, each read in a transaction of its own. */
public final class StoredRows {

    private StoredRows() {}

    /** The one number a statement answers (a count, a sum); 0 when it answers null. */
    public static long number(
            EntityManager entityManager, String sql, Map<String, Object> parameters) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            Query query = entityManager.createNativeQuery(sql);
                            parameters.forEach(query::setParameter);
                            Object value = query.getSingleResult();
                            return value == null ? 0 : ((Number) value).longValue();
                        });
    }
}
