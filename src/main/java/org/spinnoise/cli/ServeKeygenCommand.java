package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spinnoise.serve.CurveKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise serve keygen}: writes a CURVE key pair as ZeroMQ certificates, {@code NAME.key} (public, to share)
 * and {@code NAME.key_secret} (secret, to keep), for the server or for a client.
 */
@Command(name = "keygen", description = "Write a CURVE key pair: DIR/NAME.key (public) and DIR/NAME.key_secret.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise serve keygen --name server",
                "  spinnoise serve keygen --name alice --dir allowed"})
final class ServeKeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "keys",
            description = "Directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--name", paramLabel = "NAME", required = true,
            description = "Certificate name, e.g. server or alice.")
    String name;

    @Option(names = "--force", description = "Replace an existing key pair of that name (clients that trust its "
            + "public key are locked out).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("certificate name '" + name + "' must be letters, digits, . _ or -");
        }
        CurveKeys.KeyPair keys = CurveKeys.generate(dir, name, force);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote %s (public key %s) and %s (secret, readable by you only: keep it private)%n", dir.resolve(name + ".key"),
                keys.publicKeyZ85(), dir.resolve(name + ".key_secret"));
        out.flush();
        return 0;
    }
}
