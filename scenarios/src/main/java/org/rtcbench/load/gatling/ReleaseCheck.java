package org.rtcbench.load.gatling;

import io.gatling.commons.util.GatlingVersion$;
import java.lang.reflect.Field;
import scala.Option;

/**
 * Keeps Gatling from looking up its latest release: both its runner (a console hint) and its
 * HTML report (a footer note) ask search.maven.org once per JVM and store the answer in Java
 * preferences under the user's home, which an offline tool that writes only to its results
 * folder must not do.
 *
 * <p>Gatling keeps the answer in the Scala lazy value {@code GatlingVersion.LatestRelease}, with
 * no setting to turn the lookup off; filling that value with "none known" before Gatling first
 * reads it means the lookup never runs. The field names are those of Gatling 3.15's compiled
 * Scala 2.13 code; {@code TimedActionIT} checks that no lookup happens.
 */
final class ReleaseCheck {
    private ReleaseCheck() {
    }

    /** Makes Gatling believe no newer release is known, unless it already looked one up. */
    static void skip() {
        GatlingVersion$ versions = GatlingVersion$.MODULE$;
        // The same monitor Scala's lazy initialiser takes, so a concurrent first read waits.
        synchronized (versions) {
            try {
                Field computed = GatlingVersion$.class.getDeclaredField("bitmap$0");
                Field latest = GatlingVersion$.class.getDeclaredField("LatestRelease");
                computed.setAccessible(true);
                latest.setAccessible(true);
                if (!computed.getBoolean(null)) {
                    latest.set(null, Option.empty());
                    computed.setBoolean(null, true);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot keep Gatling " + versions.ThisVersion().fullVersion()
                        + " offline (its release lookup changed; see " + ReleaseCheck.class.getName() + ")", e);
            }
        }
    }
}
