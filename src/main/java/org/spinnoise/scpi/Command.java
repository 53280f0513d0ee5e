package org.spinnoise.scpi;

import java.util.Locale;
import java.util.Objects;

/**
 * One instrument message that is not a setting, declared once beside the manual page that defines it: a trigger, a
 * buffer fetch, a trigger-model load, a measurement query. The text may hold {@code {ch}} for a channel number and
 * {@code {0}}, {@code {1}}, … for arguments, filled by {@link #channel} and {@link #with}; a command is sent only
 * through {@link ScpiSession}, so every message a driver sends is one of its declared lines.
 */
public final class Command {
    private final String text;

    private Command(String text) {
        this.text = Objects.requireNonNull(text);
    }

    /** A message as the manual prints it, with {@code {ch}} and {@code {0}}… where values go. */
    public static Command of(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("a command needs text");
        }
        return new Command(text);
    }

    /** The same message on a channel ({@code {ch}} becomes the number). */
    public Command channel(int channel) {
        return new Command(text.replace("{ch}", Integer.toString(channel)));
    }

    /**
     * The same message with its arguments filled in: numbers in SCPI's decimal form, words and quoted strings as
     * given. A placeholder left unfilled, or an argument with no placeholder, is a programming error.
     */
    public Command with(Object... arguments) {
        String filled = text;
        for (int i = 0; i < arguments.length; i++) {
            String placeholder = "{" + i + "}";
            if (!filled.contains(placeholder)) {
                throw new IllegalArgumentException("'" + text + "' has no " + placeholder);
            }
            filled = filled.replace(placeholder, format(arguments[i]));
        }
        return new Command(filled);
    }

    /** Several messages sent as one program message, joined by semicolons (e.g. triggers in a fixed order). */
    public static Command sequence(Command... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("a sequence needs at least one command");
        }
        StringBuilder joined = new StringBuilder();
        for (Command part : parts) {
            if (joined.length() > 0) {
                joined.append(';');
            }
            joined.append(part.text);
        }
        return new Command(joined.toString());
    }

    /** The message as sent. */
    public String text() {
        return text;
    }

    private static String format(Object argument) {
        if (argument instanceof Double || argument instanceof Float) {
            return Double.toString(((Number) argument).doubleValue()).toUpperCase(Locale.ROOT);
        }
        return String.valueOf(argument);
    }

    void checkFilled() {
        if (text.matches(".*\\{(ch|\\d+)}.*")) {
            throw new IllegalStateException("'" + text + "' still has a placeholder to fill");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
