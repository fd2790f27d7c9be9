package org.rtcbench.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadSpecTest {

    private static LoadSpec spec(int publishers, int subscribers, Long room, String subscribeTo) {
        return new LoadSpec(1, publishers, subscribers, null, null, null, null, room, subscribeTo, null);
    }

    @Test
    void subscribersTakeEveryPublisherOfTheirRoomUnlessToldOwn() {
        assertThat(LoadSpec.defaults().subscribeTo()).isEqualTo("all");
        assertThat(LoadSpec.defaults().ownFeedsOnly()).isFalse();
        assertThat(spec(2, 2, null, "own").ownFeedsOnly()).isTrue();
        assertThatThrownBy(() -> spec(2, 2, null, "mine")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subscribeTo must be all (every publisher of the room) or own (this run's), got 'mine'");
    }

    @Test
    void aRunMayBringNoPublishersOfItsOwnButNeedsSomeoneToSubscribe() {
        LoadSpec watchers = spec(0, 4, 1234L, null);
        assertThat(watchers.users()).isEqualTo(4);
        assertThat(spec(0, 4, null, null).publishers()).as("a WHEP endpoint's viewers need no room: the runner checks rooms").isZero();
        assertThatThrownBy(() -> spec(0, 4, 1234L, "own")).hasMessage(
                "subscribeTo own with publishers 0 leaves the subscribers nothing to receive");
        assertThatThrownBy(() -> spec(0, 0, 1234L, null)).hasMessage("a room needs at least 1 publisher or subscriber, got 0 of each");
        assertThatThrownBy(() -> spec(-1, 2, 1234L, null)).hasMessage("publishers must be 0 or more per room, got -1");
    }

    @Test
    void virtualUsersAreJavaPeersUnlessTheLoadAsksForReplayPeers() {
        assertThat(LoadSpec.defaults().userKind()).isEqualTo(org.rtcbench.core.peer.PeerKind.JAVA);
        LoadSpec replay = new LoadSpec(1, 2, 2, null, null, null, "vp8", null, null, "replay");
        assertThat(replay.userKind()).isEqualTo(org.rtcbench.core.peer.PeerKind.REPLAY);
        assertThatThrownBy(() -> new LoadSpec(1, 2, 2, null, null, null, null, null, null, "chrome"))
                .hasMessage("peerKind must be java (libwebrtc) or replay (no codec work), got 'chrome'");
        assertThatThrownBy(() -> new LoadSpec(1, 2, 2, null, null, null, "h264", null, null, "replay"))
                .hasMessage("replay peers send VP8 only: videoCodec h264 needs peerKind java");
    }
}
