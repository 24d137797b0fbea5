package io.outflow.replay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.outflow.replay.config.ConfiguredDetectors;
import io.outflow.replay.config.ReplayConfig;
import io.outflow.replay.input.BlobAccess;
import io.outflow.replay.input.InputCatalog;
import io.outflow.replay.order.TimeRange;
import io.outflow.replay.testing.EgressScenario;
import io.outflow.replay.testing.ReplayHarness;
import io.outflow.schemas.Mode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar, run the way a Flink cluster runs it: Flink's own jars (what a Flink distribution provides) plus
 * the job jar, nothing else, in a fresh JVM. It must hold everything else the job needs and give the embedded
 * replay's alerts.
 */
class JobJarIT {
    /** What a Flink distribution brings: Flink itself and the libraries the shade leaves out for that reason. */
    private static final Pattern PROVIDED = Pattern.compile(".*/(org/apache/flink/flink-(?!kubernetes-operator)[^/]+"
            + "|com/esotericsoftware|org/objenesis|com/twitter/chill-java|commons-collections/commons-collections"
            + "|commons-cli/commons-cli|org/apache/commons/commons-math3|org/javassist|org/xerial/snappy"
            + "|tools/profiler|com/google/code/findbugs|org/slf4j)/.*");

    @TempDir
    Path dir;

    @Test
    void theJobJarRunsOnFlinksClasspathAloneAndGivesTheEmbeddedReplaysAlerts() throws Exception {
        Path jar = jobJar();
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.outflow.replay.ReplayMain");
            assertThat(file.getEntry("io/outflow/ingest/BodyParser.class")).isNotNull();
            assertThat(file.getEntry("com/azure/storage/blob/BlobServiceClient.class")).isNotNull();
            assertThat(file.getEntry("org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class"))
                    .as("Flink itself comes from the cluster").isNull();
        }
        EgressScenario.Files scenario = EgressScenario.write(dir.resolve("history"), 2, 11);
        Path out = dir.resolve("out/alerts.jsonl");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.outflow",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", flinkClasspath() + File.pathSeparator + jar,
                "io.outflow.replay.ReplayMain"));
        command.add("--input");
        command.addAll(scenario.logNames());
        command.addAll(List.of("--k8s-events", scenario.historySpec(), "--out", out.toString(), "--parallelism", "2"));
        Path log = dir.resolve("job.log");

        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = process.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }

        assertThat(done).as("the job finished in time").isTrue();
        assertThat(process.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("flows replayed: " + scenarioFlows(scenario));
        ReplayHarness.Result embedded = ReplayHarness.flink(
                InputCatalog.resolve(scenario.logNames(), BlobAccess.fromEnvironment()),
                ReplayHarness.enrichment(List.of(scenario.historySpec())),
                new ConfiguredDetectors(ReplayConfig.DEFAULTS, io.outflow.replay.ReplayVersion.current(), Mode.replay),
                2, TimeRange.ALL, dir.resolve("embedded"));
        assertThat(Files.readAllLines(out)).isNotEmpty().isEqualTo(embedded.alerts());
    }

    private static long scenarioFlows(EgressScenario.Files scenario) throws Exception {
        long flows = 0;
        for (String line : readAll(scenario)) {
            int from = 0;
            while ((from = line.indexOf("\"category\"", from) + 1) > 0) {
                flows++;
            }
        }
        return flows;
    }

    private static List<String> readAll(EgressScenario.Files scenario) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Path log : scenario.logs()) {
            try (var in = log.toString().endsWith(".gz")
                    ? new java.util.zip.GZIPInputStream(Files.newInputStream(log)) : Files.newInputStream(log)) {
                lines.addAll(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList());
            }
        }
        return lines;
    }

    private static Path jobJar() throws Exception {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("outflow-replay-.*-job\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no job jar: run mvn package first"))
                    .toAbsolutePath();
        }
    }

    /** The test classpath's Flink jars (surefire/failsafe give the full classpath in this property). */
    private static String flinkClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> provided = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            String normalized = entry.replace(File.separatorChar, '/');
            if (PROVIDED.matcher(normalized).matches() && !normalized.endsWith("-tests.jar")) {
                provided.add(entry);
            }
        }
        assertThat(provided).as("Flink jars on the test classpath").anyMatch(e -> e.contains("flink-runtime"));
        return String.join(File.pathSeparator, provided);
    }
}
