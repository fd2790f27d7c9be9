package org.rtcbench.report;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A small indenting layer over XMLStreamWriter that keeps every string XML 1.0 can hold. */
final class Xml {
    final XMLStreamWriter out;

    Xml(XMLStreamWriter out) {
        this.out = out;
    }

    void start(int depth, String name, Object... attributes) throws XMLStreamException {
        indent(depth);
        out.writeStartElement(name);
        attributes(attributes);
    }

    void empty(int depth, String name, Object... attributes) throws XMLStreamException {
        indent(depth);
        out.writeEmptyElement(name);
        attributes(attributes);
    }

    void element(int depth, String name, String text, Object... attributes) throws XMLStreamException {
        indent(depth);
        out.writeStartElement(name);
        attributes(attributes);
        out.writeCharacters(safe(text));
        out.writeEndElement();
    }

    void end(int depth) throws XMLStreamException {
        indent(depth);
        out.writeEndElement();
    }

    private void attributes(Object... nameValues) throws XMLStreamException {
        for (int i = 0; i < nameValues.length; i += 2) {
            if (nameValues[i + 1] != null) {
                out.writeAttribute((String) nameValues[i], safe(String.valueOf(nameValues[i + 1])));
            }
        }
    }

    private void indent(int depth) throws XMLStreamException {
        out.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** Replaces characters XML 1.0 cannot hold with U+FFFD. */
    private static String safe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(allowed(c) ? c : 0xFFFD));
        return b.toString();
    }

    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }
}
