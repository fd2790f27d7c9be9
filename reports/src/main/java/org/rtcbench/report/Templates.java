package org.rtcbench.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateOutput;

/**
 * The JTE templates of src/main/jte, compiled to Java classes of this package at build time, so no
 * template is parsed or compiled at run time. Content type HTML: every {@code ${...}} is escaped for
 * where it stands (element text, attribute value, or JavaScript string inside a script element).
 */
final class Templates {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html, null,
            Templates.class.getPackageName());

    private Templates() {
    }

    /** Renders {@code name} (e.g. {@code report.jte}) with its one parameter {@code model}. */
    static String render(String name, Object model) {
        Page out = new Page();
        ENGINE.render(name, model, out);
        return out.text.toString();
    }

    /**
     * The rendered page. Control characters other than tab and line ends are not allowed in HTML
     * (browser logs carry ANSI colour codes, for one): each becomes U+FFFD, after JTE's escaping.
     */
    private static final class Page implements TemplateOutput {
        private final StringBuilder text = new StringBuilder(1 << 20);

        @Override
        public void writeContent(String value) {
            writeContent(value, 0, value.length());
        }

        @Override
        public void writeContent(String value, int beginIndex, int endIndex) {
            for (int i = beginIndex; i < endIndex; i++) {
                char c = value.charAt(i);
                text.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f ? '\uFFFD' : c);
            }
        }
    }
}
