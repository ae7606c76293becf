package io.livelink.link.view;

import io.livelink.events.Device;
import java.util.List;
import java.util.Locale;

/** Tells the viewer's device class from the User-Agent, as the reports split views by it. */
final class Devices {

    /** Checked first: TV browsers and players often also say "Android" or "Mobile". */
    private static final List<String> TV =
            List.of(
                    "smart-tv",
                    "smarttv",
                    "appletv",
                    "apple tv",
                    "android tv",
                    "googletv",
                    "hbbtv",
                    "crkey",
                    "web0s",
                    "bravia");

    /** WeChat and WeCom on Windows and macOS say MicroMessenger too, but they are desktops. */
    private static final List<String> DESKTOP_WECHAT = List.of("windowswechat", "macwechat");

    private static final List<String> MOBILE =
            List.of("mobile", "android", "iphone", "ipad", "micromessenger");

    private Devices() {}

    static Device fromUserAgent(String userAgent) {
        if (userAgent == null) {
            return Device.PC;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (containsAny(ua, TV)) {
            return Device.TV;
        }
        if (containsAny(ua, DESKTOP_WECHAT)) {
            return Device.PC;
        }
        if (containsAny(ua, MOBILE)) {
            return Device.MOBILE;
        }
        return Device.PC;
    }

    private static boolean containsAny(String ua, List<String> tokens) {
        for (String token : tokens) {
            if (ua.contains(token)) {
                return true;
            }
        }
        return false;
    }
}
