package io.livelink.analytics.rollup.minute;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.livelink.analytics.export.ScrollingQuery;
import io.livelink.analytics.query.RangeQuery;
import io.livelink.analytics.rollup.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * H5 exports: the minutes with their channel breakdown as JSON (written with Jackson's streaming
 * {@link JsonGenerator} while the rows scroll by) and as a PDF report with a viewers-over-time
 * chart and the per-minute table (PDFBox; the document's streams are cached in a temp file, not in
 * memory, and the rows are read in passes over a scrolling query, never collected).
 */
@ApplicationScoped
public class MinutesExport {

    /** Every minute of :stream in [:from, :to), its total (channel '') before its channels. */
    static final String ROWS_SQL =
            "select "
                    + Rows.millis("minute")
                    + ", channel, views, unique_viewers, watch_seconds, peak_concurrent, revision"
                    + " from stream_minute where stream_id = :stream and minute >= :from and"
                    + " minute < :to order by minute, channel";

    /** Minutes, their maxima and sums over the range: the chart's scale and the summary. */
    static final String SUMMARY_SQL =
            "select count(*), coalesce(max(peak_concurrent), 0), coalesce(max(unique_viewers),"
                    + " 0), "
                    + Rows.millis("min(minute)")
                    + ", "
                    + Rows.millis("max(minute)")
                    + ", coalesce(sum(views), 0), coalesce(sum(watch_seconds), 0) from"
                    + " stream_minute where stream_id = :stream and channel = '' and minute >="
                    + " :from and minute < :to";

    public static final String PDF_TITLE = "Viewers over time";

    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final ScrollingQuery query;

    public MinutesExport(ScrollingQuery query) {
        this.query = query;
    }

    StreamingOutput json(String streamId, RangeQuery<Instant> range) {
        return out -> {
            try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                json.writeStartObject();
                json.writeStringField("streamId", streamId);
                json.writeStringField("from", range.from().toString());
                json.writeStringField("to", range.to().toString());
                json.writeArrayFieldStart("minutes");
                Instant[] current = {null};
                query.forEach(
                        ROWS_SQL,
                        parameters(streamId, range),
                        r -> {
                            Instant minute = Rows.instant(r[0]);
                            String channel = (String) r[1];
                            if (!minute.equals(current[0])) {
                                if (current[0] != null) {
                                    json.writeEndArray();
                                    json.writeEndObject();
                                }
                                current[0] = minute;
                                json.writeStartObject();
                                json.writeStringField("minute", minute.toString());
                                if (channel.isEmpty()) {
                                    figures(json, r);
                                    json.writeNumberField("revision", Rows.count(r[6]));
                                }
                                json.writeArrayFieldStart("channels");
                            }
                            if (!channel.isEmpty()) {
                                json.writeStartObject();
                                json.writeStringField("channel", channel);
                                figures(json, r);
                                json.writeEndObject();
                            }
                        });
                if (current[0] != null) {
                    json.writeEndArray();
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
        };
    }

    private static void figures(JsonGenerator json, Object[] r) throws IOException {
        json.writeNumberField("views", Rows.count(r[2]));
        json.writeNumberField("uniqueViewers", Rows.count(r[3]));
        json.writeNumberField("watchSeconds", Rows.count(r[4]));
        json.writeNumberField("peakConcurrent", Rows.count(r[5]));
    }

    StreamingOutput pdf(String streamId, RangeQuery<Instant> range) {
        return out -> {
            Object[][] summary = {null};
            query.forEach(SUMMARY_SQL, parameters(streamId, range), r -> summary[0] = r);
            try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
                new PdfReport(document, streamId, range, summary[0]).write();
                document.save(out);
            }
        };
    }

    private static Map<String, Object> parameters(String streamId, RangeQuery<Instant> range) {
        return Map.of("stream", streamId, "from", range.from(), "to", range.to());
    }

    /** The PDF: page 1 title, summary and chart; then the table, as many pages as it takes. */
    private final class PdfReport {

        private static final float MARGIN = 50;
        private static final float TABLE_LEADING = 12;

        private final PDDocument document;
        private final String streamId;
        private final RangeQuery<Instant> range;
        private final long minutes;
        private final long maxViewers;
        private final Instant first;
        private final Instant last;
        private final long views;
        private final long watchSeconds;
        private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDFont mono = new PDType1Font(Standard14Fonts.FontName.COURIER);

        PdfReport(PDDocument document, String streamId, RangeQuery<Instant> range, Object[] s) {
            this.document = document;
            this.streamId = streamId;
            this.range = range;
            this.minutes = Rows.count(s[0]);
            this.maxViewers = Math.max(Rows.count(s[1]), Rows.count(s[2]));
            this.first = Rows.instant(s[3]);
            this.last = Rows.instant(s[4]);
            this.views = Rows.count(s[5]);
            this.watchSeconds = Rows.count(s[6]);
        }

        void write() throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            float top = page.getMediaBox().getHeight() - MARGIN;
            try (PDPageContentStream cs = new PDPageContentStream(document, page)) {
                text(cs, bold, 18, MARGIN, top, PDF_TITLE);
                text(
                        cs,
                        regular,
                        10,
                        MARGIN,
                        top - 20,
                        "H5 stream "
                                + streamId
                                + ", "
                                + MINUTE.format(range.from())
                                + " to "
                                + MINUTE.format(range.to())
                                + " UTC");
                text(
                        cs,
                        regular,
                        10,
                        MARGIN,
                        top - 36,
                        "Minutes: "
                                + minutes
                                + "   Views: "
                                + views
                                + "   Watch seconds: "
                                + watchSeconds
                                + "   Most viewers in a minute: "
                                + maxViewers);
                if (minutes > 0) {
                    chart(cs, MARGIN, top - 320, page.getMediaBox().getWidth() - 2 * MARGIN, 240);
                } else {
                    text(cs, regular, 10, MARGIN, top - 60, "No minutes in this range.");
                }
            }
            if (minutes > 0) {
                table();
            }
        }

        /** Peak concurrent (blue) and unique viewers (orange) per minute, one pass per line. */
        private void chart(PDPageContentStream cs, float x, float y, float width, float height)
                throws IOException {
            long yMax = Math.max(1, maxViewers);
            cs.setStrokingColor(0f, 0f, 0f);
            cs.setLineWidth(0.8f);
            cs.moveTo(x, y + height);
            cs.lineTo(x, y);
            cs.lineTo(x + width, y);
            cs.stroke();
            text(cs, regular, 8, x - 30, y - 3, "0");
            text(cs, regular, 8, x - 30, y + height - 3, String.valueOf(yMax));
            text(cs, regular, 8, x, y - 14, MINUTE.format(first));
            text(cs, regular, 8, x + width - 60, y - 14, MINUTE.format(last));
            text(cs, regular, 8, x, y + height + 8, "viewers");
            line(cs, 5, x, y, width, height, yMax, 0.12f, 0.35f, 0.75f);
            line(cs, 3, x, y, width, height, yMax, 0.95f, 0.5f, 0.1f);
            cs.setStrokingColor(0.12f, 0.35f, 0.75f);
            legend(cs, x, y - 34, "peak concurrent viewers");
            cs.setStrokingColor(0.95f, 0.5f, 0.1f);
            legend(cs, x + 180, y - 34, "unique viewers");
        }

        private void legend(PDPageContentStream cs, float x, float y, String label)
                throws IOException {
            cs.setLineWidth(2f);
            cs.moveTo(x, y + 3);
            cs.lineTo(x + 20, y + 3);
            cs.stroke();
            text(cs, regular, 8, x + 25, y, label);
        }

        private void line(
                PDPageContentStream cs,
                int column,
                float x,
                float y,
                float width,
                float height,
                long yMax,
                float red,
                float green,
                float blue)
                throws IOException {
            cs.setStrokingColor(red, green, blue);
            cs.setLineWidth(1.2f);
            long span = Math.max(1, last.toEpochMilli() - first.toEpochMilli());
            boolean[] started = {false};
            query.forEach(
                    ROWS_SQL,
                    parameters(streamId, range),
                    r -> {
                        if (!((String) r[1]).isEmpty()) {
                            return;
                        }
                        long t = Rows.instant(r[0]).toEpochMilli() - first.toEpochMilli();
                        float px = first.equals(last) ? x + width / 2 : x + width * t / span;
                        float py = y + height * Rows.count(r[column]) / yMax;
                        if (started[0]) {
                            cs.lineTo(px, py);
                        } else {
                            cs.moveTo(px, py);
                            started[0] = true;
                        }
                    });
            if (first.equals(last)) {
                cs.setLineWidth(3f);
            }
            cs.stroke();
        }

        /** The minutes and their channels, a line each, continued on new pages as needed. */
        private void table() throws IOException {
            PDPageContentStream[] cs = {null};
            float[] y = {0};
            try {
                query.forEach(
                        ROWS_SQL,
                        parameters(streamId, range),
                        r -> {
                            if (cs[0] == null || y[0] < MARGIN) {
                                if (cs[0] != null) {
                                    cs[0].close();
                                }
                                PDPage page = new PDPage(PDRectangle.A4);
                                document.addPage(page);
                                cs[0] = new PDPageContentStream(document, page);
                                y[0] = page.getMediaBox().getHeight() - MARGIN;
                                text(
                                        cs[0],
                                        bold,
                                        9,
                                        MARGIN,
                                        y[0],
                                        String.format(
                                                "%-18s %9s %9s %12s %9s",
                                                "Minute (UTC)",
                                                "Views",
                                                "Unique",
                                                "Watch s",
                                                "Peak"));
                                y[0] -= TABLE_LEADING * 1.5f;
                            }
                            String channel = (String) r[1];
                            String label =
                                    channel.isEmpty()
                                            ? MINUTE.format(Rows.instant(r[0]))
                                            : "  " + truncate(channel, 16);
                            text(
                                    cs[0],
                                    mono,
                                    9,
                                    MARGIN,
                                    y[0],
                                    String.format(
                                            "%-18s %9d %9d %12d %9d",
                                            label,
                                            Rows.count(r[2]),
                                            Rows.count(r[3]),
                                            Rows.count(r[4]),
                                            Rows.count(r[5])));
                            y[0] -= TABLE_LEADING;
                        });
            } finally {
                if (cs[0] != null) {
                    cs[0].close();
                }
            }
        }

        private static String truncate(String s, int max) {
            return s.length() <= max ? s : s.substring(0, max - 1) + "~";
        }

        private static void text(
                PDPageContentStream cs, PDFont font, float size, float x, float y, String text)
                throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, y);
            cs.showText(printable(text));
            cs.endText();
        }

        /** The standard fonts encode WinAnsi only; anything else (e.g. CJK) shows as '?'. */
        private static String printable(String text) {
            StringBuilder b = new StringBuilder(text.length());
            text.codePoints().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
            return b.toString();
        }
    }
}
