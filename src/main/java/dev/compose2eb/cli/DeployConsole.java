package dev.compose2eb.cli;

import dev.compose2eb.deploy.DeployListener;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * Renders a deploy on stderr: one line per step, EB events as {@code eb} prints them (UTC), and a
 * progress bar per image or bundle only when stderr is a terminal and NO_COLOR is unset.
 */
final class DeployConsole implements DeployListener {
  static final DateTimeFormatter EVENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Console console;
  private final boolean bars;
  private final Map<String, Integer> lastPercent = new HashMap<>();

  DeployConsole(Console console) {
    this.console = console;
    this.bars = System.console() != null && !console.env.containsKey("NO_COLOR")
        && !"dumb".equals(console.env.get("TERM"));
  }

  @Override
  public void step(String step, String action, String detail) {
    console.err.println(String.format("%-12s %-7s %s", step, action, detail));
  }

  @Override
  public void event(Instant at, String severity, String message) {
    console.err.println(EVENT_TIME.format(at) + "  " + String.format("%-5s", severity) + "  " + message);
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
}
