package org.rtcbench.browser.bidi;

import java.time.Duration;
import java.util.List;
import org.rtcbench.browser.PageScript;

/** The harness API over WebDriver BiDi: one {@code script.callFunction} per call. */
public final class BiDiPageScript implements PageScript {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final BiDiSession session;
    private final String context;

    public BiDiPageScript(BiDiSession session, String context) {
        this.session = session;
        this.context = context;
    }

    @Override
    public Object call(String method, List<Object> args) {
        return session.callFunction(context, CALL_FUNCTION, CALL_TIMEOUT, method, args);
    }
}
