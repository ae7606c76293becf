package io.livelink.analytics.export;

import io.livelink.commons.refusal.InvalidInput;
import io.livelink.events.StreamType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The export formats of SPEC §1, and which stream type each belongs to. */
public enum ExportFormat {
    CSV(StreamType.MINI_PROGRAM, "text/csv; charset=UTF-8", "csv"),
    XLSX(
            StreamType.MINI_PROGRAM,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx"),
    JSON(StreamType.H5, "application/json", "json"),
    PDF(StreamType.H5, "application/pdf", "pdf"),
    ENCRYPTED_XLSX(
            StreamType.ENTERPRISE,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx");

    public final StreamType streamType;
    public final String mediaType;
    public final String extension;

    ExportFormat(StreamType streamType, String mediaType, String extension) {
        this.streamType = streamType;
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /**
     * The requested format of a stream of the given type; a missing or unknown format, or one that
     * belongs to another stream type, is a problem naming {@code format}.
     */
    public static ExportFormat of(String raw, StreamType type) {
        Set<ExportFormat> allowed = EnumSet.noneOf(ExportFormat.class);
        for (ExportFormat f : values()) {
            if (f.streamType == type && f != ENCRYPTED_XLSX) {
                allowed.add(f);
            }
        }
        String names =
                allowed.stream()
                        .map(f -> f.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "));
        if (raw == null || raw.isBlank()) {
            throw new InvalidInput("format", "is required (" + names + ")");
        }
        ExportFormat format;
        try {
            format = valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("format", "must be one of " + names);
        }
        if (!allowed.contains(format)) {
            throw new InvalidInput(
                    "format",
                    raw
                            + " is not an export of a "
                            + type
                            + " stream; use one of "
                            + (names.isEmpty() ? "none" : names));
        }
        return format;
    }
}
