package org.rtcbench.core.scenario;

/** The fake camera a peer sends: resolution and frame rate. */
public record VideoSpec(Integer width, Integer height, Integer fps) {
    public VideoSpec {
        width = width == null ? 640 : width;
        height = height == null ? 480 : height;
        fps = fps == null ? 30 : fps;
        // 80: the narrowest frame a marker fits in (fake-media's FrameMarker.MIN_WIDTH)
        if (width < 80 || width > 3840 || width % 2 != 0) {
            throw new IllegalArgumentException("video width must be an even number from 80 to 3840, got " + width);
        }
        if (height < 48 || height > 2160 || height % 2 != 0) {
            throw new IllegalArgumentException("video height must be an even number from 48 to 2160, got " + height);
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("video fps must be from 1 to 60, got " + fps);
        }
    }

    /** The default fake camera, 640x480 at 30 fps. */
    public static VideoSpec defaults() {
        return new VideoSpec(null, null, null);
    }

    @Override
    public String toString() {
        return width + "x" + height + "@" + fps;
    }

    /**
     * Reads {@code WIDTHxHEIGHT@FPS}, e.g. {@code 320x240@15}, as the command line and the JUnit
     * extension write it.
     *
     * @throws IllegalArgumentException saying what to write
     */
    public static VideoSpec parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)x(\\d+)@(\\d+)").matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(text + ": write WIDTHxHEIGHT@FPS, e.g. 320x240@15");
        }
        return new VideoSpec(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }
}
