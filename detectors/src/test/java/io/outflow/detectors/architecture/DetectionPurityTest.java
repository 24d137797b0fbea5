package io.outflow.detectors.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The purity rules over the module's production classes, run by ArchUnit's JUnit 5 engine. The rules are
 * {@code @ArchTest} methods, not fields: Surefire 3.5.3 does not run {@code @ArchTest} fields (TNG/ArchUnit#1442).
 */
@AnalyzeClasses(packages = "io.outflow.detectors", importOptions = ImportOption.DoNotIncludeTests.class)
class DetectionPurityTest {
    @ArchTest
    static void detectionNeverReadsTheWallClock(JavaClasses classes) {
        DetectionPurityRules.NO_WALL_CLOCK.check(classes);
    }

    @ArchTest
    static void detectionNeverDrawsRandomNumbers(JavaClasses classes) {
        DetectionPurityRules.NO_RANDOMNESS.check(classes);
    }

    @ArchTest
    static void onlySettingsLoadingTouchesFiles(JavaClasses classes) {
        DetectionPurityRules.NO_IO_OUTSIDE_SETTINGS.check(classes);
    }
}
