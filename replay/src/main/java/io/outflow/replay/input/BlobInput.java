package io.outflow.replay.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** One blob, streamed with the Azure storage SDK. */
public record BlobInput(BlobLocation location, String blobName, long size, BlobAccess access) implements InputSource {

    @Override
    public String name() {
        return location.blobUrl(blobName);
    }

    @Override
    public InputStream open() throws IOException {
        try {
            return access.container(location).getBlobClient(blobName).openInputStream();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            // the SDK reports HTTP and credential failures as runtime exceptions
            throw new IOException("cannot open " + name() + " (" + access.describe() + "): " + e.getMessage(), e);
        }
    }
}
