package io.livelink.analytics.rollup.minute;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.livelink.analytics.export.CjkFont;
import io.livelink.analytics.export.ScrollingQuery;
import io.livelink.analytics.query.KnownStreams;
import io.livelink.analytics.query.RangeQuery;
import io.livelink.analytics.rollup.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
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
    private final KnownStreams known;
    private final CjkFont fonts;

    public MinutesExport(ScrollingQuery query, KnownStreams known, CjkFont fonts) {
        this.query = query;
        this.known = known;
        this.fonts = fonts;
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

    /**
     * Called in the request's transaction (the stream's title is read then); the document is
     * written later, as the response streams. Text is set in the embedded CJK font, so Chinese
     * titles and channels print as themselves; without one (none installed) the standard fonts
     * print what they can and '?' for the rest.
     */
    StreamingOutput pdf(String streamId, RangeQuery<Instant> range) {
        String title = known.find(streamId).map(KnownStreams.KnownStream::title).orElse(null);
        Optional<Path> fontFile = fonts.file();
        return out -> {
            Object[][] summary = {null};
            query.forEach(SUMMARY_SQL, parameters(streamId, range), r -> summary[0] = r);
            try (PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
                    CjkFont.Embedded cjk =
                            fontFile.isPresent() ? fonts.embed(document, fontFile.get()) : null) {
                new PdfReport(document, streamId, title, range, summary[0], cjk).write();
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
        private final String title;
        private final RangeQuery<Instant> range;
        private final long minutes;
        private final long maxViewers;
        private final Instant first;
        private final Instant last;
        private final long views;
        private final long watchSeconds;
        private final PDFont bold;
        private final PDFont regular;

        PdfReport(
                PDDocument document,
                String streamId,
                String title,
                RangeQuery<Instant> range,
                Object[] s,
                CjkFont.Embedded cjk) {
            this.document = document;
            this.streamId = streamId;
            this.title = title;
            this.range = range;
            this.bold =
                    cjk != null
                            ? cjk.font()
                            : new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            this.regular =
                    cjk != null ? cjk.font() : new PDType1Font(Standard14Fonts.FontName.HELVETICA);
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
                if (title != null && !title.isBlank()) {
                    text(cs, bold, 13, MARGIN, top - 20, truncate(title, 60));
                    top -= 18;
                }
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
                                row(
                                        cs[0],
                                        bold,
                                        y[0],
                                        "Minute (UTC)",
                                        "Views",
                                        "Unique",
                                        "Watch s",
                                        "Peak");
                                y[0] -= TABLE_LEADING * 1.5f;
                            }
                            String channel = (String) r[1];
                            String label =
                                    channel.isEmpty()
                                            ? MINUTE.format(Rows.instant(r[0]))
                                            : "  " + truncate(channel, 16);
                            row(
                                    cs[0],
                                    regular,
                                    y[0],
                                    label,
                                    String.valueOf(Rows.count(r[2])),
                                    String.valueOf(Rows.count(r[3])),
                                    String.valueOf(Rows.count(r[4])),
                                    String.valueOf(Rows.count(r[5])));
                            y[0] -= TABLE_LEADING;
                        });
            } finally {
                if (cs[0] != null) {
                    cs[0].close();
                }
            }
        }

        /** Right edges of the figure columns; the label column starts at the margin. */
        private static final float[] FIGURE_COLUMNS = {260, 330, 420, 490};

        /** A table line: the label left-aligned, the figures right-aligned in their columns. */
        private void row(
                PDPageContentStream cs, PDFont font, float y, String label, String... figures)
                throws IOException {
            text(cs, font, 9, MARGIN, y, label);
            for (int i = 0; i < figures.length; i++) {
                String figure = printable(font, figures[i]);
                float width = font.getStringWidth(figure) / 1000 * 9;
                text(cs, font, 9, MARGIN + FIGURE_COLUMNS[i] - width, y, figure);
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
            cs.showText(printable(font, text));
            cs.endText();
        }

        /**
         * What the font can show: the embedded CJK font everything it has a glyph for, the standard
         * fonts (WinAnsi only) printable ASCII; anything else shows as '?'.
         */
        private static String printable(PDFont font, String text) {
            StringBuilder b = new StringBuilder(text.length());
            text.codePoints()
                    .forEach(
                            c -> {
                                String character = new String(Character.toChars(c));
                                b.append(
                                        c >= 0x20 && c != 0x7f && canShow(font, c, character)
                                                ? character
                                                : "?");
                            });
            return b.toString();
        }

        private static boolean canShow(PDFont font, int codePoint, String character) {
            if (!(font instanceof PDType0Font)) {
                return codePoint < 0x7f;
            }
            try {
                font.encode(character);
                return true;
            } catch (IOException | IllegalArgumentException noGlyph) {
                return false;
            }
        }
    }
}
