package org.spinnoise.report;

import java.util.Base64;

/**
 * A self-contained HTML page under construction: inline CSS, images as base64 data: URIs, nothing fetched from
 * anywhere. Every piece of text goes through {@link #escape}, so a run name or an instrument's *IDN? reply cannot
 * inject markup.
 */
final class HtmlPage {
    private static final String STYLE = "body{font-family:sans-serif;margin:2em auto;max-width:960px;color:#202020}"
            + "h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}"
            + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .6em;"
            + "text-align:left;vertical-align:top}th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:"
            + "tabular-nums}figure{margin:1em 0}img{max-width:100%;border:1px solid #eee}figcaption{color:#555;"
            + "font-size:.9em}.bad{color:#b00020;font-weight:bold}.good{color:#1b7d2b;font-weight:bold}"
            + "code{font-size:.9em}";

    private final StringBuilder body = new StringBuilder();
    private final String title;

    HtmlPage(String title) {
        this.title = title;
    }

    /** {@code text} with the five characters HTML gives meaning to replaced by entities. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    HtmlPage heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    HtmlPage paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A paragraph in the good (green) or bad (red) style. */
    HtmlPage verdict(String text, boolean good) {
        body.append("<p class=\"").append(good ? "good" : "bad").append("\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A two-column table of facts: each pair is a name and its value. */
    HtmlPage facts(String id, Facts facts) {
        if (facts.isEmpty()) {
            return this;
        }
        body.append("<table id=\"").append(escape(id)).append("\">\n");
        for (String[] row : facts.rows()) {
            body.append("<tr><th>").append(escape(row[0])).append("</th><td>").append(escape(row[1]))
                    .append("</td></tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** A table with a header row; cells that look like numbers are right-aligned. */
    HtmlPage table(String id, String[] header, java.util.List<String[]> rows) {
        body.append("<table id=\"").append(escape(id)).append("\">\n<tr>");
        for (String h : header) {
            body.append("<th>").append(escape(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (String[] row : rows) {
            body.append("<tr>");
            for (String cell : row) {
                boolean number = cell != null && cell.matches("[-+0-9.,eE ]+[^ ]{0,3}");
                body.append(number ? "<td class=\"n\">" : "<td>").append(escape(cell)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** A PNG embedded as a data: URI, with its file name and a caption. */
    HtmlPage image(String fileName, byte[] png, String caption) {
        body.append("<figure id=\"").append(escape(fileName)).append("\"><img alt=\"").append(escape(fileName))
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                .append("\"><figcaption>").append(escape(caption)).append(" (<code>").append(escape(fileName))
                .append("</code>)</figcaption></figure>\n");
        return this;
    }

    String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body
                + "</body>\n</html>\n";
    }

    /** Name-value rows, in order; a null value leaves its row out (a section the run did not reach). */
    static final class Facts {
        private final java.util.List<String[]> rows = new java.util.ArrayList<>();

        Facts add(String name, String value) {
            if (value != null) {
                rows.add(new String[] {name, value});
            }
            return this;
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        java.util.List<String[]> rows() {
            return rows;
        }
    }
}
