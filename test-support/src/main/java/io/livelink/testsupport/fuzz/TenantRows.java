package io.livelink.testsupport.fuzz;

import io.livelink.testsupport.InfrastructureEndpoints;
import io.livelink.testsupport.RealInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many rows each table of a service's schema holds for one tenant: taken before and after a run
 * of refused requests, the two must be equal (nothing written). Background jobs never write rows
 * for a tenant only the test knows, so the count is not disturbed by them.
 */
public final class TenantRows {

    private TenantRows() {}

    public static Map<String, Long> of(String schema, String tenantId) {
        InfrastructureEndpoints db = RealInfrastructure.shared();
        try (Connection connection =
                DriverManager.getConnection(db.jdbcUrl(), db.dbUser(), db.dbPassword())) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement statement =
                    connection.prepareStatement(
                            "select c.table_name from information_schema.columns c join"
                                    + " information_schema.tables t on t.table_schema ="
                                    + " c.table_schema and t.table_name = c.table_name where"
                                    + " c.table_schema = ? and c.column_name = 'tenant_id' and"
                                    + " t.table_type = 'BASE TABLE' order by 1")) {
                statement.setString(1, schema);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
            }
            Map<String, Long> counts = new TreeMap<>();
            for (String table : tables) {
                try (PreparedStatement statement =
                        connection.prepareStatement(
                                "select count(*) from \""
                                        + schema
                                        + "\".\""
                                        + table
                                        + "\" where tenant_id = ?")) {
                    statement.setString(1, tenantId);
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        counts.put(table, rows.getLong(1));
                    }
                }
            }
            if (counts.isEmpty()) {
                throw new IllegalStateException("schema " + schema + " has no tenant_id column");
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("could not count " + schema + "'s rows", e);
        }
    }
}
