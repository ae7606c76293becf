package io.livelink.link.view;

import io.livelink.commons.problem.Problem;
import io.livelink.commons.problem.RefusalProblems;
import io.livelink.commons.refusal.DomainRefusal;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * What a browser shows when a link is refused: a small page saying why in the viewer's language
 * (zh-CN or English, from Accept-Language), the same status as the problem, and the
 * machine-readable reason in {@code data-reason}.
 */
final class RefusalPage {

    private RefusalPage() {}

    static Response of(DomainRefusal domainRefusal, List<Locale> acceptableLanguages) {
        Problem problem = RefusalProblems.problemOf(domainRefusal);
        String language = ViewerTexts.languageFor(acceptableLanguages);
        ViewerTexts.Refusal refusal = ViewerTexts.refusal(language, problem.reason());
        String html =
                """
                <!doctype html>
                <html lang="%1$s">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="no-referrer">
                <title>%2$s</title>
                <style>
                  body { font-family: system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif;
                         margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
                         background: #111; color: #eee; }
                  main { max-width: 28rem; padding: 2rem 1.5rem; text-align: center; }
                  h1 { font-size: 1.4rem; margin: 0 0 .75rem; }
                  p { line-height: 1.5; color: #ccc; }
                  small { color: #888; }
                </style></head>
                <body data-reason="%3$s" data-state="refused"><main>
                <h1 id="refusal-title">%2$s</h1>
                <p id="refusal-message">%4$s</p>
                <p><small>%5$s: %3$s</small></p>
                </main></body>
                </html>
                """
                        .formatted(
                                language,
                                Html.escape(refusal.title()),
                                Html.escape(problem.reason()),
                                Html.escape(refusal.message()),
                                Html.escape(ViewerTexts.text(language, "reasonCode")));
        return Response.status(problem.status())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT + ", " + HttpHeaders.ACCEPT_LANGUAGE)
                .header(HttpHeaders.CONTENT_LANGUAGE, language)
                .entity(html)
                .build();
    }
}
