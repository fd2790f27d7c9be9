package org.rtcbench.core.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtcbench.core.BadInputException;
import org.rtcbench.core.netns.NamespaceHost.Cidr;

/** A new test network takes a /30 of 10.213.0.0/16 that no interface or route of the host uses. */
class NamespaceHostSubnetTest {
    private static int network(int subnet) {
        return NamespaceHost.BASE + subnet * 4;
    }

    @Test
    void takesTheStartingSubnetWhenFree() {
        assertThat(NamespaceHost.freeSubnet(List.of(Cidr.parse("192.0.2.2/24", "eth0"), Cidr.parse("127.0.0.1/8", "lo")), 5)).isEqualTo(5);
    }

    @Test
    void skipsSubnetsThatAnotherNamespaceHostUses() {
        List<Cidr> inUse = List.of(Cidr.parse(NamespaceHost.dotted(network(5) + 1) + "/30", "rb1h1"),
                Cidr.parse(NamespaceHost.dotted(network(6) + 1) + "/30", "rb2h1"));
        assertThat(NamespaceHost.freeSubnet(inUse, 5)).isEqualTo(7);
    }

    @Test
    void skipsEverySubnetInsideAWiderRangeInUse() {
        // someone routes 10.213.0.0/24: its 64 /30s are taken
        assertThat(NamespaceHost.freeSubnet(List.of(Cidr.parse("10.213.0.0/24", "vpn0")), 0)).isEqualTo(64);
    }

    @Test
    void noFreeSubnetIsBadInputThatNamesTheRange() {
        assertThatThrownBy(() -> NamespaceHost.freeSubnet(List.of(Cidr.parse("10.0.0.0/8", "vpn0")), 0))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("no free /30 left in 10.213.0.0/16");
    }

    @Test
    void wrapsAroundTheRange() {
        assertThat(NamespaceHost.freeSubnet(List.of(), NamespaceHost.SUBNETS + 3)).isEqualTo(3);
    }

    @Test
    void dottedAndParseAreInverse() {
        assertThat(NamespaceHost.dotted(NamespaceHost.parse("10.213.1.2"))).isEqualTo("10.213.1.2");
        assertThat(NamespaceHost.dotted(network(1) + 2)).isEqualTo("10.213.0.6");
    }
}
