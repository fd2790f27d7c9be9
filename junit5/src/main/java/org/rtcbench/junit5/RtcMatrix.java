package org.rtcbench.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One test per cell of a caller x callee matrix of these kinds: the method's first two {@link Peer}
 * parameters (without {@link RtcPeer}) are the cell's caller and callee, e.g. {@code chrome → java}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(RtcMatrixCells.class)
public @interface RtcMatrix {
    /** The kinds on both axes, e.g. {@code {"chrome", "firefox", "java"}}. */
    String[] kinds();
}
