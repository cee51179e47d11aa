package dev.compose2eb.plan;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The memory of every container, planned against the instance type's budget: what a service
 * states is kept (rounded up to MiB, at least ECS's 6 MiB); the services that state nothing share
 * what the budget leaves, each at least {@link #FLOOR_MIB}. One summary line reports the share.
 *
 * @param instance the instance type planned for; empty when the table does not know it
 * @param containers by service name, in project order
 */
record MemoryPlan(Optional<InstanceType> instance, Map<String, ContainerMemory> containers) {
  /**
   * The least reservation a container that states no memory gets: a small web server or API
   * process starts in it, and it keeps the plan from promising a container next to nothing.
   */
  static final int FLOOR_MIB = 128;
  /** The reservation of a container that states none when the instance type is unknown. */
  static final int UNPLANNED_MIB = 256;
  private static final long MIB = 1024 * 1024;
  /** How many services a memory line names before it counts the rest. */
  private static final int NAMES_SHOWN = 8;

  static MemoryPlan of(Project project, PlanSettings settings, Diagnostics diags) {
    Optional<InstanceType> instance = InstanceTypes.find(settings.instanceType());
    Map<String, ContainerMemory> out = new LinkedHashMap<>();
    List<Service> unstated = new ArrayList<>();
    int statedSum = 0;
    for (Service s : project.services()) {
      ContainerMemory m = stated(s, diags);
      if (m == null) {
        unstated.add(s);
        out.put(s.name(), null); // keeps the project order; filled below
      } else {
        out.put(s.name(), m);
        statedSum += m.placedMib();
      }
    }
    SourceLocation at = project.services().isEmpty() ? null : project.services().get(0).location();
    int share;
    if (instance.isEmpty()) {
      share = settings.defaultMemoryMib().orElse(UNPLANNED_MIB);
      diags.warning(at, "services", "instance type " + settings.instanceType() + " is not in"
              + " compose2eb's table, so memory is not planned for it"
              + (unstated.isEmpty() ? "" : "; containers that state none get " + share + " MiB"),
          "check the name (e.g. t3.small), or state each service's memory");
    } else {
      InstanceType type = instance.get();
      int each = settings.defaultMemoryMib().orElse(FLOOR_MIB);
      long need = statedSum + (long) unstated.size() * each;
      if (need > type.budgetMib()) {
        diags.error(at, "services", "the containers need " + need + " MiB (" + breakdown(out,
                unstated, each, settings) + "), but a " + type.name() + " has "
                + type.budgetMib() + " MiB for containers (" + InstanceType.BUDGET_PERCENT
                + "% of " + type.memoryMib() + " MiB installed), so they do not fit on it (ECS"
                + " would never place the task; under Docker Compose they would run out of memory)",
            fitting((int) Math.min(need, Integer.MAX_VALUE)) + ", or lower the memory the"
                + " services state");
        share = each;
      } else {
        int left = type.budgetMib() - statedSum;
        share = settings.defaultMemoryMib()
            .orElseGet(() -> unstated.isEmpty() ? 0 : left / unstated.size());
      }
      if (!unstated.isEmpty() && need <= type.budgetMib()) {
        diags.info(at, "services", "memory for a " + type.name() + " (" + type.budgetMib()
            + " MiB for containers): " + names(unstated) + (unstated.size() == 1 ? " states" : " state")
            + " none and " + (unstated.size() == 1 ? "gets" : "get") + " a soft reservation of "
            + share + " MiB" + (unstated.size() == 1 ? "" : " each")
            + (settings.defaultMemoryMib().isPresent() ? " (--default-memory)" : ""),
            "state what a service needs with deploy.resources.reservations.memory or mem_limit");
      }
    }
    for (Service s : unstated) {
      out.put(s.name(), new ContainerMemory(Optional.empty(), Optional.of(share), false));
    }
    return new MemoryPlan(instance, out);
  }

  /** What the service states, or null when it states nothing. */
  private static ContainerMemory stated(Service s, Diagnostics diags) {
    String path = "services." + s.name();
    // 0 means "no limit" in compose, not a limit of 0 bytes
    Optional<Integer> limit = s.resources().memLimit().filter(b -> b > 0)
        .map(b -> mib(b, s, "memory limit", diags));
    Optional<Integer> reservation = s.resources().memReservation().filter(b -> b > 0)
        .map(b -> mib(b, s, "memory reservation", diags));
    if (limit.isPresent() && reservation.isPresent() && reservation.get() >= limit.get()) {
      diags.warning(s.keyLocation("mem_reservation"), path, "memory reservation "
              + reservation.get() + " MiB is not below the limit " + limit.get()
              + " MiB; ECS needs memory > memoryReservation, so only the limit is kept",
          "set the reservation below the limit, e.g. mem_reservation: " + limit.get() / 2 + "m");
      reservation = Optional.empty();
    }
    return limit.isEmpty() && reservation.isEmpty() ? null
        : new ContainerMemory(limit, reservation, true);
  }

  private static int mib(long bytes, Service s, String what, Diagnostics diags) {
    long m = (bytes + MIB - 1) / MIB;
    if (m < 6) {
      diags.warning(s.location(), "services." + s.name(), what + " of " + bytes
          + " bytes raised to 6 MiB, the least ECS accepts", "give at least 6m");
      return 6;
    }
    return (int) Math.min(m, Integer.MAX_VALUE);
  }

  private static String breakdown(Map<String, ContainerMemory> stated, List<Service> unstated,
      int each, PlanSettings settings) {
    List<String> parts = new ArrayList<>();
    List<String> statedParts = new ArrayList<>();
    stated.forEach((name, m) -> {
      if (m != null) {
        statedParts.add(name + " " + m.placedMib());
      }
    });
    parts.addAll(statedParts.subList(0, Math.min(NAMES_SHOWN, statedParts.size())));
    if (statedParts.size() > NAMES_SHOWN) {
      parts.add((statedParts.size() - NAMES_SHOWN) + " more that state memory");
    }
    if (!unstated.isEmpty()) {
      parts.add(names(unstated) + ": " + each + " each, " + (settings.defaultMemoryMib().isPresent()
          ? "--default-memory" : "the least planned for a service that states none"));
    }
    return String.join("; ", parts);
  }

  /** At most {@link #NAMES_SHOWN} names, then a count: a line stays readable for any project. */
  private static String names(List<Service> services) {
    String shown = services.stream().limit(NAMES_SHOWN).map(Service::name)
        .collect(Collectors.joining(", "));
    return services.size() <= NAMES_SHOWN ? shown
        : shown + " and " + (services.size() - NAMES_SHOWN) + " more";
  }

  /** The advice naming the instance types that would hold {@code need} MiB. */
  static String fitting(int need) {
    List<InstanceType> types = InstanceTypes.smallestFitting(need);
    if (types.isEmpty()) {
      return "no instance type of compose2eb's table holds that much: split the app, or move"
          + " databases to RDS";
    }
    List<String> shown = types.stream().map(InstanceType::name).limit(4).toList();
    int mib = types.get(0).memoryMib();
    return "it fits on a " + (mib % 1024 == 0 ? mib / 1024 + " GiB" : mib + " MiB")
        + " instance type: --instance-type "
        + String.join(", ", shown) + (types.size() > shown.size() ? " and " + (types.size()
        - shown.size()) + " more" : "");
  }
}
