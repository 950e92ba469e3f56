package org.truce.verification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One guarantor's view of one incident. It is current while it is its guarantor's latest on the incident's
 * current basis; otherwise it stays in the history, superseded by a later one or by a merge or split.
 */
public record Assessment(UUID id, UUID incidentId, String guarantor, String assessment, String rationale,
                         List<String> evidence, UUID assessedBy, String assessedByName, OffsetDateTime assessedAt,
                         int basis, boolean current) {}
