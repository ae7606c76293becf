package io.livelink.link.view;

import io.livelink.commons.problem.Problem;
import io.livelink.commons.problem.ProblemException;

/** The refusals of the view path, the same wherever a link or a session is checked. */
final class ViewRefusals {

    private ViewRefusals() {}

    static ProblemException unknownLink() {
        return new ProblemException(
                Problem.of(404, "unknown-link", "Unknown link", "no such link"));
    }

    static ProblemException tampered(String what) {
        return new ProblemException(
                Problem.of(
                        403,
                        "tampered",
                        what + " not valid",
                        "the "
                                + what.toLowerCase(java.util.Locale.ROOT)
                                + " was altered or not issued by LiveLink"));
    }

    static ProblemException gone(String reason, String title, String detail) {
        return new ProblemException(Problem.of(410, reason, title, detail));
    }

    static ProblemException gone(RevocationState.Refusal refusal) {
        return gone(
                refusal.reason(),
                refusal.reason().equals("revoked") ? "Link revoked" : "No longer a member",
                refusal.detail());
    }
}
