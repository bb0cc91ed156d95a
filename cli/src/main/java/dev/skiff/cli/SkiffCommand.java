package dev.skiff.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code skiff} command: one entry point, one subcommand per job. */
@Command(name = "skiff", mixinStandardHelpOptions = true, version = "skiff 0.1.0",
        description = "Skiff: a Kubernetes-compatible engine and platform on one machine.",
        subcommands = {UpCommand.class, ImageCommand.class})
public final class SkiffCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SkiffCommand()).execute(args));
    }
}
