package io.livelink.testsupport.media;

import java.util.List;

/** ffmpeg as an encoder: its generated test pattern, published over RTMP. */
public final class Ffmpeg {

    private Ffmpeg() {}

    /**
     * Publishes {@code seconds} of the test pattern in real time (an encoder's pace) to {@code
     * rtmpUrl}; with {@code tone}, a 440 Hz sine as AAC audio too.
     */
    public static List<String> publishTestPattern(
            String rtmpUrl, int seconds, String size, int keyFrameEvery, boolean tone) {
        List<String> video =
                List.of("-re", "-f", "lavfi", "-i", "testsrc=size=" + size + ":rate=25");
        List<String> audio =
                tone
                        ? List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100")
                        : List.of();
        List<String> encode =
                List.of(
                        "-t",
                        Integer.toString(seconds),
                        "-c:v",
                        "libx264",
                        "-preset",
                        "ultrafast",
                        "-tune",
                        "zerolatency",
                        "-g",
                        Integer.toString(keyFrameEvery));
        List<String> audioCodec = tone ? List.of("-c:a", "aac") : List.of();
        return concat(
                List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning"),
                video,
                audio,
                encode,
                audioCodec,
                List.of("-f", "flv", rtmpUrl));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return java.util.Arrays.stream(parts).flatMap(List::stream).toList();
    }
}
