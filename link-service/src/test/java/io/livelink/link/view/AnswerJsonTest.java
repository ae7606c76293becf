package io.livelink.link.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.livelink.events.Playback;
import io.livelink.events.StreamState;
import io.livelink.events.StreamType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answers' own writers write what the mapper writes for the records, to the byte. */
class AnswerJsonTest {

    /** As Quarkus configures its mapper: ISO-8601 instants, nulls written. */
    private final ObjectMapper mapper =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .build();

    /** The same mapper, blind to @JsonSerialize: the record's plain bean serialisation. */
    private final ObjectMapper plain =
            mapper.copy().configure(MapperFeature.USE_ANNOTATIONS, false);

    private static final Instant T = Instant.parse("2026-11-30T08:00:00.123456789Z");

    @Test
    void everyAnswerIsTheRecordsJsonAsTheMapperWritesIt() throws Exception {
        List<ResolveAnswer> answers =
                List.of(
                        answer("s1", "Launch", "the \"new\" line\nof 产品 \u2028 </script>", T),
                        answer("s1", "Launch", "the \"new\" line\nof 产品 \u2028 </script>", T),
                        // The same stream renamed, then rescheduled: its part is written anew.
                        answer("s1", "Launch, again", "d", T),
                        answer("s1", "Launch, again", "d", null),
                        answer("s2", null, null, null),
                        answer("s1", "Launch, again", "d", null));
        for (ResolveAnswer answer : answers) {
            assertThat(mapper.writeValueAsString(answer))
                    .isEqualTo(plain.writeValueAsString(answer));
        }
        assertThat(mapper.writeValueAsString(answers.get(2))).contains("\"Launch, again\"");
    }

    @Test
    void aHeartbeatAnswerIsTheRecordsJsonAsTheMapperWritesIt() throws Exception {
        for (HeartbeatAnswer answer :
                List.of(
                        new HeartbeatAnswer(
                                "http://127.0.0.1:8080/live/s1.m3u8?exp=1&kid=k1&sig=a-b_c",
                                Instant.parse("2026-11-30T08:05:00Z"),
                                StreamState.LIVE,
                                15),
                        new HeartbeatAnswer("u\"\u00e9", T, StreamState.ENDED, 0),
                        new HeartbeatAnswer(null, null, null, -1))) {
            assertThat(mapper.writeValueAsString(answer))
                    .isEqualTo(plain.writeValueAsString(answer));
        }
    }

    private static ResolveAnswer answer(
            String streamId, String title, String description, Instant scheduledAt) {
        return new ResolveAnswer(
                streamId,
                StreamType.H5,
                title,
                description,
                title == null ? null : "https://cdn.example.com/c.png?a=1&b=2",
                scheduledAt,
                StreamState.LIVE,
                Playback.LIVE,
                "http://127.0.0.1:8080/live/" + streamId + ".m3u8?exp=1&kid=k1&sig=x",
                T.plusSeconds(300),
                "v-" + streamId,
                "v2.payload.k1.sig",
                "uid-é",
                15);
    }
}
