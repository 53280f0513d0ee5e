package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes program messages against a command table the way IEEE 488.2 describes: units run in order; a unit whose
 * header has no leading colon is resolved relative to the path of the previous unit (its header minus the last
 * mnemonic), while common commands leave that path alone; errors go to the error queue, and a command error discards
 * the rest of the message. The replies of the queries of one message are joined with ';' into one response.
 */
final class ScpiInterpreter {
    private static final Logger LOG = LoggerFactory.getLogger(ScpiInterpreter.class);

    private final ScpiCommandTable table;
    private final ErrorQueue errors;
    private final String instrumentName;
    private final Consumer<RaisedError> raised;

    ScpiInterpreter(ScpiCommandTable table, ErrorQueue errors, String instrumentName,
                    Consumer<RaisedError> raised) {
        this.table = table;
        this.errors = errors;
        this.instrumentName = instrumentName;
        this.raised = raised;
    }

    /** Runs one message; returns the response line without terminator, or null when the message held no query. */
    String execute(String message) {
        List<String> replies = new ArrayList<>();
        List<HeaderToken> path = List.of();
        for (String unitText : ProgramMessageParser.splitUnits(message)) {
            try {
                ProgramUnit unit = ProgramMessageParser.parseUnit(unitText);
                List<HeaderToken> header = unit.header();
                if (!unit.common() && !unit.absolute() && !path.isEmpty()) {
                    List<HeaderToken> resolved = new ArrayList<>(path);
                    resolved.addAll(header);
                    header = resolved;
                }
                if (!unit.common()) {
                    path = header.subList(0, header.size() - 1);
                }
                String reply = run(header, unit);
                if (reply != null) {
                    replies.add(reply);
                }
            } catch (ScpiError e) {
                LOG.debug("{}: '{}' in '{}' -> error {}", instrumentName, unitText, message, e.getMessage());
                errors.push(e.code());
                raised.accept(new RaisedError(e.code(), unitText));
                if (e.abortsMessage()) {
                    break;
                }
            }
        }
        return replies.isEmpty() ? null : String.join(";", replies);
    }

    private String run(List<HeaderToken> header, ProgramUnit unit) throws ScpiError {
        ScpiCommandTable.Found found = table.find(header);
        if (found == null) {
            throw new ScpiError(ScpiError.UNDEFINED_HEADER, "no command " + header);
        }
        Parameters parameters = new Parameters(unit.parameters());
        if (unit.query()) {
            if (found.entry().answer() == null) {
                throw new ScpiError(ScpiError.UNDEFINED_HEADER, "no query form of " + found.entry().pattern());
            }
            return found.entry().answer().compute(found.channel(), parameters);
        }
        if (found.entry().action() == null) {
            throw new ScpiError(ScpiError.UNDEFINED_HEADER, "query only: " + found.entry().pattern());
        }
        found.entry().action().run(found.channel(), parameters);
        return null;
    }
}
