package io.outflow.replay.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Azurite's blob service from npm, for tests of blob input. Installs {@code azurite} into a cache directory the first
 * time ({@code ~/.cache/outflow/azurite}, or {@code -Doutflow.azurite.dir}), starts it on a free port in memory, and
 * stops it after the test class. Without npm, or when the install fails (offline), the tests are skipped with the
 * reason; blob reading is also covered by tests that need no emulator.
 */
public final class Azurite implements BeforeAllCallback, AfterAllCallback {
    public static final String VERSION = "3.35.0";
    public static final String ACCOUNT = "devstoreaccount1";
    /** Azurite's published development key: not a secret. */
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process process;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path dir = Path.of(System.getProperty("outflow.azurite.dir",
                System.getProperty("user.home") + "/.cache/outflow/azurite"));
        Path launcher = dir.resolve("node_modules/.bin/azurite-blob");
        if (!Files.isExecutable(launcher)) {
            Assumptions.assumeTrue(commandWorks(List.of("npm", "--version"), dir.getParent()),
                    "npm is not on the PATH: install Node.js and npm to run the Azurite (blob input) tests");
            Files.createDirectories(dir);
            boolean installed = run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                    "--prefix", dir.toString(), "azurite@" + VERSION), dir, 300);
            Assumptions.assumeTrue(installed && Files.isExecutable(launcher),
                    "npm could not install azurite@" + VERSION + " into " + dir + " (offline?): blob tests skipped");
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("azurite", ".log");
        process = new ProcessBuilder(launcher.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                Integer.toString(port), "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("Azurite did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint="
                + endpoint() + ";";
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean commandWorks(List<String> command, Path dir) {
        try {
            return run(command, dir, 30);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean run(List<String> command, Path dir, int timeoutSeconds) throws IOException {
        File workDir = dir != null && Files.isDirectory(dir) ? dir.toFile() : null;
        Process p = new ProcessBuilder(command).directory(workDir).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return false;
        }
    }
}
