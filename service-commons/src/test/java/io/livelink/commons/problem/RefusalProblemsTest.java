package io.livelink.commons.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.livelink.commons.refusal.Conflict;
import io.livelink.commons.refusal.FieldError;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.refusal.Refused;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each kind of domain refusal becomes the problem body the API has always answered with: the status
 * its kind decides, and the refusal's own reason, title, detail and field errors.
 */
class RefusalProblemsTest {

    @Test
    void aMissingThingIsA404NamingWhatAndWhich() {
        Problem problem = RefusalProblems.problemOf(new NotFound("stream", "s-1"));

        assertThat(problem)
                .isEqualTo(
                        new Problem(
                                "https://livelink.io/problems/not-found",
                                "stream not found",
                                404,
                                "stream s-1 does not exist",
                                null,
                                "not-found",
                                List.of()));
    }

    @Test
    void aNotFoundWithItsOwnReasonKeepsIt() {
        Problem problem =
                RefusalProblems.problemOf(
                        new NotFound("unknown-link", "Unknown link", "no such link"));

        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.type()).isEqualTo("https://livelink.io/problems/unknown-link");
        assertThat(problem.title()).isEqualTo("Unknown link");
    }

    @Test
    void aClashWithTheCurrentStateIsA409Conflict() {
        Problem problem =
                RefusalProblems.problemOf(
                        new Conflict("tenant-exists", "tenant t-1 exists already"));

        assertThat(problem)
                .isEqualTo(
                        new Problem(
                                "https://livelink.io/problems/tenant-exists",
                                "Conflict",
                                409,
                                "tenant t-1 exists already",
                                null,
                                "tenant-exists",
                                List.of()));
    }

    @Test
    void aClashOnOneFieldNamesTheField() {
        Problem problem =
                RefusalProblems.problemOf(
                        Conflict.onField(
                                "student-exists",
                                "Student already in the class",
                                "idNumber",
                                "belongs to a student already in this class"));

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.title()).isEqualTo("Student already in the class");
        assertThat(problem.detail())
                .isEqualTo("idNumber belongs to a student already in this class");
        assertThat(problem.errors())
                .containsExactly(
                        new FieldError("idNumber", "belongs to a student already in this class"));
    }

    @Test
    void invalidInputIsA400NamingEachField() {
        Problem one = RefusalProblems.problemOf(new InvalidInput("validFor", "must be positive"));
        Problem several =
                RefusalProblems.problemOf(
                        InvalidInput.of(
                                List.of(
                                        new FieldError("page", "must be 0 or more"),
                                        new FieldError("size", "must be between 1 and 1000"))));

        assertThat(one)
                .isEqualTo(
                        new Problem(
                                "https://livelink.io/problems/invalid-request",
                                "The request is not valid",
                                400,
                                "validFor: must be positive",
                                null,
                                "invalid-request",
                                List.of(new FieldError("validFor", "must be positive"))));
        assertThat(several.detail())
                .isEqualTo("page: must be 0 or more; size: must be between 1 and 1000");
        assertThat(several.errors()).extracting(FieldError::field).containsExactly("page", "size");
    }

    @Test
    void whatTheCallerMayNotDoIsA403Forbidden() {
        Problem problem =
                RefusalProblems.problemOf(
                        Refused.notAllowed(
                                "live-service-disabled",
                                "the live service is not enabled for tenant t-1"));

        assertThat(problem)
                .isEqualTo(
                        new Problem(
                                "https://livelink.io/problems/live-service-disabled",
                                "Forbidden",
                                403,
                                "the live service is not enabled for tenant t-1",
                                null,
                                "live-service-disabled",
                                List.of()));
        assertThat(
                        RefusalProblems.problemOf(
                                        Refused.notAllowed(
                                                "tampered",
                                                "Link not valid",
                                                "the link was altered"))
                                .title())
                .isEqualTo("Link not valid");
    }

    @Test
    void whatIsNoLongerValidIsA410Gone() {
        Problem problem =
                RefusalProblems.problemOf(
                        Refused.noLongerValid("expired", "Link expired", "the link has expired"));

        assertThat(problem.status()).isEqualTo(410);
        assertThat(problem.reason()).isEqualTo("expired");
        assertThat(problem.title()).isEqualTo("Link expired");
        assertThat(problem.detail()).isEqualTo("the link has expired");
    }

    @Test
    void contentADomainRuleRejectsIsA422NamingTheField() {
        Problem problem =
                RefusalProblems.problemOf(
                        Refused.unacceptable(
                                "banned-phrase",
                                "Content refused by review",
                                "title",
                                "contains the banned phrase 'x'"));

        assertThat(problem)
                .isEqualTo(
                        new Problem(
                                "https://livelink.io/problems/banned-phrase",
                                "Content refused by review",
                                422,
                                "title contains the banned phrase 'x'",
                                null,
                                "banned-phrase",
                                List.of(
                                        new FieldError(
                                                "title", "contains the banned phrase 'x'"))));
    }

    @Test
    void whatCannotBeDoneRightNowIsA503() {
        Problem problem =
                RefusalProblems.problemOf(
                        Refused.unavailable("events-unavailable", "Try again", "nothing recorded"));

        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.reason()).isEqualTo("events-unavailable");
        assertThat(problem.title()).isEqualTo("Try again");
        assertThat(problem.detail()).isEqualTo("nothing recorded");
        assertThat(problem.errors()).isEmpty();
    }

    @Test
    void aRefusalCarriesNoStackTrace() {
        assertThat(new NotFound("stream", "s-1").getStackTrace()).isEmpty();
    }
}
