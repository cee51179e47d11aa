package dev.compose2eb.translate;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostics;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Container names for services. ECS allows {@code [A-Za-z0-9_-]}; compose also allows {@code .},
 * which becomes {@code _}. Two services that map to the same name are an error.
 */
final class ContainerNames {
  private final Map<String, String> byService = new LinkedHashMap<>();

  ContainerNames(Project project, Diagnostics diags) {
    Map<String, String> taken = new HashMap<>();
    for (Service s : project.services()) {
      String name = s.name().replaceAll("[^A-Za-z0-9_-]", "_");
      if (name.length() > 255) {
        name = name.substring(0, 255);
      }
      String other = taken.putIfAbsent(name, s.name());
      if (other != null) {
        diags.error(s.location(), "services." + s.name(), "service \"" + s.name()
                + "\" and service \"" + other + "\" both become container \"" + name + "\"",
            "container names allow only letters, digits, _ and -; rename one of the services");
      }
      if (!name.equals(s.name())) {
        // a link alias follows the same rule as a container name, so the compose name cannot survive
        diags.warning(s.location(), "services." + s.name(), "container name \"" + name
                + "\": ECS allows only letters, digits, _ and - in container names and link"
                + " aliases, so other containers reach it as " + name + ", not " + s.name(),
            "rename the service to " + name + ", or use " + name
                + " in the host names that point at it");
      }
      byService.put(s.name(), name);
    }
  }

  String of(String service) {
    return byService.getOrDefault(service, service);
  }
}
