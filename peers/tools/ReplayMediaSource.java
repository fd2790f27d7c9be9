import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rtcbench.media.AudioMarker;
import org.rtcbench.media.Y4mWriter;

/**
 * Writes the raw media that encode-replay-media.sh encodes once for replay peers: the marked picture
 * loop (Y4M, every frame's file marker) and 4 s of the marked audio signal (raw s16le mono 48 kHz,
 * bursts at every whole second of the loop's own clock).
 * Usage: java -cp fake-media.jar ReplayMediaSource.java OUT_DIR WIDTHxHEIGHT...
 */
public class ReplayMediaSource {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        for (int i = 1; i < args.length; i++) {
            String[] wh = args[i].split("x");
            int w = Integer.parseInt(wh[0]);
            int h = Integer.parseInt(wh[1]);
            new Y4mWriter(w, h, 15).write(out.resolve(args[i] + ".y4m"), Y4mWriter.PICTURES);
        }
        int samples = AudioMarker.RATE * AudioMarker.CYCLE;
        byte[] pcm = new byte[2 * samples];
        AudioMarker.fill(pcm, samples, 0);
        try (OutputStream o = Files.newOutputStream(out.resolve("audio.s16le"))) {
            o.write(pcm);
        }
    }
}
