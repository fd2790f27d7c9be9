package org.rtcbench.browser;

import java.util.List;
import org.openqa.selenium.JavascriptExecutor;

/** The harness API over classic WebDriver: one {@code executeAsyncScript} per call. */
public final class WebDriverPageScript implements PageScript {
    private static final String ASYNC = "const done = arguments[arguments.length - 1];\n"
            + "(" + CALL_FUNCTION + ")(arguments[0], arguments[1]).then(done);";

    private final JavascriptExecutor js;

    public WebDriverPageScript(JavascriptExecutor js) {
        this.js = js;
    }

    @Override
    public Object call(String method, List<Object> args) {
        return js.executeAsyncScript(ASYNC, method, args);
    }
}
