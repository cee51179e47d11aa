package dev.compose2eb.dockerrun;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/** Each container on its own: name, image, memory, environment; and at least one essential. */
final class ContainerRules {
  static final String NAME_PATTERN = "[A-Za-z0-9_-]{1,255}";
  static final int MIN_MEMORY_MIB = 6;

  private final Check check;
  private final List<Check.Item> containers;
  private final BiPredicate<String, String> looksSecret;

  ContainerRules(Check check, BiPredicate<String, String> looksSecret) {
    this.check = check;
    this.looksSecret = looksSecret;
    this.containers = Check.objects(check.doc.root(), "", "containerDefinitions");
  }

  List<Check.Item> items() {
    return containers;
  }

  void run() {
    Map<String, String> names = new HashMap<>();
    for (Check.Item c : containers) {
      name(c, names);
      image(c);
      memory(c);
      environment(c);
    }
    essential();
  }

  /** A name ECS accepts, derived from one it does not (compose allows '.'). */
  static String sanitize(String name) {
    String s = name.replaceAll("[^A-Za-z0-9_-]", "-");
    s = s.length() > 255 ? s.substring(0, 255) : s;
    return s.isEmpty() ? "web" : s;
  }

  /** How diagnostics name a container: its name when it has a usable one, else its path. */
  static String label(Check.Item c) {
    return Check.text(c.node(), "name").filter(n -> !n.isEmpty())
        .map(n -> "container " + JsonValues.quote(n)).orElse(c.path());
  }

  private void name(Check.Item c, Map<String, String> seen) {
    String path = c.child("name");
    if (!Check.has(c.node(), "name")) {
      check.missing(c.path(), "name", "container has no name; every container needs a unique name",
          "e.g. \"name\": \"web\"");
      return;
    }
    Check.text(c.node(), "name").ifPresent(name -> {
      if (!name.matches(NAME_PATTERN)) {
        check.error(path, "invalid container name " + JsonValues.quote(name)
                + "; names use only letters, digits, '_' and '-' (1-255 characters)",
            "e.g. " + JsonValues.quote(sanitize(name)));
        return;
      }
      String first = seen.putIfAbsent(name, path);
      if (first != null) {
        check.error(path, "duplicate container name " + JsonValues.quote(name) + " (also at "
            + first + "); names must be unique", "rename one, e.g. " + JsonValues.quote(name + "-2"));
      }
    });
  }

  private void image(Check.Item c) {
    String path = c.child("image");
    if (!Check.has(c.node(), "image")) {
      check.missing(c.path(), "image", label(c) + " has no image; the ECS platform pulls images and cannot"
              + " build them",
          "e.g. \"image\": \"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0\"");
      return;
    }
    Check.text(c.node(), "image").ifPresent(image -> {
      if (image.isBlank()) {
        check.error(path, "empty image; the ECS platform pulls images and cannot build them",
            "e.g. \"image\": \"nginx:1.27\"");
      } else if (!image.equals(image.strip()) || image.chars().anyMatch(Character::isWhitespace)) {
        check.error(path, "invalid image " + JsonValues.quote(image)
            + "; an image reference has no spaces", "e.g. \"image\": \"nginx:1.27\"");
      } else if (image.chars().anyMatch(Character::isISOControl)) {
        check.error(path, "invalid image " + JsonValues.quote(image)
            + "; an image reference has no control characters", "e.g. \"image\": \"nginx:1.27\"");
      } else {
        EcrImage.check(image).ifPresent(problem -> {
          if (problem.fatal()) {
            check.error(path, problem.message(), EcrImage.EXAMPLE);
          } else {
            check.warning(path, problem.message(), "pin a tag, e.g. \"" + image + ":1.0\" or"
                + " the commit id");
          }
        });
      }
    });
  }

  private void memory(Check.Item c) {
    var hard = Check.integer(c.node(), "memory");
    var soft = Check.integer(c.node(), "memoryReservation");
    if (!Check.has(c.node(), "memory") && !Check.has(c.node(), "memoryReservation")) {
      check.error(c.path(), label(c) + " sets neither memory nor memoryReservation; ECS needs one"
          + " of them (MiB)", "e.g. \"memoryReservation\": 128");
      return;
    }
    hard.filter(m -> m < MIN_MEMORY_MIB).ifPresent(m -> tooLow(c, "memory", m));
    soft.filter(m -> m < MIN_MEMORY_MIB).ifPresent(m -> tooLow(c, "memoryReservation", m));
    if (hard.isPresent() && soft.isPresent() && hard.get() >= MIN_MEMORY_MIB
        && soft.get() >= MIN_MEMORY_MIB && hard.get() <= soft.get()) {
      check.error(c.child("memory"), "memory " + hard.get() + " must be greater than"
              + " memoryReservation " + soft.get() + " (the hard limit is above the soft one)",
          "e.g. \"memory\": " + soft.get() * 2 + ", \"memoryReservation\": " + soft.get());
    }
  }

  private void tooLow(Check.Item c, String key, long value) {
    check.error(c.child(key), key + " " + value + " is below " + MIN_MEMORY_MIB
        + " MiB; ECS needs at least " + MIN_MEMORY_MIB + " MiB per container",
        "e.g. \"" + key + "\": 128");
  }

  private void environment(Check.Item c) {
    Map<String, String> seen = new HashMap<>();
    for (Check.Item e : Check.objects(c.node(), c.path(), "environment")) {
      if (!Check.has(e.node(), "name")) {
        check.missing(e.path(), "name", "environment entry has no name; entries are {name, value} strings",
            "e.g. {\"name\": \"PORT\", \"value\": \"80\"}");
      }
      Check.text(e.node(), "name").ifPresent(name -> {
        if (name.isEmpty()) {
          check.error(e.child("name"), "empty environment variable name",
              "e.g. {\"name\": \"PORT\", \"value\": \"80\"}");
        }
        String first = seen.putIfAbsent(name, e.child("name"));
        if (first != null) {
          check.error(e.child("name"), "duplicate environment variable " + JsonValues.quote(name)
              + " (also at " + first + "); names must be unique per container", "keep one entry");
        }
        if (!Check.has(e.node(), "value")) {
          check.missing(e.path(), "value", "environment variable " + JsonValues.quote(name)
                  + " has no value;"
                  + " entries are {name, value} strings",
              "e.g. {\"name\": " + JsonValues.quote(name) + ", \"value\": \"\"}");
        }
        Check.text(e.node(), "value").filter(v -> looksSecret.test(name, v)).ifPresent(v ->
            check.warning(e.child("value"), "the value of " + JsonValues.quote(name) + " looks secret"
                    + " and is stored in clear text in this file and in the source bundle",
                "keep it in SSM Parameter Store or Secrets Manager and reference it: compose2eb deploy"
                    + " does so for you from aws:elasticbeanstalk:application:environmentsecrets"));
      });
    }
  }

  private void essential() {
    if (containers.isEmpty()) {
      return;
    }
    // essential defaults to true; a non-boolean was reported as a type error, so count it as true
    boolean any = containers.stream()
        .anyMatch(c -> Check.bool(c.node(), "essential").orElse(true));
    if (!any) {
      check.error("containerDefinitions", "no container is essential; ECS needs at least one"
              + " (essential defaults to true)",
          "set \"essential\": true on the main container, e.g. the web server");
    }
  }
}
