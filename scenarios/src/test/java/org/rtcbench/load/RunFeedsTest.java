package org.rtcbench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.rtcbench.core.run.LoadSummary;
import org.rtcbench.core.target.Rooms;
import org.junit.jupiter.api.Test;

class RunFeedsTest {
    private final Rooms.Feed ours = new Rooms.Feed(11, "r1-pub-1");
    private final Rooms.Feed foreign = new Rooms.Feed(99, "WHIP Publisher cam");

    @Test
    void allTakesAForeignFeedAndOwnDoesNot() {
        RunFeeds all = new RunFeeds(false);
        RunFeeds own = new RunFeeds(true);
        all.published(11, "r1-pub-1");
        own.published(11, "r1-pub-1");
        assertThat(all.takes(foreign)).isTrue();
        assertThat(all.takes(ours)).isTrue();
        assertThat(own.takes(foreign)).isFalse();
        assertThat(own.takes(ours)).isTrue();
    }

    @Test
    void theSummaryNamesEachTakenFeedAndWhetherThisRunPublishedItAsKnownAtTheEnd() {
        RunFeeds feeds = new RunFeeds(false);
        feeds.subscribed(1234, foreign, "sub-99");
        feeds.subscribed(1234, ours, "sub-11"); // listed before its publisher's publish returned
        feeds.subscribed(1234, ours, "sub-11");
        feeds.published(11, "r1-pub-1");
        assertThat(feeds.senderOf("sub-11")).isEqualTo("r1-pub-1");
        assertThat(feeds.senderOf("sub-99")).isEqualTo("WHIP Publisher cam (not this run)");
        assertThat(feeds.senderOf("pub-1234")).as("no subscription: the markers name the sender").isNull();
        assertThat(feeds.summary()).containsExactly(
                new LoadSummary.Feed(1234, 11, "r1-pub-1", true, "r1-pub-1", 2),
                new LoadSummary.Feed(1234, 99, "WHIP Publisher cam", false, null, 1));
    }
}
