package org.rtcbench.target.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops {@code a=rtpmap}, {@code a=fmtp} and {@code a=rtcp-fb} lines whose payload type is not in
 * their m-line. Firefox 153 leaves such lines behind after {@code setCodecPreferences}, and
 * Chromium then refuses the whole offer ("Failed to parse codecs correctly"); the lines carry no
 * meaning, so the P2P room removes them while relaying.
 */
public final class OrphanPayloadLines {
    private static final List<String> PER_PAYLOAD = List.of("a=rtpmap:", "a=fmtp:", "a=rtcp-fb:");

    private OrphanPayloadLines() {
    }

    public static String drop(String sdp) {
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        List<String> out = new ArrayList<>();
        Set<String> formats = null;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                String[] f = line.split(" ");
                formats = new HashSet<>(Arrays.asList(f).subList(Math.min(3, f.length), f.length));
            } else if (formats != null && orphan(line, formats)) {
                continue;
            }
            out.add(line);
        }
        return String.join(eol, out) + eol;
    }

    private static boolean orphan(String line, Set<String> formats) {
        for (String prefix : PER_PAYLOAD) {
            if (line.startsWith(prefix)) {
                String pt = line.substring(prefix.length()).split("[ ]", 2)[0];
                return !"*".equals(pt) && !formats.contains(pt);
            }
        }
        return false;
    }
}
