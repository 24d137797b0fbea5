package io.outflow.replay.input;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How blob inputs are reached: {@code DefaultAzureCredential} (workload identity in AKS, a developer's Azure CLI
 * login, environment variables), or — for Azurite and other emulators — a connection string read where the reader
 * runs from an environment variable (or, for embedded runs, a JVM system property of the same name). Only the
 * variable's name travels in the job, never the secret.
 */
public final class BlobAccess implements Serializable {
    public static final String DEFAULT_CONNECTION_STRING_VARIABLE = "AZURE_STORAGE_CONNECTION_STRING";
    private static final long serialVersionUID = 1L;

    private final String connectionStringVariable;
    private transient Map<String, BlobContainerClient> containers;

    public BlobAccess(String connectionStringVariable) {
        this.connectionStringVariable = connectionStringVariable;
    }

    public static BlobAccess fromEnvironment() {
        return new BlobAccess(DEFAULT_CONNECTION_STRING_VARIABLE);
    }

    /** A client for the location's container, built once per endpoint and container in this JVM. */
    public synchronized BlobContainerClient container(BlobLocation location) {
        if (containers == null) {
            containers = new ConcurrentHashMap<>();
        }
        return containers.computeIfAbsent(location.endpoint() + "/" + location.container(), k -> {
            BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
            String connectionString = connectionString();
            if (connectionString != null && !connectionString.isBlank()) {
                // the account and key come from the connection string, the address from the URL
                builder.connectionString(connectionString).endpoint(location.endpoint());
            } else {
                builder.endpoint(location.endpoint()).credential(new DefaultAzureCredentialBuilder().build());
            }
            return builder.buildClient().getBlobContainerClient(location.container());
        });
    }

    private String connectionString() {
        if (connectionStringVariable == null) {
            return null;
        }
        String value = System.getenv(connectionStringVariable);
        return value != null ? value : System.getProperty(connectionStringVariable);
    }

    /** Where the secret would come from, for messages. */
    public String describe() {
        String connectionString = connectionString();
        return connectionString != null && !connectionString.isBlank()
                ? "connection string from " + connectionStringVariable : "DefaultAzureCredential";
    }
}
