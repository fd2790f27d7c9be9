package org.rtcbench.load;

import org.rtcbench.core.peer.Peer;
import org.rtcbench.core.scenario.Role;

/** The run's register of peers that come and go during a load run, so each is sampled while it is in. */
public interface LoadPeers {

    /** Starts sampling {@code peer}; what happens to it is told through the returned handle. */
    Tracked track(Peer peer, Role role);

    /** One tracked peer. */
    interface Tracked {
        /** It joined the room (its first join succeeded). */
        void joined();

        /** All its connections so far are up; {@code afterMs} since it started joining. */
        void connected(long afterMs);

        /** It failed, for this reason (the first reason stays). */
        void failed(String reason);

        /** It left the room and its peer was closed: sampling stops. */
        void left();
    }
}
