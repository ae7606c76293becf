package io.livelink.commons.sql;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The SQLSTATE a failure carries, however it was wrapped (Hibernate, JTA, a driver's or a library's
 * own exceptions): the first {@link SQLException} in its cause chain whose state the caller asks
 * for.
 */
public final class SqlStates {

    /** unique_violation: a key that is there already. */
    public static final String UNIQUE_VIOLATION = "23505";

    /** character_not_in_repertoire: text PostgreSQL does not store, e.g. a NUL. */
    public static final String UNSTORABLE_TEXT = "22021";

    private SqlStates() {}

    /** The first SQL failure in the chain whose state matches, if any. */
    public static Optional<SQLException> find(Throwable failure, Predicate<String> state) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && state.test(sql.getSQLState())) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /** Whether the chain holds a SQL failure of exactly this state. */
    public static boolean has(Throwable failure, String state) {
        return find(failure, state::equals).isPresent();
    }
}
