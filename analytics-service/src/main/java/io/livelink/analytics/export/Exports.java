package io.livelink.analytics.export;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** The response of an export: its body is written as the rows are read, never buffered. */
public final class Exports {

    private Exports() {}

    public static Response attachment(String mediaType, String fileName, StreamingOutput body) {
        String safe = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(body, mediaType)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + safe + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    public static Response attachment(ExportFormat format, String baseName, StreamingOutput body) {
        return attachment(format.mediaType, baseName + "." + format.extension, body);
    }
}
