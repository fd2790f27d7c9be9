package org.rtcbench.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A Y4M file read back for assertions: its header line and the Y plane of any frame. */
record Y4mFile(byte[] bytes, String header, int width, int height) {

    static Y4mFile read(Path file, int width, int height) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int newline = 0;
        while (bytes[newline] != '\n') {
            newline++;
        }
        return new Y4mFile(bytes, new String(bytes, 0, newline + 1, StandardCharsets.US_ASCII), width, height);
    }

    int frameSize() {
        return 6 + width * height * 3 / 2;
    }

    int frameCount() {
        return (bytes.length - header.length()) / frameSize();
    }

    String frameHeader(int frame) {
        int start = header.length() + frame * frameSize();
        return new String(bytes, start, 6, StandardCharsets.US_ASCII);
    }

    byte[] yPlane(int frame) {
        int start = header.length() + frame * frameSize() + 6;
        return Arrays.copyOfRange(bytes, start, start + width * height);
    }

    int luma(int frame, int x, int y) {
        return bytes[header.length() + frame * frameSize() + 6 + y * width + x] & 0xFF;
    }
}
