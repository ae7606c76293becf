package io.livelink.commons.input;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a raw path or query value must look like for the types LiveLink's resources declare, said
 * the way a problem tells a client ("must be a whole number"). An empty value is left to the
 * resource (it means "not given" for the optional parameters that take it).
 */
final class ParameterTypes {

    private static final Set<Class<?>> WHOLE_NUMBERS =
            Set.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class);

    private ParameterTypes() {}

    static boolean checked(Class<?> type) {
        return WHOLE_NUMBERS.contains(type)
                || type == boolean.class
                || type == Boolean.class
                || type == Instant.class
                || type == LocalDate.class
                || type == Duration.class
                || type == UUID.class
                || type.isEnum();
    }

    /** What {@code value} must be to convert to {@code type}, or null when it converts. */
    static String violation(Class<?> type, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            if (WHOLE_NUMBERS.contains(type)) {
                if (type == int.class || type == Integer.class) {
                    Integer.parseInt(value);
                } else if (type == short.class || type == Short.class) {
                    Short.parseShort(value);
                } else {
                    Long.parseLong(value);
                }
            } else if (type == boolean.class || type == Boolean.class) {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    return "must be true or false";
                }
            } else if (type == Instant.class) {
                Instant.parse(value);
            } else if (type == LocalDate.class) {
                LocalDate.parse(value);
            } else if (type == Duration.class) {
                Duration.parse(value);
            } else if (type == UUID.class) {
                UUID.fromString(value);
            } else if (type.isEnum()) {
                return enumViolation(type, value);
            }
            return null;
        } catch (NumberFormatException e) {
            return "must be a whole number";
        } catch (DateTimeParseException e) {
            return mustBeTime(type);
        } catch (IllegalArgumentException e) {
            return "must be a UUID";
        }
    }

    private static String mustBeTime(Class<?> type) {
        if (type == Instant.class) {
            return "must be an ISO-8601 instant, such as 2026-01-10T10:00:00Z";
        }
        if (type == LocalDate.class) {
            return "must be a date, such as 2026-01-10";
        }
        return "must be an ISO-8601 duration, such as P30D";
    }

    private static String enumViolation(Class<?> type, String value) {
        Object[] constants = type.getEnumConstants();
        for (Object constant : constants) {
            if (((Enum<?>) constant).name().equals(value)) {
                return null;
            }
        }
        return "must be one of "
                + Arrays.stream(constants)
                        .map(c -> ((Enum<?>) c).name())
                        .collect(Collectors.joining(", "));
    }
}
