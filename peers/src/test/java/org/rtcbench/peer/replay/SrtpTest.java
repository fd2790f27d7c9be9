package org.rtcbench.peer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** SRTP with AES_CM_128_HMAC_SHA1_80: RFC 3711's key derivation and keystream vectors, and both directions of one connection. */
class SrtpTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sessionKeysAreDerivedAsRfc3711AppendixB3Says() throws Exception {
        byte[] key = HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139");
        byte[] salt = HEX.parseHex("0ec675ad498afeebb6960b3aabe6");
        assertThat(HEX.formatHex(Srtp.derive(key, salt, 0, 16))).isEqualTo("c61e7a93744f39ee10734afe3ff7a087");
        assertThat(HEX.formatHex(Srtp.derive(key, salt, 2, 14))).isEqualTo("30cbbc08863d8c85d49db34a9ae1");
        assertThat(HEX.formatHex(Srtp.derive(key, salt, 1, 20))).isEqualTo("cebe321f6ff7716b6fd4ab49af256a156d38baa4");
    }

    @Test
    void theKeystreamIsRfc3711AppendixB2sAndTheJdksAesCtrs() throws Exception {
        byte[] iv = Srtp.iv(HEX.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfd"), 0, 0, new byte[16]);
        assertThat(HEX.formatHex(iv)).isEqualTo("f0f1f2f3f4f5f6f7f8f9fafbfcfd0000");
        byte[] key = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
        byte[] stream = new byte[48];
        new Srtp.Counter(key).apply(iv, stream, 0, stream.length);
        assertThat(HEX.formatHex(stream)).isEqualTo("e03ead0935c95e80e166b16dd92b4eb4" + "d23513162b02d0f72a43a2fe4a5f97ab"
                + "41e95b3bb0a2e8dd477901e4fca894c0");
        // any length and offset, as the JDK's own AES/CTR enciphers it
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        Srtp.Counter counter = new Srtp.Counter(key);
        for (int len : new int[] {1, 15, 16, 17, 160, 1187, 3000}) {
            byte[] data = new byte[len + 12];
            random.nextBytes(data);
            iv = Srtp.iv(HEX.parseHex("0ec675ad498afeebb6960b3aabe6"), random.nextLong(1L << 32), random.nextLong(1L << 48), new byte[16]);
            javax.crypto.Cipher jdk = javax.crypto.Cipher.getInstance("AES/CTR/NoPadding");
            jdk.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"), new javax.crypto.spec.IvParameterSpec(iv));
            byte[] expected = data.clone();
            jdk.doFinal(expected, 12, len, expected, 12);
            counter.apply(iv, data, 12, len);
            assertThat(data).as("%d bytes", len).isEqualTo(expected);
        }
    }

    @Test
    void whatOneSideProtectsTheOtherUnprotectsAcrossTheSequenceWrap() {
        byte[] material = new byte[60];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) (i * 7 + 3);
        }
        Srtp.Keys client = Srtp.Keys.fromExporter(material, true);
        Srtp.Keys server = Srtp.Keys.fromExporter(material, false);
        Srtp.Context send = client.outbound();
        Srtp.Context receive = server.inbound();
        for (int seq : new int[] {65533, 65534, 65535, 0, 1, 65535, 2}) { // 65535 again: a late retransmission
            byte[] plain = Rtp.packet(96, false, seq, 1234, 0xABCDEF01L, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            byte[] srtp = send.protectRtp(plain);
            assertThat(srtp).hasSize(plain.length + 10);
            assertThat(java.util.Arrays.copyOfRange(srtp, 12, 20)).isNotEqualTo(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            assertThat(receive.unprotectRtp(srtp, 0, srtp.length)).isEqualTo(plain);
        }
        byte[] srtp = send.protectRtp(Rtp.packet(96, false, 3, 1234, 0xABCDEF01L, new byte[] {9, 9}));
        srtp[13] ^= 1;
        assertThat(receive.unprotectRtp(srtp, 0, srtp.length)).as("a flipped bit fails the tag").isNull();
        // the other direction has its own keys: the server's packets do not read with the client's outbound keys
        byte[] fromServer = server.outbound().protectRtp(Rtp.packet(111, false, 7, 0, 5, new byte[] {4}));
        assertThat(client.inbound().unprotectRtp(fromServer, 0, fromServer.length)).isNotNull();
        assertThat(client.outbound().unprotectRtp(fromServer, 0, fromServer.length)).isNull();

        byte[] rtcp = Rtcp.receiverReport(0x11223344L, java.util.List.of(), "replay");
        byte[] srtcp = send.protectRtcp(rtcp);
        assertThat(srtcp).hasSize(rtcp.length + 14);
        assertThat(receive.unprotectRtcp(srtcp, 0, srtcp.length)).isEqualTo(rtcp);
        srtcp[9] ^= 1;
        assertThat(receive.unprotectRtcp(srtcp, 0, srtcp.length)).isNull();
    }
}
