package dev.compose2eb.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parsing of option values shared by the AWS commands; a bad value is a usage error (exit 2). */
final class OptionValues {
  private OptionValues() {}

  /** A Go-style duration: {@code 20m}, {@code 90s}, {@code 1h30m}, {@code 500ms}. */
  static Duration duration(CommandSpec spec, String option, String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text);
    long ms = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      long v = Long.parseLong(m.group(1));
      ms += switch (m.group(2)) {
        case "ms" -> v;
        case "s" -> v * 1000;
        case "m" -> v * 60_000;
        default -> v * 3_600_000;
      };
      end = m.end();
    }
    if (end != text.length() || text.isEmpty() || ms <= 0) {
      throw new ParameterException(spec.commandLine(), "invalid " + option + " \"" + text
          + "\"; expected a duration like 20m, 90s or 1h30m");
    }
    return Duration.ofMillis(ms);
  }

  static Map<String, Path> archives(CommandSpec spec, List<String> imageArchives, Path cwd) {
    Map<String, Path> out = new LinkedHashMap<>();
    for (String a : imageArchives) {
      int eq = a.indexOf('=');
      if (eq <= 0 || eq == a.length() - 1) {
        throw new ParameterException(spec.commandLine(), "invalid --image-archive \"" + a
            + "\"; expected SERVICE=PATH, e.g. web=web.tar");
      }
      out.put(a.substring(0, eq), cwd.resolve(a.substring(eq + 1)));
    }
    return out;
  }

  static Map<String, String> assignments(CommandSpec spec, String option, List<String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String e : env) {
      int eq = e.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(spec.commandLine(), "invalid " + option + " \"" + e.substring(0,
            Math.max(0, eq < 0 ? e.length() : eq)) + "...\"; expected KEY=VALUE");
      }
      out.put(e.substring(0, eq), e.substring(eq + 1));
    }
    return out;
  }
}
