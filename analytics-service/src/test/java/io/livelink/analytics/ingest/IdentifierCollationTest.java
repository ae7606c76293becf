package io.livelink.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.analytics.retention.DayPartitions;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * V12 on the real PostgreSQL: the service's text columns compare as bytes (collation "C"), in the
 * day partitions made at run time as in the tables the migrations made, so no statement compares
 * two collations; the index by tenant carries only ENTERPRISE sessions; and first joins carry no
 * index beyond their key.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class IdentifierCollationTest {

    @Inject EntityManager entityManager;
    @Inject DayPartitions partitions;

    @Test
    void everyTextColumnOfTheServiceComparesAsBytesInPartitionsMadeLaterToo() {
        LocalDate aDayAhead = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        QuarkusTransaction.requiringNew().run(() -> partitions.maintain(aDayAhead));

        List<Object> notBytewise =
                rows(
                        "select c.table_name || '.' || c.column_name || ' ' ||"
                                + " coalesce(c.collation_name, 'default')"
                                + " from information_schema.columns c"
                                + " where c.table_schema = current_schema()"
                                + " and c.data_type in ('character varying', 'text')"
                                + " and c.table_name not like 'flyway%'"
                                + " and c.table_name not in"
                                + " ('outbox_message', 'processed_event', 'consumer_offset')"
                                + " and coalesce(c.collation_name, '') <> 'C'");
        List<Object> sessionPartitions =
                rows(
                        "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
                                + " join pg_class p on p.oid = i.inhparent"
                                + " where p.relname = 'view_session'");

        assertThat(notBytewise).as("text columns compared by a locale's rules").isEmpty();
        assertThat(sessionPartitions)
                .as("the partition made at run time is among those checked")
                .contains("view_session_p" + aDayAhead.toString().replace("-", ""));
    }

    @Test
    void onlyEnterpriseSessionsAreIndexedByTenant() {
        List<Object> definition =
                rows(
                        "select indexdef from pg_indexes where schemaname = current_schema()"
                                + " and indexname = 'view_session_member_time'");

        assertThat(definition).hasSize(1);
        assertThat((String) definition.get(0))
                .contains("(tenant_id, started_at)")
                .contains("WHERE ((stream_type)::text = 'ENTERPRISE'::text)");
    }

    @Test
    void firstJoinsAreIndexedByTheirKeyAlone() {
        assertThat(
                        rows(
                                "select indexname from pg_indexes where schemaname ="
                                        + " current_schema() and tablename = 'stream_viewer'"))
                .containsExactly("stream_viewer_pkey");
    }

    private List<Object> rows(String sql) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            @SuppressWarnings("unchecked")
                            List<Object> found =
                                    entityManager.createNativeQuery(sql).getResultList();
                            return found;
                        });
    }
}
