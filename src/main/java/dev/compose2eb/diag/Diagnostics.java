package dev.compose2eb.diag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every problem found in one run, so that users see all of them at once instead of one per
 * attempt. Not thread-safe: one collector per load or conversion.
 */
public final class Diagnostics {
  /** Past this many errors the input is hopeless and further ones only add noise. */
  static final int MAX_ERRORS = 200;

  private final List<Diagnostic> items = new ArrayList<>();
  /** The warnings and infos in {@code items}, to find a repeated one without scanning the list. */
  private final Set<Diagnostic> said = new HashSet<>();
  private int errors;

  public void add(Diagnostic d) {
    if (d.isError()) {
      if (errors >= MAX_ERRORS) {
        return;
      }
      errors++;
    }
    if (!d.isError() && !said.add(d)) {
      return; // the same warning reached twice (a shared anchor, an extends base) is said once
    }
    items.add(d);
  }

  public void error(SourceLocation at, String path, String message, String hint) {
    add(Diagnostic.error(at, path, message, hint));
  }

  public void warning(SourceLocation at, String path, String message, String hint) {
    add(Diagnostic.warning(at, path, message, hint));
  }

  public void info(SourceLocation at, String path, String message, String hint) {
    add(Diagnostic.info(at, path, message, hint));
  }

  public void addAll(List<Diagnostic> more) {
    more.forEach(this::add);
  }

  public boolean hasErrors() {
    return errors > 0;
  }

  public int errorCount() {
    return errors;
  }

  public List<Diagnostic> list() {
    return List.copyOf(items);
  }

  /** Throws when any error was collected; call at the end of a phase. */
  public void throwIfErrors() {
    if (hasErrors()) {
      throw new InvalidInputException(list());
    }
  }
}
