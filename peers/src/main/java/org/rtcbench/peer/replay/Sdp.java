package org.rtcbench.peer.replay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of a session description (RFC 8866, JSEP's RFC 8829 shapes) that a replay peer reads:
 * per media section its kind, mid, direction, codecs, SSRCs, and the ICE and DTLS parameters,
 * whether written per section (browsers) or once for the session (some servers).
 */
final class Sdp {
    private Sdp() {
    }

    /** A codec of a media section: payload type, name as written (VP8, opus, ...), clock rate, fmtp and rtcp-fb lines. */
    record Codec(int payloadType, String name, int clockRate, int channels, String fmtp, List<String> feedback) {
        boolean is(String codec) {
            return name.equalsIgnoreCase(codec);
        }
    }

    /** A remote ICE candidate: only what connectivity checks need. */
    record Candidate(String foundation, int component, String transport, long priority, String address, int port, String type) {
    }

    /** One m= section. */
    record Media(String kind, int port, String proto, String mid, String direction, List<Codec> codecs, List<Long> ssrcs,
                 String iceUfrag, String icePwd, String fingerprint, String setup, List<Candidate> candidates,
                 Map<Integer, String> extensions, boolean bundleOnly) {
        /** Port 0 without {@code a=bundle-only} (Firefox's offers give bundled sections port 0 and that attribute). */
        boolean rejected() {
            return port == 0 && !bundleOnly;
        }

        /** Whether the remote end sends on this section. */
        boolean remoteSends() {
            return direction.equals("sendrecv") || direction.equals("sendonly");
        }

        /** Whether the remote end receives on this section. */
        boolean remoteReceives() {
            return direction.equals("sendrecv") || direction.equals("recvonly");
        }

        Codec codec(String name) {
            return codecs.stream().filter(c -> c.is(name)).findFirst().orElse(null);
        }
    }

    /** A parsed description: its sections in order, and the BUNDLE group's mids. */
    record Description(List<Media> media, List<String> bundle, boolean iceLite) {
        /** The first section that is not rejected: its ICE and DTLS parameters are the bundle's. */
        Media transport() {
            return media.stream().filter(m -> !m.rejected()).findFirst().orElse(null);
        }
    }

    static Description parse(String sdp) {
        List<Media> media = new ArrayList<>();
        List<String> bundle = List.of();
        boolean lite = false;
        String[] session = new String[4]; // ufrag, pwd, fingerprint, setup at session level
        Builder m = null;
        for (String raw : sdp.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("m=")) {
                if (m != null) {
                    media.add(m.build(session));
                }
                m = new Builder(line.substring(2).split(" "));
            } else if (line.startsWith("a=")) {
                String a = line.substring(2);
                String name = a.contains(":") ? a.substring(0, a.indexOf(':')) : a;
                String value = a.contains(":") ? a.substring(a.indexOf(':') + 1) : "";
                if (m == null) {
                    switch (name) {
                        case "group" -> {
                            if (value.startsWith("BUNDLE")) {
                                bundle = List.of(value.substring(6).trim().split("\\s+"));
                            }
                        }
                        case "ice-lite" -> lite = true;
                        case "ice-ufrag" -> session[0] = value;
                        case "ice-pwd" -> session[1] = value;
                        case "fingerprint" -> session[2] = value;
                        case "setup" -> session[3] = value;
                        default -> {
                        }
                    }
                } else {
                    m.attribute(name, value);
                }
            }
        }
        if (m != null) {
            media.add(m.build(session));
        }
        return new Description(List.copyOf(media), bundle, lite);
    }

    private static final class Builder {
        final String kind;
        final int port;
        final String proto;
        final List<Integer> formats = new ArrayList<>();
        String mid;
        String direction = "sendrecv";
        final Map<Integer, String[]> rtpmap = new LinkedHashMap<>();
        final Map<Integer, String> fmtp = new LinkedHashMap<>();
        final Map<Integer, List<String>> feedback = new LinkedHashMap<>();
        final List<Long> ssrcs = new ArrayList<>();
        String ufrag;
        String pwd;
        String fingerprint;
        String setup;
        final List<Candidate> candidates = new ArrayList<>();
        final Map<Integer, String> extensions = new LinkedHashMap<>();
        boolean bundleOnly;

        Builder(String[] m) {
            kind = m[0];
            port = Integer.parseInt(m[1]);
            proto = m.length > 2 ? m[2] : "";
            for (int i = 3; i < m.length; i++) {
                try {
                    formats.add(Integer.parseInt(m[i]));
                } catch (NumberFormatException e) {
                    // m=application ... webrtc-datachannel: no payload types
                }
            }
        }

        void attribute(String name, String value) {
            switch (name) {
                case "mid" -> mid = value;
                case "bundle-only" -> bundleOnly = true;
                case "sendrecv", "sendonly", "recvonly", "inactive" -> direction = name;
                case "rtpmap" -> {
                    String[] f = value.split(" ", 2);
                    rtpmap.put(Integer.parseInt(f[0]), f[1].split("/"));
                }
                case "fmtp" -> {
                    String[] f = value.split(" ", 2);
                    fmtp.put(Integer.parseInt(f[0]), f.length > 1 ? f[1] : "");
                }
                case "rtcp-fb" -> {
                    String[] f = value.split(" ", 2);
                    if (!f[0].equals("*") && f.length > 1) {
                        feedback.computeIfAbsent(Integer.parseInt(f[0]), k -> new ArrayList<>()).add(f[1]);
                    }
                }
                case "ssrc" -> {
                    long ssrc = Long.parseLong(value.split(" ", 2)[0]);
                    if (!ssrcs.contains(ssrc)) {
                        ssrcs.add(ssrc);
                    }
                }
                case "ice-ufrag" -> ufrag = value;
                case "ice-pwd" -> pwd = value;
                case "fingerprint" -> fingerprint = value;
                case "setup" -> setup = value;
                case "candidate" -> {
                    String[] f = value.split(" ");
                    if (f.length >= 8 && "typ".equals(f[6])) {
                        candidates.add(new Candidate(f[0], Integer.parseInt(f[1]), f[2].toLowerCase(Locale.ROOT),
                                Long.parseLong(f[3]), f[4], Integer.parseInt(f[5]), f[7]));
                    }
                }
                case "extmap" -> {
                    String[] f = value.split(" ");
                    extensions.put(Integer.parseInt(f[0].split("/")[0]), f[1]);
                }
                default -> {
                }
            }
        }

        Media build(String[] session) {
            List<Codec> codecs = new ArrayList<>();
            for (int pt : formats) {
                String[] map = rtpmap.get(pt);
                if (map != null) {
                    codecs.add(new Codec(pt, map[0], map.length > 1 ? Integer.parseInt(map[1]) : 0,
                            map.length > 2 ? Integer.parseInt(map[2]) : 1, fmtp.getOrDefault(pt, ""),
                            List.copyOf(feedback.getOrDefault(pt, List.of()))));
                }
            }
            return new Media(kind, port, proto, mid, direction, List.copyOf(codecs), List.copyOf(ssrcs),
                    ufrag != null ? ufrag : session[0], pwd != null ? pwd : session[1],
                    fingerprint != null ? fingerprint : session[2], setup != null ? setup : session[3],
                    List.copyOf(candidates), Map.copyOf(extensions), bundleOnly);
        }
    }
}
