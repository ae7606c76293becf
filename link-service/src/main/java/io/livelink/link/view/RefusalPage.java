package io.livelink.link.view;

import io.livelink.commons.problem.Problem;
import io.livelink.commons.problem.RefusalProblems;
import io.livelink.commons.refusal.DomainRefusal;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What a browser shows when a link is refused: a small page with the problem's title and detail,
 * the same status as the problem, and the machine-readable reason in {@code data-reason}.
 */
final class RefusalPage {

    private RefusalPage() {}

    static Response of(DomainRefusal refusal) {
        Problem problem = RefusalProblems.problemOf(refusal);
        String html =
                """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$s</title></head>
                <body data-reason="%2$s"><h1>%1$s</h1><p>%3$s</p></body>
                </html>
                """
                        .formatted(
                                Html.escape(problem.title()),
                                Html.escape(problem.reason()),
                                Html.escape(problem.detail()));
        return Response.status(problem.status())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .entity(html)
                .build();
    }
}
