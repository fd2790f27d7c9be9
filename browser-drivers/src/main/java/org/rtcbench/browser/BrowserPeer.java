package org.rtcbench.browser;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.peer.PeerInfo;
import org.rtcbench.core.peer.PeerFailure;
import org.rtcbench.core.peer.PeerKind;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.scenario.Role;

/**
 * A browser under test as a remote-controlled RTCPeerConnection: every {@link Peer} call is one
 * script call into the harness page's {@code window.rtcbench} API, over WebDriver or WebDriver BiDi.
 */
public final class BrowserPeer implements Peer {
    private final String name;
    private final PeerKind kind;
    private final PageScript page;
    private final PeerInfo info;
    private final AutoCloseable process;
    private volatile boolean closed;

    /**
     * @param process what ends the browser and its driver; closed by {@link #close()}
     */
    public BrowserPeer(String name, PeerKind kind, PageScript page, PeerInfo info, AutoCloseable process) {
        this.name = name;
        this.kind = kind;
        this.page = page;
        this.info = info;
        this.process = process;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public PeerKind kind() {
        return kind;
    }

    @Override
    public PeerInfo info() {
        return info;
    }

    @Override
    public void startMedia(MediaSpec media, Role role) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("role", role.id());
        spec.put("audio", media.audio());
        spec.put("datachannel", media.datachannel());
        spec.put("video", Map.of("width", media.video().width(), "height", media.video().height(), "fps", media.video().fps()));
        call("startMedia", spec);
    }

    @Override
    public String createOffer(String connectionId, String videoCodec) {
        return (String) call("createOffer", connectionId, videoCodec);
    }

    @Override
    public String acceptOffer(String connectionId, String offerSdp) {
        return (String) call("acceptOffer", connectionId, offerSdp);
    }

    @Override
    public void acceptAnswer(String connectionId, String answerSdp) {
        call("acceptAnswer", connectionId, answerSdp);
    }

    @Override
    public String connectionState(String connectionId) {
        return (String) call("connectionState", connectionId);
    }

    @Override
    public void closeConnection(String connectionId) {
        call("closeConnection", connectionId);
    }

    @Override
    public String stats() {
        return (String) call("stats");
    }

    /** Calls {@code window.rtcbench[method](...args)} and waits for its promise. */
    private synchronized Object call(String method, Object... args) {
        if (closed) {
            throw new PeerFailure(name + ": browser already closed");
        }
        Object result;
        try {
            result = page.call(method, new ArrayList<>(Arrays.asList(args)));
        } catch (RuntimeException e) {
            throw new PeerFailure(name + ": browser did not answer " + method + "(): " + PeerFailure.firstLine(e.getMessage()), e);
        }
        if (!(result instanceof Map<?, ?> map)) {
            throw new PeerFailure(name + ": " + method + "() returned " + result);
        }
        if (map.containsKey("error")) {
            throw new PeerFailure(name + ": " + method + "() failed in the page: " + map.get("error"));
        }
        return map.get("ok");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            call("close");
        } catch (RuntimeException ignored) {
            // the browser may already be gone; the process is ended below either way
        }
        closed = true;
        try {
            process.close();
        } catch (Exception ignored) {
            // close() never throws; what could not be ended is reported by the provider
        }
    }
}
