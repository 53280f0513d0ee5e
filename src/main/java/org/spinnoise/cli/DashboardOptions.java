package org.spinnoise.cli;

import picocli.CommandLine.Option;

/**
 * {@code --dashboard[=PORT]}: a command that runs a while (acquire, board, serve) also serves the live dashboard on
 * 127.0.0.1 (port 0 or no value: a free port; the URL is printed). See {@link LiveDashboard}.
 */
final class DashboardOptions {
    @OptionRange(min = 0, max = 65535)
    @Option(names = "--dashboard", arity = "0..1", fallbackValue = "0", paramLabel = "PORT",
            description = "Serve the live dashboard on http://127.0.0.1:PORT/ while the command runs (no PORT or 0: "
                    + "a free port; the URL is printed).")
    Integer port;

    boolean enabled() {
        return port != null;
    }
}
