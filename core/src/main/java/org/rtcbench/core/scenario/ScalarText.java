package org.rtcbench.core.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/** Reads any YAML scalar as its text ({@code loss: 5%}, {@code loss: 0}), so the field's own parser says what is wrong. */
final class ScalarText extends JsonDeserializer<String> {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.currentToken().isScalarValue()) {
            throw MismatchedInputException.from(p, String.class, "expected a value such as 25ms, 5% or 500kbps, got a "
                    + (p.currentToken().isStructStart() ? "section or list" : p.currentToken().asString()));
        }
        return p.getText();
    }
}
