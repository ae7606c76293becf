package io.livelink.commons.problem;

/**
 * A refusal the domain expects (not found, forbidden, conflict …); mapped to its problem body
 * without a stack trace in the log.
 */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(
                Problem.of(
                        404,
                        "not-found",
                        what + " not found",
                        what + " " + id + " does not exist"));
    }

    public static ProblemException forbidden(String reason, String detail) {
        return new ProblemException(Problem.of(403, reason, "Forbidden", detail));
    }

    public static ProblemException conflict(String reason, String detail) {
        return new ProblemException(Problem.of(409, reason, "Conflict", detail));
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(
                Problem.invalid(
                        field + ": " + message,
                        java.util.List.of(new Problem.FieldError(field, message))));
    }
}
