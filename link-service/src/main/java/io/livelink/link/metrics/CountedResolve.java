package io.livelink.link.metrics;

import io.livelink.events.StreamType;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that resolves a link of the given stream type: its outcome is counted in {@link
 * ResolveMetrics} (a return is a resolve, a problem is a refusal with its reason), outside the
 * method's transaction, so a resolve whose commit fails counts as failed.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CountedResolve {

    @Nonbinding
    StreamType value();
}
