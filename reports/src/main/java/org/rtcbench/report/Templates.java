package org.rtcbench.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

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
        StringOutput out = new StringOutput(8 * 1024 * 1024);
        ENGINE.render(name, model, out);
        return out.toString();
    }
}
