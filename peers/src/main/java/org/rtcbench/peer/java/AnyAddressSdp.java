package org.rtcbench.peer.java;

import java.util.ArrayList;
import java.util.List;

/**
 * libwebrtc (webrtc-java 0.14.0) never gathers loopback candidates: the factory's network_ignore_mask
 * (ADAPTER_TYPE_LOOPBACK by default) is not reachable from Java. With
 * PORTALLOCATOR_DISABLE_ADAPTER_ENUMERATION the allocator instead opens "any address" UDP ports
 * (sockets bound to 0.0.0.0 / ::) and advertises them with the host's default-route address. Such a
 * socket really receives on 127.0.0.1:port, and what it sends to 127.0.0.1 leaves with source
 * 127.0.0.1 over lo. So the peer rewrites its own IPv4 host candidates to 127.0.0.1 (same port) and
 * drops everything else; only then does the SDP leave the peer. The same socket receives on every
 * other local address too, so a peer that meets a server in a test network namespace (Janus)
 * advertises this host's address on that network instead of 127.0.0.1.
 */
final class AnyAddressSdp {
    private AnyAddressSdp() {
    }

    /** The SDP with every IPv4 UDP host candidate advertised at {@code address} (same port), IPv4 relay candidates as they are, and nothing else. */
    static String advertise(String sdp, String address) {
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        List<String> out = new ArrayList<>();
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("a=candidate:")) {
                String[] f = line.split(" ");
                // foundation component transport priority address port "typ" type ...
                if (f.length >= 8 && "relay".equals(f[7]) && !f[4].contains(":")) {
                    out.add(line); // a TURN relay's address: where the relay really is
                    continue;
                }
                if (f.length < 8 || !"udp".equalsIgnoreCase(f[2]) || !"host".equals(f[7]) || f[4].contains(":")) {
                    continue; // IPv6, TCP, non-host: dropped
                }
                f[4] = address;
                out.add(String.join(" ", f));
            } else if ((line.startsWith("c=IN IP4 ") || line.startsWith("c=IN IP6 "))
                    && !line.endsWith(" 0.0.0.0") && !line.endsWith(" ::")) {
                // the default candidate's address (first bundled m-section); "0.0.0.0" means none
                out.add("c=IN IP4 " + address);
            } else {
                out.add(line);
            }
        }
        return String.join(eol, out) + eol;
    }
}
