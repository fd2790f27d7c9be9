package org.rtcbench.core.scenario;

/** What a peer sends: fake video, a fake microphone (a tone) and a data channel with echo. */
public record MediaSpec(VideoSpec video, Boolean audio, Boolean datachannel) {
    public MediaSpec {
        video = video == null ? VideoSpec.defaults() : video;
        audio = audio == null ? Boolean.TRUE : audio;
        datachannel = datachannel == null ? Boolean.TRUE : datachannel;
    }

    /** 640x480@30 video, audio and a data channel. */
    public static MediaSpec defaults() {
        return new MediaSpec(null, null, null);
    }
}
