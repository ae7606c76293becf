package io.livelink.link.metrics;

import io.livelink.commons.problem.ProblemException;
import io.livelink.events.StreamType;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

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
        try {
            Object answer = invocation.proceed();
            metrics.resolved(binding.value());
            return answer;
        } catch (ProblemException refused) {
            metrics.refused(binding.value(), refused.problem().reason());
            throw refused;
        } catch (RuntimeException e) {
            metrics.failed(binding.value());
            throw e;
        }
    }
}
