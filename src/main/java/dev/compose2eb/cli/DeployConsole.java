package dev.compose2eb.cli;

import dev.compose2eb.deploy.DeployListener;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a deploy on stderr: one line per step, EB events as {@code eb} prints them (UTC), and a
 * progress bar per image or bundle only when stderr is a terminal and NO_COLOR is unset;
 * with --quiet only EB's ERROR and FATAL events.
 */
final class DeployConsole implements DeployListener {
  static final DateTimeFormatter EVENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Console console;
  private final boolean bars;
  private final Map<String, Integer> lastPercent = new HashMap<>();
  /** What was said, for the JSON document. */
  final List<Step> steps = new ArrayList<>();
  final List<Event> events = new ArrayList<>();

  record Step(String step, String action, String detail) {}

  record Event(Instant at, String severity, String message) {}

  DeployConsole(Console console) {
    this.console = console;
    this.bars = console.interactive();
  }

  @Override
  public void step(String step, String action, String detail) {
    steps.add(new Step(step, action, detail));
    console.note(String.format("%-12s %-7s %s", step, action, detail));
  }

  @Override
  public void event(Instant at, String severity, String message) {
    events.add(new Event(at, severity, message));
    String line = EVENT_TIME.format(at) + "  " + String.format("%-5s", severity) + "  " + message;
    if (severity.equals("ERROR") || severity.equals("FATAL")) {
      console.err.println(line); // EB's own errors are errors: shown with --quiet too
    } else {
      console.note(line);
    }
  }

  @Override
  public void progress(String what, long done, long total) {
    if (!bars || total <= 0) {
      return;
    }
    int percent = (int) Math.min(100, done * 100 / total);
    if (lastPercent.getOrDefault(what, -1) == percent) {
      return;
    }
    lastPercent.put(what, percent);
    int filled = percent / 5;
    console.err.print("\r" + what + " [" + "#".repeat(filled) + " ".repeat(20 - filled) + "] "
        + percent + "%" + (percent == 100 ? "\n" : ""));
    console.err.flush();
  }

  /** The steps and events as {@code steps} and {@code events} arrays of the JSON document. */
  void write(com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
    g.writeArrayFieldStart("steps");
    for (Step s : steps) {
      g.writeStartObject();
      g.writeStringField("step", s.step());
      g.writeStringField("action", s.action());
      g.writeStringField("detail", s.detail());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("events");
    for (Event e : events) {
      g.writeStartObject();
      g.writeStringField("time", java.time.format.DateTimeFormatter.ISO_INSTANT.format(e.at()));
      g.writeStringField("severity", e.severity());
      g.writeStringField("message", e.message());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
