package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A command header as written in a programming manual, e.g. {@code [SOURce[1|2]:]FUNCtion:PULSe:WIDTh} or
 * {@code OUTPut[1|2][:STATe]}: colon-separated mnemonics whose capitals are the short form, nodes in brackets that
 * may be left out, and a numeric suffix list in brackets after a mnemonic that selects a channel. A received header
 * matches when each mnemonic equals a node's short or long form (any case), optional nodes may be skipped, and any
 * suffix given is in the node's list. The matched suffix is the channel; when none is given it is 1.
 */
final class HeaderPattern {
    /** One node of the pattern. */
    private record Node(String longForm, String shortForm, boolean optional, Set<Integer> suffixes) {
        boolean accepts(HeaderToken token) {
            String mnemonic = token.mnemonic().toUpperCase(Locale.ROOT);
            boolean nameMatches = mnemonic.equals(shortForm) || mnemonic.equals(longForm);
            return nameMatches && (token.suffix() < 0 || suffixes.contains(token.suffix()));
        }
    }

    /** Outcome of a match: the channel selected by a header suffix, 1 when none was given. */
    record Match(int channel) {
    }

    private final String text;
    private final List<Node> nodes;

    private HeaderPattern(String text, List<Node> nodes) {
        this.text = text;
        this.nodes = List.copyOf(nodes);
    }

    static HeaderPattern of(String pattern) {
        List<Node> nodes = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == ':') {
                i++;
                continue;
            }
            boolean optional = c == '[';
            if (optional) {
                i++;
                if (pattern.charAt(i) == ':') {
                    i++;
                }
            }
            int start = i;
            while (i < pattern.length() && (Character.isLetter(pattern.charAt(i)) || pattern.charAt(i) == '*')) {
                i++;
            }
            String longForm = pattern.substring(start, i);
            if (longForm.isEmpty()) {
                throw new IllegalArgumentException("bad header pattern at " + i + ": " + pattern);
            }
            Set<Integer> suffixes = new TreeSet<>();
            if (i + 1 < pattern.length() && pattern.charAt(i) == '[' && Character.isDigit(pattern.charAt(i + 1))) {
                int close = pattern.indexOf(']', i);
                for (String suffix : pattern.substring(i + 1, close).split("\\|")) {
                    suffixes.add(Integer.parseInt(suffix));
                }
                i = close + 1;
            }
            if (optional) {
                if (i < pattern.length() && pattern.charAt(i) == ':') {
                    i++;
                }
                if (i >= pattern.length() || pattern.charAt(i) != ']') {
                    throw new IllegalArgumentException("unclosed optional node in header pattern: " + pattern);
                }
                i++;
            }
            nodes.add(new Node(longForm.toUpperCase(Locale.ROOT), shortForm(longForm), optional, suffixes));
        }
        return new HeaderPattern(pattern, nodes);
    }

    /** Capitals (and a leading '*') of a mnemonic: {@code FUNCtion} → {@code FUNC}. */
    private static String shortForm(String longForm) {
        StringBuilder shortForm = new StringBuilder();
        for (char c : longForm.toCharArray()) {
            if (Character.isUpperCase(c) || c == '*') {
                shortForm.append(c);
            }
        }
        return shortForm.toString();
    }

    /** The match of a received header, or null when it does not match. */
    Match match(List<HeaderToken> tokens) {
        int[] channel = {1};
        return matchFrom(0, 0, tokens, channel) ? new Match(channel[0]) : null;
    }

    private boolean matchFrom(int nodeIndex, int tokenIndex, List<HeaderToken> tokens, int[] channel) {
        if (nodeIndex == nodes.size()) {
            return tokenIndex == tokens.size();
        }
        Node node = nodes.get(nodeIndex);
        if (tokenIndex < tokens.size() && node.accepts(tokens.get(tokenIndex))) {
            int saved = channel[0];
            int suffix = tokens.get(tokenIndex).suffix();
            if (suffix >= 0) {
                channel[0] = suffix;
            }
            if (matchFrom(nodeIndex + 1, tokenIndex + 1, tokens, channel)) {
                return true;
            }
            channel[0] = saved;
        }
        return node.optional() && matchFrom(nodeIndex + 1, tokenIndex, tokens, channel);
    }

    /** True when a colon-separated text such as {@code VOLT:DC} or {@code voltage} matches the pattern. */
    boolean matchesText(String text) {
        List<HeaderToken> tokens = new ArrayList<>();
        for (String part : text.split(":", -1)) {
            try {
                tokens.add(HeaderToken.parse(part));
            } catch (ScpiError e) {
                return false;
            }
        }
        return match(tokens) != null;
    }

    /**
     * A header that matches: the long form of every required node, optional nodes left out, and the first listed
     * suffix on a node that selects a channel ({@code OUTPut[1|2]:LOAD} → {@code OUTPUT1:LOAD}).
     */
    String exampleHeader() {
        List<String> parts = new ArrayList<>();
        for (Node node : nodes) {
            if (!node.optional()) {
                parts.add(node.longForm() + (node.suffixes().isEmpty() ? "" : node.suffixes().iterator().next()));
            }
        }
        return String.join(":", parts);
    }

    /** Every node's short form, optional ones included, joined by colons: {@code VOLTage[:DC]} → {@code VOLT:DC}. */
    String canonicalShortForm() {
        return String.join(":", nodes.stream().map(Node::shortForm).toList());
    }

    @Override
    public String toString() {
        return text;
    }
}
