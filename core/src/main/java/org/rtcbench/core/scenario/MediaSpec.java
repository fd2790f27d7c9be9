package org.rtcbench.core.scenario;

/**
 * What a peer sends: fake video, a fake microphone (a tone) and a data channel with echo.
 *
 * @param source {@code marked} (the default): rtcbench's pattern with a machine-readable marker in every frame,
 *               read back by every receiver for delay, freezes and quality; {@code unmarked}: the same pictures and
 *               tone with no marker drawn or read (what markers cost is the difference, see {@code bench markers});
 *               {@code builtin}: a browser's own fake device (a Java peer sends the pattern without markers). Without
 *               markers those metrics are not measured
 */
public record MediaSpec(VideoSpec video, Boolean audio, Boolean datachannel, String source) {
    /** The default source. */
    public static final String MARKED = "marked";
    /** The browser's own fake camera and microphone. */
    public static final String BUILTIN = "builtin";
    /** rtcbench's pictures and tone, no marker drawn or read. */
    public static final String UNMARKED = "unmarked";
    /** Every source. */
    public static final java.util.List<String> SOURCES = java.util.List.of(MARKED, UNMARKED, BUILTIN);

    public MediaSpec {
        video = video == null ? VideoSpec.defaults() : video;
        audio = audio == null ? Boolean.TRUE : audio;
        datachannel = datachannel == null ? Boolean.TRUE : datachannel;
        source = source == null ? MARKED : source;
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("source must be marked, unmarked or builtin, got '" + source + "'");
        }
    }

    /** Marked media of this shape. */
    public MediaSpec(VideoSpec video, Boolean audio, Boolean datachannel) {
        this(video, audio, datachannel, null);
    }

    /** 640x480@30 video, audio and a data channel. */
    public static MediaSpec defaults() {
        return new MediaSpec(null, null, null, null);
    }

    /** Whether frames carry markers that receivers read. */
    public boolean marked() {
        return source.equals(MARKED);
    }
}
