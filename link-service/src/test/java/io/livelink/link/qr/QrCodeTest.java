package io.livelink.link.qr;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.livelink.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, scope = TestResourceScope.GLOBAL)
class QrCodeTest {

    @Test
    void theQrCodeDecodesToTheLink() throws Exception {
        String link = "http://127.0.0.1:8081/s/AbCdEfGhIj";
        byte[] png =
                given().queryParam("url", link)
                        .queryParam("size", 300)
                        .get("/qr.png")
                        .then()
                        .statusCode(200)
                        .contentType("image/png")
                        .extract()
                        .asByteArray();

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(300);
        String decoded =
                new MultiFormatReader()
                        .decode(
                                new BinaryBitmap(
                                        new HybridBinarizer(
                                                new BufferedImageLuminanceSource(image))))
                        .getText();
        assertThat(decoded).isEqualTo(link);
    }

    @Test
    void onlyThisLiveLinksLinksAreRendered() {
        given().queryParam("url", "https://evil.example.com/phish")
                .get("/qr.png")
                .then()
                .statusCode(400)
                .body("errors[0].field", is("url"));
        given().queryParam("url", "http://127.0.0.1:8081/s/x")
                .queryParam("size", 5000)
                .get("/qr.png")
                .then()
                .statusCode(400);
    }
}
