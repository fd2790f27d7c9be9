package org.rtcbench.core.netns;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rtcbench.core.BadInputException;

/**
 * A network namespace joined to this host by a veth pair on a small private subnet, where a server
 * such as Janus runs so that its ICE candidates name an address this host reaches without loopback
 * (libnice never gathers loopback) and without any outside interface. Inside there is no default
 * route: only the veth subnet is reachable. {@link #close()} deletes the veth pair and the namespace.
 */
public final class NamespaceHost implements AutoCloseable {
    /** Subnets are /30s carved from 10.213.0.0/16: one address for the host end, one for the namespace end. */
    static final int BASE = (10 << 24) | (213 << 16);
    static final int SUBNETS = 1 << 14;
    private static final int PREFIX = 30;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NamespaceHost.class);
    /** Our namespaces' names: {@code rtcb-<pid of the rtcbench JVM that made it>-<n>}. */
    private static final Pattern OURS = Pattern.compile("rtcb-(\\d{1,10})-(\\d+)");
    private static final long IP_TIMEOUT_S = 10;
    /** iproute2's {@code ip}: from PATH, else where distributions put it (/usr/sbin is not on every user's PATH). */
    private static final String IP = locateIp();

    private final String name;
    private final String hostInterface;
    private final String hostAddress;
    private final String nsAddress;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Deletes the namespace and its veth when this JVM ends without closing it (SIGKILL, a crash); null until set up. */
    private volatile Process guard;

    private NamespaceHost(String name, String hostInterface, String hostAddress, String nsAddress) {
        this.name = name;
        this.hostInterface = hostInterface;
        this.hostAddress = hostAddress;
        this.nsAddress = nsAddress;
    }

    /**
     * Creates a namespace {@code rtcb-<pid>-<n>} and its veth pair on a /30 that no interface of this
     * host uses yet, so several test networks (of this and other processes) coexist.
     *
     * @throws BadInputException without the permission to create namespaces (root or CAP_NET_ADMIN)
     */
    public static NamespaceHost create() {
        if (SWEPT.compareAndSet(false, true)) {
            sweepStale().forEach(LOG::warn);
        }
        long pid = ProcessHandle.current().pid();
        int n = COUNTER.incrementAndGet();
        String name = "rtcb-" + pid + "-" + n;
        // Interface names are at most 15 characters; the pid keeps them apart from other processes' networks.
        String hostIf = "rb" + pid + "h" + n;
        String nsIf = "rb" + pid + "n" + n;
        try {
            ip("netns", "add", name);
        } catch (IpFailure e) {
            throw e.denied() ? noPermission(e) : new BadInputException("cannot create network namespace " + name + ": " + e.getMessage());
        }
        int start = (int) ((pid * 31 + n * 7L) % SUBNETS);
        try {
            ip("link", "add", hostIf, "type", "veth", "peer", "name", nsIf, "netns", name);
            for (int attempt = 0; ; attempt++) {
                int subnet = freeSubnet(addressesInUse(), start + attempt * 13);
                String host = dotted(BASE + subnet * 4 + 1);
                String ns = dotted(BASE + subnet * 4 + 2);
                ip("addr", "add", host + "/" + PREFIX, "dev", hostIf);
                // Another process may have picked the same /30 at the same moment: then try the next one.
                if (overlapping(addressesInUse(), host, hostIf) && attempt < 5) {
                    ip("addr", "del", host + "/" + PREFIX, "dev", hostIf);
                    continue;
                }
                ip("link", "set", hostIf, "up");
                ip("-n", name, "addr", "add", ns + "/" + PREFIX, "dev", nsIf);
                ip("-n", name, "link", "set", nsIf, "up");
                ip("-n", name, "link", "set", "lo", "up");
                NamespaceHost made = new NamespaceHost(name, hostIf, host, ns);
                made.guard = guard(name, hostIf);
                return made;
            }
        } catch (RuntimeException e) {
            new NamespaceHost(name, hostIf, null, null).close();
            if (e instanceof IpFailure f) {
                throw f.denied() ? noPermission(f) : new BadInputException("cannot set up test network " + name + ": " + f.getMessage());
            }
            throw e;
        }
    }

    private static BadInputException noPermission(IpFailure e) {
        return new BadInputException("a local Janus needs a network namespace, which needs root or CAP_NET_ADMIN ("
                + e.getMessage() + "); run as root, or pass --url to an existing Janus");
    }

    /**
     * Deletes the test networks that a JVM which has ended without closing them left behind (it
     * crashed, or was killed with SIGKILL): namespaces named {@code rtcb-<pid>-<n>} whose pid no
     * longer runs and that hold no process. Their veth pairs go with them. A namespace with processes
     * still inside (a Janus whose rtcbench crashed) is not touched: the returned lines say which,
     * with what to do. Called once per JVM before its first network is made.
     *
     * @return one line per stale namespace that could not be deleted
     */
    public static List<String> sweepStale() {
        List<String> left = new ArrayList<>();
        String list;
        try {
            list = ip("netns", "list");
        } catch (IpFailure | BadInputException e) {
            return left; // no ip, or no namespaces here: create() says what is wrong
        }
        for (String line : list.split("\n")) {
            String name = line.trim().split("\\s+")[0];
            Matcher m = OURS.matcher(name);
            if (!m.matches() || ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            try {
                String pids = ip("netns", "pids", name).trim();
                if (!pids.isEmpty()) {
                    left.add("test network " + name + " of an rtcbench (pid " + m.group(1) + ") that has ended still holds processes "
                            + pids.replace('\n', ' ') + "; end them, then `ip netns del " + name + "`");
                    continue;
                }
                ip("netns", "del", name);
            } catch (IpFailure e) {
                left.add("cannot delete stale test network " + name + ": " + e.getMessage());
            }
        }
        return left;
    }

    /** The namespace's name, for {@code ip netns exec}. */
    public String name() {
        return name;
    }

    /** The veth end in the host's own namespace, e.g. {@code rb1234h1}. */
    public String hostInterface() {
        return hostInterface;
    }

    /** This host's address on the test network: what peers outside the namespace advertise. */
    public String hostAddress() {
        return hostAddress;
    }

    /** The address inside the namespace, where its servers listen. */
    public String nsAddress() {
        return nsAddress;
    }

    /**
     * A process builder that runs {@code command} inside the namespace. {@code ip netns exec} execs
     * the program, so the started process's PID is the program's own.
     */
    public ProcessBuilder inside(List<String> command) {
        List<String> full = new ArrayList<>(List.of(IP, "netns", "exec", name));
        full.addAll(command);
        return new ProcessBuilder(full);
    }

    /**
     * A process that waits for the end of its standard input, a pipe from this JVM that the kernel
     * closes when the JVM is gone however it ends, then (after the processes inside have had a moment
     * to be ended by their own watchers) deletes the namespace and the veth pair. On a normal
     * {@link #close()} it is ended by PID. So no test network outlives its rtcbench, also after SIGKILL.
     */
    private static Process guard(String name, String hostIf) {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "read -r _; sleep 3; " + IP + " netns del " + name + " 2>/dev/null; "
                + IP + " link del " + hostIf + " 2>/dev/null; exit 0", "rtcbench-netns-guard-" + name)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            return org.rtcbench.core.process.OwnedProcesses.startHeld(org.rtcbench.core.process.OwnedProcesses.mark(pb,
                    java.nio.file.Path.of("/run/netns", name)));
        } catch (java.io.IOException e) {
            LOG.warn("no guard for test network {}: it stays after a SIGKILL until the next rtcbench sweeps it", name, e);
            return null;
        }
    }

    /**
     * Routes replies to this host's own IPv4 addresses (each a /32, never a default route) back over
     * the veth pair: a browser gathers from sockets bound to every local address, and a server in the
     * namespace (a TURN server) must be able to answer the one bound to, say, the outside interface's
     * address. Packets still never leave this machine: each route names one of its own addresses.
     */
    public List<String> routeBackToHostAddresses() {
        List<String> routed = new ArrayList<>();
        for (String line : ip("-o", "-4", "addr", "show").split("\n")) {
            // "2: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0"
            String[] f = line.trim().split("\\s+");
            for (int i = 0; i + 1 < f.length; i++) {
                if (!"inet".equals(f[i])) {
                    continue;
                }
                String address = f[i + 1].split("/")[0];
                if (address.startsWith("127.") || f[1].equals(hostInterface) || (parse(address) & mask(16)) == BASE) {
                    continue; // loopback, our own veth, or a test network
                }
                try {
                    ip("-n", name, "route", "add", address + "/32", "via", hostAddress);
                    routed.add(address);
                } catch (IpFailure e) {
                    LOG.info("no route back to {} from {}: {}", address, name, e.getMessage());
                }
            }
        }
        return routed;
    }

    /**
     * Deletes the veth pair and the namespace; safe to call twice. Processes still running inside
     * keep the namespace alive, so end them first.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            ip("link", "del", hostInterface);
        } catch (IpFailure e) {
            // never created, or already gone with the namespace
        }
        try {
            ip("netns", "del", name);
        } catch (IpFailure e) {
            // already gone
        }
        Process g = guard;
        if (g != null) {
            g.destroy();
        }
    }

    // ---------------------------------------------------------------- subnet choice

    /** A /30 address range in use on this host: its network address and prefix length. */
    record Cidr(int network, int prefix, String device) {
        static Cidr parse(String cidr, String device) {
            String[] f = cidr.split("/");
            int prefix = f.length > 1 ? Integer.parseInt(f[1]) : 32;
            return new Cidr(NamespaceHost.parse(f[0]) & mask(prefix), prefix, device);
        }

        boolean overlaps(int network, int prefix) {
            int shorter = Math.min(prefix, this.prefix);
            return (network & mask(shorter)) == (this.network & mask(shorter));
        }
    }

    /** The index of the first /30 of our range, from {@code start} on, that overlaps none of {@code inUse}. */
    static int freeSubnet(List<Cidr> inUse, int start) {
        for (int i = 0; i < SUBNETS; i++) {
            int subnet = Math.floorMod(start + i, SUBNETS);
            int network = BASE + subnet * 4;
            if (inUse.stream().noneMatch(c -> c.overlaps(network, PREFIX))) {
                return subnet;
            }
        }
        throw new BadInputException("no free /30 left in 10.213.0.0/16 for a test network; delete stale rtcb-* namespaces (ip netns list)");
    }

    private static boolean overlapping(List<Cidr> inUse, String host, String ourDevice) {
        int network = parse(host) & mask(PREFIX);
        return inUse.stream().anyMatch(c -> !ourDevice.equals(c.device()) && c.overlaps(network, PREFIX));
    }

    /** Every IPv4 address range of the host's interfaces ({@code ip -o -4 addr}) and routes, except the default route. */
    static List<Cidr> addressesInUse() {
        List<Cidr> out = new ArrayList<>();
        for (String line : ip("-o", "-4", "addr", "show").split("\n")) {
            // "2: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0"
            String[] f = line.trim().split("\\s+");
            for (int i = 0; i + 1 < f.length; i++) {
                if ("inet".equals(f[i])) {
                    out.add(Cidr.parse(f[i + 1], f[1]));
                }
            }
        }
        for (String line : ip("-4", "route", "show").split("\n")) {
            String dest = line.trim().split("\\s+")[0];
            if (!dest.isEmpty() && !"default".equals(dest) && Character.isDigit(dest.charAt(0))) {
                int dev = line.indexOf(" dev ");
                out.add(Cidr.parse(dest, dev < 0 ? "" : line.substring(dev + 5).trim().split("\\s+")[0]));
            }
        }
        return out;
    }

    static int parse(String dotted) {
        String[] f = dotted.split("\\.");
        int v = 0;
        for (String part : f) {
            v = (v << 8) | Integer.parseInt(part);
        }
        return v;
    }

    static String dotted(int v) {
        return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    // ---------------------------------------------------------------- ip(8)

    /** An {@code ip} command that failed, with its own error line. */
    private static final class IpFailure extends RuntimeException {
        IpFailure(String message) {
            super(message);
        }

        boolean denied() {
            String m = getMessage().toLowerCase(Locale.ROOT);
            return m.contains("operation not permitted") || m.contains("permission denied");
        }
    }

    private static String locateIp() {
        List<Path> candidates = new ArrayList<>();
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!folder.isEmpty()) {
                candidates.add(Path.of(folder, "ip"));
            }
        }
        candidates.addAll(List.of(Path.of("/usr/sbin/ip"), Path.of("/sbin/ip"), Path.of("/usr/bin/ip"), Path.of("/bin/ip")));
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString).orElse("ip");
    }

    private static String ip(String... args) {
        List<String> command = new ArrayList<>(List.of(IP));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new BadInputException("a local Janus needs iproute2's `ip` command to create its test network: " + e.getMessage());
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(IP_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IpFailure("`" + String.join(" ", command) + "` did not finish within " + IP_TIMEOUT_S + " s");
            }
            if (p.exitValue() != 0) {
                throw new IpFailure("`" + String.join(" ", command) + "` said: " + out.trim().replace('\n', ' '));
            }
            return out;
        } catch (IOException e) {
            throw new IpFailure("`" + String.join(" ", command) + "` failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IpFailure("interrupted while running `" + String.join(" ", command) + "`");
        }
    }
}
