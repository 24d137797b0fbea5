package io.outflow.replay.job;

import io.outflow.detectors.Detector;
import io.outflow.detectors.prevalence.Contact;
import io.outflow.detectors.prevalence.DestinationPrevalence;
import io.outflow.detectors.run.LateFlow;
import io.outflow.ingest.QuarantineEntry;
import io.outflow.replay.job.types.AvroRecordSerializer;
import io.outflow.replay.job.types.ReplayTypes;
import io.outflow.replay.order.InputTally;
import io.outflow.replay.order.ReplayItem;
import io.outflow.schemas.EnrichedFlow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Right after the merge, in input order (parallelism 1): enriches each flow, fills its registered domain, and asks
 * every detector (and the prevalence stage) for its key. An on-time flow goes on keyed by (detector, key), and its
 * prevalence contact to {@link #PREVALENCE} (once per key, source and hour); a late one — late by the merge's
 * watermark, exactly as {@link io.outflow.detectors.run.LocalRunner} decides it — is counted and written out once
 * per detector that would have taken it. Quarantined entries and the input tally pass through to their outputs and
 * counters. No detection happens here.
 */
public final class EnrichFunction extends ProcessFunction<ReplayItem, KeyedFlow> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<LateFlow> LATE = new OutputTag<>("late", ReplayTypes.LATE_FLOW);
    public static final OutputTag<QuarantineEntry> QUARANTINE = new OutputTag<>("quarantine", ReplayTypes.QUARANTINE);
    /** The prevalence contacts of on-time flows, each (key, source, hour) once. */
    public static final OutputTag<Contact> PREVALENCE = new OutputTag<>("prevalence", ReplayTypes.CONTACT);

    public static final String COUNTS = "outflow.counts";
    public static final String FLOWS = "outflow.flows";
    public static final String BYTES_READ = "outflow.bytesRead";
    public static final String FAILURES = "outflow.failures";

    private final FlowEnrichment enrichment;
    private final DetectorSuite suite;
    private transient FlowEnrichment.Enricher enricher;
    private transient List<Detector<?>> detectors;
    private transient DestinationPrevalence prevalence;
    private transient RecentContacts sent;
    private transient String[] names;
    private transient Counts counts;
    private transient LongCounter flows;
    private transient LongMaximum bytesRead;
    private transient ListAccumulator<String> failures;
    private transient long watermark;
    private transient RegisteredDomainCache domains;
    private transient AvroRecordSerializer<EnrichedFlow> encoder;

    public EnrichFunction(FlowEnrichment enrichment, DetectorSuite suite) {
        this.enrichment = enrichment;
        this.suite = suite;
    }

    @Override
    public void open(Configuration parameters) throws Exception {
        enricher = enrichment.open();
        detectors = suite.detectors();
        prevalence = suite.prevalence();
        sent = new RecentContacts();
        names = detectors.stream().map(d -> d.id().name()).toArray(String[]::new);
        counts = new Counts();
        flows = new LongCounter();
        bytesRead = new LongMaximum();
        failures = new ListAccumulator<>();
        getRuntimeContext().addAccumulator(COUNTS, counts);
        getRuntimeContext().addAccumulator(FLOWS, flows);
        getRuntimeContext().addAccumulator(BYTES_READ, bytesRead);
        getRuntimeContext().addAccumulator(FAILURES, failures);
        for (String name : names) {
            counts.add("late/" + name, 0);
        }
        watermark = Long.MIN_VALUE;
        domains = new RegisteredDomainCache();
        encoder = new AvroRecordSerializer<>(EnrichedFlow.class);
    }

    @Override
    public void processElement(ReplayItem item, Context ctx, Collector<KeyedFlow> out) throws java.io.IOException {
        switch (item.kind()) {
            case FLOW -> flow(item, ctx, out);
            case QUARANTINE -> ctx.output(QUARANTINE, item.quarantine());
            case PROGRESS -> bytesRead.add(item.bytesRead());
            case TALLY -> tally(item);
        }
    }

    private void flow(ReplayItem item, Context ctx, Collector<KeyedFlow> out) throws java.io.IOException {
        flows.add(1L);
        EnrichedFlow flow = domains.fill(enricher.enrich(item.flow()));
        byte[] encoded = null;
        for (int i = 0; i < detectors.size(); i++) {
            Optional<String> key = detectors.get(i).keyOf(flow);
            if (key.isEmpty()) {
                continue;
            }
            if (item.late()) {
                counts.add("late/" + names[i], 1);
                ctx.output(LATE, new LateFlow(names[i], key.get(), flow, Instant.ofEpochMilli(watermark)));
            } else {
                if (encoded == null) {
                    encoded = encoder.encode(flow);
                }
                out.collect(new KeyedFlow(i, key.get(), flow, encoded));
            }
        }
        Optional<Contact> contact = prevalence == null || item.late() ? Optional.empty() : prevalence.contactOf(flow);
        if (contact.isPresent() && sent.firstTime(contact.get())) {
            ctx.output(PREVALENCE, contact.get());
        }
        if (item.watermark() > watermark) {
            watermark = item.watermark();
            enricher.advance(watermark);
            sent.forgetBefore(watermark);
        }
    }

    private void tally(ReplayItem item) {
        InputTally tally = item.tally();
        tally.categories().forEach((category, o) -> {
            counts.add("entries/" + category, o.entries());
            counts.add("events/" + category, o.events());
            counts.add("quarantined/" + category, o.quarantined());
            counts.add("ignored/" + category, o.ignored());
        });
        counts.add("input/outsideRange", tally.outsideRange());
        counts.add("input/files", tally.files());
        bytesRead.add(item.bytesRead());
        tally.failures().forEach(failures::add);
    }
}
