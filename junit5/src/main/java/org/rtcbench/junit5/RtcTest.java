package org.rtcbench.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes a test class an rtcbench interop test: its test methods take {@link RtcPeer} peers and an
 * {@link RtcRun}, which calls them through the class's target and judges what they measured. Each
 * call writes one run directory (report.html, run.json, junit.xml, samples) under {@link #results()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RtcExtension.class)
public @interface RtcTest {
    /** How long a call lasts once connected, e.g. {@code 10s}. */
    String duration() default "10s";

    /** Video every peer sends: {@code WxH@FPS}. Small by default, so that a CI host holds a browser pair. */
    String video() default "320x240@15";

    /** What the peers connect through: {@code p2p} (the built-in room) or {@code janus} (a local Janus rtcbench starts). */
    String target() default "p2p";

    /** Where run directories go, relative to the working directory (a Maven module's). */
    String results() default "target/rtcbench";
}
