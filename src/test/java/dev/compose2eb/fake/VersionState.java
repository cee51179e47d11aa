package dev.compose2eb.fake;

/** A snapshot of one application version, for assertions; status as EB spells it ("Processed"). */
public record VersionState(
    String application, String label, String bucket, String key, String description, String status) {}
