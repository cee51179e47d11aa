package dev.compose2eb.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A fish completion script written from the command model (picocli generates bash only): one
 * {@code complete} line per subcommand and per option, each guarded by the subcommands typed so far.
 */
final class FishCompletion {
  private FishCompletion() {}

  static String script(CommandSpec root) {
    String name = root.name();
    StringBuilder sb = new StringBuilder();
    sb.append("# fish completion for ").append(name).append(", written by `").append(name)
        .append(" completion fish`.\n");
    sb.append("# Install: ").append(name).append(" completion fish > ~/.config/fish/completions/")
        .append(name).append(".fish\n");
    sb.append("complete -c ").append(name).append(" -f\n");
    commands(sb, name, root, new ArrayList<>());
    return sb.toString();
  }

  /** The lines for {@code spec}, reached by typing the subcommands in {@code path}. */
  private static void commands(StringBuilder sb, String name, CommandSpec spec, List<String> path) {
    Map<String, CommandLine> subs = spec.subcommands();
    String here = condition(path);
    if (!subs.isEmpty()) {
      String none = "not __fish_seen_subcommand_from " + String.join(" ", subs.keySet());
      for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
        sb.append("complete -c ").append(name).append(" -n ")
            .append(quote(here.isEmpty() ? none : here + "; and " + none))
            .append(" -a ").append(quote(e.getKey()))
            .append(" -d ").append(quote(summary(describe(e.getValue().getCommandSpec()))))
            .append('\n');
      }
    }
    for (OptionSpec o : spec.options()) {
      if (o.hidden()) {
        continue;
      }
      sb.append("complete -c ").append(name);
      if (!here.isEmpty()) {
        sb.append(" -n ").append(quote(here));
      }
      for (String n : o.names()) {
        sb.append(n.startsWith("--") ? " -l " + n.substring(2) : " -s " + n.substring(1));
      }
      if (o.arity().max() > 0) {
        if (o.completionCandidates() != null) {
          List<String> values = new ArrayList<>();
          o.completionCandidates().forEach(values::add);
          sb.append(" -x -a ").append(quote(String.join(" ", values)));
        } else if (takesPath(o)) {
          sb.append(" -r -F");
        } else {
          sb.append(" -x");
        }
      }
      sb.append(" -d ").append(quote(summary(o.description()))).append('\n');
    }
    boolean files = false;
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (p.completionCandidates() != null) {
        List<String> values = new ArrayList<>();
        p.completionCandidates().forEach(values::add);
        sb.append("complete -c ").append(name).append(" -n ").append(quote(here))
            .append(" -a ").append(quote(String.join(" ", values))).append('\n');
      } else if (!files && (Path.class.equals(p.type()) || Path.class.equals(p.auxiliaryTypes()[0]))) {
        files = true;
        sb.append("complete -c ").append(name).append(" -n ").append(quote(here)).append(" -F\n");
      }
    }
    for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
      List<String> next = new ArrayList<>(path);
      next.add(e.getKey());
      commands(sb, name, e.getValue().getCommandSpec(), next);
    }
  }

  /** Whether the option's value is a file or directory, so that fish offers paths. */
  private static boolean takesPath(OptionSpec o) {
    String label = o.paramLabel();
    return Path.class.equals(o.type()) || label.equals("FILE") || label.startsWith("FILE.")
        || label.equals("DIR");
  }

  /** A command's one-line header when it has one (picocli's help command), else its description. */
  private static String[] describe(CommandSpec spec) {
    String[] header = spec.usageMessage().header();
    return header.length > 0 ? header : spec.usageMessage().description();
  }

  /** fish's test that every subcommand in {@code path} was typed; empty for the top level. */
  private static String condition(List<String> path) {
    List<String> parts = new ArrayList<>();
    for (String p : path) {
      parts.add("__fish_seen_subcommand_from " + p);
    }
    return String.join("; and ", parts);
  }

  /** The first sentence of a description, without its default value. */
  private static String summary(String[] description) {
    if (description.length == 0) {
      return "";
    }
    String s = description[0];
    int cut = s.indexOf(" (default");
    if (cut >= 0) {
      s = s.substring(0, cut);
    }
    cut = s.indexOf(". ");
    if (cut >= 0) {
      s = s.substring(0, cut);
    }
    for (String stop : List.of(" (", ": ", "; ")) {
      cut = s.indexOf(stop);
      if (cut > 0) {
        s = s.substring(0, cut); // fish shows descriptions in one column: the first clause
      }
    }
    s = s.replace("%n", " ").strip();
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** A fish single-quoted string: only backslash and the quote are special inside. */
  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
