package dev.compose2eb.diag;

import java.util.Objects;

/**
 * A position in an input file, 1-based. A line of 0 means "the file as a whole" (a missing file, say);
 * a column of 0 means "the line as a whole".
 */
public record SourceLocation(String file, int line, int column) {

  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("negative position " + line + ":" + column);
    }
  }

  /** The location of a whole file, for problems that have no line. */
  public static SourceLocation ofFile(String file) {
    return new SourceLocation(file, 0, 0);
  }

  // Written out, as in Diagnostic: no method-handle bootstrap on a cold start.
  @Override
  public boolean equals(Object o) {
    return o instanceof SourceLocation l && line == l.line && column == l.column
        && file.equals(l.file);
  }

  @Override
  public int hashCode() {
    return (file.hashCode() * 31 + line) * 31 + column;
  }

  @Override
  public String toString() {
    if (line == 0) {
      return file;
    }
    return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }
}
