package org.spinnoise.sim;

import java.util.List;

/**
 * One command or query of a program message (the text between semicolons), parsed: its header mnemonics, whether
 * the header was absolute (leading colon) or a common command ({@code *IDN?}), whether it is a query, and its
 * parameters as raw text for {@link Parameters} to type-check.
 */
record ProgramUnit(List<HeaderToken> header, boolean absolute, boolean common, boolean query, List<String> parameters) {
}
