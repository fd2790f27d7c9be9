package org.rtcbench.load.gatling;

import io.gatling.app.Runner;
import io.gatling.commons.util.Clock;
import io.gatling.core.actor.ActorSystem;
import io.gatling.core.cli.GatlingArgs;
import io.gatling.core.config.GatlingConfiguration;
import io.netty.channel.EventLoopGroup;

/**
 * Gatling's runner without its start-up check for a newer Gatling release, which would query
 * search.maven.org and write Java preferences under the user's home.
 */
final class VersionCheckFreeRunner extends Runner {
    VersionCheckFreeRunner(ActorSystem system, EventLoopGroup eventLoops, Clock clock, GatlingArgs args,
                           GatlingConfiguration configuration) {
        super(system, eventLoops, clock, args, configuration);
    }

    @Override
    public void displayVersionWarning() {
        // Deliberately nothing: rtcbench runs offline and pins its Gatling version.
    }
}
