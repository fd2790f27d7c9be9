package org.rtcbench.peer.replay;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The one timer thread that paces every replay peer's media and RTCP in this JVM: sending pre-encoded media is cheap enough for one. */
final class Pacer {
    static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "replay-pacer");
        t.setDaemon(true);
        return t;
    });

    private Pacer() {
    }
}
