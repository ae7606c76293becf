package io.livelink.permission.request;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** Expires pending requests left past their own expiry, each in its own transaction. */
@ApplicationScoped
public class RequestExpiry {

    private final RequestService requests;
    private final Clock clock;

    public RequestExpiry(RequestService requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    @Scheduled(
            every = "${livelink.permission.expiry-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        expireDue();
    }

    /** Expires what is due now; returns how many it expired. */
    public int expireDue() {
        int expired = 0;
        for (String id : dueIds()) {
            if (requests.expireIfDue(id)) {
                expired++;
            }
        }
        return expired;
    }

    @Transactional
    List<String> dueIds() {
        return PermissionRequest.<PermissionRequest>find(
                        "status = ?1 and expiresAt <= ?2 order by expiresAt",
                        RequestStatus.PENDING,
                        clock.instant())
                .page(0, 500)
                .list()
                .stream()
                .map(r -> r.id)
                .toList();
    }
}
