package io.livelink.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples, a few times a second, how long the oldest open transaction of a client backend has been
 * open and what it runs. A page's dead row versions can be pruned only once no open snapshot can
 * see them, so a long transaction leaves the heartbeats of every session without room on their
 * page: this says whether a slow run had one.
 */
final class OldestTransactionSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 250;

    private final Connection db;
    private final Thread thread;
    private final List<Double> ages = new ArrayList<>();
    private volatile boolean running = true;
    private double oldest;
    private String oldestQuery = "";

    OldestTransactionSampler(String jdbcUrl, String user, String password) throws SQLException {
        db = DriverManager.getConnection(jdbcUrl, user, password);
        thread = new Thread(this::sample, "oldest-transaction-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        try (Statement statement = db.createStatement()) {
            while (running) {
                try (ResultSet rs =
                        statement.executeQuery(
                                "select extract(epoch from now() - xact_start) as age,"
                                        + " left(regexp_replace(query, '\\s+', ' ', 'g'), 120) as"
                                        + " query from pg_stat_activity where backend_type ="
                                        + " 'client backend' and xact_start is not null and pid <>"
                                        + " pg_backend_pid() order by xact_start limit 1")) {
                    double age = rs.next() ? rs.getDouble("age") : 0;
                    synchronized (this) {
                        ages.add(age);
                        if (age > oldest) {
                            oldest = age;
                            oldestQuery = rs.getRow() > 0 ? rs.getString("query") : "";
                        }
                    }
                }
                Thread.sleep(INTERVAL_MILLIS);
            }
        } catch (SQLException e) {
            System.out.println("oldest-transaction sampler stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What it saw: ages, and the statement the oldest was running when it was seen. */
    synchronized String summary() {
        List<Double> sorted = new ArrayList<>(ages);
        sorted.sort(null);
        if (sorted.isEmpty()) {
            return "no sample";
        }
        return String.format(
                "%d samples, p50 %.2f s, p99 %.2f s, max %.2f s (then running: %s)",
                sorted.size(),
                Percentiles.nearestRank(sorted, 0.5),
                Percentiles.nearestRank(sorted, 0.99),
                oldest,
                oldestQuery);
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(2_000);
        db.close();
    }
}
