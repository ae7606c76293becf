package io.livelink.platform;

/** The platform could not be brought up; the message says what and where to look. */
public class PlatformException extends RuntimeException {
    public PlatformException(String message) {
        super(message);
    }
}
