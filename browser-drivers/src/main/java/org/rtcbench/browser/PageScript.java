package org.rtcbench.browser;

import java.util.List;

/**
 * How Java reaches the harness page of one browser: a call of {@code window.rtcbench[method](...args)}
 * awaited to its promise. Classic WebDriver (chromedriver, geckodriver) and WebDriver BiDi (Firefox
 * without geckodriver) each provide one.
 */
public interface PageScript {
    /** The wrapper both transports run in the page: it never rejects, it answers {ok} or {error}. */
    String CALL_FUNCTION = """
            (method, args) => {
              if (!window.rtcbench) { return Promise.resolve({error: 'harness page not loaded'}); }
              return Promise.resolve().then(() => window.rtcbench[method](...args)).then(
                  v => ({ok: v === undefined ? null : v}),
                  e => ({error: String((e && e.message) || e)}));
            }""";

    /**
     * Calls the harness API and returns the page's answer: a map with {@code ok} (the value) or
     * {@code error} (the page's message).
     *
     * @throws RuntimeException when the browser itself does not answer (crashed, closed, timed out)
     */
    Object call(String method, List<Object> args);
}
