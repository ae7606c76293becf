package io.livelink.link.view;

import io.livelink.commons.outbox.KafkaFirstPublisher;
import io.livelink.events.Playback;
import io.livelink.events.StreamState;
import io.livelink.events.ViewKind;
import io.livelink.link.cdn.PlayUrlSigner;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * A view session's life after resolve, decided from its signed token alone: a heartbeat of a
 * session that may still be watched is a HEARTBEAT event and answers a fresh play URL; a revoked
 * one (its link revoked, its member gone, its live stream ended, its time up) is refused with 410
 * and the reason, so the player stops. Leave is a LEAVE event. analytics-service ends the sessions
 * that stop beating and those that revocations end.
 */
@ApplicationScoped
public class ViewSessions {

    private final ViewSessionTokens tokens;
    private final RevocationState revocations;
    private final ResolveTargets targets;
    private final KafkaFirstPublisher events;
    private final PlayUrlSigner playUrls;
    private final ViewSettings settings;
    private final Clock clock;

    public ViewSessions(
            ViewSessionTokens tokens,
            RevocationState revocations,
            ResolveTargets targets,
            KafkaFirstPublisher events,
            PlayUrlSigner playUrls,
            ViewSettings settings,
            Clock clock) {
        this.tokens = tokens;
        this.revocations = revocations;
        this.targets = targets;
        this.events = events;
        this.playUrls = playUrls;
        this.settings = settings;
        this.clock = clock;
    }

    public CompletionStage<HeartbeatAnswer> heartbeat(String token) {
        Instant now = clock.instant();
        ViewSessionToken session = watchable(token, now);
        ResolveTargets.StreamTarget stream = streamOf(session);
        HeartbeatAnswer answer =
                new HeartbeatAnswer(
                        playUrls.playUrl(session.streamId(), now),
                        playUrls.expiresAt(now),
                        stream.state(),
                        settings.heartbeatInterval().toSeconds());
        return events.publish(session.event(ViewKind.HEARTBEAT, now)).thenApply(sent -> answer);
    }

    /** The viewer stopped watching; leaving twice sends a second LEAVE that changes nothing. */
    public CompletionStage<Void> leave(String token) {
        ViewSessionToken session = read(token);
        return events.publish(session.event(ViewKind.LEAVE, clock.instant()));
    }

    /** What resolve answers for a session it just opened. */
    ResolveAnswer answer(
            ViewSessionToken session, ResolveTargets.StreamTarget stream, Instant now) {
        return answer(session, tokens.issue(session), stream, now);
    }

    /** What the player-token exchange answers: the same session token, a fresh play URL. */
    ResolveAnswer answer(String token) {
        Instant now = clock.instant();
        ViewSessionToken session = watchable(token, now);
        return answer(session, token, streamOf(session), now);
    }

    private ResolveAnswer answer(
            ViewSessionToken session,
            String token,
            ResolveTargets.StreamTarget stream,
            Instant now) {
        return new ResolveAnswer(
                stream.id(),
                stream.type(),
                stream.title(),
                stream.description(),
                stream.coverUrl(),
                stream.scheduledAt(),
                stream.state(),
                session.playback(),
                playUrls.playUrl(stream.id(), now),
                playUrls.expiresAt(now),
                session.sessionId(),
                token,
                session.viewerId(),
                settings.heartbeatInterval().toSeconds());
    }

    /** The session of a token LiveLink signed; 403 {@code tampered} for anything else. */
    ViewSessionToken read(String token) {
        return tokens.read(token).orElseThrow(() -> ViewRefusals.tampered("View session"));
    }

    /**
     * The session, if it may still be watched now; else 410 with why: {@code revoked}, {@code
     * not-a-member}, {@code stream-ended} (a live session once the broadcast is over) or {@code
     * session-expired} (older than the longest a session may last).
     */
    ViewSessionToken watchable(String token, Instant now) {
        ViewSessionToken session = read(token);
        revocations
                .refusalOf(session)
                .ifPresent(
                        refusal -> {
                            throw ViewRefusals.gone(refusal);
                        });
        if (!now.isBefore(session.openedAt().plus(settings.maxSessionDuration()))) {
            throw ViewRefusals.gone(
                    "session-expired",
                    "View session expired",
                    "the view session is older than "
                            + settings.maxSessionDuration()
                            + "; open the link again");
        }
        if (session.playback() == Playback.LIVE && streamOf(session).state() == StreamState.ENDED) {
            throw ViewRefusals.gone(
                    "stream-ended", "Broadcast ended", "the live broadcast has ended");
        }
        return session;
    }

    private ResolveTargets.StreamTarget streamOf(ViewSessionToken session) {
        return targets.stream(session.streamId()).orElseThrow(ViewRefusals::unknownLink);
    }
}
