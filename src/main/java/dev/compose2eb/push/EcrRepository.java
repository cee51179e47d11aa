package dev.compose2eb.push;

/** An ECR repository: its name, its URI ({@code <registry>/<name>}), and whether this run created it. */
public record EcrRepository(String name, String uri, boolean created) {}
