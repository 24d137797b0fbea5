package io.outflow.ingest.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.ingest.json.JsonObject;
import io.outflow.ingest.json.JsonObjectReader;
import io.outflow.schemas.FlowEvent;
import io.outflow.schemas.FlowKind;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What must hold for every firewall fixture, whatever its category or form. */
class EveryFirewallFixtureTest {
    private static final Set<String> DECLARED_EXTRAS = Arrays.stream(FirewallExtras.class.getDeclaredFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(EveryFirewallFixtureTest::value)
            .collect(Collectors.toSet());

    static Stream<String> fixtures() throws IOException, URISyntaxException {
        Path root = Path.of(EveryFirewallFixtureTest.class.getResource("/fixtures/firewall").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyRecordGivesExactlyOneOutcome(String fixture) throws IOException {
        Object body = new JsonObjectReader(64, 1 << 20, 40).read(FirewallFixtures.text(fixture).getBytes(), 0,
                FirewallFixtures.text(fixture).getBytes().length);
        List<Object> records = body instanceof JsonObject o && o.array("records") != null ? o.array("records")
                : List.of(body);

        assertThat(FirewallFixtures.parse(fixture).outcomes()).isEqualTo(records.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eventsUseDeclaredCamelCaseExtrasAndNoBlankValues(String fixture) {
        for (FlowEvent e : FirewallFixtures.parse(fixture).events) {
            assertThat(e.getExtras().keySet()).isSubsetOf(DECLARED_EXTRAS);
            assertThat(e.getExtras().values()).allSatisfy(v -> assertThat(v).isNotBlank().isEqualTo(v.strip()));
            assertThat(Stream.of(e.getSourceIp(), e.getDestinationIp(), e.getDestinationFqdn(), e.getProtocol(),
                    e.getResourceId())).allSatisfy(v -> assertThat(v == null || !v.isBlank()).isTrue());
            assertThat(e.getWarnings()).allSatisfy(w -> assertThat(w).isNotBlank());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eventsCarryNothingFirewallLogsCannotKnow(String fixture) {
        for (FlowEvent e : FirewallFixtures.parse(fixture).events) {
            assertThat(e.getCluster()).isNull();
            assertThat(e.getFlowState()).isNull();
            assertThat(Stream.of(e.getBytesOut(), e.getBytesIn(), e.getPacketsOut(), e.getPacketsIn()))
                    .containsOnlyNulls();
            assertThat(e.getSource()).isNull();
            assertThat(e.getDestination()).isNull();
            if (e.getKind() == FlowKind.nat || e.getKind() == FlowKind.dns_query
                    || e.getKind() == FlowKind.flow_summary) {
                assertThat(e.getAction()).as("action of a %s event", e.getKind()).isNull();
            }
            assertThat(e.getDestinationFqdn() == null || e.getDestinationFqdn().equals(
                    e.getDestinationFqdn().toLowerCase(java.util.Locale.ROOT))).isTrue();
        }
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
