package io.livelink.commons.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlStatesTest {

    @Test
    void findsTheStateHoweverDeepItIsWrapped() {
        SQLException unique = new SQLException("duplicate key", SqlStates.UNIQUE_VIOLATION);
        Throwable stateless = new IllegalStateException("batch failed", new SQLException("none"));
        Throwable chain = new IllegalStateException("outer", new RuntimeException("mid", unique));

        assertThat(SqlStates.has(chain, SqlStates.UNIQUE_VIOLATION)).isTrue();
        assertThat(SqlStates.has(chain, SqlStates.UNSTORABLE_TEXT)).isFalse();
        assertThat(SqlStates.find(chain, state -> state.startsWith("23"))).contains(unique);
        // A SQL failure without a state is passed over, not mistaken for a match.
        assertThat(SqlStates.find(stateless, state -> true)).isEmpty();
        assertThat(SqlStates.has(new RuntimeException("no SQL at all"), "23505")).isFalse();
    }
}
