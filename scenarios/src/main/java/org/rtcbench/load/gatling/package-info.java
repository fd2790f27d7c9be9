/**
 * rtcbench's Gatling layer: load runs where each Gatling virtual user is one synthetic peer.
 *
 * <ul>
 * <li>{@link org.rtcbench.load.gatling.TimedAction}: blocking Java work (join, ICE connected,
 *     first frame) as a Gatling request, so its times are in Gatling's statistics and report.
 * <li>{@link org.rtcbench.load.gatling.Injection}: how users arrive ({@code once}, {@code ramp},
 *     {@code rate:5/s}, {@code closed}), parsed from scenario or flag text.
 * <li>{@link org.rtcbench.load.gatling.GatlingRun}: runs a simulation in this JVM and says where
 *     its simulation.log and HTML report are; {@link org.rtcbench.load.gatling.PlanHandoff}
 *     gives the simulation its plan.
 * </ul>
 *
 * <p>Parts of this package use Gatling internals (its Scala {@code Action}, stats engine, runner
 * and configuration loader), so the Gatling version is pinned in the parent pom and
 * {@code TimedActionIT} runs them for real. Every JVM that runs Gatling needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
 */
package org.rtcbench.load.gatling;
