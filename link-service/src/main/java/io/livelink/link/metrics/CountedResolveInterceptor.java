package io.livelink.link.metrics;

import io.livelink.commons.refusal.DomainRefusal;
import io.livelink.events.StreamType;
import io.livelink.link.view.EventLoopFirst;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Counts the outcome of every {@link CountedResolve} method. (The binding's type here only
 * satisfies the annotation; the counted type is read from the intercepted method.)
 */
@CountedResolve(StreamType.H5)
@Interceptor
// Before @Transactional's interceptor (PLATFORM_BEFORE + 200), so the commit is inside the count.
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class CountedResolveInterceptor {

    private final ResolveMetrics metrics;

    public CountedResolveInterceptor(ResolveMetrics metrics) {
        this.metrics = metrics;
    }

    @AroundInvoke
    Object count(InvocationContext invocation) throws Exception {
        CountedResolve binding = invocation.getMethod().getAnnotation(CountedResolve.class);
        if (binding == null) {
            binding =
                    invocation.getMethod().getDeclaringClass().getAnnotation(CountedResolve.class);
        }
        StreamType type = binding.value();
        try {
            Object answer = invocation.proceed();
            if (answer instanceof CompletionStage<?> pending) {
                // Counted once the view is acknowledged (or committed to the outbox), or not.
                return pending.whenComplete((done, failure) -> count(type, failure));
            }
            metrics.resolved(type);
            return answer;
        } catch (EventLoopFirst.NeedsWorkerThread startedAgainOnAWorker) {
            // Not an outcome: the same resolve runs again on a worker thread and is counted there.
            throw startedAgainOnAWorker;
        } catch (RuntimeException e) {
            count(type, e);
            throw e;
        }
    }

    private void count(StreamType type, Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause == null) {
            metrics.resolved(type);
        } else if (cause instanceof DomainRefusal refused) {
            metrics.refused(type, refused.reason());
        } else {
            metrics.failed(type);
        }
    }
}
