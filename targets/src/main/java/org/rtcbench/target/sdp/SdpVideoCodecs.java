package org.rtcbench.target.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads which video codecs an SDP's first video section accepts, to fail a codec mismatch at signaling time. */
public final class SdpVideoCodecs {
    private SdpVideoCodecs() {
    }

    /**
     * The codec names (upper case, e.g. VP8, H264, RTX) of the first {@code m=video} section, or an
     * empty list when there is none or it is rejected (port 0).
     */
    public static List<String> of(String sdp) {
        List<String> out = new ArrayList<>();
        boolean inVideo = false;
        boolean seenVideo = false;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (seenVideo) {
                    break;
                }
                inVideo = line.startsWith("m=video ");
                if (inVideo) {
                    seenVideo = true;
                    String[] f = line.split(" ");
                    if (f.length > 1 && "0".equals(f[1])) {
                        return List.of();
                    }
                }
            } else if (inVideo && line.startsWith("a=rtpmap:")) {
                String[] f = line.split(" ");
                if (f.length > 1) {
                    String name = f[1].split("/")[0].toUpperCase(Locale.ROOT);
                    if (!out.contains(name)) {
                        out.add(name);
                    }
                }
            }
        }
        return out;
    }
}
