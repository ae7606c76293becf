package io.livelink.analytics.rollup.daily;

import io.livelink.analytics.export.ScrollingQuery;
import io.livelink.analytics.export.XlsxTableWriter;
import io.livelink.analytics.query.RangeQuery;
import io.livelink.commons.refusal.InvalidInput;
import io.livelink.events.MemberDailyRollup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.poifs.crypt.CipherAlgorithm;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.crypt.HashAlgorithm;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * ENTERPRISE export: the per-member days as an XLSX encrypted with a caller-supplied password
 * (ECMA-376 agile encryption, AES-256/SHA-512, what Excel itself writes).
 */
@ApplicationScoped
public class DailyExport {

    public static final String PASSWORD_HEADER = "X-Export-Password";
    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 255;

    static final String[] HEADER = {
        "day",
        "member_id",
        "time_zone",
        "live_seconds",
        "replay_seconds",
        "first_join_at",
        "last_leave_at",
        "sessions",
        "revision"
    };

    private final ScrollingQuery query;

    public DailyExport(ScrollingQuery query) {
        this.query = query;
    }

    /** A missing, short or overlong password is refused (the message never echoes it). */
    static void requireUsable(String password) {
        if (password == null || password.isEmpty()) {
            throw new InvalidInput(PASSWORD_HEADER, "is required");
        }
        if (password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw new InvalidInput(
                    PASSWORD_HEADER,
                    "must have "
                            + MIN_PASSWORD_LENGTH
                            + " to "
                            + MAX_PASSWORD_LENGTH
                            + " characters");
        }
    }

    StreamingOutput encryptedXlsx(String tenantId, RangeQuery<LocalDate> range, String password) {
        return out -> {
            // Encryption needs the whole workbook, which cannot be streamed to the client as it
            // is written: the rows go through SXSSF (a window of rows in memory) into a temp file,
            // which is then encrypted into the response (POI's agile encryptor stages the
            // encrypted package in a temp file of its own, not in memory). The plain temp file is
            // deleted in any case.
            Path plain = Files.createTempFile("livelink-daily-export", ".xlsx");
            try {
                try (OutputStream file = Files.newOutputStream(plain);
                        XlsxTableWriter table =
                                new XlsxTableWriter(file, "Members by day", HEADER)) {
                    Map<String, Object> parameters = new HashMap<>();
                    parameters.put("tenant", tenantId);
                    parameters.put("from", range.from());
                    parameters.put("to", range.to());
                    parameters.put("member", null);
                    query.forEach(
                            MemberDailyResource.DAILY_SQL,
                            parameters,
                            r -> {
                                MemberDailyRollup d = MemberDailyResource.row(tenantId, r);
                                table.row(
                                        d.day().toString(),
                                        d.memberId(),
                                        d.timeZone(),
                                        d.liveSeconds(),
                                        d.replaySeconds(),
                                        d.firstJoinAt().toString(),
                                        d.lastLeaveAt().toString(),
                                        d.sessions(),
                                        d.revision());
                            });
                }
                encrypt(plain, password, out);
            } finally {
                Files.deleteIfExists(plain);
            }
        };
    }

    private static void encrypt(Path plain, String password, OutputStream out) throws IOException {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            // Spelled out: POI's agile default is AES-128 keyed through SHA-1, not what the class
            // comment (and current Office) says.
            EncryptionInfo info =
                    new EncryptionInfo(
                            EncryptionMode.agile,
                            CipherAlgorithm.aes256,
                            HashAlgorithm.sha512,
                            -1,
                            -1,
                            null);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword(password);
            try (OutputStream encrypted = encryptor.getDataStream(fs)) {
                Files.copy(plain, encrypted);
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("could not encrypt the export", e);
            }
            fs.writeFilesystem(out);
        }
    }
}
