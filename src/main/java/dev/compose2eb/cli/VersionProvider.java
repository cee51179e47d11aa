package dev.compose2eb.cli;

import picocli.CommandLine;

/** The version from the jar manifest; "dev" when run from classes (tests, IDE). */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"compose2eb " + (v == null ? "dev" : v)};
  }
}
