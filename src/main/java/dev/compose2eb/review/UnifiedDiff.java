package dev.compose2eb.review;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line, with three lines of context, as {@code diff -u}
 * prints it. For generated files of a few thousand lines: the longest common subsequence is
 * computed in O(n·m) space, refused beyond {@link #MAX_CELLS}.
 */
public final class UnifiedDiff {
  static final long MAX_CELLS = 25_000_000L;
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff, or an empty string when the texts are equal. */
  public static String diff(String oldName, String oldText, String newName, String newText) {
    if (oldText.equals(newText)) {
      return "";
    }
    List<String> a = lines(oldText);
    List<String> b = lines(newText);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
    if ((long) a.size() * b.size() > MAX_CELLS) {
      out.append("@@ -1,").append(a.size()).append(" +1,").append(b.size()).append(" @@\n");
      a.forEach(l -> out.append('-').append(l).append('\n'));
      b.forEach(l -> out.append('+').append(l).append('\n'));
      return out.toString();
    }
    List<Op> ops = script(a, b);
    int i = 0;
    while (i < ops.size()) {
      if (ops.get(i).kind == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int lastChange = i;
      for (int j = i + 1; j < ops.size(); j++) {
        if (ops.get(j).kind != ' ') {
          lastChange = j;
        } else if (j - lastChange > 2 * CONTEXT) {
          break;
        }
      }
      int end = Math.min(ops.size() - 1, lastChange + CONTEXT);
      int oldStart = ops.get(start).oldLine;
      int newStart = ops.get(start).newLine;
      int oldCount = 0;
      int newCount = 0;
      for (int j = start; j <= end; j++) {
        char k = ops.get(j).kind;
        if (k != '+') {
          oldCount++;
        }
        if (k != '-') {
          newCount++;
        }
      }
      out.append("@@ -").append(range(oldStart, oldCount)).append(" +")
          .append(range(newStart, newCount)).append(" @@\n");
      for (int j = start; j <= end; j++) {
        out.append(ops.get(j).kind).append(ops.get(j).text).append('\n');
      }
      i = end + 1;
    }
    return out.toString();
  }

  private static String range(int start, int count) {
    if (count == 0) {
      return (start - 1) + ",0";
    }
    return count == 1 ? Integer.toString(start) : start + "," + count;
  }

  /** One line of the edit script; line numbers are 1-based positions in each text. */
  private record Op(char kind, String text, int oldLine, int newLine) {}

  private static List<Op> script(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int x = n - 1; x >= 0; x--) {
      for (int y = m - 1; y >= 0; y--) {
        lcs[x][y] = a.get(x).equals(b.get(y)) ? lcs[x + 1][y + 1] + 1
            : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
      }
    }
    List<Op> ops = new ArrayList<>();
    int x = 0;
    int y = 0;
    while (x < n || y < m) {
      if (x < n && y < m && a.get(x).equals(b.get(y))) {
        ops.add(new Op(' ', a.get(x), x + 1, y + 1));
        x++;
        y++;
      } else if (x < n && (y == m || lcs[x + 1][y] >= lcs[x][y + 1])) {
        // removals before additions, as diff -u prints a changed block
        ops.add(new Op('-', a.get(x), x + 1, y + 1));
        x++;
      } else {
        ops.add(new Op('+', b.get(y), x + 1, y + 1));
        y++;
      }
    }
    return ops;
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }
}
