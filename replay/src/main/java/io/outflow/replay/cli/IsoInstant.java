package io.outflow.replay.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** ISO-8601 times with {@code Z} or an offset ({@code 2025-01-01T00:00:00Z}, {@code 2025-01-01T01:00+01:00}). */
public final class IsoInstant implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not an ISO-8601 time with Z or an offset, e.g. 2025-01-01T00:00:00Z");
        }
    }
}
