package io.livelink.link.view;

import io.livelink.events.StreamType;
import io.livelink.events.ViewerIdKind;

/** How viewers are identified follows from the stream type (SPEC §1). */
public final class ViewerIds {

    private ViewerIds() {}

    public static ViewerIdKind kindFor(StreamType type) {
        return switch (type) {
            case MINI_PROGRAM -> ViewerIdKind.OPENID;
            case H5 -> ViewerIdKind.CLOUD_UID;
            case ENTERPRISE -> ViewerIdKind.MEMBER;
        };
    }
}
