package io.outflow.replay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.outflow.replay.ReplayMain;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * deploy/flink/flinkdeployment.yaml against the FlinkDeployment CRD schema the operator API ships (every key known,
 * enums and types respected), and its job arguments against the job jar's own option parser.
 */
class FlinkDeploymentTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path EXAMPLE = Path.of("..", "deploy", "flink", "flinkdeployment.yaml");

    @Test
    void theExampleFitsTheOperatorsSchema() throws IOException {
        JsonNode doc = YAML.readTree(EXAMPLE.toFile());
        JsonNode schema = crdSchema("v1beta1");
        List<String> problems = new ArrayList<>();

        check(doc, schema, "", problems);

        assertThat(problems).isEmpty();
        assertThat(doc.at("/spec/flinkVersion").asText()).isEqualTo("v1_20");
        assertThat(enumOf(schema.at("/properties/spec/properties/flinkVersion"))).contains("v1_20")
                .doesNotContain("v2_0");
    }

    @Test
    void theCheckCatchesWhatTheOperatorWouldRefuse() throws IOException {
        JsonNode schema = crdSchema("v1beta1");
        JsonNode bad = YAML.readTree("""
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: x}
                spec:
                  flinkVersion: v2_2
                  job: {jarURI: local:///x.jar, upgradeMode: never, parallelism: two}
                  taskManagr: {}
                """);
        List<String> problems = new ArrayList<>();

        check(bad, schema, "", problems);

        assertThat(problems).anyMatch(p -> p.startsWith("/spec/flinkVersion"))
                .anyMatch(p -> p.startsWith("/spec/job/upgradeMode"))
                .anyMatch(p -> p.startsWith("/spec/job/parallelism"))
                .anyMatch(p -> p.startsWith("/spec/taskManagr"));
    }

    @Test
    void theJobArgumentsAreOptionsTheJobJarAccepts() throws IOException {
        JsonNode doc = YAML.readTree(EXAMPLE.toFile());
        List<String> args = new ArrayList<>();
        doc.at("/spec/job/args").forEach(a -> args.add(a.asText()));
        ReplayMain main = new ReplayMain();

        CommandLine.ParseResult parsed = new CommandLine(main).parseArgs(args.toArray(String[]::new));

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.hasMatchedOption("--out")).isTrue();
        assertThat(doc.at("/spec/job/entryClass").asText()).isEqualTo(ReplayMain.class.getName());
    }

    private static JsonNode crdSchema(String version) throws IOException {
        try (InputStream in = FlinkDeploymentTest.class.getResourceAsStream(
                "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml")) {
            JsonNode crd = YAML.readTree(in);
            for (JsonNode served : crd.at("/spec/versions")) {
                if (served.path("name").asText().equals(version)) {
                    return served.at("/schema/openAPIV3Schema");
                }
            }
            throw new IllegalStateException("the CRD serves no " + version);
        }
    }

    private static List<String> enumOf(JsonNode schema) {
        List<String> values = new ArrayList<>();
        schema.path("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    /** A structural check of the subset of OpenAPI v3 the CRD uses: properties, maps, arrays, enums, types. */
    private static void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) && !schema.has("properties")) {
            return;
        }
        List<String> allowed = enumOf(schema);
        if (!allowed.isEmpty() && !allowed.contains(value.asText())) {
            problems.add(path + ": " + value.asText() + " is not one of " + allowed);
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(path + ": expected an object");
                    return;
                }
                JsonNode properties = schema.path("properties");
                JsonNode additional = schema.path("additionalProperties");
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String at = path + "/" + field.getKey();
                    if (path.isEmpty() && List.of("apiVersion", "kind", "metadata").contains(field.getKey())) {
                        continue; // every object has these; CRD schemas leave them out
                    }
                    if (properties.has(field.getKey())) {
                        check(field.getValue(), properties.get(field.getKey()), at, problems);
                    } else if (additional.isObject()) {
                        check(field.getValue(), additional, at, problems);
                    } else if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                        problems.add(at + ": unknown field");
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + ": expected an array");
                    return;
                }
                int i = 0;
                for (JsonNode item : value) {
                    check(item, schema.path("items"), path + "/" + i++, problems);
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": expected an integer, got " + value);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": expected a string, got " + value);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": expected a boolean, got " + value);
                }
            }
            default -> {
            }
        }
    }
}
