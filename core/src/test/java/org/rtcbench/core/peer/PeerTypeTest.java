package org.rtcbench.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** kind@provider, as --peers writes it. */
class PeerTypeTest {
    @Test
    void aKindAloneIsOnItsDefaultProviderAndKindAtProviderNamesOne() {
        assertThat(PeerType.parse("chrome")).isEqualTo(new PeerType(PeerKind.CHROME, null));
        assertThat(PeerType.parse(" firefox@container ")).isEqualTo(new PeerType(PeerKind.FIREFOX, "container"));
        assertThat(PeerType.parse("firefox@container").id()).isEqualTo("firefox@container");
        assertThat(PeerType.parse("firefox@container").nameStem()).isEqualTo("firefox-container");
        assertThat(PeerType.parse("java").nameStem()).isEqualTo("java");
    }

    @Test
    void anUnknownKindOrABadProviderNameIsRefusedSayingWhy() {
        assertThatThrownBy(() -> PeerType.parse("safari")).hasMessageContaining("unknown peer kind 'safari'");
        assertThatThrownBy(() -> PeerType.parse("chrome@My Grid")).hasMessageContaining("provider 'My Grid' must be a name");
    }

    @Test
    void anImageFollowsTheProviderAfterAColonAndMakesItsOwnType() {
        PeerType pinned = PeerType.parse("chrome@container:rtcbench/chromium:156.0.8078.114");
        assertThat(pinned).isEqualTo(new PeerType(PeerKind.CHROME, "container", "rtcbench/chromium:156.0.8078.114"));
        assertThat(pinned.id()).isEqualTo("chrome@container:rtcbench/chromium:156.0.8078.114");
        assertThat(pinned.nameStem()).isEqualTo("chrome-container-rtcbench-chromium-156.0.8078.114");
        assertThat(pinned).isNotEqualTo(PeerType.parse("chrome@container"));
        assertThatThrownBy(() -> PeerType.parse("chrome@container:")).hasMessageContaining("an image follows a provider");
    }
}
