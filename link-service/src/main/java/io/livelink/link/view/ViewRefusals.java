package io.livelink.link.view;

import io.livelink.commons.refusal.NotFound;
import io.livelink.commons.refusal.Refused;

/** The refusals of the view path, the same wherever a link or a session is checked. */
final class ViewRefusals {

    private ViewRefusals() {}

    static NotFound unknownLink() {
        return new NotFound("unknown-link", "Unknown link", "no such link");
    }

    static Refused tampered(String what) {
        return Refused.notAllowed(
                "tampered",
                what + " not valid",
                "the "
                        + what.toLowerCase(java.util.Locale.ROOT)
                        + " was altered or not issued by LiveLink");
    }

    static Refused gone(String reason, String title, String detail) {
        return Refused.noLongerValid(reason, title, detail);
    }

    static Refused gone(RevocationState.Refusal refusal) {
        return gone(
                refusal.reason(),
                refusal.reason().equals("revoked") ? "Link revoked" : "No longer a member",
                refusal.detail());
    }
}
