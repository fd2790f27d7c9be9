package org.rtcbench.load;

import java.time.Duration;
import org.rtcbench.core.peer.PeerLauncher;
import org.rtcbench.core.scenario.MediaSpec;
import org.rtcbench.core.target.Rooms;

/**
 * What every virtual user of a load run shares: the target's rooms, the launcher of Java
 * peers (advertising the address the target can reach), the media publishers send, the codec, the
 * run's register of peers, the rooms' feeds (which this run published, which subscribers take and took), and how
 * long a first video frame may take; and each room's publishers, listed once for all who watch it.
 */
public record LoadContext(Rooms room, PeerLauncher javaPeers, MediaSpec media, String videoCodec,
                          LoadPeers peers, RunFeeds feeds, Duration firstFrameTimeout, RoomPublishers publishers) {
}
