package io.outflow.replay.input;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A place in Azure Blob Storage named by URL: {@code https://<account>.blob.core.windows.net/<container>/<prefix>}
 * (any cloud's {@code .blob.} host), or the path-style form of emulators such as Azurite,
 * {@code http://127.0.0.1:10000/<account>/<container>/<prefix>}. The prefix may be empty (the whole container) or
 * name one blob.
 *
 * @param endpoint the account's blob endpoint, e.g. {@code https://acct.blob.core.windows.net}
 */
public record BlobLocation(String endpoint, String account, String container, String prefix) implements Serializable {

    /** Whether an input argument names a blob location rather than a local path. */
    public static boolean isBlobUrl(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    public static BlobLocation parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a blob URL: " + url + " (" + e.getMessage() + ")");
        }
        String host = uri.getHost();
        if (host == null || uri.getRawPath() == null) {
            throw new IllegalArgumentException("not a blob URL: " + url);
        }
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException("blob URLs must not carry a query (SAS tokens are secrets; use "
                    + "DefaultAzureCredential): " + uri.getScheme() + "://" + host + uri.getRawPath());
        }
        String path = uri.getPath().replaceFirst("^/+", "");
        String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + host
                + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        boolean virtualHost = host.toLowerCase(Locale.ROOT).contains(".blob.");
        String account;
        String endpoint;
        if (virtualHost) {
            account = host.substring(0, host.indexOf('.'));
            endpoint = origin;
        } else {
            int slash = path.indexOf('/');
            account = slash < 0 ? path : path.substring(0, slash);
            path = slash < 0 ? "" : path.substring(slash + 1);
            endpoint = origin + "/" + account;
        }
        int slash = path.indexOf('/');
        String container = slash < 0 ? path : path.substring(0, slash);
        String prefix = slash < 0 ? "" : path.substring(slash + 1);
        if (account.isEmpty() || container.isEmpty()) {
            throw new IllegalArgumentException("a blob URL names an account and a container: " + url);
        }
        return new BlobLocation(endpoint, account, container, prefix);
    }

    /** The URL of one blob in this location's container. */
    public String blobUrl(String blobName) {
        return endpoint + "/" + container + "/" + blobName;
    }
}
