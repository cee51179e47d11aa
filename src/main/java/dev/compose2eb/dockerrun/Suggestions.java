package dev.compose2eb.dockerrun;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the known key closest to a misspelt one, by case-insensitive edit distance. */
final class Suggestions {
  private Suggestions() {}

  /** The nearest candidate if it is close enough to be a plausible typo; ties go to the first. */
  static Optional<String> nearest(String key, List<String> candidates) {
    String lower = key.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, Math.min(3, key.length() / 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
  }

  /** Levenshtein distance with two rows. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
