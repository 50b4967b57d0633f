package org.dynnd.daemon.report;

import java.util.List;
import org.dynnd.daemon.pages.Pages;

/** Renders the report's blocks as Markdown and as an HTML page. */
final class ReportRender {

    private ReportRender() {}

    static String markdown(String title, List<Block> blocks) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        for (Block block : blocks) {
            if (block instanceof Block.Heading h) {
                md.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (block instanceof Block.Paragraph p) {
                md.append(p.text()).append("\n\n");
            } else if (block instanceof Block.Table t) {
                md.append("| ").append(String.join(" | ", t.headers())).append(" |\n|");
                for (int i = 0; i < t.headers().size(); i++) {
                    md.append(i == 0 ? " --- |" : " ---: |");
                }
                md.append('\n');
                for (List<String> row : t.rows()) {
                    md.append("| ").append(String.join(" | ", row)).append(" |\n");
                }
                md.append('\n');
            } else if (block instanceof Block.Figure f) {
                md.append("![").append(f.caption()).append("](").append(f.png()).append(")\n\n");
            }
        }
        return md.toString();
    }

    static String html(String title, List<Block> blocks, int figureWidth) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Pages.escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:right}td:first-child,th:first-child{text-align:left}</style></head><body>\n");
        h.append("<h1>").append(Pages.escape(title)).append("</h1>\n");
        for (Block block : blocks) {
            if (block instanceof Block.Heading x) {
                h.append("<h").append(x.level()).append('>').append(Pages.escape(x.text())).append("</h").append(x.level())
                        .append(">\n");
            } else if (block instanceof Block.Paragraph p) {
                h.append("<p>").append(Pages.escape(p.text())).append("</p>\n");
            } else if (block instanceof Block.Table t) {
                h.append("<table><tr>");
                t.headers().forEach(c -> h.append("<th>").append(Pages.escape(c)).append("</th>"));
                h.append("</tr>\n");
                for (List<String> row : t.rows()) {
                    h.append("<tr>");
                    row.forEach(c -> h.append("<td>").append(Pages.escape(c)).append("</td>"));
                    h.append("</tr>\n");
                }
                h.append("</table>\n");
            } else if (block instanceof Block.Figure f) {
                Pages.figure(h, f.png(), f.caption(), figureWidth);
            }
        }
        h.append("<p>The numbers behind every table and plot are in <a href=\"report.json\">report.json</a>.</p>\n")
                .append("</body></html>\n");
        return h.toString();
    }
}
