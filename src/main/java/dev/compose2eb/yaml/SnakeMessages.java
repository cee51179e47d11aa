package dev.compose2eb.yaml;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/** Turns snakeyaml's multi-line error dumps into one short line; the position is reported apart. */
final class SnakeMessages {
  private static final String NOISE_CONTEXT = "while scanning for the next token";

  private SnakeMessages() {}

  /** Where to point: the start of an unclosed quote, else where snakeyaml noticed the problem. */
  static Optional<Mark> mark(MarkedYamlEngineException e) {
    if (isUnclosedQuote(e) && e.getContextMark().isPresent()) {
      return e.getContextMark();
    }
    return e.getProblemMark().or(e::getContextMark);
  }

  static String clean(MarkedYamlEngineException e) {
    if (isUnclosedQuote(e)) {
      return "unclosed quoted string: the file ends before its closing quote";
    }
    String problem = firstLine(e.getProblem());
    if (problem.contains("'\\t(TAB)'")) {
      return "found a tab character where YAML does not allow one; indent with spaces, not tabs";
    }
    problem = problem.replaceAll("\\s*\\(Do not use .* for indentation\\)$", "");
    if (problem.endsWith(".")) {
      problem = problem.substring(0, problem.length() - 1);
    }
    String context = firstLine(e.getContext());
    if (context.isEmpty() || context.equals(NOISE_CONTEXT)) {
      return problem;
    }
    String from = e.getContextMark()
        .map(m -> " that starts at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
        .orElse("");
    return problem + " (" + context + from + ")";
  }

  private static boolean isUnclosedQuote(MarkedYamlEngineException e) {
    return "while scanning a quoted scalar".equals(e.getContext())
        && e.getProblem() != null && e.getProblem().contains("end of stream");
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
