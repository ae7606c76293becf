package io.livelink.analytics.export;

import io.livelink.analytics.training.TrainingSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The CJK TrueType font PDFs embed (a subset of it), so Chinese names, titles and channels print as
 * themselves: the configured one ({@code LIVELINK_TRAINING_CERTIFICATE_FONT}), or a usual Debian
 * location (fonts-wqy-microhei, which the analytics image carries). PDFBox's standard 14 fonts
 * encode WinAnsi only and print CJK as '?'.
 */
@ApplicationScoped
public class CjkFont {

    static final List<String> SYSTEM_FONTS =
            List.of(
                    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
                    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc");

    private final TrainingSettings settings;

    public CjkFont(TrainingSettings settings) {
        this.settings = settings;
    }

    /** The font file to embed, if there is one. */
    public Optional<Path> file() {
        return Stream.concat(settings.certificateFont().stream(), SYSTEM_FONTS.stream())
                .map(Path::of)
                .filter(Files::isReadable)
                .findFirst();
    }

    /**
     * The font embedded in {@code document}; close it after the document is saved (a .ttc
     * collection is read while saving).
     */
    public Embedded embed(PDDocument document, Path file) throws IOException {
        if (!file.toString().endsWith(".ttc")) {
            return new Embedded(PDType0Font.load(document, file.toFile()), null);
        }
        TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
        try {
            return new Embedded(
                    PDType0Font.load(document, firstFont(collection), true), collection);
        } catch (IOException | RuntimeException e) {
            collection.close();
            throw e;
        }
    }

    /** An embedded font and the collection it came from, open until the document is saved. */
    public record Embedded(PDFont font, TrueTypeCollection collection) implements Closeable {
        @Override
        public void close() throws IOException {
            if (collection != null) {
                collection.close();
            }
        }
    }

    private static TrueTypeFont firstFont(TrueTypeCollection collection) throws IOException {
        AtomicReference<TrueTypeFont> first = new AtomicReference<>();
        collection.processAllFonts(
                font -> {
                    if (first.get() == null) {
                        first.set(font);
                    }
                });
        if (first.get() == null) {
            throw new IOException("the font collection holds no font");
        }
        return first.get();
    }
}
