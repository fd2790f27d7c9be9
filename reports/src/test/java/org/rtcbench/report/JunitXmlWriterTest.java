package org.rtcbench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlWriterTest {

    @Test
    void oneSuiteCountsEveryAssertionAndPeerAndItsFailures() throws Exception {
        Document doc = parse(JunitXmlWriter.write(ExampleRuns.failed()));

        Element suites = doc.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        NodeList suiteList = suites.getElementsByTagName("testsuite");
        assertThat(suiteList.getLength()).isEqualTo(1);
        Element suite = (Element) suiteList.item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("rtcbench.two-browsers");
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        assertThat(suite.getAttribute("time")).isEqualTo("20.400");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2025-05-01T10:00:00");
        assertThat(suites.getAttribute("tests")).isEqualTo("5");
        assertThat(testcases(doc).keySet()).containsExactly("connected within 10s for chrome-1", "video.fps.p50 >= 25",
                ExampleRuns.ODD_ASSERTION, "peer chrome-1", "peer firefox");
        assertThat(testcases(doc).values()).allSatisfy(t -> {
            assertThat(t.getAttribute("classname")).isEqualTo("rtcbench.two-browsers");
            assertThat(t.getAttribute("time")).isEqualTo("0");
        });
    }

    @Test
    void passedAssertionIsATestcaseWithoutFailure() throws Exception {
        Element testcase = testcases(parse(JunitXmlWriter.write(ExampleRuns.failed())))
                .get("connected within 10s for chrome-1");

        assertThat(testcase.getChildNodes().getLength()).isZero();
    }

    @Test
    void failedAssertionSaysExpectedAndMeasuredPerPeerWithMissingNamed() throws Exception {
        Element testcase = testcases(parse(JunitXmlWriter.write(ExampleRuns.failed()))).get("video.fps.p50 >= 25");

        Element failure = only(testcase, "failure");
        assertThat(failure.getAttribute("type")).isEqualTo("AssertionFailed");
        assertThat(failure.getAttribute("message"))
                .startsWith("expected >= 25, measured chrome-1 18, firefox missing")
                .doesNotContain("\n");
        assertThat(failure.getTextContent())
                .contains("expected: >= 25")
                .contains("  chrome-1: 18\n")
                .contains("  firefox: missing\n")
                .contains("firefox: video.fps not measured");
    }

    @Test
    void peerThatFailedIsAFailingTestcaseWithItsReason() throws Exception {
        Map<String, Element> testcases = testcases(parse(JunitXmlWriter.write(ExampleRuns.failed())));

        assertThat(testcases.get("peer chrome-1").getChildNodes().getLength()).isZero();
        Element failure = only(testcases.get("peer firefox"), "failure");
        assertThat(failure.getAttribute("type")).isEqualTo("PeerFailed");
        assertThat(failure.getAttribute("message")).isEqualTo("peer firefox failed: " + ExampleRuns.FIREFOX_FAILURE);
        assertThat(failure.getTextContent()).contains("connect: never connected").contains("firefox 128.5.0esr");
    }

    @Test
    void interruptedRunAddsAnErrorTestcaseWithTheReason() throws Exception {
        Document doc = parse(JunitXmlWriter.write(ExampleRuns.interrupted()));

        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("6");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        Element error = only(testcases(doc).get("run"), "error");
        assertThat(error.getAttribute("type")).isEqualTo("RunInterrupted");
        assertThat(error.getAttribute("message")).isEqualTo("the run ended interrupted: stopped by SIGINT after 12 s");
    }

    @Test
    void passedOrFailedRunHasNoRunTestcase() throws Exception {
        assertThat(testcases(parse(JunitXmlWriter.write(ExampleRuns.failed())))).doesNotContainKey("run");
    }

    @Test
    void propertiesCarryTheRtcbenchVersionAndEachPeersBrowserVersion() throws Exception {
        Document doc = parse(JunitXmlWriter.write(ExampleRuns.failed()));

        Map<String, String> properties = new LinkedHashMap<>();
        NodeList list = doc.getElementsByTagName("property");
        for (int i = 0; i < list.getLength(); i++) {
            Element p = (Element) list.item(i);
            properties.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        assertThat(properties)
                .containsEntry("rtcbench.version", "0.1.0-SNAPSHOT")
                .containsEntry("run.id", "20250501-100000-two-browsers")
                .containsEntry("peer.chrome-1.browser", "chromium 120.0.6099.224")
                .containsEntry("peer.chrome-1.driver", "chromedriver 120.0.6099.224")
                .containsEntry("peer.firefox.browser", "firefox 128.5.0esr")
                .containsEntry("host.os", "Linux");
    }

    @Test
    void markupAndControlCharactersInReasonsStillGiveWellFormedUtf8Xml() throws Exception {
        String xml = JunitXmlWriter.write(ExampleRuns.hostile());

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Document doc = parse(xml);
        Element error = only(testcases(doc).get("run"), "error");
        assertThat(error.getAttribute("type")).isEqualTo("RunError");
        assertThat(error.getAttribute("message")).contains("<b>no</b>").contains("\"quoted\" 'single'");
        assertThat(((Element) doc.getElementsByTagName("testsuite").item(0)).getAttribute("name"))
                .isEqualTo("rtcbench.<script>alert(1)</script>");
        assertThat(testcases(doc)).containsKey(ExampleRuns.ODD_ASSERTION);
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Testcases by name, in document order. */
    private static Map<String, Element> testcases(Document doc) {
        Map<String, Element> out = new LinkedHashMap<>();
        NodeList list = doc.getElementsByTagName("testcase");
        for (int i = 0; i < list.getLength(); i++) {
            Element t = (Element) list.item(i);
            out.put(t.getAttribute("name"), t);
        }
        return out;
    }

    private static Element only(Element parent, String tag) {
        List<Element> children = new ArrayList<>();
        for (int i = 0; i < parent.getChildNodes().getLength(); i++) {
            if (parent.getChildNodes().item(i) instanceof Element e) {
                children.add(e);
            }
        }
        assertThat(children).singleElement().extracting(Element::getTagName).isEqualTo(tag);
        return children.get(0);
    }

    @Test
    void aLoadRunWithFewerPeersConnectedThanAskedHasAFailedLoadTestcaseAndItsNumbersAsProperties() throws Exception {
        Document doc = parse(JunitXmlWriter.write(ExampleRuns.load()));
        Element load = testcases(doc).get("all 50 synthetic peers connected");
        assertThat(load).isNotNull();
        Element failure = (Element) load.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("only 47 of 50 synthetic peers connected (48 joined, 2 failed)");
        assertThat(failure.getTextContent()).contains("the generator was limited: generator CPU at 97% of 8 cores");
        String xml = JunitXmlWriter.write(ExampleRuns.load());
        assertThat(xml).contains("name=\"load.generatorLimited\" value=\"true\"").contains("name=\"load.connected\" value=\"47\"");
    }
}
