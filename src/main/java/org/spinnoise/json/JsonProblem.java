package org.spinnoise.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What is wrong with a JSON file a person wrote (a recipe, a bench file, a device profile, a run manifest), said in
 * the words of the file rather than of the library that read it: the field by its JSON path ({@code sweep.points},
 * {@code junctions[2].v50Volts}) and what it must be ("must be a whole number, got \"many\""), or the line and column
 * of a syntax error, or "no such file". Every reader of a user's file builds its one line from {@link #of}: the
 * file, this, and what to do. Jackson's own messages name Java types and feature flags
 * ({@code FAIL_ON_MISSING_CREATOR_PROPERTIES}) that mean nothing to the person who has to correct the file.
 */
public final class JsonProblem {
    /** A record constructor's NullPointerException names the null component: {@code because "reset" is null}. */
    private static final Pattern NULL_COMPONENT = Pattern.compile("because \"(?:this\\.)?([A-Za-z0-9_]+)\" is null");
    private static final Pattern MISSING_PROPERTY = Pattern.compile("Missing (?:required )?creator property '([^']*)'");

    private JsonProblem() {
    }

    /**
     * One line for a failure to read a JSON file: "no such file", "cannot be read (permission denied)", "is not valid
     * JSON at line L, column C (...)", "field a.b: must be ...", "field a.b: unknown (the fields here are ...)".
     */
    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot be read (permission denied)";
        }
        if (e instanceof JsonMappingException m) {
            return mapping(m);
        }
        if (e instanceof JsonProcessingException p) {
            return "is not valid JSON" + at(p.getLocation()) + " (" + firstLine(p.getOriginalMessage())
                    .replaceAll(" \\(code \\d+\\)", "") + ")";
        }
        return "cannot be read (" + firstLine(e.getMessage()) + ")";
    }

    /** The JSON path of a mapping failure, e.g. {@code sweep.widthsSeconds[1]}; empty at the top of the file. */
    public static String path(JsonMappingException e) {
        return path(e.getPath());
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(printable(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String mapping(JsonMappingException e) {
        String path = path(e);
        if (e instanceof UnrecognizedPropertyException u) {
            String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
            return "field " + path + ": unknown" + known(u.getKnownPropertyIds(), parent) + "; correct its name or "
                    + "remove it";
        }
        if (e.getCause() instanceof NullPointerException npe) {
            // A section given as null (or left out where null is read as absent) that the record needs.
            Matcher nulled = NULL_COMPONENT.matcher(String.valueOf(npe.getMessage()));
            String name = nulled.find() ? nulled.group(1) : null;
            return "field " + (name == null ? (path.isEmpty() ? "?" : path) : path.isEmpty() ? name : path + "." + name)
                    + ": missing or null";
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            // A record's own check: its message already says what the value must be.
            return prefix(path) + firstLine(e.getCause().getMessage());
        }
        String original = firstLine(e.getOriginalMessage());
        Matcher missing = MISSING_PROPERTY.matcher(original);
        if (missing.find()) {
            String name = missing.group(1);
            // Jackson puts the missing property at the end of the path; older versions leave it off.
            boolean named = path.equals(name) || path.endsWith("." + name);
            return "field " + (named ? path : path.isEmpty() ? name : path + "." + name) + ": missing";
        }
        if (e instanceof InvalidFormatException f) {
            return field(path) + "must be " + kind(f.getTargetType()) + ", got " + shown(f.getValue());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            if (original.contains("`null`") || original.contains("null value")) {
                return field(path) + "must be " + kind(m.getTargetType()) + ", not null";
            }
            return field(path) + "must be " + kind(m.getTargetType());
        }
        if (e.getCause() instanceof IllegalArgumentException cause && cause.getMessage() != null) {
            return prefix(path) + firstLine(cause.getMessage());
        }
        return prefix(path) + "is not valid" + at(e.getLocation());
    }

    /** Before a whole sentence of its own: the field, if any. */
    private static String prefix(String path) {
        return path.isEmpty() ? "" : "field " + path + ": ";
    }

    /** Before "must be ...": the field, or the whole file when the problem is at its top. */
    private static String field(String path) {
        return path.isEmpty() ? "the whole file " : "field " + path + ": ";
    }

    private static String known(Collection<Object> ids, String parent) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        return " (the fields " + (parent.isEmpty() ? "at the top" : "of " + parent) + " are "
                + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
    }

    /** The kind of value a Java type stands for, in the words of a JSON file. */
    static String kind(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list [...]";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord() || !type.isPrimitive()) {
            return "an object {...}";
        }
        return type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static String shown(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int end = 0;
        while (end < message.length() && message.charAt(end) != '\n' && message.charAt(end) != '\r') {
            end++;
        }
        return printable(message.substring(0, end));
    }

    /** Control characters in a field name or message, escaped so that an error stays one line (fuzz finding 6). */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
