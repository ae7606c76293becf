package io.livelink.link.resolve;

import io.livelink.events.Device;
import java.util.Locale;

/** Tells the viewer's device class from the User-Agent, as the reports split views by it. */
final class Devices {

    private Devices() {}

    static Device fromUserAgent(String userAgent) {
        if (userAgent == null) {
            return Device.PC;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.contains("smart-tv")
                || ua.contains("smarttv")
                || ua.contains("appletv")
                || ua.contains("android tv")
                || ua.contains("hbbtv")
                || ua.contains("crkey")) {
            return Device.TV;
        }
        if (ua.contains("mobile")
                || ua.contains("android")
                || ua.contains("iphone")
                || ua.contains("ipad")
                || ua.contains("micromessenger")) {
            return Device.MOBILE;
        }
        return Device.PC;
    }
}
