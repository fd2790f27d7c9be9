package org.rtcbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.scenario.Scenario;
import org.rtcbench.core.scenario.ScenarioLoader;
import org.rtcbench.target.Targets;

/** Reads a scenario file as {@code run} and {@code validate} both do: the loader's checks, then the target type's own. */
final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /**
     * The scenario in {@code file}, its target's fields checked by the type it names.
     *
     * @throws BadInputException one line with the file, line and column
     */
    static Scenario read(Path file, Targets targets) {
        Scenario s = ScenarioLoader.load(file);
        try {
            targets.typeOf(s.target());
        } catch (BadInputException e) {
            String at = "";
            try {
                at = ScenarioLoader.where(Files.readString(file), "/target/type");
            } catch (IOException ignored) {
                // read a moment ago; without the location the line still says what is wrong
            }
            throw new BadInputException(file + at + ": " + e.getMessage());
        }
        return s;
    }
}
