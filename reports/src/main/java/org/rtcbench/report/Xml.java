package org.rtcbench.report;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** A small indenting layer over XMLStreamWriter that keeps every string XML 1.0 can hold. */
final class Xml {
    final XMLStreamWriter out;

    /** What goes between the XML declaration and the end of the document. */
    interface Body {
        void write(Xml xml) throws XMLStreamException;
    }

    /** A whole UTF-8 document; {@code what} names it in the error should the writer fail. */
    static String document(String what, Body body) {
        java.io.StringWriter text = new java.io.StringWriter();
        try {
            Xml xml = new Xml(javax.xml.stream.XMLOutputFactory.newFactory().createXMLStreamWriter(text));
            xml.out.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
            xml.out.writeCharacters("\n");
            xml.out.writeEndDocument();
            xml.out.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write " + what, e);
        }
        return text.toString();
    }

    /**
     * A JUnit testcase: empty when {@code outcome} is null (it passed), else holding one
     * {@code outcome} element (failure, error, skipped) with {@code text} and its attributes.
     */
    void testcase(Object[] attributes, String outcome, String text, Object... outcomeAttributes) throws XMLStreamException {
        if (outcome == null) {
            empty(2, "testcase", attributes);
            return;
        }
        start(2, "testcase", attributes);
        element(3, outcome, text, outcomeAttributes);
        end(2);
    }

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
