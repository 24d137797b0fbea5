package io.outflow.bench;

import io.outflow.detectors.Detector;
import io.outflow.detectors.DetectorNames;
import io.outflow.detectors.alert.AlertContext;
import io.outflow.detectors.bandwidth.BandwidthSpikeDetector;
import io.outflow.detectors.beaconing.BeaconingDetector;
import io.outflow.detectors.cryptomining.CryptominingDetector;
import io.outflow.detectors.newfqdn.NewFqdnDetector;
import io.outflow.detectors.settings.DetectionSettings;
import io.outflow.schemas.Mode;
import java.util.ArrayList;
import java.util.List;

/** The four detectors with the defaults a user without a configuration gets. */
final class BenchDetectors {
    private BenchDetectors() {
    }

    /** One detector by name, or all four ({@code all}) in {@link DetectorNames#ALL} order. */
    static List<Detector<?>> named(String name) {
        DetectionSettings settings = DetectionSettings.defaults();
        AlertContext context = new AlertContext(settings.configVersion(), "bench", Mode.replay);
        List<Detector<?>> out = new ArrayList<>();
        for (String n : names(name)) {
            out.add(switch (n) {
                case DetectorNames.CRYPTOMINING -> new CryptominingDetector(settings.cryptomining(),
                        settings.miningPools(), context);
                case DetectorNames.NEW_FQDN -> new NewFqdnDetector(settings.newFqdn(), context);
                case DetectorNames.BANDWIDTH_SPIKE -> new BandwidthSpikeDetector(settings.bandwidthSpike(), context);
                case DetectorNames.BEACONING -> new BeaconingDetector(settings.beaconing(), context);
                default -> throw new IllegalArgumentException("no detector " + n);
            });
        }
        return out;
    }

    static List<String> names(String name) {
        return name.equals("all") ? DetectorNames.ALL : List.of(name);
    }
}
