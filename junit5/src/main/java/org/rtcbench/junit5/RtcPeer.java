package org.rtcbench.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A {@link Peer} parameter of an {@link RtcTest} method: a peer of this kind in the test's call. */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RtcPeer {
    /** {@code chrome}, {@code firefox} or {@code java}, optionally {@code @provider}: {@code chrome@container}. */
    String kind();

    /** The peer's name in the run (default: its kind, numbered if two share one). */
    String name() default "";
}
