package io.livelink.link.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.link.issue.LinkSettings;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Renders a LiveLink link as a QR code for posters (朋友圈海报). */
@Path("/qr.png")
@Tag(name = "Links")
@PermitAll
public class QrCodeResource {

    private final LinkSettings settings;

    public QrCodeResource(LinkSettings settings) {
        this.settings = settings;
    }

    @GET
    @Produces("image/png")
    @Operation(
            summary = "A QR code of a link",
            description = "Only links of this LiveLink (under its public base URL) are rendered.")
    public Response render(
            @QueryParam("url") String url,
            @QueryParam("size") @DefaultValue("320") @Min(64) @Max(2048) int size) {
        if (url == null || !url.startsWith(settings.publicBaseUrl() + "/") || url.length() > 2000) {
            throw new InvalidInput(
                    "url",
                    "must be a link issued by this LiveLink (" + settings.publicBaseUrl() + "/…)");
        }
        try {
            BitMatrix matrix =
                    new QRCodeWriter()
                            .encode(
                                    url,
                                    BarcodeFormat.QR_CODE,
                                    size,
                                    size,
                                    Map.of(
                                            EncodeHintType.ERROR_CORRECTION,
                                            ErrorCorrectionLevel.M,
                                            EncodeHintType.MARGIN,
                                            2));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return Response.ok(png.toByteArray())
                    .header("Cache-Control", "public, max-age=86400")
                    .build();
        } catch (WriterException e) {
            throw new InvalidInput("url", "cannot be encoded as a QR code: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
