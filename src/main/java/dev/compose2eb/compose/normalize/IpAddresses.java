package dev.compose2eb.compose.normalize;

/** Textual IPv4/IPv6 checks (no name lookups), as Go's {@code net.ParseIP} accepts them. */
final class IpAddresses {

  private IpAddresses() {}

  static boolean valid(String s) {
    return s.contains(":") ? ipv6(s) : ipv4(s);
  }

  static boolean ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
          || Integer.parseInt(p) > 255 || (p.length() > 1 && p.charAt(0) == '0')) {
        return false;
      }
    }
    return true;
  }

  static boolean ipv6(String s) {
    final int groupsNeeded = 8;
    String body = s;
    int lastColon = s.lastIndexOf(':');
    if (s.indexOf('.') > lastColon && lastColon >= 0) {
      if (!ipv4(s.substring(lastColon + 1))) {
        return false;
      }
      body = s.substring(0, lastColon + 1) + "0:0"; // the IPv4 tail takes two groups
    }
    int gap = body.indexOf("::");
    if (gap != body.lastIndexOf("::")) {
      return false;
    }
    String[] groups;
    if (gap >= 0) {
      String left = body.substring(0, gap);
      String right = body.substring(gap + 2);
      int count = count(left) + count(right);
      if (count < 0 || count > groupsNeeded - 1) {
        return false;
      }
      return true;
    }
    groups = body.split(":", -1);
    if (groups.length != groupsNeeded) {
      return false;
    }
    for (String g : groups) {
      if (!hexGroup(g)) {
        return false;
      }
    }
    return true;
  }

  /** Groups in a colon-separated run, or -1 if one is malformed. */
  private static int count(String run) {
    if (run.isEmpty()) {
      return 0;
    }
    String[] groups = run.split(":", -1);
    for (String g : groups) {
      if (!hexGroup(g)) {
        return -1;
      }
    }
    return groups.length;
  }

  private static boolean hexGroup(String g) {
    return !g.isEmpty() && g.length() <= 4 && g.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }
}
