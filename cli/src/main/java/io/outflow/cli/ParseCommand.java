package io.outflow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "parse", description = "Parse logs into FlowEvents (JSON Lines) and a quarantine.")
final class ParseCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return Outflow.OK;
    }
}
