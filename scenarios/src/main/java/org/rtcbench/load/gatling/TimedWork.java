package org.rtcbench.load.gatling;

import io.gatling.javaapi.core.Session;

/**
 * Blocking work that one virtual user does as one timed Gatling request, such as joining a room
 * and waiting until ICE connects.
 */
@FunctionalInterface
public interface TimedWork {
    /**
     * Does the work for one virtual user and returns the session to continue with (the given one,
     * or one with attributes added). Throwing marks the request KO with the exception's message.
     */
    Session run(Session session) throws Exception;
}
