package io.livelink.link.view;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Answers a view on the event loop when everything it reads is in memory (links, streams and
 * members in {@link ResolveTargets}, revocations in {@link RevocationState}), which is every view
 * of a link in use: no hop to a worker thread and back, the response written where it is
 * serialised. Work that finds it needs the database ({@link #requireWorkerThread()}) is started
 * again on a worker thread, once, from the beginning: it has done nothing by then but read memory,
 * and it publishes its event only at the end.
 */
@ApplicationScoped
public class EventLoopFirst {

    /** Thrown on the event loop by a read that would query the database; never escapes a run. */
    public static final class NeedsWorkerThread extends RuntimeException {
        private static final NeedsWorkerThread INSTANCE = new NeedsWorkerThread();

        private NeedsWorkerThread() {
            // Control flow, thrown on every cache miss: no stack trace to fill, one instance.
            super("needs a worker thread", null, false, false);
        }
    }

    private final Vertx vertx;

    public EventLoopFirst(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Runs {@code work} here; if it needs the database and this is an event loop, on a worker
     * thread with a request context of its own (what a query needs outside a transaction).
     */
    public <T> CompletionStage<T> run(Supplier<CompletionStage<T>> work) {
        try {
            return work.get();
        } catch (NeedsWorkerThread onTheEventLoop) {
            return vertx.<CompletionStage<T>>executeBlocking(() -> inRequestContext(work), false)
                    .toCompletionStage()
                    .thenCompose(stage -> stage);
        }
    }

    /** Called before a database read: on an event loop, hands the work to {@link #run}'s worker. */
    public static void requireWorkerThread() {
        if (Context.isOnEventLoopThread()) {
            throw NeedsWorkerThread.INSTANCE;
        }
    }

    private static <T> CompletionStage<T> inRequestContext(Supplier<CompletionStage<T>> work) {
        ManagedContext requestContext = Arc.container().requestContext();
        if (requestContext.isActive()) {
            return work.get();
        }
        requestContext.activate();
        try {
            return work.get();
        } finally {
            requestContext.terminate();
        }
    }
}
