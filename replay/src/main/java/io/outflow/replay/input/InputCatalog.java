package io.outflow.replay.input;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.outflow.ingest.files.InputFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns input arguments into the files of a replay: a local file, a directory (every file under it), or a blob URL
 * (every blob under the prefix). A file named twice (a directory and a file in it) is read once.
 */
public final class InputCatalog {
    private InputCatalog() {
    }

    public static List<InputSource> resolve(List<String> arguments, BlobAccess access) throws IOException {
        Map<String, InputSource> byName = new LinkedHashMap<>();
        List<Path> locals = new ArrayList<>();
        for (String argument : arguments) {
            if (BlobLocation.isBlobUrl(argument)) {
                for (InputSource blob : listBlobs(BlobLocation.parse(argument), access)) {
                    byName.putIfAbsent(blob.name(), blob);
                }
            } else {
                locals.add(Path.of(argument));
            }
        }
        for (Path file : InputFiles.expand(locals)) {
            LocalFileInput input = LocalFileInput.of(file.toAbsolutePath().normalize());
            byName.putIfAbsent(input.name(), input);
        }
        List<InputSource> sources = new ArrayList<>(byName.values());
        sources.sort(Comparator.comparing(InputSource::name));
        return sources;
    }

    static List<InputSource> listBlobs(BlobLocation location, BlobAccess access) throws IOException {
        List<InputSource> blobs = new ArrayList<>();
        try {
            BlobContainerClient container = access.container(location);
            ListBlobsOptions options = new ListBlobsOptions();
            if (!location.prefix().isEmpty()) {
                options.setPrefix(location.prefix());
            }
            for (BlobItem item : container.listBlobs(options, null)) {
                if (Boolean.TRUE.equals(item.isPrefix()) || item.getProperties() == null) {
                    continue;
                }
                blobs.add(new BlobInput(location, item.getName(), item.getProperties().getContentLength(), access));
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot list " + location.blobUrl(location.prefix()) + " ("
                    + access.describe() + "): " + e.getMessage(), e);
        }
        if (blobs.isEmpty()) {
            throw new IOException("no blobs under " + location.blobUrl(location.prefix()));
        }
        return blobs;
    }
}
