package io.livelink.analytics.rollup.second;

import io.livelink.analytics.export.CsvTableWriter;
import io.livelink.analytics.export.ExportFormat;
import io.livelink.analytics.export.ScrollingQuery;
import io.livelink.analytics.export.TableWriter;
import io.livelink.analytics.export.XlsxTableWriter;
import io.livelink.analytics.query.RangeQuery;
import io.livelink.analytics.rollup.RollupSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

/** MINI_PROGRAM exports (CSV, XLSX): the seconds, and the viewers' behaviour records. */
@ApplicationScoped
public class SecondsExport {

    static final String[] SECONDS_HEADER = {
        "second", "concurrent_viewers", "joins", "leaves", "new_unique_viewers", "revision"
    };
    static final String[] VIEWERS_HEADER = {
        "viewer_id",
        "session_id",
        "channel",
        "device",
        "playback",
        "joined_at",
        "left_at",
        "last_seen_at",
        "seconds_watched"
    };

    private final ScrollingQuery query;
    private final RollupSettings rollups;

    public SecondsExport(ScrollingQuery query, RollupSettings rollups) {
        this.query = query;
        this.rollups = rollups;
    }

    StreamingOutput seconds(String streamId, RangeQuery<Instant> range, ExportFormat format) {
        return out -> {
            try (TableWriter table = writer(out, format, "Seconds", SECONDS_HEADER)) {
                query.forEach(
                        StreamSecondsResource.SECONDS_SQL,
                        parameters(streamId, range),
                        r -> {
                            StreamSecondsResource.Second s = StreamSecondsResource.second(r);
                            table.row(
                                    s.second().toString(),
                                    s.concurrentViewers(),
                                    s.joins(),
                                    s.leaves(),
                                    s.newUniqueViewers(),
                                    s.revision());
                        });
            }
        };
    }

    StreamingOutput viewers(String streamId, RangeQuery<Instant> range, ExportFormat format) {
        return out -> {
            try (TableWriter table = writer(out, format, "Viewers", VIEWERS_HEADER)) {
                query.forEach(
                        StreamSecondsResource.VIEWERS_SQL,
                        StreamSecondsResource.viewersParameters(streamId, range, rollups),
                        r -> {
                            StreamSecondsResource.ViewerSession v =
                                    StreamSecondsResource.viewerSession(r);
                            table.row(
                                    v.viewerId(),
                                    v.sessionId(),
                                    v.channel(),
                                    v.device(),
                                    v.playback(),
                                    v.joinedAt().toString(),
                                    v.leftAt() == null ? null : v.leftAt().toString(),
                                    v.lastSeenAt().toString(),
                                    v.secondsWatched());
                        });
            }
        };
    }

    private static Map<String, Object> parameters(String streamId, RangeQuery<Instant> range) {
        return Map.of("stream", streamId, "from", range.from(), "to", range.to());
    }

    private static TableWriter writer(
            OutputStream out, ExportFormat format, String sheet, String[] header)
            throws IOException {
        return switch (format) {
            case CSV -> new CsvTableWriter(out, header);
            case XLSX -> new XlsxTableWriter(out, sheet, header);
            default -> throw new IllegalArgumentException(format.name());
        };
    }
}
