package io.livelink.commons.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livelink.commons.refusal.InvalidInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class SpreadsheetRowsTest {

    private static final SpreadsheetRows.Layout LAYOUT =
            new SpreadsheetRows.Layout(List.of("name", "phone"), Map.of("姓名", "name"), 3);

    @Test
    void readsRowsByCanonicalColumnWithTheirLinesInTheFile() {
        List<SpreadsheetRows.Row> rows =
                csv("\uFEFF姓名, Phone ,note\n张三,13812345678,\n\n\"李\n四\",13812345679,x\n王五,,\n");
        assertThat(rows).extracting(SpreadsheetRows.Row::line).containsExactly(2, 4, 6);
        assertThat(rows.get(0).get("name")).isEqualTo("张三");
        assertThat(rows.get(0).get("note")).isNull();
        assertThat(rows.get(1).get("name")).isEqualTo("李\n四");
        assertThat(rows.get(2).get("phone")).isNull();
        assertThat(rows).allMatch(SpreadsheetRows.Row::usable);
    }

    @Test
    void anUnclosedQuoteEndsTheFileAsOneUnusableRowAfterTheGoodOnes() {
        List<SpreadsheetRows.Row> rows =
                csv("name,phone\n张三,13812345678\n\"李四,13812345679\n王五,13812345670\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).usable()).isTrue();
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).usable()).isFalse();
        assertThat(rows.get(1).problem().field()).isEqualTo("row");
        assertThat(rows.get(1).problem().message()).contains("never closed");
    }

    @Test
    void aCellWithANulMakesItsRowUnusableNamingTheColumnAsSpelled() {
        List<SpreadsheetRows.Row> rows = csv("姓名,phone\n张\u0000三,1\n李四,2\n");
        assertThat(rows.get(0).problem().field()).isEqualTo("姓名");
        assertThat(rows.get(0).problem().message()).contains("NUL");
        assertThat(rows.get(1).usable()).isTrue();
    }

    @Test
    void aCsvThatIsNotUtf8IsRefusedWhole() {
        byte[] gbk = "姓名,phone\n张三,1\n".getBytes(Charset.forName("GBK"));
        assertThatThrownBy(() -> SpreadsheetRows.read(new ByteArrayInputStream(gbk), false, LAYOUT))
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).fieldErrors().get(0).message())
                .asString()
                .contains("UTF-8");
    }

    @Test
    void missingColumnsAndTooManyRowsAreRefusedOnTheFile() {
        assertThatThrownBy(() -> csv("name,mobile\nx,1\n"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("no 'phone' column");
        assertThatThrownBy(() -> csv("name,phone\na,1\nb,2\nc,3\nd,4\n"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("more than 3 rows");
    }

    @Test
    void xlsxRowsComeWithTheirSheetLinesAndEmptyRowsAreSkipped() throws IOException {
        byte[] file;
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("姓名");
            sheet.getRow(0).createCell(1).setCellValue("phone");
            sheet.createRow(1).createCell(0).setCellValue("张三");
            // Row 3 left empty: skipped, and the next row keeps its own line number.
            sheet.createRow(3).createCell(0).setCellValue("李四");
            workbook.write(out);
            file = out.toByteArray();
        }
        List<SpreadsheetRows.Row> rows =
                SpreadsheetRows.read(new ByteArrayInputStream(file), true, LAYOUT);
        assertThat(rows).extracting(SpreadsheetRows.Row::line).containsExactly(2, 4);
        assertThat(rows).allMatch(SpreadsheetRows.Row::usable);
        assertThat(rows.get(1).get("name")).isEqualTo("李四");
    }

    private static List<SpreadsheetRows.Row> csv(String text) {
        return SpreadsheetRows.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), false, LAYOUT);
    }
}
