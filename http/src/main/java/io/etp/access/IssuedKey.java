package io.etp.access;

/** A key just created: the only moment its raw secret exists outside the caller's hands. */
public record IssuedKey(ApiKey key, String secret) {}
