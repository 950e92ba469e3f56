package org.truce.access;

import java.util.UUID;

/** A person or system that acts in Truce, always on behalf of one party. */
public record User(UUID id, String name, String party, Role role) {}
