package org.rtcbench.load.gatling;

import io.gatling.javaapi.core.Session;
import org.rtcbench.load.Recorder;

/**
 * Blocking work of a virtual user that times its own steps: each {@link Recorder#record} becomes
 * one Gatling request (e.g. a join and, later, ICE connected), and a step may record none (a
 * hold). Returns the session to continue with; an exception fails the user.
 */
@FunctionalInterface
public interface SteppedWork {
    Session run(Session session, Recorder recorder) throws Exception;
}
