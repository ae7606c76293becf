package io.livelink.platform;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./livelink}: the whole platform on this machine, and local tokens. */
@Command(
        name = "livelink",
        mixinStandardHelpOptions = true,
        description =
                "Runs LiveLink on this machine: a real Kafka broker, a real PostgreSQL and the three services.",
        subcommands = {UpCommand.class, DownCommand.class, TokenCommand.class})
public class Livelink implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int exit =
                new CommandLine(new Livelink())
                        .setExecutionExceptionHandler(
                                (e, commandLine, parseResult) -> {
                                    if (e instanceof PlatformException) {
                                        commandLine.getErr().println("livelink: " + e.getMessage());
                                        return 1;
                                    }
                                    throw e;
                                })
                        .execute(args);
        if (exit != 0 || args.length == 0 || !"up".equals(args[0])) {
            System.exit(exit);
        }
    }
}
