package io.livelink.link.stream;

import io.livelink.events.StreamState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Moves streams on what the media server says about their encoder: a publish it let in makes a
 * SCHEDULED stream LIVE, and a LIVE stream whose encoder went away ends once the encoder stays away
 * longer than {@code livelink.streams.unpublish-grace}. The grace exists because encoders drop and
 * reconnect (network, OBS restarts), and ENDED is final: ending at the first disconnect would lock
 * a broadcaster out of their own stream. Each change is announced once; callers hold the stream's
 * row lock, so repeated or concurrent callbacks change nothing more.
 */
@ApplicationScoped
public class EncoderDrivenState {

    private final StreamService streams;
    private final EntityManager entityManager;
    private final Clock clock;
    private final Duration grace;

    public EncoderDrivenState(
            StreamService streams,
            EntityManager entityManager,
            Clock clock,
            StreamSettings settings) {
        this.streams = streams;
        this.entityManager = entityManager;
        this.clock = clock;
        this.grace = settings.unpublishGrace();
    }

    /** The encoder was let in: SCHEDULED → LIVE; a LIVE stream's reconnect cancels its ending. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishing(LiveStream stream) {
        stream.encoderLeftAt = null;
        if (stream.state == StreamState.SCHEDULED) {
            stream.state = StreamState.LIVE;
            streams.announce(stream, StreamState.SCHEDULED);
        }
    }

    /** The encoder went away: the grace starts, unless it already runs. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void encoderLeft(LiveStream stream) {
        if (stream.state == StreamState.LIVE && stream.encoderLeftAt == null) {
            stream.encoderLeftAt = clock.instant();
        }
    }

    /**
     * Ends LIVE streams whose encoder has been away longer than the grace. Rows are claimed with
     * SKIP LOCKED, so instances sweeping at once end each stream once.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public int endAbandonedStreams() {
        Instant cutoff = clock.instant().minus(grace);
        List<LiveStream> abandoned =
                entityManager
                        .createNativeQuery(
                                "select * from live_stream where encoder_left_at <= :cutoff"
                                        + " and state = 'LIVE' order by encoder_left_at limit 100"
                                        + " for update skip locked",
                                LiveStream.class)
                        .setParameter("cutoff", cutoff)
                        .getResultList();
        abandoned.forEach(this::end);
        return abandoned.size();
    }

    private void end(LiveStream stream) {
        stream.encoderLeftAt = null;
        stream.state = StreamState.ENDED;
        streams.announce(stream, StreamState.LIVE);
    }
}
