package org.truce.verification;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One change of an incident's finding: from, to, under which rule, and what caused it. */
public record FindingChange(long seq, UUID incidentId, String from, String to, String rule, String cause, String causeId,
                            UUID changedBy, OffsetDateTime changedAt) {}
