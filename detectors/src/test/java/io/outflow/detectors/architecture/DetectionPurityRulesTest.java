package io.outflow.detectors.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules catch what they are meant to catch: each fixture class below breaks one rule. */
class DetectionPurityRulesTest {

    @Test
    void flagsReadingTheWallClock() {
        assertThat(DetectionPurityRules.NO_WALL_CLOCK.evaluate(imported(ReadsClock.class)).hasViolation()).isTrue();
        assertThat(DetectionPurityRules.NO_WALL_CLOCK.evaluate(imported(Pure.class)).hasViolation()).isFalse();
    }

    @Test
    void flagsRandomness() {
        assertThat(DetectionPurityRules.NO_RANDOMNESS.evaluate(imported(DrawsUuid.class)).hasViolation()).isTrue();
        assertThat(DetectionPurityRules.NO_RANDOMNESS.evaluate(imported(Pure.class)).hasViolation()).isFalse();
    }

    @Test
    void flagsFileAccessOutsideSettings() {
        assertThat(DetectionPurityRules.NO_IO_OUTSIDE_SETTINGS.evaluate(imported(ReadsFile.class)).hasViolation())
                .isTrue();
        assertThat(DetectionPurityRules.NO_IO_OUTSIDE_SETTINGS.evaluate(imported(Pure.class)).hasViolation())
                .isFalse();
    }

    private static JavaClasses imported(Class<?> type) {
        return new ClassFileImporter().importClasses(type);
    }

    static final class ReadsClock {
        Instant stamp() {
            return Instant.now();
        }
    }

    static final class DrawsUuid {
        String id() {
            return UUID.randomUUID().toString();
        }
    }

    static final class ReadsFile {
        byte[] read() throws java.io.IOException {
            return Files.readAllBytes(Path.of("x"));
        }
    }

    static final class Pure {
        Instant later(Instant t) {
            return t.plusSeconds(1);
        }
    }
}
