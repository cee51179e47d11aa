package dev.compose2eb.compose.model;

import dev.compose2eb.diag.SourceLocation;

/** One {@code depends_on} entry in long form. */
public record DependsOn(
    String service, Condition condition, boolean restart, boolean required, SourceLocation location) {

  /** When the dependency counts as ready. */
  public enum Condition {
    SERVICE_STARTED("service_started"),
    SERVICE_HEALTHY("service_healthy"),
    SERVICE_COMPLETED_SUCCESSFULLY("service_completed_successfully");

    private final String yaml;

    Condition(String yaml) {
      this.yaml = yaml;
    }

    public String yaml() {
      return yaml;
    }
  }
}
