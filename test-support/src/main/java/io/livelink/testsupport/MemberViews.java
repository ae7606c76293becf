package io.livelink.testsupport;

import io.livelink.events.Device;
import io.livelink.events.Playback;
import io.livelink.events.StreamType;
import io.livelink.events.ViewEvent;
import io.livelink.events.ViewKind;
import io.livelink.events.ViewerIdKind;
import java.time.Instant;
import java.util.UUID;

/**
 * A member watching an ENTERPRISE stream, as link-service announces it: a JOIN and a LEAVE of one
 * view session through the member's own link (what the daily rollups and training attendance
 * count).
 */
public final class MemberViews {

    private MemberViews() {}

    /** Publishes one session of {@code member}: JOIN at {@code from}, LEAVE at {@code to}. */
    public static void session(
            EventsOnKafka kafka,
            String tenant,
            String streamId,
            String member,
            Playback playback,
            Device device,
            Instant from,
            Instant to) {
        String session = UUID.randomUUID().toString();
        for (ViewKind kind : new ViewKind[] {ViewKind.JOIN, ViewKind.LEAVE}) {
            kafka.publish(
                    new ViewEvent(
                            streamId,
                            tenant,
                            StreamType.ENTERPRISE,
                            "link-" + member,
                            member,
                            ViewerIdKind.MEMBER,
                            session,
                            kind,
                            playback,
                            device,
                            "wecom",
                            "wecom",
                            "im",
                            "training",
                            kind == ViewKind.JOIN ? from : to,
                            // Opened with its JOIN, as link-service says in every event of it.
                            from));
        }
    }
}
