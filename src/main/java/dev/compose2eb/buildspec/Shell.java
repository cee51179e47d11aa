package dev.compose2eb.buildspec;

import java.util.List;
import java.util.regex.Pattern;

/** POSIX sh quoting: what CodeBuild's default shell reads back as exactly the word given. */
final class Shell {
  /** Words made only of these need no quotes in any POSIX shell. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private Shell() {}

  /** The word as is when safe, else single-quoted ({@code '} written as {@code '\''}). */
  static String quote(String word) {
    if (SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** Words already rendered for the shell, joined by spaces. */
  static String join(List<String> words) {
    return String.join(" ", words);
  }
}
