package org.rtcbench.runner;

import java.util.Locale;
import java.util.function.IntFunction;
import org.rtcbench.core.capacity.Demand;
import org.rtcbench.core.capacity.HostResources;

/**
 * How many interop cells run at once under {@code --parallel auto}: the first wave is as many cells
 * as the measured per-peer costs put within three quarters of this host's cores (a host may be
 * slower than the one the costs were measured on), less what other work keeps busy right then; each later wave is sized from what the last one did here:
 * wider while the host's CPU stayed under {@value #TARGET_CPU} % and every cell received at least
 * {@value #FPS_HELD} of the frame rate sent, half as wide when either did not.
 */
final class AutoWaves {
    /** The host CPU, in percent of all cores, that a wave is sized to reach. */
    static final int TARGET_CPU = 75;
    /** A wave above this host CPU, in percent, or whose cells fell under {@link #FPS_HELD}, was too wide. */
    static final int SATURATED_CPU = 90;
    /** The share of the sent frame rate every cell of a wave must receive for the next wave to widen. */
    static final double FPS_HELD = 0.8;

    private final IntFunction<Demand> demandOfCells;
    private final int cells;
    private final HostResources host;

    /** What a wave did: how wide it was, the host CPU over it, and the worst cell's received fps (null if none received). */
    record WaveLoad(int cells, Double hostCpuPercent, Double worstFps, double sentFps) {
    }

    /** A wave size and why it was chosen, as the terminal and run.json say it. */
    record Choice(int cells, String reason) {
    }

    AutoWaves(IntFunction<Demand> demandOfCells, int cells, HostResources host) {
        this.demandOfCells = demandOfCells;
        this.cells = cells;
        this.host = host;
    }

    Choice first() {
        return first(0);
    }

    /**
     * The first wave when {@code busyCores} of the host are already in use by other work (measured
     * just before): the cells' demand must fit in three quarters of the cores less that, or one cell runs.
     */
    Choice first(double busyCores) {
        double budget = host.cores() * 0.75 - busyCores;
        int n = 1;
        while (n < cells && demandOfCells.apply(n + 1).cores() <= budget) {
            n++;
        }
        String reason = String.format(Locale.ROOT, "measured per-peer costs put %d cells at %.2f cores, within three "
                + "quarters of this host's %d cores", n, demandOfCells.apply(n).cores(), host.cores());
        if (busyCores >= 0.05) {
            reason += String.format(Locale.ROOT, " less the %.2f cores other work used just before", busyCores);
        }
        return new Choice(n, reason);
    }

    Choice next(WaveLoad last, int remaining) {
        int n;
        String why;
        String cpu = last.hostCpuPercent() == null ? "unknown" : String.format(Locale.ROOT, "%.0f %%", last.hostCpuPercent());
        String fps = last.worstFps() == null ? "no cell received video" : String.format(Locale.ROOT,
                "the worst cell received %.1f of %.0f fps", last.worstFps(), last.sentFps());
        boolean fpsHeld = last.worstFps() == null || last.worstFps() >= FPS_HELD * last.sentFps();
        if (last.hostCpuPercent() == null) {
            n = last.cells();
            why = "host CPU unknown in the last wave of " + cells(last.cells()) + ": keeping its width";
        } else if (last.hostCpuPercent() >= SATURATED_CPU || !fpsHeld) {
            n = Math.max(1, last.cells() / 2);
            why = "host CPU " + cpu + " and " + fps + " in the last wave of " + cells(last.cells()) + ": halving";
        } else {
            double scale = TARGET_CPU / Math.max(1.0, last.hostCpuPercent());
            long wider = (long) Math.floor(last.cells() * scale);
            if (last.hostCpuPercent() < TARGET_CPU - 10) {
                wider = Math.max(wider, last.cells() + 1L); // a narrow wave well under the target still grows
            }
            n = (int) Math.max(1, Math.min(2L * last.cells(), wider));
            why = "host CPU " + cpu + " and " + fps + " in the last wave of " + cells(last.cells()) + ": aiming at "
                    + TARGET_CPU + " %";
        }
        return new Choice(Math.min(n, remaining), why);
    }

    private static String cells(int n) {
        return n + (n == 1 ? " cell" : " cells");
    }
}
