package io.livelink.analytics.query;

import io.livelink.commons.refusal.FieldError;
import io.livelink.commons.refusal.InvalidInput;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A validated time range with paging from query parameters; every offending field is named in one
 * RFC 7807 problem.
 */
public record RangeQuery<T extends Comparable<? super T>>(T from, T to, int page, int size) {

    public static final int MAX_PAGE_SIZE = 1000;

    /**
     * One page of a native query over one stream's rows in [from, to): the SQL binds {@code
     * :stream}, {@code :from} and {@code :to}, orders its rows, and leaves paging to this method.
     */
    public List<Object[]> pageOfStream(EntityManager entityManager, String sql, String streamId) {
        return page(entityManager, sql, Map.of("stream", streamId, "from", from, "to", to));
    }

    /** This page of the statement's rows, with its parameters bound. */
    @SuppressWarnings("unchecked")
    public List<Object[]> page(
            EntityManager entityManager, String sql, Map<String, Object> parameters) {
        Query query = entityManager.createNativeQuery(sql + " offset :offset limit :limit");
        parameters.forEach(query::setParameter);
        return query.setParameter("offset", offset()).setParameter("limit", size).getResultList();
    }

    public int offset() {
        return page * size;
    }

    public static RangeQuery<Instant> instants(
            String from, String to, Integer page, Integer size, Duration maxRange) {
        return parse(
                from,
                to,
                page,
                size,
                Instant::parse,
                "an ISO-8601 instant",
                (a, b) -> Duration.between(a, b).compareTo(maxRange) > 0,
                maxRange.toString());
    }

    public static RangeQuery<java.time.LocalDate> days(
            String from, String to, Integer page, Integer size, int maxDays) {
        return parse(
                from,
                to,
                page,
                size,
                java.time.LocalDate::parse,
                "a date (yyyy-MM-dd)",
                (a, b) -> java.time.temporal.ChronoUnit.DAYS.between(a, b) > maxDays,
                maxDays + " days");
    }

    private static <T extends Comparable<? super T>> RangeQuery<T> parse(
            String from,
            String to,
            Integer page,
            Integer size,
            Function<String, T> parser,
            String expected,
            java.util.function.BiPredicate<T, T> tooLong,
            String maxRange) {
        List<FieldError> errors = new ArrayList<>();
        T start = value("from", from, parser, expected, errors);
        T end = value("to", to, parser, expected, errors);
        if (start != null && end != null) {
            if (start.compareTo(end) > 0) {
                errors.add(new FieldError("from", "must not be after to"));
            } else if (tooLong.test(start, end)) {
                errors.add(new FieldError("to", "the range may span at most " + maxRange));
            }
        }
        int p = page == null ? 0 : page;
        int s = size == null ? 100 : size;
        if (p < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (s < 1 || s > MAX_PAGE_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!errors.isEmpty()) {
            throw InvalidInput.of(errors);
        }
        return new RangeQuery<>(start, end, p, s);
    }

    private static <T> T value(
            String field,
            String raw,
            Function<String, T> parser,
            String expected,
            List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be " + expected));
            return null;
        }
    }
}
