#!/usr/bin/env bash
# Encodes, once, the media that replay peers send (peers/src/main/resources/org/rtcbench/peer/replay/):
# fake-media's marked picture loop (64 frames, 15 fps, file markers) as VP8 IVF at three sizes, with
# a keyframe every 32 frames, and the marked audio (4 s, bursts each second) as 20 ms Opus packets
# in Ogg. Needs ffmpeg (Debian: ffmpeg with libvpx and libopus) and a built fake-media jar
# (mvn -pl fake-media package). Run from the project root: peers/tools/encode-replay-media.sh
set -euo pipefail
jar=$(ls fake-media/target/rtcbench-fake-media-*.jar | grep -v sources | head -1)
out=peers/src/main/resources/org/rtcbench/peer/replay
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
java -cp "$jar" peers/tools/ReplayMediaSource.java "$tmp" 320x240 640x480 1280x720
mkdir -p "$out"
for size in 320x240:300k 640x480:800k 1280x720:1800k; do
  wh=${size%%:*}; rate=${size##*:}
  ffmpeg -loglevel error -y -i "$tmp/$wh.y4m" -c:v libvpx -deadline good -cpu-used 2 -b:v "$rate" -qmin 0 -qmax 10 \
    -minrate "$rate" -maxrate "$rate" -bufsize "$rate" -g 32 -keyint_min 32 -auto-alt-ref 0 -lag-in-frames 0 \
    -error-resilient 1 -f ivf "$out/video-$wh.ivf"
done
ffmpeg -loglevel error -y -f s16le -ar 48000 -ac 1 -i "$tmp/audio.s16le" -c:a libopus -b:a 32k \
  -frame_duration 20 -application audio -vbr off "$out/audio.opus"
ls -l "$out"
