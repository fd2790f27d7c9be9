package org.rtcbench.bench;

import java.nio.file.Path;
import org.rtcbench.core.process.OwnedProcesses;
import org.rtcbench.core.run.RunSummary;
import org.rtcbench.runner.Run;

/** A bench's measured call, whose work directory (the browsers' profiles, media files) goes when it ends, however it ends. */
final class MeasuredCall {
    private MeasuredCall() {
    }

    static RunSummary runThenDelete(Run call, Path work) {
        try {
            return call.run();
        } finally {
            OwnedProcesses.deleteTree(work);
        }
    }
}
