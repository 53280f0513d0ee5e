package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.spinnoise.instrument.InstrumentCatalog;
import org.spinnoise.instrument.InstrumentCatalog.Identification;
import org.spinnoise.instrument.InstrumentDriver;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.InstrumentLimits;
import org.spinnoise.link.WireLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise identify ADDRESS}: asks an instrument {@code *IDN?} and prints the driver spinnoise would use for it
 * and that model's limits, each with its manual page. Sends nothing else, so it is safe on a bench with a device wired.
 */
@Command(name = "identify",
        description = "Ask an instrument *IDN? and print the driver spinnoise would use and the model's limits.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise identify TCPIP::192.168.1.20::5025::SOCKET",
                "  spinnoise identify ASRL/dev/ttyUSB0::INSTR",
                "  spinnoise identify TCPIP::127.0.0.1::PORT::SOCKET   # PORT: spinnoise mock's"})
public final class IdentifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ADDRESS",
            description = "VISA-style address, e.g. TCPIP::host::5025::SOCKET or ASRL/dev/ttyUSB0::INSTR.")
    String address;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InstrumentException {
        PrintWriter out = spec.commandLine().getOut();
        Identification found;
        try (WireLog wire = new WireLog()) {
            found = InstrumentCatalog.identifyAt(address, wire);
        }
        out.printf("address     %s%n", found.address());
        out.printf("*IDN?       %s%n", found.identity().raw());
        if (found.driver().isEmpty()) {
            out.println("driver      none: spinnoise has no driver for this instrument");
            return 3;
        }
        InstrumentDriver driver = found.driver().get();
        InstrumentLimits limits = driver.limits(found.identity());
        out.printf("driver      %s (%s)%n", driver.name(), limits.kind());
        for (InstrumentLimits.Limit limit : limits.limits()) {
            out.printf("  %-22s %s  [%s]%n", limit.name(), limit.value(), limit.cite());
        }
        out.printf("batched     %s%n", limits.batched() ? "yes: " + limits.batchedHow() : limits.batchedHow());
        return 0;
    }
}
