package org.rtcbench.target;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.rtcbench.core.BadInputException;

/**
 * The address this host sends from towards a server: what a Java peer must advertise (it binds
 * any-address ports and cannot gather candidates itself). A connected UDP socket asks the kernel's
 * routing table; no packet is sent.
 */
public final class RouteAddress {
    private RouteAddress() {
    }

    /**
     * This host's address on the route to {@code url}'s host.
     *
     * @param server how the one-line error names the server, e.g. "Janus" or "the WHIP endpoint"
     * @throws BadInputException when there is no route to it
     */
    public static String towards(String url, String server) {
        String host = URI.create(url).getHost();
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(InetAddress.getByName(host), 9));
            InetAddress address = probe.getLocalAddress();
            if (address == null || address.isAnyLocalAddress()) {
                throw new BadInputException("no route from this host to " + server + " at " + url + "; check the address");
            }
            return address.getHostAddress();
        } catch (IOException e) {
            throw new BadInputException("cannot reach " + server + " at " + url + ": no route to " + host + " (" + e.getMessage() + ")");
        }
    }
}
