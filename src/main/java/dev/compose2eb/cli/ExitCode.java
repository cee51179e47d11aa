package dev.compose2eb.cli;

/** The process exit codes, listed in {@code --help}. */
enum ExitCode {
  OK(0, "success (warnings may have been printed)"),
  FAILURE(1, "failure (writing an output file, a remote call that failed, a bug)"),
  USAGE(2, "usage error (unknown option, missing argument)"),
  INVALID_INPUT(3, "invalid input (a wrong, missing or unreadable input file), or any warning"
      + " with --strict"),
  DIFFERENT(4, "a difference was found (convert --check, diff); deploy: deployed but unhealthy");

  final int code;
  final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The block shown at the end of every help screen. */
  static String helpSection() {
    StringBuilder sb = new StringBuilder("%nExit codes:%n");
    for (ExitCode c : values()) {
      sb.append("  ").append(c.code).append("   ").append(c.meaning).append("%n");
    }
    return sb.toString();
  }
}
