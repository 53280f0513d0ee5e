package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One simulated instrument model, resolved: its model file ({@code models/<name>.json}) over its family's command
 * table ({@code models/<family>.commands.json}), with the model's cited overrides applied to the family's rows. The
 * simulator of the family ({@link CommandFamily#family()}) serves exactly {@link #commands()}; every other header is
 * answered with -113, as the manual's instrument would.
 */
public final class InstrumentModel {
    private final String name;
    private final CommandFamily family;
    private final ModelFile file;
    private final List<ModelCommand> commands;
    private final Map<String, ModelRule> rules = new LinkedHashMap<>();

    public InstrumentModel(String name, CommandFamily family, ModelFile file) {
        if (!family.family().equals(file.family())) {
            throw new IllegalArgumentException("model " + name + " names family '" + file.family()
                    + "' but was given the command table of '" + family.family() + "'");
        }
        this.name = name;
        this.family = family;
        this.file = file;
        List<ModelCommand> resolved = new ArrayList<>();
        for (ModelCommand command : family.commands()) {
            ModelOverride override = file.overrides().get(command.state());
            resolved.add(override == null ? command : command.overriddenBy(override));
        }
        for (String state : file.overrides().keySet()) {
            if (family.commands().stream().noneMatch(c -> c.state().equals(state))) {
                throw new IllegalArgumentException("model " + name + " overrides '" + state
                        + "', which no command of family " + family.family() + " sets");
            }
        }
        this.commands = List.copyOf(resolved);
        for (ModelRule rule : family.rules()) {
            rules.put(rule.name(), rule);
        }
    }

    public String name() {
        return name;
    }

    /** Which simulator serves this model, e.g. {@code keysight-trueform}. */
    public String kind() {
        return family.family();
    }

    public String idn() {
        return file.idn();
    }

    public int channels() {
        return file.channels();
    }

    public List<ModelCommand> commands() {
        return commands;
    }

    public List<ModelRule> rules() {
        return List.copyOf(rules.values());
    }

    public ModelFile file() {
        return file;
    }

    public int errorQueueCapacity() {
        return family.errorQueueCapacity();
    }

    public double outputImpedanceOhms() {
        return file.outputImpedanceOhms();
    }

    public double maxOpenCircuitVolts() {
        return file.maxOpenCircuitVolts();
    }

    public ModelTiming timing() {
        return file.timing();
    }

    /** The documented rule of this name, which the simulator enforces with the rule's error number. */
    ModelRule rule(String ruleName) {
        ModelRule rule = rules.get(ruleName);
        if (rule == null) {
            throw new SimulationException("instrument model " + name + " documents no rule '" + ruleName
                    + "': add it under \"rules\" in " + family.family() + ".commands.json with its manual page");
        }
        return rule;
    }

    /** The parameter of the first row that sets {@code state}, or null when the table has none. */
    ModelParameter parameterOf(String state) {
        return commands.stream().filter(c -> c.state().equals(state)).map(ModelCommand::parameter).findFirst()
                .orElse(null);
    }

    /** A number as this model prints it in a query reply. */
    public String formatNumber(double value) {
        return String.format(Locale.ROOT, family.replyFormats().number(), value);
    }

    public String overflowReply() {
        String overflow = family.replyFormats().overflow();
        return overflow == null ? "9.9E+37" : overflow;
    }

    /** One error queue entry as this model prints it. */
    public String formatError(int code) {
        if (code == 0) {
            return family.replyFormats().noError();
        }
        String text = family.errorMessages().getOrDefault(code, "Unknown error");
        return String.format(Locale.ROOT, family.replyFormats().error(), code, text);
    }
}
